// GET /api/metrics/breakdown: per-agent and per-model rows against answers computed
// here, independently, from the generated spans (lib/metrics/breakdown-types.ts and
// lib/metrics/README.md define them), read raw and from rollups, with filters; and
// the route's auth and parameter checks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Attributes, OtlpResource, OtlpSpan } from "@/lib/otlp/types";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as breakdownRoute } from "@/app/api/metrics/breakdown/route";
import { ingestDecoded } from "@/lib/ingest/ingest";
import { getBreakdown } from "@/lib/metrics/breakdown";
import type { BreakdownBy, BreakdownItem, BreakdownResponse } from "@/lib/metrics/breakdown-types";
import { RELATIVE_ERROR } from "@/lib/metrics/histogram";
import { flushRollups, rollupLag, stopRollupWorker } from "@/lib/metrics/rollup-worker";
import type { MetricsFilter } from "@/lib/metrics/types";
import { BACKENDS, createTestDb, type TestDb } from "./helpers/db";
import { installRuntime } from "./helpers/runtime";
import { startTestServer, type TestServer } from "./helpers/server";
import { createRng } from "@/lib/prng";

const H = 3_600_000;
const D = 24 * H;
const BASE = Date.UTC(2026, 9, 5);
const AGENTS = ["planner", "billing", "support"];
/** request model → response model (null: not reported, the call is keyed by its request model). */
const MODELS = [
  { provider: "openai", request: "gpt-4o-mini", response: "gpt-4o-mini-2024-07-18" },
  { provider: "openai", request: "gpt-4.1", response: null },
  { provider: "anthropic", request: "claude-sonnet-4-5", response: "claude-sonnet-4-5" },
  { provider: "openai", request: "skein-unpriced-model", response: null },
];

/** Deterministic numbers in [0, 1) (lib/prng.ts, mulberry32). */
function rng(seed: number): () => number {
  return createRng(seed).next;
}

interface Call {
  spanId: string;
  provider: string;
  model: string;
  startNs: bigint;
  durationNs: bigint;
  failed: boolean;
  input: number;
  output: number;
  cacheRead: number;
  attrs: Attributes;
}

interface Trace {
  traceId: string;
  rootId: string;
  agent: string;
  service: string;
  resource: OtlpResource;
  /** null: the root never arrives (incomplete trace, no agent). */
  root: { startNs: bigint; durationNs: bigint; status: 0 | 1 | 2 } | null;
  calls: Call[];
}

const hex = (n: number, len: number) => (n + 1).toString(16).padStart(len, "0");
const usNs = (ms: number, r: () => number) => BigInt(Math.floor(ms)) * 1_000_000n + BigInt(Math.floor(r() * 1000)) * 1000n;

function generate(count: number): Trace[] {
  const r = rng(2026);
  const resources = { "svc-a": { attributes: { "service.name": "svc-a" } }, "svc-b": { attributes: { "service.name": "svc-b" } } };
  const out: Trace[] = [];
  for (let i = 0; i < count; i++) {
    const service = r() < 0.6 ? "svc-a" : "svc-b";
    const agent = AGENTS[Math.floor(r() * AGENTS.length)]!;
    const startNs = usNs(BASE + r() * 2 * D, r);
    const rootless = r() < 0.1;
    const root = rootless ? null : { startNs, durationNs: usNs(50 + r() * 60_000, r), status: (r() < 0.25 ? 2 : r() < 0.5 ? 1 : 0) as 0 | 1 | 2 };
    const calls: Call[] = [];
    const n = 1 + Math.floor(r() * 3);
    for (let c = 0; c < n; c++) {
      const m = MODELS[Math.floor(r() * MODELS.length)]!;
      const failed = r() < 0.15;
      const input = failed ? 0 : 100 + Math.floor(r() * 4000);
      const output = failed ? 0 : 10 + Math.floor(r() * 600);
      const cacheRead = r() < 0.4 ? Math.floor(input * 0.5) : 0;
      const attrs: Attributes = {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": m.provider,
        "gen_ai.request.model": m.request,
        "gen_ai.usage.input_tokens": input,
        "gen_ai.usage.output_tokens": output,
      };
      if (m.response) attrs["gen_ai.response.model"] = m.response;
      if (cacheRead > 0) attrs["gen_ai.usage.cache_read.input_tokens"] = cacheRead;
      const durationNs = usNs(5 + r() * 4000, r);
      calls.push({ spanId: hex(i * 16 + 1 + c, 16), provider: m.provider, model: m.response ?? m.request, startNs: startNs + BigInt(c + 1) * 1_000_000n, durationNs, failed, input, output, cacheRead, attrs });
    }
    out.push({ traceId: hex(7_000_000 + i, 32), rootId: hex(i * 16, 16), agent, service, resource: resources[service], root, calls });
  }
  return out;
}

const SCOPE = { name: "breakdown-test", version: "1", attributes: {} };

function otlpSpans(t: Trace): OtlpSpan[] {
  const base = { traceId: t.traceId, traceState: "", flags: 0, droppedAttributesCount: 0, events: [], droppedEventsCount: 0, links: [], droppedLinksCount: 0, resource: t.resource, scope: SCOPE };
  const spans: OtlpSpan[] = t.calls.map((c) => ({
    ...base,
    spanId: c.spanId,
    parentSpanId: t.rootId,
    name: `chat ${c.model}`,
    kind: 3,
    startTimeUnixNano: c.startNs,
    endTimeUnixNano: c.startNs + c.durationNs,
    attributes: c.attrs,
    status: { code: c.failed ? 2 : 0, message: "" },
  }));
  if (t.root) {
    spans.push({
      ...base,
      spanId: t.rootId,
      parentSpanId: null,
      name: `invoke_agent ${t.agent}`,
      kind: 1,
      startTimeUnixNano: t.root.startNs,
      endTimeUnixNano: t.root.startNs + t.root.durationNs,
      attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": t.agent },
      status: { code: t.root.status, message: "" },
    });
  }
  return spans;
}

interface Acc {
  traces: Set<string>;
  roots: number;
  successes: number;
  calls: number;
  errors: number;
  unpriced: number;
  costPico: bigint;
  input: number;
  output: number;
  cacheRead: number;
  latenciesNs: bigint[];
}

const newAcc = (): Acc => ({ traces: new Set(), roots: 0, successes: 0, calls: 0, errors: 0, unpriced: 0, costPico: 0n, input: 0, output: 0, cacheRead: 0, latenciesNs: [] });

/** The breakdown's definitions applied to the generated traces. */
function expected(traces: Trace[], costs: Map<string, bigint | null>, f: Omit<MetricsFilter, "projectId">, by: BreakdownBy): Map<string, Acc> {
  const out = new Map<string, Acc>();
  const acc = (k: string) => out.get(k) ?? out.set(k, newAcc()).get(k)!;
  const [fromNs, toNs] = [BigInt(f.from.getTime()) * 1_000_000n, BigInt(f.to.getTime()) * 1_000_000n];
  for (const t of traces) {
    const start = t.root ? t.root.startNs : t.calls[0]!.startNs;
    const agent = t.root ? t.agent : null;
    if (start < fromNs || start >= toNs || (f.agent && agent !== f.agent) || (f.service && t.service !== f.service)) continue;
    const calls = t.calls.filter((c) => (!f.model || c.model === f.model) && (!f.provider || c.provider === f.provider));
    if ((f.model || f.provider) && calls.length === 0) continue;
    const countTrace = (a: Acc) => {
      if (a.traces.has(t.traceId)) return;
      a.traces.add(t.traceId);
      if (!t.root) return;
      a.roots++;
      if (t.root.status !== 2) a.successes++;
      if (by === "agent") a.latenciesNs.push(t.root.durationNs);
    };
    if (by === "agent") countTrace(acc(agent ?? "(none)"));
    for (const c of calls) {
      const a = acc(by === "agent" ? (agent ?? "(none)") : c.model);
      countTrace(a);
      const cost = costs.get(`${t.traceId}:${c.spanId}`);
      if (cost === undefined) throw new Error("call not stored");
      a.costPico += cost ?? 0n;
      if (cost === null) a.unpriced++;
      a.calls++;
      if (c.failed) a.errors++;
      a.input += c.input;
      a.output += c.output;
      a.cacheRead += c.cacheRead;
      if (by === "model") a.latenciesNs.push(c.durationNs);
    }
  }
  return out;
}

function nearestRankMs(values: bigint[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Number(sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!) / 1e6;
}

function expectLatency(got: number | null, exact: number | null, isExact: boolean, what: string): void {
  if (exact === null || got === null || isExact) return void expect(got, what).toBe(exact);
  expect(Math.abs(got - exact) / exact, `${what}: ${got} vs ${exact}`).toBeLessThanOrEqual(RELATIVE_ERROR + 1e-9);
}

function expectBreakdown(got: BreakdownResponse, want: Map<string, Acc>, latencyExact: boolean, what: string): void {
  expect(got.items.map((i) => i.key).sort(), `${what} keys`).toEqual([...want.keys()].sort());
  const costs = got.items.map((i) => i.costUsd);
  expect(costs, `${what} sorted by spend`).toEqual([...costs].sort((a, b) => b - a));
  for (const item of got.items) {
    const e = want.get(item.key)!;
    const w = `${what} ${item.key}`;
    const costUsd = Number(e.costPico) / 1e12;
    expect(item, w).toMatchObject<Partial<BreakdownItem>>({
      calls: e.calls,
      traces: e.traces.size,
      successRate: e.roots ? e.successes / e.roots : null,
      llmErrorRate: e.calls ? e.errors / e.calls : null,
      inputTokens: e.input,
      outputTokens: e.output,
      cacheReadTokens: e.cacheRead,
      cacheHitRatio: e.input ? e.cacheRead / e.input : null,
      unpriced: e.unpriced > 0,
    });
    expect(Math.round(item.costUsd * 1e12), `${w} cost`).toBe(Number(e.costPico));
    if (e.successes === 0) expect(item.costPerSuccessfulTraceUsd, w).toBeNull();
    else expect(item.costPerSuccessfulTraceUsd!, `${w} cost/success`).toBeCloseTo(costUsd / e.successes, 12);
    expectLatency(item.p50Ms, nearestRankMs(e.latenciesNs, 0.5), latencyExact, `${w} p50`);
    expectLatency(item.p95Ms, nearestRankMs(e.latenciesNs, 0.95), latencyExact, `${w} p95`);
    expectLatency(item.p99Ms, nearestRankMs(e.latenciesNs, 0.99), latencyExact, `${w} p99`);
  }
}

const at = (ms: number) => new Date(ms);
const WINDOWS = {
  all: [at(BASE - H), at(BASE + 2 * D + H)],
  halves: [at(BASE + 5.5 * H), at(BASE + D + 17.75 * H)],
  short: [at(BASE + D + 10 * H + 20 * 60_000), at(BASE + D + 11 * H + 50 * 60_000)],
} as const;
const FILTERS: { name: string; f: Partial<MetricsFilter> }[] = [
  { name: "none", f: {} },
  { name: "agent", f: { agent: "planner" } },
  { name: "model", f: { model: "gpt-4o-mini-2024-07-18" } },
  { name: "provider", f: { provider: "openai" } },
  { name: "service", f: { service: "svc-b" } },
];

const BASE_URL = "http://skein.test";
const PASSWORD = "breakdown-admin-pw-1";
const noParams = {} as { params: Promise<Record<string, string>> };

function req(path: string, cookie?: string): Request {
  const headers = new Headers({ host: "skein.test" });
  if (cookie) headers.set("cookie", cookie);
  return new Request(`${BASE_URL}${path}`, { headers });
}

describe.each(BACKENDS)("metrics breakdown on %s", (backend) => {
  let t: TestDb;
  let server: TestServer;
  let restore: () => void;
  let projectId: number;
  let costs: Map<string, bigint | null>;
  const traces = generate(180);

  beforeAll(async () => {
    t = await createTestDb(backend);
    server = await startTestServer(t.db, { SKEIN_ADMIN_PASSWORD: PASSWORD });
    restore = installRuntime(server.runtime);
    projectId = server.runtime.defaultProjectId;
    for (let i = 0; i < traces.length; i += 40) {
      const spans = traces.slice(i, i + 40).flatMap(otlpSpans);
      await ingestDecoded(t.db, projectId, { spans, rejectedSpans: 0, rejectReasons: [] }, server.runtime.ingest);
    }
    const rows = await t.db.query<{ k: string; cost: string | null }>(
      `select trace_id || ':' || span_id as k, cost_pico::text as cost from spans where project_id = $1 and billable`,
      [projectId],
    );
    costs = new Map(rows.map((r) => [r.k, r.cost === null ? null : BigInt(r.cost)]));
  });

  afterAll(async () => {
    stopRollupWorker(server?.runtime.db);
    restore?.();
    await server?.close();
    await t?.drop();
  });

  const filter = (w: keyof typeof WINDOWS, f: Partial<MetricsFilter> = {}): MetricsFilter => ({ projectId, from: WINDOWS[w][0], to: WINDOWS[w][1], ...f });

  async function checkAll(label: string): Promise<void> {
    for (const w of Object.keys(WINDOWS) as (keyof typeof WINDOWS)[]) {
      for (const { name, f } of FILTERS) {
        for (const by of ["agent", "model"] as const) {
          const want = expected(traces, costs, filter(w, f), by);
          // Run latency is exact for windows read wholly raw (≤ 2 h); call latency always is.
          const exact = by === "model" || w === "short";
          expectBreakdown(await getBreakdown(t.db, filter(w, f), by), want, exact, `${label} ${w}/${name}/${by}`);
          expectBreakdown(await getBreakdown(t.db, filter(w, f), by, { strategy: "raw" }), want, true, `${label} raw ${w}/${name}/${by}`);
        }
      }
    }
  }

  it("generates a data set that exercises every figure", () => {
    const all = expected(traces, costs, filter("all"), "model");
    expect([...all.keys()].sort()).toEqual(["claude-sonnet-4-5", "gpt-4.1", "gpt-4o-mini-2024-07-18", "skein-unpriced-model"]);
    expect(all.get("skein-unpriced-model")!.unpriced).toBe(all.get("skein-unpriced-model")!.calls);
    expect(all.get("gpt-4.1")!.unpriced).toBe(0);
    const agents = expected(traces, costs, filter("all"), "agent");
    expect([...agents.keys()].sort()).toEqual(["(none)", "billing", "planner", "support"]);
    expect(agents.get("(none)")!.roots).toBe(0);
    expect(expected(traces, costs, filter("short"), "agent").size).toBeGreaterThan(1);
    expect(expected(traces, costs, filter("halves", { model: "gpt-4o-mini-2024-07-18" }), "agent").size).toBeGreaterThan(1);
  });

  it("is exact while every hour with traces is dirty (read raw)", async () => {
    expect((await rollupLag(t.db, projectId)).dirtyHours).toBeGreaterThan(20);
    await checkAll("dirty");
  });

  it("is exact from rollups, run latency within the histogram bound", async () => {
    await flushRollups(t.db);
    expect((await rollupLag(t.db, projectId)).dirtyHours).toBe(0);
    await checkAll("rolled up");
  });

  it("gives a model row equal to the overview's figures of that model", async () => {
    const { items } = await getBreakdown(t.db, filter("all", { agent: "support" }), "model");
    const [first] = items;
    expect(first).toBeDefined();
    const only = await getBreakdown(t.db, filter("all", { agent: "support", model: first!.key }), "model");
    expect(only.items).toEqual([first]);
    const none = await getBreakdown(t.db, filter("all", { agent: "nobody" }), "agent");
    expect(none.items).toEqual([]);
  });

  it("serves the route: 401 without credentials, 400 for a bad `by`, rows with", async () => {
    const q = `from=${WINDOWS.halves[0].toISOString()}&to=${WINDOWS.halves[1].toISOString()}&service=svc-a`;
    expect((await breakdownRoute(req(`/api/metrics/breakdown?${q}&by=agent`), noParams)).status).toBe(401);
    const res = await login(
      new Request(`${BASE_URL}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE_URL, host: "skein.test" },
        body: JSON.stringify({ username: "admin", password: PASSWORD }),
      }),
    );
    expect(res.status).toBe(200);
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    for (const bad of ["by=provider", "by=", "", "by=agent&from=yesterday", `by=model&from=${WINDOWS.all[1].toISOString()}&to=${WINDOWS.all[0].toISOString()}`]) {
      expect((await breakdownRoute(req(`/api/metrics/breakdown?${bad}`, cookie), noParams)).status, bad).toBe(400);
    }
    for (const by of ["agent", "model"] as const) {
      const ok = await breakdownRoute(req(`/api/metrics/breakdown?${q}&by=${by}`, cookie), noParams);
      expect(ok.status).toBe(200);
      const body = (await ok.json()) as BreakdownResponse;
      expectBreakdown(body, expected(traces, costs, filter("halves", { service: "svc-a" }), by), by === "model", `route ${by}`);
    }
  });
});

// Overview and timeseries numbers against answers computed here, independently,
// from the generated spans: windows that cut hours and days in half, roots that
// arrive minutes later in another request (moving the trace to another hour),
// re-sent batches, incomplete traces, filters, and rollups vs raw rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Attributes, OtlpResource, OtlpSpan } from "@/lib/otlp/types";
import { ingestDecoded } from "@/lib/ingest/ingest";
import { prepareBatch } from "@/lib/ingest/prepare";
import { ensurePartitions, dayKey } from "@/lib/db/partitions";
import { writeSpanBatch } from "@/lib/db/span-writer";
import { createProject } from "@/lib/db/projects";
import { parseEnv } from "@/lib/env";
import { buildRuntime, type Runtime } from "@/lib/server/runtime";
import { getOverview } from "@/lib/metrics/overview";
import { getTimeseries } from "@/lib/metrics/timeseries";
import { flushRollups, rollupLag, runRollups } from "@/lib/metrics/rollup-worker";
import { RELATIVE_ERROR } from "@/lib/metrics/histogram";
import type { MetricsFilter, OverviewMetrics } from "@/lib/metrics/types";
import { BACKENDS, createTestDb, type TestDb } from "./helpers/db";
import { createRng } from "@/lib/prng";

const H = 3_600_000;
const D = 24 * H;
const BASE = Date.UTC(2026, 9, 1); // traces start over 3 days from here
const MODELS = [
  { provider: "openai", model: "gpt-4o-mini" },
  { provider: "openai", model: "gpt-4.1" },
  { provider: "anthropic", model: "claude-sonnet-4-5" },
  { provider: "openai", model: "skein-unpriced-model" },
];
const AGENTS = ["planner", "billing", "support"];

/** Deterministic numbers in [0, 1) (lib/prng.ts, mulberry32). */
function rng(seed: number): () => number {
  return createRng(seed).next;
}

interface Span {
  traceId: string;
  spanId: string;
  parent: string | null;
  startNs: bigint;
  durationNs: bigint;
  status: 0 | 1 | 2;
  attrs: Attributes;
  /** 1: first round of requests; 2: minutes later (late roots); 3: never sent. */
  phase: 1 | 2 | 3;
  llm: { provider: string; model: string; input: number; output: number; cacheRead: number } | null;
}

interface Trace {
  traceId: string;
  agent: string;
  resource: OtlpResource;
  service: string;
  environment: string;
  spans: Span[];
}

const hex = (n: number, len: number) => (n + 1).toString(16).padStart(len, "0");
const usNs = (ms: number, r: () => number) => BigInt(Math.floor(ms)) * 1_000_000n + BigInt(Math.floor(r() * 1000)) * 1000n;

function generate(count: number, seed: number, salt: number): Trace[] {
  const r = rng(seed);
  const resources = new Map<string, OtlpResource>();
  const traces: Trace[] = [];
  for (let i = 0; i < count; i++) {
    const traceId = hex(salt * 1_000_000 + i, 32);
    const service = r() < 0.6 ? "svc-a" : "svc-b";
    const environment = r() < 0.75 ? "prod" : "staging";
    const key = `${service}/${environment}`;
    if (!resources.has(key)) resources.set(key, { attributes: { "service.name": service, "deployment.environment.name": environment } });
    const agent = AGENTS[Math.floor(r() * AGENTS.length)]!;
    const kind = r();
    const rootPhase = kind < 0.1 ? 3 : kind < 0.3 ? 2 : 1;
    const startMs = BASE + r() * 3 * D;
    const rootStart = usNs(startMs, r);
    const rootDur = r() < 0.03 ? 0n : usNs(Math.exp(Math.log(50) + r() * (Math.log(120_000) - Math.log(50))), r);
    const rootId = hex(i * 16, 16);
    const spans: Span[] = [
      {
        traceId,
        spanId: rootId,
        parent: null,
        startNs: rootStart,
        durationNs: rootDur,
        status: r() < 0.22 ? 2 : r() < 0.5 ? 1 : 0,
        attrs: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": agent },
        phase: rootPhase,
        llm: null,
      },
    ];
    // Some late-root traces have a child starting 40 minutes before the root: the trace moves hour when the root lands.
    const skew = rootPhase === 2 && i % 3 === 0 ? 40n * 60_000n * 1_000_000n : 0n;
    const calls = 1 + Math.floor(r() * 4);
    for (let c = 0; c < calls; c++) {
      const m = MODELS[Math.floor(r() * MODELS.length)]!;
      const failed = r() < 0.15;
      const llm = { ...m, input: failed ? 0 : 100 + Math.floor(r() * 5000), output: failed ? 0 : 10 + Math.floor(r() * 800), cacheRead: 0 };
      llm.cacheRead = r() < 0.4 ? Math.floor(llm.input * 0.5) : 0;
      const attrs: Attributes = {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": m.provider,
        "gen_ai.request.model": m.model,
        "gen_ai.usage.input_tokens": llm.input,
        "gen_ai.usage.output_tokens": llm.output,
      };
      if (r() < 0.5) attrs["gen_ai.response.model"] = m.model;
      if (llm.cacheRead > 0) attrs["gen_ai.usage.cache_read.input_tokens"] = llm.cacheRead;
      spans.push({
        traceId,
        spanId: hex(i * 16 + 1 + c, 16),
        parent: rootId,
        startNs: (c === 0 ? rootStart - skew : rootStart) + BigInt(c) * 1_000_000n + 1000n,
        durationNs: usNs(5 + r() * 3000, r),
        status: failed ? 2 : 0,
        attrs,
        phase: 1,
        llm,
      });
    }
    if (r() < 0.5) {
      spans.push({
        traceId,
        spanId: hex(i * 16 + 9, 16),
        parent: rootId,
        startNs: rootStart + 2000n,
        durationNs: 1_000_000n,
        status: 0,
        attrs: { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "lookup" },
        phase: 1,
        llm: null,
      });
    }
    traces.push({ traceId, agent, resource: resources.get(key)!, service, environment, spans });
  }
  return traces;
}

function otlp(t: Trace, s: Span): OtlpSpan {
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    parentSpanId: s.parent,
    traceState: "",
    flags: 0,
    name: s.parent ? (s.llm ? `chat ${s.llm.model}` : "execute_tool lookup") : `invoke_agent ${t.agent}`,
    kind: s.parent ? 3 : 1,
    startTimeUnixNano: s.startNs,
    endTimeUnixNano: s.startNs + s.durationNs,
    attributes: s.attrs,
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: s.status, message: "" },
    resource: t.resource,
    scope: { name: "metrics-test", version: "1", attributes: {} },
  };
}

/** Sends the spans of one phase in requests of ~40 traces, children before roots. */
async function send(db: TestDb["db"], rt: Runtime, projectId: number, traces: Trace[], phase: number): Promise<void> {
  for (let i = 0; i < traces.length; i += 40) {
    const spans = traces
      .slice(i, i + 40)
      .flatMap((t) => t.spans.filter((s) => s.phase === phase).map((s) => otlp(t, s)))
      .reverse();
    if (spans.length) await ingestDecoded(db, projectId, { spans, rejectedSpans: 0, rejectReasons: [] }, rt.ingest);
  }
}

type Costs = Map<string, bigint | null>;

async function spanCosts(db: TestDb["db"], projectId: number): Promise<Costs> {
  const rows = await db.query<{ trace_id: string; span_id: string; cost: string | null }>(
    `select trace_id, span_id, cost_pico::text as cost from spans where project_id = $1 and billable`,
    [projectId],
  );
  return new Map(rows.map((r) => [`${r.trace_id}:${r.span_id}`, r.cost === null ? null : BigInt(r.cost)]));
}

interface Expected {
  traceCount: number;
  roots: number;
  successCount: number;
  costPico: bigint;
  wastedPico: bigint;
  llmCallCount: number;
  llmErrors: number;
  unpriced: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  latenciesNs: bigint[];
  /** trace start (ms) of each counted trace, for bucket checks */
  startsMs: number[];
}

/** The definitions of lib/metrics/README.md, applied to the spans sent up to `phase`. */
function expected(traces: Trace[], phase: number, costs: Costs, f: Omit<MetricsFilter, "projectId">): Expected {
  const e: Expected = { traceCount: 0, roots: 0, successCount: 0, costPico: 0n, wastedPico: 0n, llmCallCount: 0, llmErrors: 0, unpriced: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, latenciesNs: [], startsMs: [] };
  const fromNs = BigInt(f.from.getTime()) * 1_000_000n;
  const toNs = BigInt(f.to.getTime()) * 1_000_000n;
  for (const t of traces) {
    const sent = t.spans.filter((s) => s.phase <= phase);
    if (sent.length === 0) continue;
    const root = sent.find((s) => s.parent === null) ?? null;
    const start = root ? root.startNs : sent.reduce((m, s) => (s.startNs < m ? s.startNs : m), sent[0]!.startNs);
    if (start < fromNs || start >= toNs) continue;
    if (f.agent && (root ? t.agent : null) !== f.agent) continue;
    if (f.service && t.service !== f.service) continue;
    if (f.environment && t.environment !== f.environment) continue;
    const matches = (s: Span) => s.llm !== null && (!f.model || s.llm.model === f.model) && (!f.provider || s.llm.provider === f.provider);
    const calls = sent.filter(matches);
    if ((f.model || f.provider) && calls.length === 0) continue;
    e.traceCount++;
    e.startsMs.push(Number(start / 1_000_000n));
    const failed = root !== null && root.status === 2;
    if (root) {
      e.roots++;
      if (!failed) e.successCount++;
      e.latenciesNs.push(root.durationNs);
    }
    for (const s of calls) {
      const cost = costs.get(`${s.traceId}:${s.spanId}`);
      if (cost === undefined) throw new Error("span not stored");
      e.costPico += cost ?? 0n;
      if (failed) e.wastedPico += cost ?? 0n;
      if (cost === null) e.unpriced++;
      e.llmCallCount++;
      if (s.status === 2) e.llmErrors++;
      e.inputTokens += s.llm!.input;
      e.outputTokens += s.llm!.output;
      e.cacheReadTokens += s.llm!.cacheRead;
    }
  }
  return e;
}

function nearestRankMs(values: bigint[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Number(sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!) / 1e6;
}

const pico = (usd: number) => Math.round(usd * 1e12);

function expectLatency(got: number | null, exact: number | null, isExact: boolean, what: string): void {
  if (exact === null || got === null) return void expect(got, what).toBe(exact);
  if (isExact || exact === 0) return void expect(got, what).toBe(exact);
  expect(Math.abs(got - exact) / exact, `${what}: ${got} vs ${exact}`).toBeLessThanOrEqual(RELATIVE_ERROR + 1e-9);
}

function expectOverview(got: OverviewMetrics, e: Expected, what: string): void {
  expect(got.traceCount, `${what} traceCount`).toBe(e.traceCount);
  expect(got.successCount, `${what} successCount`).toBe(e.successCount);
  expect(got.successRate, `${what} successRate`).toBe(e.roots ? e.successCount / e.roots : null);
  expect(pico(got.totalCostUsd), `${what} totalCost`).toBe(Number(e.costPico));
  expect(pico(got.wastedCostUsd), `${what} wastedCost`).toBe(Number(e.wastedPico));
  if (e.successCount === 0) expect(got.costPerSuccessfulTraceUsd).toBeNull();
  else expect(got.costPerSuccessfulTraceUsd!).toBeCloseTo(Number(e.costPico) / 1e12 / e.successCount, 12);
  expect(got.llmCallCount, `${what} llmCallCount`).toBe(e.llmCallCount);
  expect(got.llmErrorRate, `${what} llmErrorRate`).toBe(e.llmCallCount ? e.llmErrors / e.llmCallCount : null);
  expect([got.inputTokens, got.outputTokens, got.cacheReadTokens, got.unpricedCallCount], `${what} tokens`).toEqual([
    e.inputTokens,
    e.outputTokens,
    e.cacheReadTokens,
    e.unpriced,
  ]);
  expectLatency(got.latencyMs.p50, nearestRankMs(e.latenciesNs, 0.5), got.latencyExact === true, `${what} p50`);
  expectLatency(got.latencyMs.p95, nearestRankMs(e.latenciesNs, 0.95), got.latencyExact === true, `${what} p95`);
  expectLatency(got.latencyMs.p99, nearestRankMs(e.latenciesNs, 0.99), got.latencyExact === true, `${what} p99`);
}

const at = (ms: number) => new Date(ms);
const WINDOWS = {
  all: [at(BASE - H), at(BASE + 3 * D + H)],
  halves: [at(BASE + 5.5 * H), at(BASE + 2 * D + 17.75 * H)],
  oddHours: [at(BASE + D + 3 * H + 17 * 60_000), at(BASE + D + 20 * H + 43 * 60_000)],
  short: [at(BASE + D + 10 * H + 20 * 60_000), at(BASE + D + 11 * H + 50 * 60_000)],
} as const;
const FILTERS: { name: string; f: Partial<MetricsFilter> }[] = [
  { name: "none", f: {} },
  { name: "agent", f: { agent: "planner" } },
  { name: "model", f: { model: "gpt-4.1" } },
  { name: "provider", f: { provider: "anthropic" } },
  { name: "provider+model", f: { provider: "openai", model: "skein-unpriced-model" } },
  { name: "service+env", f: { service: "svc-b", environment: "prod" } },
];

describe.each(BACKENDS)("metrics on %s", (backend) => {
  let t: TestDb;
  let rt: Runtime;
  let projectId: number;
  const traces = generate(260, 42, 1);
  const other = generate(40, 7, 2);

  beforeAll(async () => {
    t = await createTestDb(backend);
    rt = await buildRuntime(t.db, parseEnv({ SKEIN_INGEST_KEY: "sk_ingest_metrics_test_0001" }));
    projectId = rt.defaultProjectId;
    const p2 = await createProject(t.db, { name: "Metrics other" });
    await send(t.db, rt, p2.id, other, 1);
    await send(t.db, rt, p2.id, other, 2);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const filter = (w: keyof typeof WINDOWS, f: Partial<MetricsFilter> = {}): MetricsFilter => ({ projectId, from: WINDOWS[w][0], to: WINDOWS[w][1], ...f });

  async function checkAll(phase: number, label: string): Promise<void> {
    const costs = await spanCosts(t.db, projectId);
    for (const w of Object.keys(WINDOWS) as (keyof typeof WINDOWS)[]) {
      for (const { name, f } of FILTERS) {
        const want = expected(traces, phase, costs, filter(w, f));
        expectOverview(await getOverview(t.db, filter(w, f)), want, `${label} ${w}/${name}`);
        expectOverview(await getOverview(t.db, filter(w, f), { strategy: "raw" }), want, `${label} raw ${w}/${name}`);
      }
    }
  }

  it("is exact before any rollup exists (every hour dirty, read raw)", async () => {
    await send(t.db, rt, projectId, traces, 1);
    expect((await rollupLag(t.db, projectId)).dirtyHours).toBeGreaterThan(50);
    expect((await getOverview(t.db, filter("short"))).latencyExact).toBe(true);
    expect((await getOverview(t.db, filter("all"))).traceCount).toBeGreaterThan(200);
    await checkAll(1, "phase 1 dirty");
  });

  it("is exact from rollups once the worker ran, with cut edge hours read raw", async () => {
    const r = await flushRollups(t.db);
    expect(r.hours).toBeGreaterThan(50);
    expect((await rollupLag(t.db, projectId)).dirtyHours).toBe(0);
    const o = await getOverview(t.db, filter("all"));
    expect(o.latencyExact).toBe(false);
    expect(o.rollupLagSeconds).toBe(0);
    await checkAll(1, "phase 1 rolled up");
  });

  it("stays exact when roots land later in other requests and batches are re-sent", async () => {
    await send(t.db, rt, projectId, traces, 2);
    await send(t.db, rt, projectId, traces.slice(0, 80), 1); // a client retry: all duplicates
    const lag = await rollupLag(t.db, projectId);
    expect(lag.dirtyHours).toBeGreaterThan(0);
    // The settle delay keeps freshly marked hours for later; answers are exact meanwhile.
    expect((await runRollups(t.db, { settleMs: 60_000, maxWaitMs: 600_000 })).days).toBe(0);
    await checkAll(2, "phase 2 dirty");
    await flushRollups(t.db);
    expect((await rollupLag(t.db, projectId)).dirtyHours).toBe(0);
    await checkAll(2, "phase 2 rolled up");
  });

  it("recomputes an hour while a batch for it is still uncommitted, and stays exact after the commit", async () => {
    if (backend === "pglite") return; // one connection: the worker cannot run beside an open ingest transaction
    const late = generate(1, 99, 3)[0]!;
    for (const s of late.spans) s.phase = s.parent === null ? 2 : 1;
    await send(t.db, rt, projectId, [late], 1); // children: committed, their hour marked
    traces.push(late);
    const batch = prepareBatch(late.spans.filter((s) => s.parent === null).map((s) => otlp(late, s)), rt.ingest);
    await ensurePartitions(t.db, batch.startDaysMs.map(dayKey));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const ingest = t.db.transaction(async (tx) => {
      await writeSpanBatch(tx, projectId, batch);
      wrote();
      await held;
    });
    await written;
    const r = await flushRollups(t.db); // sees the children and their mark, not the root or its mark
    expect(r.hours).toBeGreaterThanOrEqual(1);
    release();
    await ingest;
    expect((await rollupLag(t.db, projectId)).dirtyHours).toBeGreaterThanOrEqual(1);
    await checkAll(2, "root committed during recompute");
  });

  it("gives timeseries buckets that add up to the overview and match per bucket", async () => {
    const costs = await spanCosts(t.db, projectId);
    const w = filter("halves");
    const want = expected(traces, 2, costs, w);
    const series = await getTimeseries(t.db, { filter: w, interval: "auto", metric: "traces", groupBy: null });
    expect(series.interval).toBe("1h");
    expect(series.series).toEqual(["traces"]);
    expect(series.buckets[0]!.start).toBe(new Date(BASE + 5 * H).toISOString());
    for (const b of series.buckets) {
      const s = Date.parse(b.start);
      expect(b.values.traces, b.start).toBe(want.startsMs.filter((ms) => ms >= Math.max(s, w.from.getTime()) && ms < s + H).length);
    }
    for (const interval of ["1h", "6h", "1d", "15m"] as const) {
      const cost = await getTimeseries(t.db, { filter: w, interval, metric: "cost", groupBy: null });
      const sum = cost.buckets.reduce((acc, b) => acc + (b.values.cost ?? 0), 0);
      expect(sum, interval).toBeCloseTo(Number(want.costPico) / 1e12, 9);
      const tokens = await getTimeseries(t.db, { filter: w, interval, metric: "tokens", groupBy: null });
      expect(tokens.buckets.reduce((acc, b) => acc + (b.values.input ?? 0), 0), interval).toBe(want.inputTokens);
      const calls = await getTimeseries(t.db, { filter: w, interval, metric: "llm_calls", groupBy: "agent" });
      expect(calls.buckets.reduce((acc, b) => acc + calls.series.reduce((x, n) => x + (b.values[n] ?? 0), 0), 0), interval).toBe(want.llmCallCount);
    }
  });

  it("groups cost by model (top groups + other add up) and keeps latency and success per bucket", async () => {
    const costs = await spanCosts(t.db, projectId);
    const w = filter("all");
    const byModel = await getTimeseries(t.db, { filter: w, interval: "1d", metric: "cost", groupBy: "model" });
    expect([...byModel.series].sort()).toEqual(["claude-sonnet-4-5", "gpt-4.1", "gpt-4o-mini", "skein-unpriced-model"]);
    expect(byModel.series.at(-1)).toBe("skein-unpriced-model"); // $0: ranked last
    for (const m of MODELS) {
      const want = expected(traces, 2, costs, { ...w, model: m.model });
      const got = byModel.buckets.reduce((acc, b) => acc + (b.values[m.model] ?? 0), 0);
      expect(got, m.model).toBeCloseTo(Number(want.costPico) / 1e12, 9);
    }
    const byAgent = await getTimeseries(t.db, { filter: w, interval: "6h", metric: "traces", groupBy: "agent" });
    expect(byAgent.series).toContain("(none)"); // traces whose root never came carry no agent
    const total = byAgent.buckets.reduce((acc, b) => acc + byAgent.series.reduce((x, n) => x + (b.values[n] ?? 0), 0), 0);
    expect(total).toBe(expected(traces, 2, costs, w).traceCount);

    for (const interval of ["6h", "15m"] as const) {
      const lat = await getTimeseries(t.db, { filter: filter("oddHours"), interval, metric: "latency", groupBy: null });
      const ok = await getTimeseries(t.db, { filter: filter("oddHours"), interval, metric: "success", groupBy: null });
      lat.buckets.forEach((b, i) => {
        const s = Date.parse(b.start);
        const step = interval === "6h" ? 6 * H : 15 * 60_000;
        const from = new Date(Math.max(s, WINDOWS.oddHours[0].getTime()));
        const to = new Date(Math.min(s + step, WINDOWS.oddHours[1].getTime()));
        const e = expected(traces, 2, costs, { from, to });
        expectLatency(b.values.p95 ?? null, nearestRankMs(e.latenciesNs, 0.95), interval === "15m", `${interval} ${b.start} p95`);
        expect(ok.buckets[i]!.values.successRate, b.start).toBe(e.roots ? e.successCount / e.roots : null);
        expect(ok.buckets[i]!.values.llmErrorRate, b.start).toBe(e.llmCallCount ? e.llmErrors / e.llmCallCount : null);
      });
    }
  });

  it("keeps the top 10 groups and sums the rest into other", async () => {
    const many = generate(14, 5, 4).map((tr, i) => ({ ...tr, agent: `agent-${String(i).padStart(2, "0")}` }));
    for (const tr of many) for (const s of tr.spans) if (s.parent === null) s.attrs = { ...s.attrs, "gen_ai.agent.name": tr.agent };
    const proj = await createProject(t.db, { name: "Many agents" });
    await send(t.db, rt, proj.id, many, 1);
    await send(t.db, rt, proj.id, many, 2);
    const ts = await getTimeseries(t.db, { filter: { projectId: proj.id, from: WINDOWS.all[0], to: WINDOWS.all[1] }, interval: "1d", metric: "traces", groupBy: "agent" });
    expect(ts.series).toHaveLength(11);
    expect(ts.series.at(-1)).toBe("other");
    const sum = (n: string) => ts.buckets.reduce((acc, b) => acc + (b.values[n] ?? 0), 0);
    expect(ts.series.reduce((acc, n) => acc + sum(n), 0)).toBe(many.filter((tr) => tr.spans.some((s) => s.phase <= 2)).length);
    expect(sum("other")).toBeGreaterThan(0);
  });

  it("rejects grouping rates and percentiles, and too many buckets", async () => {
    await expect(getTimeseries(t.db, { filter: filter("all"), interval: "auto", metric: "latency", groupBy: "model" })).rejects.toThrow(/cannot be grouped/);
    await expect(getTimeseries(t.db, { filter: filter("all"), interval: "1m", metric: "cost", groupBy: null })).rejects.toThrow(/buckets/);
  });
});

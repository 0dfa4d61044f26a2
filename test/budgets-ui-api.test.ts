// The budgets page's own API: the editor's preview of what a scope matches, and
// a budget's cumulative spend series for the card sparkline. Spans arrive over
// real HTTP; both answers must agree with what the budget itself counts (status).
import { beforeAll, describe, expect, it } from "vitest";
import { POST as createRoute } from "@/app/api/budgets/route";
import { GET as statusRoute } from "@/app/api/budgets/status/route";
import { POST as previewRoute } from "@/app/api/budgets/preview/route";
import { GET as seriesRoute } from "@/app/api/budgets/[id]/series/route";
import { PREVIEW_LIST_LIMIT, type BudgetPreview } from "@/lib/budgets/preview";
import type { BudgetSeries } from "@/lib/budgets/series";
import { BACKENDS } from "./helpers/db";
import { alertingContext } from "./helpers/alerting-context";
import { call, idParams, noParams } from "./helpers/alerts";

const HOUR = 3_600_000;

const hex = (n: number, len: number) => n.toString(16).padStart(len, "0");
const attr = (key: string, value: string | number) => ({ key, value: typeof value === "string" ? { stringValue: value } : { intValue: value } });

interface Run {
  id: number;
  agent: string;
  model: string;
  /** gpt-4o-mini: $0.15 per million input tokens. */
  inputTokens: number;
  startMs: number;
  service?: string;
  tier?: string;
}

/** An invoke_agent root (carrying the agent name) with one chat call under it (carrying the cost). */
function runBody(r: Run): string {
  const ns = (ms: number) => String(BigInt(Math.round(ms)) * 1_000_000n);
  const traceId = hex(0xb0d6e7 + r.id, 32);
  const root = hex(0x5000 + r.id, 16);
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [attr("service.name", r.service ?? "ui-svc")] },
        scopeSpans: [
          {
            spans: [
              {
                traceId,
                spanId: root,
                name: `invoke_agent ${r.agent}`,
                startTimeUnixNano: ns(r.startMs),
                endTimeUnixNano: ns(r.startMs + 500),
                attributes: [attr("gen_ai.operation.name", "invoke_agent"), attr("gen_ai.agent.name", r.agent)],
              },
              {
                traceId,
                spanId: hex(0x9000 + r.id, 16),
                parentSpanId: root,
                name: `chat ${r.model}`,
                startTimeUnixNano: ns(r.startMs + 10),
                endTimeUnixNano: ns(r.startMs + 400),
                attributes: [
                  attr("gen_ai.operation.name", "chat"),
                  attr("gen_ai.provider.name", "openai"),
                  attr("gen_ai.request.model", r.model),
                  attr("gen_ai.usage.input_tokens", r.inputTokens),
                  attr("gen_ai.usage.output_tokens", 0),
                  ...(r.tier ? [attr("app.tier", r.tier)] : []),
                ],
              },
            ],
          },
        ],
      },
    ],
  });
}

/** An Etc/GMT zone where it is now about noon, so "today" has hours behind and ahead of now. */
function noonZone(nowMs: number): { tz: string; offsetHours: number } {
  const offset = 12 - new Date(nowMs).getUTCHours(); // -11 … 12
  // Etc/GMT signs are inverted: Etc/GMT-5 is UTC+5.
  return { tz: offset === 0 ? "UTC" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`, offsetHours: offset };
}

describe.each(BACKENDS)("budgets page API on %s", (backend) => {
  const ctx = alertingContext(backend, { clear: ["budgets"] });
  const now = Date.now();

  beforeAll(async () => {
    const runs: Run[] = [
      { id: 1, agent: "alpha", model: "gpt-4o-mini", inputTokens: 1_000_000, startMs: now - 3 * HOUR, tier: "pro" }, // $0.15
      { id: 2, agent: "alpha", model: "gpt-4o-mini", inputTokens: 2_000_000, startMs: now - 1 * HOUR }, // $0.30
      { id: 3, agent: "beta", model: "gpt-4o-mini", inputTokens: 4_000_000, startMs: now - 60_000, tier: "pro" }, // $0.60
      { id: 4, agent: "gamma", model: "house-model-x", inputTokens: 1_000, startMs: now - 30_000 }, // unpriced
      { id: 5, agent: "delta", model: "gpt-4o-mini", inputTokens: 1_000_000, startMs: now - 2_000, service: "other-svc" }, // $0.15
    ];
    for (const r of runs) await ctx.ingest(runBody(r));
  });

  const preview = async (body: object, token = ctx.admin) => previewRoute(call("/api/budgets/preview", { token, method: "POST", body: JSON.stringify(body) }), noParams);
  const previewOk = async (body: object) => {
    const res = await preview(body);
    expect(res.status).toBe(200);
    return (await res.json()) as BudgetPreview;
  };
  const createOk = async (body: object) => {
    const res = await createRoute(call("/api/budgets", { token: ctx.admin, method: "POST", body: JSON.stringify(body) }), noParams);
    expect(res.status).toBe(201);
    return (await res.json()) as { id: number };
  };
  const statusOf = async (id: number) => {
    const { items } = (await (await statusRoute(call("/api/budgets/status", { token: ctx.viewer }), noParams)).json()) as { items: { budgetId: number; spentUsd: number }[] };
    return items.find((i) => i.budgetId === id);
  };
  const series = async (id: number | string, token = ctx.viewer) => seriesRoute(call(`/api/budgets/${id}/series`, { token }), idParams(id));

  it("previews the whole project: spend, traces, agents and models, and the unpriced call it cannot count", async () => {
    // A rolling window long enough for every run, whatever the time of day.
    const p = await previewOk({ period: "rolling", windowHours: 24 });
    expect(p).toMatchObject({
      spentUsd: 1.2,
      forecastUsd: null,
      traceCount: 5,
      spanCount: 10,
      unpricedCalls: 1,
      agents: ["alpha", "beta", "delta", "gamma"],
      agentCount: 4,
      models: ["gpt-4o-mini", "house-model-x"],
      modelCount: 2,
    });
    expect(new Date(p.periodEnd).getTime() - new Date(p.periodStart).getTime()).toBe(24 * HOUR);
    expect(Math.abs(new Date(p.periodEnd).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("narrows by agent (the LLM call inherits its trace's agent), service, model and metadata", async () => {
    const rolling = { period: "rolling", windowHours: 24 };
    expect(await previewOk({ ...rolling, scope: { agent: "alpha" } })).toMatchObject({ spentUsd: 0.45, traceCount: 2, agents: ["alpha"], agentCount: 1, models: ["gpt-4o-mini"] });
    expect(await previewOk({ ...rolling, scope: { service: "other-svc" } })).toMatchObject({ spentUsd: 0.15, traceCount: 1, agents: ["delta"] });
    expect(await previewOk({ ...rolling, scope: { model: "house-model-x" } })).toMatchObject({ spentUsd: 0, unpricedCalls: 1, agents: ["gamma"], models: ["house-model-x"] });
    expect(await previewOk({ ...rolling, scope: { metadata: { "app.tier": "pro" } } })).toMatchObject({ spentUsd: 0.75, traceCount: 2, agents: ["alpha", "beta"] });
    expect(await previewOk({ ...rolling, scope: { agent: "nobody" } })).toMatchObject({ spentUsd: 0, traceCount: 0, spanCount: 0, agents: [], agentCount: 0, models: [], modelCount: 0 });
  });

  it("counts only the window: a 2-hour rolling window leaves out the run from 3 hours ago", async () => {
    expect(await previewOk({ period: "rolling", windowHours: 2, scope: { agent: "alpha" } })).toMatchObject({ spentUsd: 0.3, traceCount: 1 });
  });

  it("matches what the saved budget counts", async () => {
    const { tz } = noonZone(now);
    const body = { period: "day", timezone: tz, scope: { service: "ui-svc" } };
    const p = await previewOk(body);
    const b = await createOk({ name: "same", amountUsd: 10, ...body });
    expect(p.spentUsd).toBe((await statusOf(b.id))?.spentUsd);
    expect(p.spentUsd).toBe(1.05);
    expect(p.forecastUsd).toEqual(expect.any(Number));
  });

  it("caps the name lists but counts all", async () => {
    const many = Array.from({ length: PREVIEW_LIST_LIMIT + 2 }, (_, i) => ({ id: 100 + i, agent: `bulk-${String(i).padStart(2, "0")}`, model: "gpt-4o-mini", inputTokens: 10, startMs: now - 5_000, service: "bulk-svc" }));
    for (const r of many) await ctx.ingest(runBody(r));
    const p = await previewOk({ period: "rolling", windowHours: 1, scope: { service: "bulk-svc" } });
    expect(p.agentCount).toBe(PREVIEW_LIST_LIMIT + 2);
    expect(p.agents).toEqual(many.slice(0, PREVIEW_LIST_LIMIT).map((r) => r.agent));
  });

  it("lets viewers preview, refuses strangers, and names invalid fields", async () => {
    expect((await preview({ period: "day" }, ctx.viewer)).status).toBe(200);
    expect((await previewRoute(call("/api/budgets/preview", { method: "POST", body: JSON.stringify({ period: "day" }) }), noParams)).status).toBe(401);
    const bad = await preview({ period: "day", timezone: "Mars/Olympus", scope: { agent: "" } });
    expect(bad.status).toBe(400);
    const { issues } = (await bad.json()) as { issues: { path: string; message: string }[] };
    expect(issues.map((i) => i.path).sort()).toEqual(["scope.agent", "timezone"]);
    expect(issues.find((i) => i.path === "timezone")?.message).toBe("unknown IANA time zone");
    expect((await preview({ period: "rolling" })).status).toBe(400);
  });

  it("gives a day budget hourly cumulative spend in its own time zone, empty after now", async () => {
    const { tz, offsetHours } = noonZone(now);
    const b = await createOk({ name: "noon", period: "day", timezone: tz, amountUsd: 5, scope: { service: "ui-svc" } });
    const res = await series(b.id);
    expect(res.status).toBe(200);
    const s = (await res.json()) as BudgetSeries;
    expect(s).toMatchObject({ budgetId: b.id, bucket: "hour", timezone: tz });
    expect(s.points).toHaveLength(24);
    // Local midnight: the first bucket starts at the period start.
    expect(s.points[0]?.start).toBe(s.periodStart);
    expect((new Date(s.periodStart).getTime() + offsetHours * HOUR) % (24 * HOUR)).toBe(0);
    const localHour = (ms: number) => Math.floor((ms - new Date(s.periodStart).getTime()) / HOUR);
    const values = s.points.map((p) => p.cumulativeUsd);
    const h = localHour(now);
    expect(values.slice(0, localHour(now - 3 * HOUR))).toEqual(Array(localHour(now - 3 * HOUR)).fill(0));
    expect(values[localHour(now - 3 * HOUR)]).toBeCloseTo(0.15, 9);
    expect(values[localHour(now - HOUR)]).toBeCloseTo(0.45, 9);
    expect(values[h]).toBeCloseTo(1.05, 9);
    expect(values.slice(h + 1)).toEqual(Array(23 - h).fill(null));
    expect(values[h]).toBe((await statusOf(b.id))?.spentUsd);
  });

  it("gives a month budget one cumulative point per local day", async () => {
    const b = await createOk({ name: "month", period: "month", timezone: "Asia/Tokyo", amountUsd: 5, scope: { agent: "alpha" } });
    const s = (await (await series(b.id)).json()) as BudgetSeries;
    expect(s.bucket).toBe("day");
    const days = Math.round((new Date(s.periodEnd).getTime() - new Date(s.periodStart).getTime()) / (24 * HOUR));
    expect(s.points).toHaveLength(days);
    for (const p of s.points) expect(new Date(p.start).getUTCHours()).toBe(15); // Tokyo midnight
    const present = s.points.map((p) => p.cumulativeUsd).filter((v): v is number => v !== null);
    expect(present.at(-1)).toBe((await statusOf(b.id))?.spentUsd);
    expect(present.every((v, i) => i === 0 || v >= (present[i - 1] ?? 0))).toBe(true);
  });

  it("gives a short rolling window hourly points, all in the past", async () => {
    const b = await createOk({ name: "rolling", period: "rolling", windowHours: 6, amountUsd: 5 });
    const s = (await (await series(b.id)).json()) as BudgetSeries;
    expect(s.bucket).toBe("hour");
    expect(s.points.length).toBeGreaterThanOrEqual(6);
    expect(s.points.length).toBeLessThanOrEqual(7);
    expect(s.points.every((p) => p.cumulativeUsd !== null)).toBe(true);
    expect(s.points.at(-1)?.cumulativeUsd).toBe((await statusOf(b.id))?.spentUsd);
  });

  it("answers 404 for a budget that does not exist or is not a number", async () => {
    expect((await series(999_999)).status).toBe(404);
    expect((await series("abc")).status).toBe(404);
  });
});

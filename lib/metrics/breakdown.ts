// GET /api/metrics/breakdown: the overview's figures per agent or per model, for the
// overview tables. Sums, counts and run latency come through the same window plan as
// the overview (rollups for clean hours/days, raw rows elsewhere), so a row equals the
// overview filtered on that agent/model. Model rows carry the calls' own latency, which
// the rollups do not hold: it is read from the window's raw billable spans, exactly
// (percentile_disc) — one scan of the window's LLM calls (see README "Breakdown").
import type { Db, Querier } from "@/lib/db/client";
import { latencyOf, ratio, usd, type Agg } from "./aggregate";
import { collect, run, spanBounds } from "./collect";
import type { MetricsOptions } from "./overview";
import { billableSpanWhere, rawTraceWhere, type ReadScope, type SqlArgs, type SpanBounds } from "./read-sql";
import { SPAN_MODEL } from "./sql-fragments";
import type { BreakdownBy, BreakdownItem, BreakdownResponse } from "./breakdown-types";
import type { MetricsFilter } from "./types";
import type { TimeRange } from "./window-plan";

/** Key of the rows without an agent (root not arrived, or unnamed) or model, as in grouped timeseries. */
export const NONE_KEY = "(none)";

type Latency = { p50: number | null; p95: number | null; p99: number | null };

/** Exact nearest-rank p50/p95/p99 (ns) of the durations of the window's LLM calls, per model. */
function callLatencySql(a: SqlArgs, s: ReadScope, window: TimeRange, bounds: SpanBounds): string {
  return `select ${SPAN_MODEL} as g, (percentile_disc(array[0.5, 0.95, 0.99]) within group (order by s.duration_ns))::float8[] as p
  from traces t join spans s on s.project_id = t.project_id and s.trace_id = t.trace_id
 where ${rawTraceWhere(a, s, { raw: [window] })} and ${billableSpanWhere(a, s, bounds)} group by 1`;
}

async function readCallLatency(q: Querier, s: ReadScope, into: Map<string, Latency>): Promise<void> {
  const window: TimeRange = [s.filter.from.getTime(), s.filter.to.getTime()];
  const bounds = await spanBounds(q, s, { raw: [window], hours: [], days: [] });
  if (!bounds) return;
  for (const r of await run<{ g: string; p: number[] }>(q, (a) => callLatencySql(a, s, window, bounds))) {
    const [p50, p95, p99] = r.p.map((ns) => Number(ns) / 1e6);
    into.set(r.g, { p50: p50 ?? null, p95: p95 ?? null, p99: p99 ?? null });
  }
}

export function toBreakdownItem(key: string, a: Agg, latency: Latency): BreakdownItem {
  const costUsd = usd(a.costPico);
  return {
    key: key === "" ? NONE_KEY : key,
    calls: a.llmCalls,
    traces: a.traces,
    successRate: ratio(a.successes, a.roots),
    llmErrorRate: ratio(a.llmErrors, a.llmCalls),
    p50Ms: latency.p50,
    p95Ms: latency.p95,
    p99Ms: latency.p99,
    inputTokens: a.inputTokens,
    outputTokens: a.outputTokens,
    cacheReadTokens: a.cacheReadTokens,
    cacheHitRatio: ratio(a.cacheReadTokens, a.inputTokens),
    costUsd,
    costPerSuccessfulTraceUsd: a.successes > 0 ? costUsd / a.successes : null,
    unpriced: a.unpriced > 0,
  };
}

/** Largest spend first; ties by calls, runs, then key, so the order is stable. */
export function bySpendDesc(a: BreakdownItem, b: BreakdownItem): number {
  return b.costUsd - a.costUsd || b.calls - a.calls || b.traces - a.traces || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export async function getBreakdown(db: Db, filter: MetricsFilter, by: BreakdownBy, opts: MetricsOptions = {}): Promise<BreakdownResponse> {
  const scope: ReadScope = { filter, groupBy: by, interval: null };
  const callLatency = new Map<string, Latency>();
  const { grid } = await collect(
    db,
    scope,
    { traceCounts: true, spanSums: true, latency: by === "agent" },
    { rollups: opts.strategy !== "raw", days: true },
    by === "model" ? (tx) => readCallLatency(tx, scope, callLatency) : undefined,
  );
  const groups = grid.get(0) ?? new Map<string, Agg>();
  const none: Latency = { p50: null, p95: null, p99: null };
  const items = [...groups].map(([key, agg]) => toBreakdownItem(key, agg, by === "agent" ? latencyOf(agg) : (callLatency.get(key) ?? none)));
  return { items: items.sort(bySpendDesc) };
}

// Reads one scope's figures from rollups and raw rows as the window plan says,
// inside one read-only repeatable-read transaction (one snapshot: dirty marks,
// rollups and raw rows agree), into a grid of aggregates per bucket and group.
import type { Db, Querier } from "@/lib/db/client";
import { cell, type AggGrid } from "./aggregate";
import { addToHistogram } from "./histogram";
import { HOUR_MS } from "./intervals";
import {
  SqlArgs,
  rawBoundsSql,
  rawExactLatencySql,
  rawHistogramSql,
  rawLlmSumsSql,
  rawTraceSumsSql,
  rollupHistogramSql,
  rollupLlmSumsSql,
  rollupTraceSumsSql,
  usageKind,
  type ReadScope,
  type SpanBounds,
  type TraceSource,
} from "./read-sql";
import { coarsenRanges, isAllRaw, planWindow, type PlanOptions, type TimeRange, type WindowPlan } from "./window-plan";

export interface Needs {
  /** traces, roots, successes (and latency needs them too). */
  traceCounts: boolean;
  /** cost, wasted, LLM calls and errors, unpriced, tokens. */
  spanSums: boolean;
  latency: boolean;
}

type SumRow = {
  b: number;
  g: string;
  traces?: number;
  roots?: number;
  successes?: number;
  cost?: string | null;
  wasted?: string | null;
  calls?: number;
  errors?: number;
  unpriced?: number;
  input?: number;
  output?: number;
  cache_read?: number;
};

function addSums(grid: AggGrid, rows: SumRow[]): void {
  for (const r of rows) {
    const a = cell(grid, Number(r.b), r.g);
    if (r.traces !== undefined) {
      a.traces += Number(r.traces);
      a.roots += Number(r.roots ?? 0);
      a.successes += Number(r.successes ?? 0);
    }
    if (r.calls !== undefined) {
      a.costPico += BigInt(r.cost ?? "0");
      a.wastedPico += BigInt(r.wasted ?? "0");
      a.llmCalls += Number(r.calls);
      a.llmErrors += Number(r.errors ?? 0);
      a.unpriced += Number(r.unpriced ?? 0);
      a.inputTokens += Number(r.input ?? 0);
      a.outputTokens += Number(r.output ?? 0);
      a.cacheReadTokens += Number(r.cache_read ?? 0);
    }
  }
}

function addHistogram(grid: AggGrid, rows: { b: number; g: string; idx: number; n: number }[]): void {
  for (const r of rows) addToHistogram(cell(grid, Number(r.b), r.g).latency, Number(r.idx), Number(r.n));
}

export async function run<T extends Record<string, unknown>>(q: Querier, build: (a: SqlArgs) => string): Promise<T[]> {
  const a = new SqlArgs();
  const text = build(a);
  return q.query<T>(text, a.values);
}

/** Span-time ranges handed to one query (see coarsenRanges). */
const MAX_SPAN_RANGES = 16;

export async function spanBounds(q: Querier, s: ReadScope, plan: WindowPlan): Promise<SpanBounds | null> {
  const rows = await run<{ lo: string | null; hi: string | null }>(q, (a) => rawBoundsSql(a, s, plan));
  // spans.start_time is start_ns truncated to µs; widen by 1 ms each side.
  const ranges: TimeRange[] = rows.flatMap((r) =>
    r.lo && r.hi ? [[Number(BigInt(r.lo) / 1_000_000n) - 1, Number(BigInt(r.hi) / 1_000_000n) + 1] as const] : [],
  );
  if (ranges.length === 0) return null;
  return coarsenRanges(ranges, MAX_SPAN_RANGES).map(([lo, hi]) => [new Date(lo).toISOString(), new Date(hi).toISOString()] as const);
}

export async function collectPlanned(q: Querier, s: ReadScope, plan: WindowPlan, needs: Needs): Promise<AggGrid> {
  const grid: AggGrid = new Map();
  const source: TraceSource = usageKind(s) > 0 ? "usage" : "traces";
  const spanSumsFromTraces = needs.spanSums && source === "traces";
  const rollups = !isAllRaw(plan);
  let raw = plan.raw.length > 0;
  let bounds: SpanBounds | null = null;
  if (raw && source === "usage") {
    bounds = await spanBounds(q, s, plan);
    // No trace starts in the raw ranges: nothing to read there.
    if (!bounds) raw = false;
  }
  if (needs.traceCounts || spanSumsFromTraces) {
    if (rollups) addSums(grid, await run<SumRow>(q, (a) => rollupTraceSumsSql(a, s, plan, source, spanSumsFromTraces)));
    if (raw) addSums(grid, await run<SumRow>(q, (a) => rawTraceSumsSql(a, s, plan, source, bounds, spanSumsFromTraces)));
  }
  if (needs.latency) {
    if (!rollups) {
      if (raw) {
        const rows = await run<{ b: number; g: string; p: number[] }>(q, (a) => rawExactLatencySql(a, s, plan, source, bounds));
        for (const r of rows) {
          const [p50, p95, p99] = r.p.map((ns) => Number(ns) / 1e6);
          cell(grid, Number(r.b), r.g).exactLatencyMs = [p50 ?? 0, p95 ?? 0, p99 ?? 0];
        }
      }
    } else {
      addHistogram(grid, await run(q, (a) => rollupHistogramSql(a, s, plan, source)));
      if (raw) addHistogram(grid, await run(q, (a) => rawHistogramSql(a, s, plan, source, bounds)));
    }
  }
  if (needs.spanSums && source === "usage") {
    if (rollups) addSums(grid, await run<SumRow>(q, (a) => rollupLlmSumsSql(a, s, plan)));
    if (raw && bounds) addSums(grid, await run<SumRow>(q, (a) => rawLlmSumsSql(a, s, plan, bounds)));
  }
  return grid;
}

export async function dirtyHoursIn(q: Querier, projectId: number, fromMs: number, toMs: number): Promise<Set<number>> {
  const rows = await q.query<{ h: number }>(
    `select distinct (extract(epoch from hour) * 1000)::float8 as h from metrics_dirty_hours
      where project_id = $1 and hour >= $2::timestamptz and hour < $3::timestamptz`,
    [projectId, new Date(Math.floor(fromMs / HOUR_MS) * HOUR_MS).toISOString(), new Date(toMs).toISOString()],
  );
  return new Set(rows.map((r) => Number(r.h)));
}

export type Strategy = "auto" | "raw";

export interface Collected {
  grid: AggGrid;
  plan: WindowPlan;
  /** Seconds the oldest dirty mark of the project has waited (0 when none). */
  lagSeconds: number;
}

/** Plans the window against the dirty hours and reads it, all in one snapshot; `also` reads more in that snapshot. */
export async function collect(
  db: Db,
  s: ReadScope,
  needs: Needs,
  opts: PlanOptions,
  also?: (tx: Querier, plan: WindowPlan) => Promise<void>,
): Promise<Collected> {
  const from = s.filter.from.getTime();
  const to = s.filter.to.getTime();
  return db.transaction(async (tx) => {
    await tx.query("set transaction isolation level repeatable read, read only");
    const dirty = opts.rollups ? await dirtyHoursIn(tx, s.filter.projectId, from, to) : new Set<number>();
    const plan = planWindow(from, to, dirty, opts);
    const grid = await collectPlanned(tx, s, plan, needs);
    if (also) await also(tx, plan);
    const [lag] = await tx.query<{ seconds: number | null }>(
      `select extract(epoch from now() - min(marked_at))::float8 as seconds from metrics_dirty_hours where project_id = $1`,
      [s.filter.projectId],
    );
    return { grid, plan, lagSeconds: Math.max(0, Number(lag?.seconds ?? 0)) };
  });
}

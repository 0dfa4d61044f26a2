// Timing harness for bench/traces.ts: a case and its baseline SELECT alternate on
// the same pool (warm-up first), medians over ≥ 20 runs unless a slow case runs
// out of its time budget (then ≥ 5 runs, reported as such); EXPLAIN of each statement.
import type { Db, Querier, Row } from "../lib/db/client";
import type { BenchCase } from "./traces-cases";

export interface Timing {
  medianMs: number;
  p90Ms: number;
  minMs: number;
  maxMs: number;
  runs: number;
}

export interface CaseResult {
  phase: string;
  id: string;
  target: boolean;
  ms: Timing;
  baselineMs: Timing;
  /** median ÷ baseline median */
  ratio: number;
  /** median < 50 ms */
  met: boolean | null;
  /** EXPLAIN (ANALYZE, BUFFERS) of each statement the case ran (last run). */
  plans: { sql: string; plan: string[] }[];
}

export interface MeasureOptions {
  minRuns: number;
  warmup: number;
  /** After this many ms a slow case stops at ≥ 5 runs. */
  budgetMs: number;
  targetMs: number;
  explain: boolean;
}

function stats(xs: number[]): Timing {
  const s = [...xs].sort((a, b) => a - b);
  const at = (f: number) => s[Math.min(s.length - 1, Math.floor(f * s.length))]!;
  const mid = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  const r = (v: number) => Math.round(v * 100) / 100;
  return { medianMs: r(mid), p90Ms: r(at(0.9)), minMs: r(s[0]!), maxMs: r(s[s.length - 1]!), runs: s.length };
}

/** Records the statements a case runs, for EXPLAIN afterwards. */
function recording(q: Querier, log: { text: string; params: unknown[] }[]): Querier {
  return {
    query: <T extends Row>(text: string, params?: unknown[]) => {
      log.push({ text, params: params ?? [] });
      return q.query<T>(text, params);
    },
  };
}

export async function explain(db: Db, text: string, params: unknown[]): Promise<string[]> {
  const rows = await db.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${text}`, params);
  return rows.map((r) => r["QUERY PLAN"]);
}

/** `wrap` layers a phase's query rewrites over the database; EXPLAIN sees the rewritten statements. */
export async function measureCase(db: Db, wrap: (q: Querier) => Querier, phase: string, c: BenchCase, o: MeasureOptions): Promise<CaseResult> {
  const q = wrap(db);
  const base = () => db.query(c.baseline.sql, c.baseline.params);
  for (let i = 0; i < o.warmup; i++) {
    await c.run(q);
    await base();
  }
  const times: number[] = [];
  const baseTimes: number[] = [];
  const t0 = performance.now();
  while (times.length < o.minRuns && !(times.length >= 5 && performance.now() - t0 > o.budgetMs)) {
    let t = performance.now();
    await c.run(q);
    times.push(performance.now() - t);
    t = performance.now();
    await base();
    baseTimes.push(performance.now() - t);
  }
  const plans: CaseResult["plans"] = [];
  if (o.explain) {
    const log: { text: string; params: unknown[] }[] = [];
    await c.run(wrap(recording(db, log)));
    for (const s of log) plans.push({ sql: s.text.replace(/\s+/g, " ").trim(), plan: await explain(db, s.text, s.params) });
    plans.push({ sql: `baseline: ${c.baseline.sql}`, plan: await explain(db, c.baseline.sql, c.baseline.params) });
  }
  const ms = stats(times);
  const baselineMs = stats(baseTimes);
  return {
    phase,
    id: c.id,
    target: c.target,
    ms,
    baselineMs,
    ratio: Math.round((ms.medianMs / baselineMs.medianMs) * 10) / 10,
    met: c.target ? ms.medianMs < o.targetMs : null,
    plans,
  };
}

/** The plan lines that matter at a glance: node types, index names, rows, time. */
export function planSummary(plan: string[], maxLines = 12): string[] {
  return plan
    .filter((l) => /->|^\S|Index Cond|Filter|Rows Removed|Execution Time|Planning Time|Subplans Removed|Buffers: shared/.test(l))
    .slice(0, maxLines);
}

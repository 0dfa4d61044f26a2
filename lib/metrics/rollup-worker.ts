// The rollup worker: recomputes the hours that ingest marked dirty (and their
// days) exactly from `traces` and `spans`. One transaction per (project, UTC day),
// guarded by a try-advisory lock, so any number of processes can run it. It
// deletes exactly the marks it read before recomputing: a batch that commits
// meanwhile leaves its own mark behind and gets recomputed on a later pass.
import type { Db, Querier } from "@/lib/db/client";
import { errorFields, logEvent } from "@/lib/log";
import { refreshStatistics } from "@/lib/db/statistics";
import { DAY_MS, HOUR_MS } from "./intervals";
import {
  INSERT_LLM_DAY_SQL,
  INSERT_LLM_HOURS_SQL,
  INSERT_TRACE_DAY_SQL,
  INSERT_TRACE_HOURS_SQL,
  INSERT_USAGE_DAY_SQL,
  INSERT_USAGE_HOURS_SQL,
  ROLLUP_TABLES,
  TRACES_BOUNDS_SQL,
  deleteDaySql,
  deleteHoursSql,
} from "./rollup-sql";

export interface RollupRunOptions {
  /** Recompute an hour once no batch has marked it for this long (default 10 s)… */
  settleMs?: number;
  /** …or once its oldest mark is this old, even under steady ingest (default 60 s). */
  maxWaitMs?: number;
  /** Days (per project) to recompute in this run (default 24). */
  maxDays?: number;
}

export interface RollupRunResult {
  /** (project, day) groups recomputed. */
  days: number;
  hours: number;
  /** Groups another process was already recomputing. */
  skipped: number;
}

/** Logged (at most once a minute) when the oldest dirty hour waits longer than this. */
export const LAG_WARN_SECONDS = 300;

const iso = (v: unknown) => new Date(v instanceof Date ? v : String(v)).toISOString();

async function recomputeDay(db: Db, projectId: number, dayMs: number): Promise<number | null> {
  const day = [new Date(dayMs).toISOString(), new Date(dayMs + DAY_MS).toISOString()];
  return db.transaction(async (tx: Querier) => {
    const [lock] = await tx.query<{ ok: boolean }>(
      `select pg_try_advisory_xact_lock(hashtextextended('skein.metrics.rollup.' || $1::text || '.' || $2::text, 0)) as ok`,
      [projectId, day[0]],
    );
    if (!lock?.ok) return null;
    const marks = await tx.query<{ id: string; hour: unknown }>(
      `select id::text as id, hour from metrics_dirty_hours where project_id = $1 and hour >= $2::timestamptz and hour < $3::timestamptz`,
      [projectId, ...day],
    );
    if (marks.length === 0) return 0;
    const hours = [...new Set(marks.map((m) => iso(m.hour)))].sort();
    const [bounds] = await tx.query<{ lo: string | null; hi: string | null }>(TRACES_BOUNDS_SQL, [projectId, hours, ...day]);
    for (const table of ROLLUP_TABLES) await tx.query(deleteHoursSql(table), [projectId, hours]);
    await tx.query(INSERT_TRACE_HOURS_SQL, [projectId, hours, ...day]);
    if (bounds?.lo && bounds.hi) {
      // Spans of these traces start within [min start, max end] of the traces (± 1 ms of µs truncation).
      const lo = new Date(Number(BigInt(bounds.lo) / 1_000_000n) - 1).toISOString();
      const hi = new Date(Number(BigInt(bounds.hi) / 1_000_000n) + 1).toISOString();
      await tx.query(INSERT_USAGE_HOURS_SQL, [projectId, hours, ...day, lo, hi]);
      await tx.query(INSERT_LLM_HOURS_SQL, [projectId, hours, ...day, lo, hi]);
    }
    for (const table of ROLLUP_TABLES) await tx.query(deleteDaySql(table), [projectId, day[0]]);
    await tx.query(INSERT_TRACE_DAY_SQL, [projectId, ...day]);
    await tx.query(INSERT_USAGE_DAY_SQL, [projectId, ...day]);
    await tx.query(INSERT_LLM_DAY_SQL, [projectId, ...day]);
    await tx.query(`delete from metrics_dirty_hours where project_id = $1 and hour = any($2::text[]::timestamptz[]) and id = any($3::text[]::int8[])`, [
      projectId,
      hours,
      marks.map((m) => m.id),
    ]);
    return hours.length;
  });
}

/** One pass over the dirty hours that are due. Safe to run concurrently from several processes. */
export async function runRollups(db: Db, opts: RollupRunOptions = {}): Promise<RollupRunResult> {
  const due = await db.query<{ project_id: number; day: unknown }>(
    `select project_id, date_trunc('day', hour, 'UTC') as day
       from metrics_dirty_hours
      group by 1, 2
     having max(marked_at) <= now() - $1::float8 * interval '1 millisecond'
         or min(marked_at) <= now() - $2::float8 * interval '1 millisecond'
      order by min(marked_at)
      limit $3`,
    [opts.settleMs ?? 10_000, opts.maxWaitMs ?? 60_000, opts.maxDays ?? 24],
  );
  const result: RollupRunResult = { days: 0, hours: 0, skipped: 0 };
  for (const g of due) {
    const hours = await recomputeDay(db, Number(g.project_id), Date.parse(iso(g.day)));
    if (hours === null) result.skipped++;
    else if (hours > 0) {
      result.days++;
      result.hours += hours;
    }
  }
  return result;
}

/** Recomputes everything dirty now, ignoring the settle delay (tests, benchmarks, admin). */
export async function flushRollups(db: Db): Promise<RollupRunResult> {
  const total: RollupRunResult = { days: 0, hours: 0, skipped: 0 };
  for (;;) {
    const r = await runRollups(db, { settleMs: 0, maxWaitMs: 0, maxDays: 1000 });
    total.days += r.days;
    total.hours += r.hours;
    total.skipped += r.skipped;
    if (r.days === 0 && r.skipped === 0) return total;
    // Another process holds a day: wait for it rather than report a clean state too early.
    if (r.skipped > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface RollupLag {
  /** Age of the oldest dirty mark (0 when none). */
  seconds: number;
  dirtyHours: number;
}

/** How far the rollups are behind ingest, for one project or (projectId null) all. */
export async function rollupLag(q: Querier, projectId: number | null): Promise<RollupLag> {
  const [row] = await q.query<{ seconds: number | null; hours: number | string }>(
    `select extract(epoch from now() - min(marked_at))::float8 as seconds, count(distinct (project_id, hour)) as hours
       from metrics_dirty_hours where $1::int4 is null or project_id = $1::int4`,
    [projectId],
  );
  return { seconds: Math.max(0, Number(row?.seconds ?? 0)), dirtyHours: Number(row?.hours ?? 0) };
}

/**
 * Drops rollups of data that retention deleted (buckets entirely before `cutoff`)
 * and marks the cut hour dirty, so rollups and raw rows keep agreeing.
 */
export async function pruneRollups(db: Db, projectId: number, cutoff: Date): Promise<void> {
  const hour = Math.floor(cutoff.getTime() / HOUR_MS) * HOUR_MS;
  const day = Math.floor(cutoff.getTime() / DAY_MS) * DAY_MS;
  await db.transaction(async (tx) => {
    for (const table of ROLLUP_TABLES) {
      await tx.query(`delete from ${table} where project_id = $1 and ((grain = 1 and bucket < $2::timestamptz) or (grain = 24 and bucket < $3::timestamptz))`, [
        projectId,
        new Date(hour).toISOString(),
        new Date(day).toISOString(),
      ]);
    }
    await tx.query(`delete from metrics_dirty_hours where project_id = $1 and hour < $2::timestamptz`, [projectId, new Date(hour).toISOString()]);
    await tx.query(`insert into metrics_dirty_hours (project_id, hour) values ($1, $2::timestamptz)`, [projectId, new Date(hour).toISOString()]);
  });
}

interface Worker {
  stop(): void;
}

const workers = new WeakMap<Db, Worker>();

/**
 * Starts the in-process worker for this database once (later calls do nothing).
 * Every `everyMs` it recomputes due hours; failures back off up to 5 minutes.
 */
export function ensureRollupWorker(db: Db, everyMs = 5_000): void {
  if (workers.has(db)) return;
  let running = false;
  let failures = 0;
  let resumeAt = 0;
  let lastLagLog = 0;
  const tick = async () => {
    const deadline = Date.now() + 2_000;
    let wrote = false;
    while (Date.now() < deadline && (await runRollups(db)).days > 0) wrote = true;
    // Recomputed hours mean new data: keep PGlite's planner statistics current.
    await refreshStatistics(db, wrote);
    const lag = await rollupLag(db, null);
    if (lag.seconds > LAG_WARN_SECONDS && Date.now() - lastLagLog > 60_000) {
      lastLagLog = Date.now();
      logEvent("metrics.rollup_lag", { seconds: Math.round(lag.seconds), dirtyHours: lag.dirtyHours });
    }
  };
  const timer = setInterval(() => {
    if (running || Date.now() < resumeAt) return;
    running = true;
    tick()
      .then(() => {
        failures = 0;
      })
      .catch((err: unknown) => {
        failures++;
        resumeAt = Date.now() + Math.min(300_000, everyMs * 2 ** failures);
        logEvent("metrics.rollup_failed", { ...errorFields(err), failures });
      })
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  workers.set(db, { stop: () => clearInterval(timer) });
}

export function stopRollupWorker(db: Db): void {
  workers.get(db)?.stop();
  workers.delete(db);
}

// Retention: whole day partitions older than the longest project retention are
// dropped (cheap); projects with a shorter retention delete their own older rows.
// Runs hourly in every process; an advisory lock makes one process do the work.
import type { Db } from "@/lib/db/client";
import { dropPartitionsBefore } from "@/lib/db/partitions";
import { errorFields, logEvent } from "@/lib/log";
import { pruneRollups } from "@/lib/metrics/rollup-worker";

const RETENTION_LOCK = 7230503;
const DAY_MS = 86_400_000;

export interface RetentionResult {
  droppedDays: string[];
  deletedSpans: number;
  deletedTraces: number;
}

export async function applyRetention(db: Db, now: Date = new Date()): Promise<RetentionResult | null> {
  const [lock] = await db.query<{ ok: boolean }>(`select pg_try_advisory_lock(${RETENTION_LOCK}) as ok`);
  if (!lock?.ok) return null;
  try {
    const projects = await db.query<{ id: number; retention_days: number }>(`select id, retention_days from projects`);
    if (projects.length === 0) return { droppedDays: [], deletedSpans: 0, deletedTraces: 0 };
    const longest = Math.max(...projects.map((p) => Number(p.retention_days)));
    const droppedDays = await dropPartitionsBefore(db, new Date(now.getTime() - longest * DAY_MS));
    let deletedSpans = 0;
    let deletedTraces = 0;
    for (const p of projects) {
      const cutoff = new Date(now.getTime() - Number(p.retention_days) * DAY_MS).toISOString();
      if (Number(p.retention_days) < longest) {
        const s = await db.query(`delete from spans where project_id = $1 and start_time < $2::timestamptz returning 1`, [p.id, cutoff]);
        deletedSpans += s.length;
      }
      const t = await db.query(`delete from traces where project_id = $1 and start_time < $2::timestamptz returning 1`, [p.id, cutoff]);
      deletedTraces += t.length;
      await pruneRollups(db, p.id, new Date(cutoff));
    }
    return { droppedDays, deletedSpans, deletedTraces };
  } finally {
    await db.query(`select pg_advisory_unlock(${RETENTION_LOCK})`);
  }
}

/** Starts the hourly retention run (the first one an hour after start). */
export function scheduleRetention(db: Db, everyMs = 3_600_000): () => void {
  const timer = setInterval(() => {
    applyRetention(db)
      .then((r) => {
        if (r && (r.droppedDays.length || r.deletedSpans || r.deletedTraces)) {
          logEvent("retention.applied", { droppedDays: r.droppedDays.length, deletedSpans: r.deletedSpans, deletedTraces: r.deletedTraces });
        }
      })
      .catch((err: unknown) => logEvent("retention.failed", errorFields(err)));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

// Planner statistics for embedded PGlite. PGlite runs no autovacuum, so nothing
// ever ANALYZEs: the planner then believes every table is empty and picks nested
// loops over whole tables (the cost report on a day of demo traffic, 14k spans,
// took 55 s; after ANALYZE 0.4 s). PostgreSQL's autovacuum does this by itself.
import type { Db } from "./client";

/** At most one ANALYZE per this interval while data keeps changing (it blocks PGlite's one connection ~1 s). */
export const ANALYZE_EVERY_MS = 5 * 60_000;

const state = new WeakMap<Db, { lastAt: number; pending: boolean }>();

/**
 * Call after writes landed (the rollup worker does, when it recomputed something).
 * On PGlite it runs ANALYZE when due: at the first call, then at most every ANALYZE_EVERY_MS
 * while writes keep coming. Returns whether it analyzed.
 */
export async function refreshStatistics(db: Db, wrote: boolean, now = Date.now()): Promise<boolean> {
  if (db.kind !== "pglite") return false;
  const s = state.get(db) ?? { lastAt: Number.NEGATIVE_INFINITY, pending: true };
  state.set(db, s);
  if (wrote) s.pending = true;
  if (!s.pending || now - s.lastAt < ANALYZE_EVERY_MS) return false;
  s.pending = false;
  s.lastAt = now;
  await db.query("analyze");
  return true;
}

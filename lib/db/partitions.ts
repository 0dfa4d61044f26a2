// Daily range partitions of `spans` (UTC days of start_time), created on demand
// before a batch is written and dropped whole for retention (docs/adr/0001).
import type { Db, Querier } from "./client";

const DAY_MS = 86_400_000;
/** Arbitrary constant for the advisory lock that serializes partition DDL across processes. */
const PARTITION_LOCK = 7230502;

const known = new WeakMap<object, Set<string>>();

/** "20261123" for the UTC day containing `ms`. */
export function dayKey(ms: number): string {
  return new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10).replaceAll("-", "");
}

function dayBounds(key: string): [string, string] {
  const start = Date.UTC(Number(key.slice(0, 4)), Number(key.slice(4, 6)) - 1, Number(key.slice(6, 8)));
  return [new Date(start).toISOString(), new Date(start + DAY_MS).toISOString()];
}

async function loadKnown(q: Querier): Promise<Set<string>> {
  const rows = await q.query<{ name: string }>(
    `select c.relname as name from pg_inherits i
       join pg_class c on c.oid = i.inhrelid
       join pg_class p on p.oid = i.inhparent
      where p.relname = 'spans'`,
  );
  return new Set(rows.map((r) => r.name.replace(/^spans_p/, "")));
}

/** Makes sure a partition exists for each UTC day key given. */
export async function ensurePartitions(db: Db, days: Iterable<string>): Promise<void> {
  let set = known.get(db);
  if (!set) {
    set = await loadKnown(db);
    known.set(db, set);
  }
  const missing = [...new Set(days)].filter((d) => !set.has(d));
  if (missing.length === 0) return;
  await db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(${PARTITION_LOCK})`);
    const existing = await loadKnown(tx);
    for (const day of missing) {
      if (!/^\d{8}$/.test(day)) throw new Error("invalid partition day");
      if (existing.has(day)) continue;
      const [from, to] = dayBounds(day);
      await tx.query(`create table if not exists "spans_p${day}" partition of spans for values from ('${from}') to ('${to}')`);
    }
  });
  for (const day of missing) set.add(day);
}

/** Drops whole day partitions that end at or before `before`; returns the days dropped. */
export async function dropPartitionsBefore(db: Db, before: Date): Promise<string[]> {
  const dropped: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(${PARTITION_LOCK})`);
    for (const day of await loadKnown(tx)) {
      const [, to] = dayBounds(day);
      if (new Date(to) <= before) {
        await tx.query(`drop table if exists "spans_p${day}"`);
        dropped.push(day);
      }
    }
  });
  known.delete(db);
  return dropped.sort();
}

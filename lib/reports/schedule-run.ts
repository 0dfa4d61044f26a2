// STUB (being written): queues the scheduled reports whose period has ended.
import type { Db } from "@/lib/db/client";

export function queueDueReports(_db: Db, _now: Date = new Date()): Promise<{ runId: number }[]> {
  return Promise.resolve([]);
}

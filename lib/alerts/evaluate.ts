import type { Db } from "@/lib/db/client";
export function evaluateRules(_db: Db, _now: Date = new Date()): Promise<{ eventId: number }[]> {
  return Promise.resolve([]);
}

// Queues scheduled cost reports whose period has ended, and "send now" runs.
// A run row is inserted with ON CONFLICT DO NOTHING on the partial unique index
// (project, schedule, period_start) WHERE NOT manual, and only the process whose
// insert created the row queues the deliveries, in the same transaction: each
// scheduled report goes out once per period, across restarts and processes.
import type { Db, Querier } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { isValidTimeZone } from "@/lib/budgets/period";
import { queueDeliveries } from "@/lib/notify/outbox";
import { duePeriod, lastCompletePeriod, type Cadence } from "./schedule-period";

export interface QueuedRun {
  runId: number;
  projectId: number;
  scheduleId: number;
  periodStart: Date;
  periodEnd: Date;
}

interface DueRow {
  project_id: number;
  id: number;
  cadence: Cadence;
  timezone: string;
  created_ms: number;
  channel_count: number;
  last_start_ms: number | null;
}

const DUE_SQL = `
select s.project_id, s.id, s.cadence, s.timezone, (extract(epoch from s.created_at) * 1000)::float8 as created_ms,
       jsonb_array_length(s.channels)::int4 as channel_count,
       (select (extract(epoch from max(r.period_start)) * 1000)::float8 from report_runs r
         where r.project_id = s.project_id and r.schedule_id = s.id and not r.manual) as last_start_ms
  from report_schedules s
 where s.enabled`;

async function insertRun(tx: Querier, projectId: number, scheduleId: number, start: Date, end: Date, manual: boolean): Promise<number | null> {
  const conflict = manual ? "" : " on conflict (project_id, schedule_id, period_start) where not manual do nothing";
  const [row] = await tx.query<{ id: string }>(
    `insert into report_runs (project_id, schedule_id, period_start, period_end, manual)
     select project_id, id, $3::timestamptz, $4::timestamptz, $5 from report_schedules where project_id = $1 and id = $2${conflict}
     returning id::text as id`,
    [projectId, scheduleId, start.toISOString(), end.toISOString(), manual],
  );
  return row ? Number(row.id) : null;
}

/** For every enabled schedule, queues the last complete period's report unless it was queued already. */
export async function queueDueReports(db: Db, now: Date = new Date()): Promise<QueuedRun[]> {
  const rows = await db.query<DueRow & Record<string, unknown>>(DUE_SQL);
  const queued: QueuedRun[] = [];
  for (const s of rows) {
    if (!isValidTimeZone(s.timezone)) continue;
    const due = duePeriod(s.cadence, s.timezone, new Date(Number(s.created_ms)), now);
    if (!due) continue;
    if (s.last_start_ms !== null && Number(s.last_start_ms) >= due.start.getTime()) continue;
    const runId = await db.transaction(async (tx) => {
      const id = await insertRun(tx, s.project_id, s.id, due.start, due.end, false);
      if (id !== null) await queueDeliveries(tx, s.project_id, "report", id, Number(s.channel_count));
      return id;
    });
    if (runId !== null) queued.push({ runId, projectId: s.project_id, scheduleId: s.id, periodStart: due.start, periodEnd: due.end });
  }
  return queued;
}

/**
 * "Send now": a manual run for the last complete period (the report the schedule
 * sent or will send for it), queued for every channel. Manual runs are outside the
 * once-per-period key, so they can be repeated.
 */
export async function sendReportNow(db: Db, projectId: number, scheduleId: number, now: Date = new Date()): Promise<QueuedRun> {
  return db.transaction(async (tx) => {
    const [s] = await tx.query<{ cadence: Cadence; timezone: string; channel_count: number }>(
      `select cadence, timezone, jsonb_array_length(channels)::int4 as channel_count from report_schedules where project_id = $1 and id = $2`,
      [projectId, scheduleId],
    );
    if (!s) throw new NotFoundError("report schedule not found");
    const period = lastCompletePeriod(s.cadence, s.timezone, now);
    const runId = await insertRun(tx, projectId, scheduleId, period.start, period.end, true);
    if (runId === null) throw new NotFoundError("report schedule not found");
    await queueDeliveries(tx, projectId, "report", runId, Number(s.channel_count));
    return { runId, projectId, scheduleId, periodStart: period.start, periodEnd: period.end };
  });
}

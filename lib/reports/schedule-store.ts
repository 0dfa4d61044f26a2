// Report schedules CRUD, and their JSON with the next run time and the last runs'
// delivery attempts. Webhook secrets are shown only to admins (as for budgets).
import { and, asc, eq, sql } from "drizzle-orm";
import { reportSchedules } from "@/drizzle/schema";
import { NotFoundError } from "@/lib/errors";
import type { Db } from "@/lib/db/client";
import { deliveriesOf } from "@/lib/budgets/alert-list";
import { MASKED_SECRET, maskChannels } from "@/lib/notify/channel-mask";
import { scheduleInput, type ScheduleInput, type ScheduleJson, type ScheduleRunJson } from "./schedule-input";
import { nextRunAt } from "./schedule-period";

export type ScheduleRow = typeof reportSchedules.$inferSelect;

const LAST_RUNS = 5;

const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();

/** Per schedule: its latest scheduled (non-manual) period start and its last runs with their deliveries. */
interface RunInfo {
  lastScheduledStart: Date | null;
  runs: ScheduleRunJson[];
}

async function runInfo(db: Db, projectId: number, ids: number[]): Promise<Map<number, RunInfo>> {
  const out = new Map<number, RunInfo>(ids.map((id) => [id, { lastScheduledStart: null, runs: [] }]));
  if (ids.length === 0) return out;
  const latest = await db.query<{ schedule_id: number; start: unknown }>(
    `select schedule_id, max(period_start) as start from report_runs
      where project_id = $1 and schedule_id = any($2::int4[]) and not manual group by schedule_id`,
    [projectId, ids],
  );
  for (const r of latest) {
    const info = out.get(r.schedule_id);
    if (info && r.start !== null) info.lastScheduledStart = new Date(iso(r.start));
  }
  const runs = await db.query<{ id: string; schedule_id: number; period_start: unknown; period_end: unknown; manual: boolean; created_at: unknown }>(
    `select id::text as id, schedule_id, period_start, period_end, manual, created_at from (
       select r.*, row_number() over (partition by r.schedule_id order by r.created_at desc, r.id desc) as n
         from report_runs r where r.project_id = $1 and r.schedule_id = any($2::int4[])) x
      where n <= $3 order by schedule_id, created_at desc, id desc`,
    [projectId, ids, LAST_RUNS],
  );
  if (runs.length === 0) return out;
  const byRun = await deliveriesOf(
    db,
    projectId,
    "report",
    runs.map((r) => r.id),
    "join report_runs r on r.project_id = d.project_id and r.id = d.report_run_id join report_schedules s on s.project_id = r.project_id and s.id = r.schedule_id",
    "s.channels",
  );
  for (const r of runs) {
    out.get(r.schedule_id)?.runs.push({
      runId: Number(r.id),
      periodStart: iso(r.period_start),
      periodEnd: iso(r.period_end),
      manual: r.manual,
      createdAt: iso(r.created_at),
      deliveries: byRun.get(r.id) ?? [],
    });
  }
  return out;
}

function toJson(r: ScheduleRow, info: RunInfo | undefined, revealSecrets: boolean, now: Date): ScheduleJson {
  return {
    id: r.id,
    name: r.name,
    cadence: r.cadence,
    timezone: r.timezone,
    groupBy: r.groupBy,
    enabled: r.enabled,
    channels: maskChannels(r.channels, revealSecrets),
    nextRunAt: r.enabled ? nextRunAt(r.cadence, r.timezone, r.createdAt, now, info?.lastScheduledStart ?? null).toISOString() : null,
    lastRuns: info?.runs ?? [],
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Rows → JSON with next run and last runs (one query per kind, not per schedule). */
export async function schedulesToJson(db: Db, projectId: number, rows: ScheduleRow[], revealSecrets: boolean, now = new Date()): Promise<ScheduleJson[]> {
  const info = await runInfo(db, projectId, rows.map((r) => r.id));
  return rows.map((r) => toJson(r, info.get(r.id), revealSecrets, now));
}

export async function scheduleToJson(db: Db, projectId: number, row: ScheduleRow, revealSecrets: boolean, now = new Date()): Promise<ScheduleJson> {
  const [json] = await schedulesToJson(db, projectId, [row], revealSecrets, now);
  if (!json) throw new Error("schedule json missing");
  return json;
}

export async function listSchedules(db: Db, projectId: number): Promise<ScheduleRow[]> {
  return db.orm.select().from(reportSchedules).where(eq(reportSchedules.projectId, projectId)).orderBy(asc(reportSchedules.id));
}

export async function getSchedule(db: Db, projectId: number, id: number): Promise<ScheduleRow> {
  const [row] = await db.orm
    .select()
    .from(reportSchedules)
    .where(and(eq(reportSchedules.projectId, projectId), eq(reportSchedules.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("report schedule not found");
  return row;
}

export async function createSchedule(db: Db, projectId: number, input: ScheduleInput): Promise<ScheduleRow> {
  const [row] = await db.orm
    .insert(reportSchedules)
    .values({ projectId, ...input })
    .returning();
  if (!row) throw new Error("report schedule insert returned nothing");
  return row;
}

/** A webhook channel sent back with the masked secret keeps the stored secret of the same URL. */
function keepSecrets(channels: unknown[], stored: ScheduleRow["channels"]): unknown[] {
  return channels.map((c) => {
    const ch = c as { type?: unknown; url?: unknown; secret?: unknown } | null;
    if (!ch || ch.type !== "webhook" || ch.secret !== MASKED_SECRET) return c;
    const same = stored.find((s) => s.type === "webhook" && s.url === ch.url);
    return same && same.type === "webhook" ? { ...ch, secret: same.secret } : c;
  });
}

/** Merges the patch onto the stored schedule and re-validates the whole. */
export async function updateSchedule(db: Db, projectId: number, id: number, patch: Record<string, unknown>): Promise<ScheduleRow> {
  const r = await getSchedule(db, projectId, id);
  const current: ScheduleInput = { name: r.name, cadence: r.cadence, timezone: r.timezone, groupBy: r.groupBy, enabled: r.enabled, channels: r.channels };
  const merged: Record<string, unknown> = { ...current, ...patch };
  if (Array.isArray(patch.channels)) merged.channels = keepSecrets(patch.channels, r.channels);
  const next = scheduleInput.parse(merged);
  const [row] = await db.orm
    .update(reportSchedules)
    .set({ ...next, updatedAt: sql`now()` })
    .where(and(eq(reportSchedules.projectId, projectId), eq(reportSchedules.id, id)))
    .returning();
  if (!row) throw new NotFoundError("report schedule not found");
  return row;
}

export async function deleteSchedule(db: Db, projectId: number, id: number): Promise<void> {
  const rows = await db.orm
    .delete(reportSchedules)
    .where(and(eq(reportSchedules.projectId, projectId), eq(reportSchedules.id, id)))
    .returning({ id: reportSchedules.id });
  if (!rows[0]) throw new NotFoundError("report schedule not found");
}

/** Path param → id (404 for anything that is not a positive int4). */
export function scheduleId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) throw new NotFoundError("report schedule not found");
  return id;
}

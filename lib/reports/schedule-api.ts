// Browser fetchers for /api/report-schedules. Writes keep a 400's issues so the dialog
// can show each message beside its field.
import { ApiError, apiGet, apiSend, withParams } from "@/lib/query/api";
import type { ScheduleInput, ScheduleJson } from "./schedule-input";

export const scheduleKeys = {
  list: (project: string) => ["report-schedules", project] as const,
};

export class ScheduleSaveError extends ApiError {
  constructor(
    status: number,
    message: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(status, message);
  }
}

export async function fetchSchedules(project: string): Promise<ScheduleJson[]> {
  return (await apiGet<{ items: ScheduleJson[] }>("/api/report-schedules", { project })).items;
}

/** POST a new schedule or PATCH one; a 400 throws ScheduleSaveError with the field issues. */
export async function saveSchedule(project: string, id: number | null, body: Partial<ScheduleInput>): Promise<ScheduleJson> {
  const res = await fetch(withParams(id === null ? "/api/report-schedules" : `/api/report-schedules/${id}`, { project }), {
    method: id === null ? "POST" : "PATCH",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {}
  if (res.ok) return json as ScheduleJson;
  const b = (json ?? {}) as { error?: string; issues?: { path: string; message: string }[] };
  const message = res.status === 401 ? "Your session has ended: sign in again (the schedule was not saved)" : (b.error ?? `${res.status} ${res.statusText}`);
  throw new ScheduleSaveError(res.status, message, Array.isArray(b.issues) ? b.issues : []);
}

export function deleteSchedule(project: string, id: number): Promise<{ ok: boolean }> {
  return apiSend("DELETE", `/api/report-schedules/${id}`, undefined, { project });
}

export function sendScheduleNow(project: string, id: number): Promise<{ runId: number; periodStart: string; periodEnd: string }> {
  return apiSend("POST", `/api/report-schedules/${id}/send`, undefined, { project });
}

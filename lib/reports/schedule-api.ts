// Browser fetchers for /api/report-schedules. Writes keep a 400's issues so the dialog
// can show each message beside its field.
import { apiGet, apiSend } from "@/lib/query/api";
import { saveItem } from "@/lib/query/send-with-issues";
import type { ScheduleInput, ScheduleJson } from "./schedule-input";

export const scheduleKeys = {
  list: (project: string) => ["report-schedules", project] as const,
};

export async function fetchSchedules(project: string): Promise<ScheduleJson[]> {
  return (await apiGet<{ items: ScheduleJson[] }>("/api/report-schedules", { project })).items;
}

/** POST a new schedule or PATCH one; a refusal throws IssuesError with the 400's field issues. */
export function saveSchedule(project: string, id: number | null, body: Partial<ScheduleInput>): Promise<ScheduleJson> {
  return saveItem<ScheduleJson>("/api/report-schedules", id, project, body, {
    401: "Your session has ended: sign in again (the schedule was not saved)",
  });
}

export function deleteSchedule(project: string, id: number): Promise<{ ok: boolean }> {
  return apiSend("DELETE", `/api/report-schedules/${id}`, undefined, { project });
}

export function sendScheduleNow(project: string, id: number): Promise<{ runId: number; periodStart: string; periodEnd: string }> {
  return apiSend("POST", `/api/report-schedules/${id}/send`, undefined, { project });
}

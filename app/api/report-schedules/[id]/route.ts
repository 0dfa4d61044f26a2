// GET/PATCH/DELETE /api/report-schedules/{id}. PATCH is partial (merged, then validated whole).
import { apiRoute, jsonBody } from "@/lib/http/api";
import { schedulePatch } from "@/lib/reports/schedule-input";
import { deleteSchedule, getSchedule, scheduleId, scheduleToJson, updateSchedule } from "@/lib/reports/schedule-store";

export const dynamic = "force-dynamic";

export const GET = apiRoute("read", async ({ rt, project, params, principal }) => {
  const p = await project();
  return scheduleToJson(rt.db, p.id, await getSchedule(rt.db, p.id, scheduleId(params.id)), principal.role === "admin");
});

export const PATCH = apiRoute("write", async ({ req, rt, project, params }) => {
  const p = await project();
  const id = scheduleId(params.id);
  return scheduleToJson(rt.db, p.id, await updateSchedule(rt.db, p.id, id, await jsonBody(req, schedulePatch)), true);
});

export const DELETE = apiRoute("write", async ({ rt, project, params }) => {
  const p = await project();
  await deleteSchedule(rt.db, p.id, scheduleId(params.id));
  return { ok: true };
});

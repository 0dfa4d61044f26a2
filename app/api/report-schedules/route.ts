// GET /api/report-schedules (viewers read; webhook secrets masked) and POST (admin).
import { apiRoute, jsonBody } from "@/lib/http/api";
import { scheduleInput } from "@/lib/reports/schedule-input";
import { createSchedule, listSchedules, scheduleToJson, schedulesToJson } from "@/lib/reports/schedule-store";

export const dynamic = "force-dynamic";

export const GET = apiRoute("read", async ({ rt, project, principal }) => {
  const p = await project();
  return { items: await schedulesToJson(rt.db, p.id, await listSchedules(rt.db, p.id), principal.role === "admin") };
});

export const POST = apiRoute("write", async ({ req, rt, project }) => {
  const p = await project();
  const created = await createSchedule(rt.db, p.id, await jsonBody(req, scheduleInput));
  return Response.json(await scheduleToJson(rt.db, p.id, created, true), { status: 201 });
});

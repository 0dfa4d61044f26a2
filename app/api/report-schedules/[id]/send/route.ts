// POST /api/report-schedules/{id}/send (admin): queues the report of the last complete
// period to every channel now, whatever the schedule already sent → 202 { runId }.
import { apiRoute } from "@/lib/http/api";
import { sendReportNow } from "@/lib/reports/schedule-run";
import { scheduleId } from "@/lib/reports/schedule-store";

export const dynamic = "force-dynamic";

export const POST = apiRoute("write", async ({ rt, project, params }) => {
  const p = await project();
  const run = await sendReportNow(rt.db, p.id, scheduleId(params.id));
  return Response.json({ runId: run.runId, periodStart: run.periodStart.toISOString(), periodEnd: run.periodEnd.toISOString() }, { status: 202 });
});

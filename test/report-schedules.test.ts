// Scheduled cost reports end to end: spans ingested over real HTTP, a weekly schedule
// with a webhook (HMAC verified by a local receiver), a Slack channel and an e-mail
// channel (a real local SMTP server; the message parsed, its PDF read with pdftotext).
// Each period's report goes out once, whatever a second pass or a second process does;
// "send now" sends again; monthly periods follow the schedule's time zone.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute, POST as createRoute } from "@/app/api/report-schedules/route";
import { DELETE as deleteRoute, GET as getRoute, PATCH as patchRoute } from "@/app/api/report-schedules/[id]/route";
import { POST as sendRoute } from "@/app/api/report-schedules/[id]/send/route";
import { runBudgetPass } from "@/lib/budgets/worker";
import { openDb, type Db } from "@/lib/db/client";
import { getOverview } from "@/lib/metrics/overview";
import { pdfTime, pdfUsd } from "@/lib/export/cost-report-pdf";
import { usd } from "@/lib/notify/notice";
import { currentPeriod, lastCompletePeriod, periodLabel } from "@/lib/reports/schedule-period";
import type { ScheduleJson } from "@/lib/reports/schedule-input";
import { BACKENDS } from "./helpers/db";
import { alertingContext } from "./helpers/alerting-context";
import { BASE, call, idParams, llmTrace, noParams, SECRET, sign, startReceiver, startSmtp } from "./helpers/alerts";

const PUBLIC_URL = "https://skein.example";
const TZ = "Europe/Berlin";

function pdfText(bytes: Buffer): string {
  const file = path.join(os.tmpdir(), `skein-scheduled-report-${process.pid}.pdf`);
  fs.writeFileSync(file, bytes);
  try {
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe.each(BACKENDS)("report schedules on %s", (backend) => {
  const ctx = alertingContext(backend, { clear: ["report_schedules"] });
  const { ingest } = ctx;
  /** A second "process": its own connection pool on PostgreSQL (PGlite is one process by nature). */
  let other: Db;

  beforeAll(async () => {
    other = ctx.t.url ? await openDb({ databaseUrl: ctx.t.url, poolSize: 2 }) : ctx.t.db;
  });
  afterAll(async () => {
    if (other && other !== ctx.t.db) await other.close();
  });

  const create = (body: object, token = ctx.admin) => createRoute(call("/api/report-schedules", { token, method: "POST", body: JSON.stringify(body) }), noParams);
  const createOk = async (body: object) => {
    const res = await create(body);
    expect(res.status).toBe(201);
    return (await res.json()) as ScheduleJson;
  };
  const getJson = async (id: number, token = ctx.admin) => (await (await getRoute(call(`/api/report-schedules/${id}`, { token }), idParams(id))).json()) as ScheduleJson;

  it("sends each week's report once to a webhook, Slack and e-mail (PDF attached); send now sends again", async () => {
    const hook = await startReceiver();
    const slack = await startReceiver();
    const smtp = await startSmtp();
    ctx.cleanup(hook.close, slack.close, smtp.close);
    const opts = { mail: { url: smtp.url, from: "Skein <skein@test>" }, backoffMs: [50], timeoutMs: 5_000, publicUrl: PUBLIC_URL };

    const s = await createOk({
      name: "Weekly spend",
      cadence: "weekly",
      timezone: TZ,
      groupBy: "agent",
      channels: [{ type: "webhook", url: hook.url, secret: SECRET }, { type: "slack", url: slack.url }, { type: "email", to: "finance@example.com" }],
    });
    const week = currentPeriod("weekly", TZ, new Date());
    expect(s).toMatchObject({ cadence: "weekly", timezone: TZ, groupBy: "agent", enabled: true, lastRuns: [], nextRunAt: week.end.toISOString() });

    // This week's traffic (a failed billing run is wasted spend).
    const at = Math.max(week.start.getTime() + 1_000, Date.now() - 5_000);
    await ingest(llmTrace("e1".repeat(16), 4_000_000, "report-svc", at, { agent: "planner" })); // $0.60
    await ingest(llmTrace("e2".repeat(16), 2_000_000, "report-svc", at, { agent: "billing" })); // $0.30
    await ingest(llmTrace("e3".repeat(16), 1_000_000, "report-svc", at, { agent: "billing", error: true })); // $0.15, failed

    // Created mid-week: nothing is due yet (last week ended before the schedule existed).
    expect(await runBudgetPass(ctx.t.db, opts)).toMatchObject({ reports: 0, delivered: 0 });

    // The week ends: two processes pass at once; the report is queued once and each channel gets it once.
    const after = new Date(week.end.getTime() + 60_000);
    const [a, b] = await Promise.all([runBudgetPass(ctx.t.db, opts, after), runBudgetPass(other, opts, after)]);
    expect(a.reports + b.reports).toBe(1);
    expect(a.delivered + b.delivered).toBe(3);
    expect(a.failed + b.failed).toBe(0);
    // Later passes (and another process) send nothing more.
    expect(await runBudgetPass(ctx.t.db, opts, after)).toMatchObject({ reports: 0, delivered: 0, failed: 0 });
    const [c, d] = await Promise.all([runBudgetPass(other, opts, new Date(after.getTime() + 3_600_000)), runBudgetPass(ctx.t.db, opts, new Date(after.getTime() + 3_600_000))]);
    expect(c.reports + d.reports + c.delivered + d.delivered).toBe(0);
    expect([hook.received.length, slack.received.length, smtp.messages.length]).toEqual([1, 1, 1]);

    const o = await getOverview(ctx.t.db, { projectId: ctx.server.runtime.defaultProjectId, from: week.start, to: week.end });
    expect(o.totalCostUsd).toBeCloseTo(1.05, 9);
    const label = periodLabel(week, TZ, "weekly");
    const reportQs = `project=default&from=${encodeURIComponent(week.start.toISOString())}&to=${encodeURIComponent(week.end.toISOString())}&groupBy=agent`;

    // Webhook: signed, content-free sums and links.
    const [w] = hook.received;
    expect(w!.signature).toBe(sign(w!.body));
    const body = JSON.parse(w!.body) as Record<string, unknown>;
    expect(String(body.timestamp)).toBe(w!.timestamp);
    expect(body).toMatchObject({
      type: "report.cost",
      scheduleId: s.id,
      scheduleName: "Weekly spend",
      cadence: "weekly",
      manual: false,
      periodStart: week.start.toISOString(),
      periodEnd: week.end.toISOString(),
      totalCostUsd: o.totalCostUsd,
      wastedCostUsd: o.wastedCostUsd,
      costPerSuccessfulTraceUsd: o.costPerSuccessfulTraceUsd,
      traceCount: 3,
      successRate: o.successRate,
      unpricedCallCount: 0,
      topAgents: [
        { name: "planner", costUsd: expect.closeTo(0.6, 9) as number },
        { name: "billing", costUsd: expect.closeTo(0.45, 9) as number },
      ],
      topModels: [{ name: "gpt-4o-mini", costUsd: expect.closeTo(1.05, 9) as number }],
      url: `${PUBLIC_URL}/reports?${reportQs}`,
      pdfUrl: `${PUBLIC_URL}/api/export/cost-report?format=pdf&${reportQs}`,
    });
    expect(Object.keys(body).sort()).toEqual(
      [
        "type", "runId", "manual", "scheduleId", "scheduleName", "cadence", "timezone", "periodStart", "periodEnd", "totalCostUsd",
        "costPerSuccessfulTraceUsd", "wastedCostUsd", "traceCount", "successRate", "topAgents", "topModels", "unpricedCallCount", "url", "pdfUrl", "firedAt", "timestamp",
      ].sort(),
    );

    // Slack: the summary and absolute links.
    const text = (JSON.parse(slack.received[0]!.body) as { text: string }).text;
    expect(text).toContain(`Weekly cost report · ${label}`);
    expect(text).toContain(`Total cost: ${usd(o.totalCostUsd)}`);
    expect(text).toContain(`<${PUBLIC_URL}/reports?${reportQs}|Open report>`);

    // E-mail: subject, summary, and the PDF with the period and the total in it.
    const mail = smtp.messages[0]!.mail;
    expect(mail.subject).toBe(`[Skein] Weekly cost report · ${label}`);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("finance@example.com");
    expect(mail.text).toContain(`Total cost: ${usd(o.totalCostUsd)}`);
    // The period in the schedule's zone: Monday 00:00 to Monday 00:00 in Berlin.
    expect(mail.text).toMatch(/Period: \d+ \w+ \d{4}, 00:00 to \d+ \w+ \d{4}, 00:00 Europe\/Berlin/);
    expect(mail.attachments).toHaveLength(1);
    const pdf = mail.attachments[0]!;
    expect(pdf.contentType).toBe("application/pdf");
    expect(pdf.filename).toMatch(/^skein-cost-report-\d{12}-\d{12}\.pdf$/);
    const pdfBody = pdfText(pdf.content);
    expect(pdfBody).toContain("Skein cost report");
    expect(pdfBody).toContain(pdfTime(week.start.toISOString()));
    expect(pdfBody).toContain(pdfTime(week.end.toISOString()));
    expect(pdfBody).toContain(pdfUsd(o.totalCostUsd));
    expect(pdfBody).toContain("planner");

    // Send now (ctx.admin only): a manual run of the last complete week, to every channel again.
    const send = (token: string) => sendRoute(call(`/api/report-schedules/${s.id}/send`, { token, method: "POST" }), idParams(s.id));
    expect((await send(ctx.viewer)).status).toBe(403);
    const sent = await send(ctx.admin);
    expect(sent.status).toBe(202);
    const { runId } = (await sent.json()) as { runId: number };
    expect(runId).toEqual(expect.any(Number));
    expect(await runBudgetPass(ctx.t.db, opts, after)).toMatchObject({ reports: 0, delivered: 3, failed: 0 });
    expect([hook.received.length, slack.received.length, smtp.messages.length]).toEqual([2, 2, 2]);
    const manual = JSON.parse(hook.received[1]!.body) as Record<string, unknown>;
    const lastWeek = lastCompletePeriod("weekly", TZ, new Date());
    expect(manual).toMatchObject({ type: "report.cost", runId, manual: true, periodStart: lastWeek.start.toISOString(), periodEnd: lastWeek.end.toISOString() });
    expect(smtp.messages[1]!.mail.attachments[0]?.contentType).toBe("application/pdf");

    // The schedule shows its runs, newest first, with every delivery attempt.
    const json = await getJson(s.id, ctx.viewer);
    expect(json.channels[0]).toEqual({ type: "webhook", url: hook.url, secret: "********" });
    expect(json.lastRuns.map((r) => [r.runId, r.manual, r.periodStart])).toEqual([
      [runId, true, lastWeek.start.toISOString()],
      [body.runId, false, week.start.toISOString()],
    ]);
    for (const r of json.lastRuns) {
      expect(r.deliveries.map((x) => [x.channelIndex, x.channelType, x.attempt, x.status])).toEqual([
        [0, "webhook", 1, "ok"],
        [1, "slack", 1, "ok"],
        [2, "email", 1, "ok"],
      ]);
    }
    expect(json.lastRuns[0]!.deliveries[2]!.httpStatus).toBe(250);
    expect(json.nextRunAt).toBe(week.end.toISOString());
  });

  it("a monthly schedule in America/New_York covers the month from local midnight (05:00 UTC in winter)", async () => {
    const hook = await startReceiver();
    ctx.cleanup(hook.close);
    const s = await createOk({ name: "NY monthly", cadence: "monthly", timezone: "America/New_York", channels: [{ type: "webhook", url: hook.url, secret: SECRET }] });
    expect(await runBudgetPass(ctx.t.db, {})).toMatchObject({ reports: 0 });

    const year = new Date().getUTCFullYear() + 1;
    const now = new Date(`${year}-02-10T12:00:00Z`);
    expect(await runBudgetPass(ctx.t.db, { backoffMs: [50] }, now)).toMatchObject({ reports: 1, delivered: 1 });
    expect(await runBudgetPass(ctx.t.db, { backoffMs: [50] }, now)).toMatchObject({ reports: 0, delivered: 0 });
    const body = JSON.parse(hook.received[0]!.body) as Record<string, unknown>;
    expect(body).toMatchObject({ scheduleId: s.id, cadence: "monthly", timezone: "America/New_York", periodStart: `${year}-01-01T05:00:00.000Z`, periodEnd: `${year}-02-01T05:00:00.000Z`, traceCount: 0, totalCostUsd: 0 });
    expect(body.url).toBe(`/reports?project=default&from=${encodeURIComponent(`${year}-01-01T05:00:00.000Z`)}&to=${encodeURIComponent(`${year}-02-01T05:00:00.000Z`)}`);
    const rows = await ctx.t.db.query<{ period_start: string }>(`select to_char(period_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as period_start from report_runs`);
    expect(rows).toEqual([{ period_start: `${year}-01-01T05:00` }]);

    // A disabled schedule sends nothing and has no next run.
    const patched = await patchRoute(call(`/api/report-schedules/${s.id}`, { token: ctx.admin, method: "PATCH", body: JSON.stringify({ enabled: false }) }), idParams(s.id));
    expect(((await patched.json()) as ScheduleJson).nextRunAt).toBeNull();
    expect(await runBudgetPass(ctx.t.db, {}, new Date(`${year}-03-10T12:00:00Z`))).toMatchObject({ reports: 0 });
  });

  it("creates, reads, updates and deletes schedules; viewers read with masked secrets but cannot write", async () => {
    const body = { name: "Ops weekly", cadence: "weekly", channels: [{ type: "webhook", url: "https://example.com/h", secret: SECRET }, { type: "email", to: "ops@example.com" }] };
    expect((await create(body, ctx.viewer)).status).toBe(403);
    const created = await createOk(body);
    expect(created).toMatchObject({ name: "Ops weekly", cadence: "weekly", timezone: "UTC", groupBy: "day", enabled: true, lastRuns: [] });
    expect(created.channels[0]).toEqual({ type: "webhook", url: "https://example.com/h", secret: SECRET });
    expect(Object.keys(created).sort()).toEqual(["cadence", "channels", "createdAt", "enabled", "groupBy", "id", "lastRuns", "name", "nextRunAt", "timezone", "updatedAt"]);

    const list = async (token: string) => ((await (await listRoute(call("/api/report-schedules", { token }), noParams)).json()) as { items: ScheduleJson[] }).items;
    expect((await list(ctx.viewer))[0]?.channels[0]).toMatchObject({ secret: "********" });
    expect((await list(ctx.admin))[0]?.channels[0]).toMatchObject({ secret: SECRET });
    expect((await getJson(created.id, ctx.viewer)).channels[0]).toMatchObject({ secret: "********" });

    const patch = (b: object, token = ctx.admin) => patchRoute(call(`/api/report-schedules/${created.id}`, { token, method: "PATCH", body: JSON.stringify(b) }), idParams(created.id));
    expect((await patch({ name: "x" }, ctx.viewer)).status).toBe(403);
    const p1 = await patch({ cadence: "monthly", timezone: "Asia/Tokyo", groupBy: "model" });
    expect(p1.status).toBe(200);
    expect(await p1.json()).toMatchObject({ name: "Ops weekly", cadence: "monthly", timezone: "Asia/Tokyo", groupBy: "model" });
    // Channels sent back with the masked secret keep the stored one.
    const p2 = await patch({ channels: [{ type: "webhook", url: "https://example.com/h", secret: "********" }] });
    expect(((await p2.json()) as ScheduleJson).channels).toEqual([{ type: "webhook", url: "https://example.com/h", secret: SECRET }]);
    expect((await patch({ cadence: "daily" })).status).toBe(400);
    expect((await patch({ channels: [] })).status).toBe(400);

    const del = (token: string) => deleteRoute(call(`/api/report-schedules/${created.id}`, { token, method: "DELETE" }), idParams(created.id));
    expect((await del(ctx.viewer)).status).toBe(403);
    expect((await del(ctx.admin)).status).toBe(200);
    expect((await getRoute(call(`/api/report-schedules/${created.id}`, { token: ctx.admin }), idParams(created.id))).status).toBe(404);
    expect((await getRoute(call(`/api/report-schedules/abc`, { token: ctx.admin }), { params: Promise.resolve({ id: "abc" }) })).status).toBe(404);
    expect((await sendRoute(call(`/api/report-schedules/${created.id}/send`, { token: ctx.admin, method: "POST" }), idParams(created.id))).status).toBe(404);
  });

  it("rejects invalid schedules", async () => {
    const base = { name: "x", cadence: "weekly", channels: [{ type: "slack", url: "https://hooks.example.com/x" }] };
    const issues = async (b: object) => {
      const res = await create(b);
      expect(res.status).toBe(400);
      return ((await res.json()) as { issues: { path: string }[] }).issues.map((i) => i.path);
    };
    expect(await issues({ ...base, name: " " })).toEqual(["name"]);
    expect(await issues({ ...base, cadence: "daily" })).toEqual(["cadence"]);
    expect(await issues({ ...base, timezone: "Mars/Olympus" })).toEqual(["timezone"]);
    expect(await issues({ ...base, groupBy: "service" })).toEqual(["groupBy"]);
    expect(await issues({ ...base, channels: [] })).toEqual(["channels"]);
    expect(await issues({ ...base, channels: [{ type: "webhook", url: "ftp://x.example/h", secret: SECRET }] })).toEqual(["channels.0.url"]);
    expect(await issues({ ...base, channels: [{ type: "webhook", url: "https://x.example/h", secret: "short" }] })).toEqual(["channels.0.secret"]);
    expect(await issues({ ...base, channels: [{ type: "email", to: "not-an-address" }] })).toEqual(["channels.0.to"]);
    expect(await issues({ ...base, extra: 1 })).toEqual([""]);
    const res = await createRoute(new Request(`${BASE}/api/report-schedules`, { method: "POST", headers: { authorization: `Bearer ${ctx.admin}` }, body: "{" }), noParams);
    expect(res.status).toBe(400);
  });
});

// Budgets end to end: spans ingested over real HTTP, budgets evaluated, alerts
// delivered to a real local receiver that verifies the HMAC signature; firing is
// exactly once per threshold and period; failed deliveries are retried.
import { describe, expect, it } from "vitest";
import { GET as listRoute, POST as createRoute } from "@/app/api/budgets/route";
import { DELETE as deleteRoute, GET as getRoute, PATCH as patchRoute } from "@/app/api/budgets/[id]/route";
import { GET as statusRoute } from "@/app/api/budgets/status/route";
import { GET as alertsRoute } from "@/app/api/alerts/route";
import { runBudgetPass } from "@/lib/budgets/worker";
import { ensureBudgetWorker, stopBudgetWorker } from "@/lib/budgets/worker";
import { BACKENDS } from "./helpers/db";
import { alertingContext } from "./helpers/alerting-context";
import { call, FAST, idParams, llmTrace, noParams, SECRET, sign, startReceiver, until } from "./helpers/alerts";

describe.each(BACKENDS)("budgets on %s", (backend) => {
  const ctx = alertingContext(backend, { clear: ["budgets"] });
  const { ingest } = ctx;

  const create = async (body: object, token = ctx.admin) => createRoute(call("/api/budgets", { token, method: "POST", body: JSON.stringify(body) }), noParams);
  const createOk = async (body: object) => {
    const res = await create(body);
    expect(res.status).toBe(201);
    return (await res.json()) as { id: number };
  };
  const status = async () => ((await (await statusRoute(call("/api/budgets/status", { token: ctx.viewer }), noParams)).json()) as { items: Record<string, unknown>[] }).items;

  it("fires 50, 80 and 100 once each, in order, signed, and never again for re-sent spans", async () => {
    const rx = await startReceiver();
    ctx.cleanup(rx.close);
    const b = await createOk({ name: "svc daily", scope: { service: "svc" }, period: "day", amountUsd: 1, channels: [{ type: "webhook", url: rx.url, secret: SECRET }] });
    const pass = () => runBudgetPass(ctx.t.db, FAST);
    const at = Date.now() - 5_000;

    await ingest(llmTrace("a1".repeat(16), 4_000_000, "svc", at)); // $0.60
    await ingest(llmTrace("a9".repeat(16), 9_000_000, "other")); // out of scope
    expect(await pass()).toMatchObject({ fired: 1, delivered: 1 });
    await ingest(llmTrace("a2".repeat(16), 2_000_000, "svc", at)); // $0.90
    expect(await pass()).toMatchObject({ fired: 1, delivered: 1 });
    await ingest(llmTrace("a3".repeat(16), 1_000_000, "svc", at)); // $1.05
    expect(await pass()).toMatchObject({ fired: 1, delivered: 1 });

    await ingest(llmTrace("a1".repeat(16), 4_000_000, "svc", at));
    await ingest(llmTrace("a2".repeat(16), 2_000_000, "svc", at));
    await ingest(llmTrace("a3".repeat(16), 1_000_000, "svc", at));
    expect(await pass()).toMatchObject({ fired: 0, delivered: 0, failed: 0 });

    expect(rx.received.map((r) => (JSON.parse(r.body) as { threshold: number }).threshold)).toEqual([50, 80, 100]);
    for (const r of rx.received) {
      expect(r.signature).toBe(sign(r.body));
      const body = JSON.parse(r.body) as Record<string, unknown>;
      expect(String(body.timestamp)).toBe(r.timestamp);
      expect(Math.abs(Number(r.timestamp) - Date.now() / 1000)).toBeLessThan(60);
    }
    const last = JSON.parse(rx.received[2]!.body) as Record<string, unknown>;
    const day = new Date();
    day.setUTCHours(0, 0, 0, 0);
    const next = new Date(day.getTime() + 86_400_000);
    expect(last).toMatchObject({
      type: "budget.threshold",
      budgetId: b.id,
      budgetName: "svc daily",
      threshold: 100,
      periodStart: day.toISOString(),
      periodEnd: next.toISOString(),
      spentUsd: 1.05,
      amountUsd: 1,
      percent: 105,
    });
    expect(last.url).toBe(`/traces?project=default&from=${encodeURIComponent(day.toISOString())}&to=${encodeURIComponent(next.toISOString())}&service=svc`);

    const [s] = await status();
    expect(s).toEqual({ budgetId: b.id, name: "svc daily", periodStart: day.toISOString(), periodEnd: next.toISOString(), spentUsd: 1.05, amountUsd: 1, percent: 105, forecastUsd: expect.any(Number) as number });

    const alerts = (await (await alertsRoute(call("/api/alerts", { token: ctx.viewer }), noParams)).json()) as { items: { threshold: number; deliveries: { status: string; attempt: number; httpStatus: number; channelType: string }[] }[] };
    expect(alerts.items.map((a) => a.threshold)).toEqual([100, 80, 50]);
    expect(alerts.items[0]?.deliveries).toEqual([expect.objectContaining({ status: "ok", attempt: 1, httpStatus: 204, channelType: "webhook" })]);
  });

  it("retries a failing receiver with backoff and records every attempt", async () => {
    const rx = await startReceiver(2);
    ctx.cleanup(rx.close);
    await createOk({ name: "retry", scope: { service: "retry-svc" }, period: "month", amountUsd: 0.1, thresholds: [100], channels: [{ type: "webhook", url: rx.url, secret: SECRET }] });
    await ingest(llmTrace("b1".repeat(16), 1_000_000, "retry-svc")); // $0.15
    expect(await runBudgetPass(ctx.t.db, FAST)).toMatchObject({ fired: 1, delivered: 0, failed: 1 });
    await until(() => runBudgetPass(ctx.t.db, FAST).then(() => rx.received.length), (n) => n > 0);
    expect(rx.attempts()).toBe(3);
    expect(rx.received).toHaveLength(1);
    expect(rx.received[0]!.signature).toBe(sign(rx.received[0]!.body));
    const rows = await ctx.t.db.query<{ attempt: number; status: string; http_status: number | null }>(`select attempt, status, http_status from alert_deliveries order by attempt`);
    expect(rows).toEqual([
      { attempt: 1, status: "failed", http_status: 500 },
      { attempt: 2, status: "failed", http_status: 500 },
      { attempt: 3, status: "ok", http_status: 204 },
    ]);
  });

  it("the background worker fires without being called", async () => {
    const rx = await startReceiver();
    ctx.cleanup(rx.close);
    await createOk({ name: "worker", scope: { service: "worker-svc" }, period: "week", amountUsd: 0.1, thresholds: [100], channels: [{ type: "slack", url: rx.url }] });
    await ingest(llmTrace("c1".repeat(16), 1_000_000, "worker-svc"));
    ensureBudgetWorker(ctx.t.db, { ...FAST, everyMs: 50 });
    ctx.cleanup(async () => stopBudgetWorker(ctx.t.db));
    await until(async () => rx.received.length, (n) => n > 0);
    expect(rx.received).toHaveLength(1);
    expect(JSON.parse(rx.received[0]!.body)).toEqual({ text: expect.stringContaining('Budget "worker" reached 100% of its budget: $0.15 of $0.10 (150%)') as string });
  });

  it("counts spend from the start of the period in the budget's time zone", async () => {
    // Tokyo has no DST: its day starts at 15:00 UTC.
    const now = Date.now();
    const start = Math.floor((now + 9 * 3_600_000) / 86_400_000) * 86_400_000 - 9 * 3_600_000;
    await createOk({ name: "tokyo", scope: { service: "tz-svc" }, period: "day", timezone: "Asia/Tokyo", amountUsd: 10 });
    await ingest(llmTrace("d1".repeat(16), 1_000_000, "tz-svc", start - 60_000)); // yesterday in Tokyo
    await ingest(llmTrace("d2".repeat(16), 2_000_000, "tz-svc", Math.max(start, now - 2_000)));
    const [s] = await status();
    expect(s).toMatchObject({ periodStart: new Date(start).toISOString(), periodEnd: new Date(start + 86_400_000).toISOString(), spentUsd: 0.3, percent: 3 });
  });

  it("creates, reads, updates and deletes budgets; viewers read but cannot write", async () => {
    const body = { name: "all", period: "rolling", windowHours: 6, amountUsd: 25.5, channels: [{ type: "webhook", url: "https://example.com/h", secret: SECRET }, { type: "email", to: "ops@example.com" }] };
    expect((await create(body, ctx.viewer)).status).toBe(403);
    const created = await createOk(body);
    expect(created).toMatchObject({ name: "all", scope: {}, period: "rolling", windowHours: 6, timezone: "UTC", amountUsd: 25.5, thresholds: [50, 80, 100], forecast: false });

    const asViewer = (await (await getRoute(call(`/api/budgets/${created.id}`, { token: ctx.viewer }), idParams(created.id))).json()) as { channels: { secret?: string }[] };
    expect(asViewer.channels[0]?.secret).toBe("********");
    const list = (await (await listRoute(call("/api/budgets", { token: ctx.admin }), noParams)).json()) as { items: { id: number; channels: { secret?: string }[] }[] };
    expect(list.items.map((i) => i.id)).toEqual([created.id]);
    expect(list.items[0]?.channels[0]?.secret).toBe(SECRET);

    const patch = (b: object, token = ctx.admin) => patchRoute(call(`/api/budgets/${created.id}`, { token, method: "PATCH", body: JSON.stringify(b) }), idParams(created.id));
    expect((await patch({ amountUsd: 1 }, ctx.viewer)).status).toBe(403);
    const patched = await patch({ period: "month", timezone: "Europe/Paris", thresholds: [90] });
    expect(patched.status).toBe(200);
    const pj = (await patched.json()) as Record<string, unknown>;
    expect(pj).toMatchObject({ period: "month", timezone: "Europe/Paris", thresholds: [90], amountUsd: 25.5 });
    expect(pj.windowHours).toBeUndefined();
    expect((await patch({ windowHours: 3 })).status).toBe(400);

    const [s] = await status();
    expect(Object.keys(s ?? {}).sort()).toEqual(["amountUsd", "budgetId", "forecastUsd", "name", "percent", "periodEnd", "periodStart", "spentUsd"]);

    expect((await deleteRoute(call(`/api/budgets/${created.id}`, { token: ctx.viewer, method: "DELETE" }), idParams(created.id))).status).toBe(403);
    expect((await deleteRoute(call(`/api/budgets/${created.id}`, { token: ctx.admin, method: "DELETE" }), idParams(created.id))).status).toBe(200);
    expect((await getRoute(call(`/api/budgets/${created.id}`, { token: ctx.admin }), idParams(created.id))).status).toBe(404);
  });

  it("rejects invalid budgets", async () => {
    const base = { name: "x", period: "day", amountUsd: 1 };
    const issues = async (b: object) => {
      const res = await create(b);
      expect(res.status).toBe(400);
      return ((await res.json()) as { issues: { path: string }[] }).issues.map((i) => i.path);
    };
    expect(await issues({ ...base, timezone: "Mars/Olympus" })).toEqual(["timezone"]);
    expect(await issues({ ...base, thresholds: [80, 50] })).toEqual(["thresholds"]);
    expect(await issues({ ...base, thresholds: [50, 50] })).toEqual(["thresholds"]);
    expect(await issues({ ...base, thresholds: [0] })).toEqual(["thresholds.0"]);
    expect(await issues({ ...base, thresholds: [1001] })).toEqual(["thresholds.0"]);
    expect(await issues({ ...base, amountUsd: 0 })).toEqual(["amountUsd"]);
    expect(await issues({ ...base, windowHours: 5 })).toEqual(["windowHours"]);
    expect(await issues({ ...base, period: "rolling" })).toEqual(["windowHours"]);
    expect(await issues({ ...base, channels: [{ type: "webhook", url: "ftp://x.example/h", secret: SECRET }] })).toEqual(["channels.0.url"]);
    expect(await issues({ ...base, channels: [{ type: "slack", url: "javascript:alert(1)" }] })).toEqual(["channels.0.url"]);
  });
});

// Alert rules end to end (runaway trace, error rate, p95 latency, unpriced model),
// e-mail delivery through a real SMTP server, and "send test" per channel.
// Spans go in over real HTTP; deliveries go out to real local receivers.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { GET as listRulesRoute, POST as createRuleRoute } from "@/app/api/alert-rules/route";
import { DELETE as deleteRuleRoute, GET as getRuleRoute, PATCH as patchRuleRoute } from "@/app/api/alert-rules/[id]/route";
import { POST as createBudgetRoute } from "@/app/api/budgets/route";
import { GET as alertsRoute } from "@/app/api/alerts/route";
import { POST as testChannelRoute } from "@/app/api/channels/test/route";
import { GET as capabilitiesRoute } from "@/app/api/channels/capabilities/route";
import { evaluateRules } from "@/lib/alerts/evaluate";
import { runBudgetPass } from "@/lib/budgets/worker";
import type { AlertJson } from "@/lib/budgets/alert-list";
import { BACKENDS } from "./helpers/db";
import { alertingContext } from "./helpers/alerting-context";
import { call, FAST, idParams, llmTrace, noParams, SECRET, sign, startReceiver, startSmtp } from "./helpers/alerts";

const FROM = "Skein Alerts <alerts@skein.test>";

describe.each(BACKENDS)("alert rules on %s", (backend) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const ctx = alertingContext(backend, {
    clear: ["alert_rules", "budgets"],
    env: async () => {
      smtp = await startSmtp();
      return { SKEIN_SMTP_URL: smtp.url, SKEIN_SMTP_FROM: FROM, SKEIN_PUBLIC_URL: "https://skein.example.com" };
    },
  });
  const { ingest } = ctx;
  afterEach(() => {
    smtp?.messages.splice(0);
  });
  afterAll(async () => {
    await smtp?.close();
  });
  let n = 0;
  /** A fresh 32-hex trace id per call, so tests never collide. */
  const traceId = () => (++n).toString(16).padStart(4, "0").repeat(8);

  const mail = () => ({ mail: { url: smtp.url, from: FROM } });
  const pass = () => runBudgetPass(ctx.t.db, { ...FAST, ...mail(), publicUrl: "https://skein.example.com" });
  const createRule = (body: object, token = ctx.admin) => createRuleRoute(call("/api/alert-rules", { token, method: "POST", body: JSON.stringify(body) }), noParams);
  const createRuleOk = async (body: object) => {
    const res = await createRule(body);
    expect(res.status).toBe(201);
    return (await res.json()) as { id: number };
  };
  const alerts = async () => ((await (await alertsRoute(call("/api/alerts", { token: ctx.viewer }), noParams)).json()) as { items: AlertJson[] }).items;
  const webhook = (url: string) => ({ type: "webhook", url, secret: SECRET });

  it("a runaway trace fires once per trace, signed, with a link to it; re-sent spans and a second process fire nothing more", async () => {
    const rx = await startReceiver();
    ctx.cleanup(rx.close);
    const rule = await createRuleOk({ name: "runaway", kind: "trace_cost", threshold: 0.5, scope: { service: "svc" }, channels: [webhook(rx.url)] });
    const big = traceId();
    await ingest(llmTrace(big, 4_000_000)); // $0.60
    await ingest(llmTrace(traceId(), 1_000_000)); // $0.15: under
    await ingest(llmTrace(traceId(), 9_000_000, "other")); // out of scope
    const [a, b] = await Promise.all([pass(), pass()]);
    expect(a.rules + b.rules).toBe(1);
    await pass();
    await ingest(llmTrace(big, 4_000_000));
    expect(await pass()).toMatchObject({ rules: 0, delivered: 0 });

    expect(rx.received).toHaveLength(1);
    const r = rx.received[0]!;
    expect(r.signature).toBe(sign(r.body));
    expect(JSON.parse(r.body)).toMatchObject({
      type: "rule.trace_cost",
      state: "fired",
      ruleId: rule.id,
      ruleName: "runaway",
      value: 0.6,
      limit: 0.5,
      subject: big,
      url: `https://skein.example.com/traces/${big}?project=default`,
    });
    const [item] = await alerts();
    expect(item).toMatchObject({ key: expect.stringMatching(/^rule:\d+$/) as string, source: "rule", type: "rule.trace_cost", state: "fired", subject: big, url: `/traces/${big}?project=default` });
    expect(item?.title).toContain("cost $0.60, above $0.50");
    expect(item?.deliveries).toEqual([expect.objectContaining({ status: "ok", httpStatus: 204, channelType: "webhook" })]);
  });

  it("error rate over a window fires once when it crosses and sends 'resolved' when it clears, even with two evaluators racing", async () => {
    const rx = await startReceiver();
    ctx.cleanup(rx.close);
    await createRuleOk({ name: "errors", kind: "error_rate", threshold: 20, windowMinutes: 15, minTraces: 4, scope: { service: "err-svc" }, channels: [webhook(rx.url)] });
    await ingest(llmTrace(traceId(), 10, "err-svc", Date.now() - 60_000, { error: true }));
    await ingest(llmTrace(traceId(), 10, "err-svc", Date.now() - 60_000, { error: true }));
    await ingest(llmTrace(traceId(), 10, "err-svc"));
    expect((await evaluateRules(ctx.t.db)).length).toBe(0); // 3 traces < minTraces
    await ingest(llmTrace(traceId(), 10, "err-svc"));
    const raced = await Promise.all([evaluateRules(ctx.t.db), evaluateRules(ctx.t.db), evaluateRules(ctx.t.db)]);
    expect(raced.flat()).toEqual([expect.objectContaining({ kind: "fired" })]);
    expect(await evaluateRules(ctx.t.db)).toEqual([]);
    for (let i = 0; i < 6; i++) await ingest(llmTrace(traceId(), 10, "err-svc")); // 2 of 10 = 20 %: not above
    const cleared = await Promise.all([evaluateRules(ctx.t.db), evaluateRules(ctx.t.db)]);
    expect(cleared.flat()).toEqual([expect.objectContaining({ kind: "resolved" })]);
    await pass();
    const bodies = rx.received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(bodies.map((b) => [b.type, b.state, b.value])).toEqual([
      ["rule.error_rate", "fired", 50],
      ["rule.error_rate", "resolved", 20],
    ]);
    expect(String(bodies[0]!.url)).toContain("status=error");
    const titles = (await alerts()).map((a) => a.title);
    expect(titles[0]).toMatch(/^Resolved: error rate back to 20 %/);
    expect(titles[1]).toMatch(/^Error rate 50 % over 15 min, above 20 %/);
  });

  it("p95 latency above the limit fires; an unpriced model fires once per model, by e-mail", async () => {
    await createRuleOk({ name: "slow", kind: "p95_latency", threshold: 2_000, minTraces: 1, scope: { service: "slow-svc" }, channels: [{ type: "email", to: "oncall@example.com" }] });
    await createRuleOk({ name: "prices", kind: "unpriced_model", channels: [{ type: "email", to: "finops@example.com" }] });
    await ingest(llmTrace(traceId(), 10, "slow-svc", Date.now() - 10_000, { durationMs: 5_000 }));
    await ingest(llmTrace(traceId(), 1_000, "svc", Date.now() - 2_000, { model: "mystery-model-9" }));
    await ingest(llmTrace(traceId(), 1_000, "svc", Date.now() - 2_000, { model: "mystery-model-9" }));
    expect(await pass()).toMatchObject({ rules: 2, delivered: 2, failed: 0 });
    await ingest(llmTrace(traceId(), 1_000, "svc", Date.now() - 2_000, { model: "mystery-model-9" }));
    expect(await pass()).toMatchObject({ rules: 0 });

    const byTo = new Map(smtp.messages.map((m) => [m.to[0], m]));
    const slow = byTo.get("oncall@example.com");
    expect(slow?.mail.subject).toBe("[Skein] slow: p95 latency 5,000 ms over 15 min, above 2,000 ms (service slow-svc)");
    expect(slow?.mail.from?.text).toContain("alerts@skein.test");
    const prices = byTo.get("finops@example.com");
    expect(prices?.mail.subject).toBe('[Skein] prices: Model "mystery-model-9" has no price: 2 unpriced calls');
    expect(prices?.mail.text).toContain("https://skein.example.com/traces?project=default&");
    expect(prices?.mail.text).toContain("model=mystery-model-9");
    const link = new URL((await alerts()).find((a) => a.type === "rule.unpriced_model")!.url, "http://x");
    expect(Date.parse(link.searchParams.get("from")!)).toBeLessThan(Date.parse(link.searchParams.get("to")!));
  });

  it("budget alerts go out by e-mail; a permanent SMTP rejection is recorded once, not retried; no SMTP → 'smtp not configured'", async () => {
    const budget = (name: string, service: string, to: string) =>
      createBudgetRoute(call("/api/budgets", { token: ctx.admin, method: "POST", body: JSON.stringify({ name, scope: { service }, period: "month", amountUsd: 0.1, thresholds: [100], channels: [{ type: "email", to }] }) }), noParams);
    expect((await budget("mail", "mail-svc", "team@example.com")).status).toBe(201);
    await ingest(llmTrace(traceId(), 1_000_000, "mail-svc")); // $0.15
    expect(await pass()).toMatchObject({ fired: 1, delivered: 1 });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.mail.subject).toBe('[Skein] Budget "mail" reached 100 % ($0.15 of $0.10)');
    expect(smtp.messages[0]!.mail.text).toContain("Spent: $0.15 of $0.10 (150 %)");

    const rejecting = await startSmtp({ rejectWith: 550 });
    ctx.cleanup(rejecting.close);
    expect((await budget("rejected", "rej-svc", "nobody@example.com")).status).toBe(201);
    await ingest(llmTrace(traceId(), 1_000_000, "rej-svc"));
    expect(await runBudgetPass(ctx.t.db, { ...FAST, mail: { url: rejecting.url, from: FROM } })).toMatchObject({ fired: 1, delivered: 0, failed: 1 });
    await runBudgetPass(ctx.t.db, { ...FAST, mail: { url: rejecting.url, from: FROM } });

    expect((await budget("nosmtp", "nosmtp-svc", "x@example.com")).status).toBe(201);
    await ingest(llmTrace(traceId(), 1_000_000, "nosmtp-svc"));
    expect(await runBudgetPass(ctx.t.db, FAST)).toMatchObject({ fired: 1, failed: 1 });
    const rows = await ctx.t.db.query<{ name: string; attempt: number; status: string; http_status: number | null; error: string | null }>(
      `select b.name, d.attempt, d.status, d.http_status, d.error from alert_deliveries d join budget_alerts a on a.project_id = d.project_id and a.id = d.alert_id
         join budgets b on b.project_id = a.project_id and b.id = a.budget_id where b.name in ('rejected', 'nosmtp') order by b.name, d.attempt`,
    );
    expect(rows).toEqual([
      { name: "nosmtp", attempt: 1, status: "failed", http_status: null, error: "smtp not configured" },
      { name: "rejected", attempt: 1, status: "failed", http_status: 550, error: "smtp error" },
    ]);
  });

  it("'send test' delivers a marked test message through a webhook, Slack and e-mail and reports failures", async () => {
    const rx = await startReceiver();
    ctx.cleanup(rx.close);
    const test = (channel: object, token = ctx.admin) => testChannelRoute(call("/api/channels/test", { token, method: "POST", body: JSON.stringify({ channel }) }), noParams);
    const ok = async (channel: object) => (await (await test(channel)).json()) as { ok: boolean; httpStatus: number | null; error: string | null };

    expect(await ok(webhook(rx.url))).toEqual({ ok: true, httpStatus: 204, error: null });
    expect(rx.received[0]!.signature).toBe(sign(rx.received[0]!.body));
    expect(JSON.parse(rx.received[0]!.body)).toMatchObject({ type: "test", project: "default", url: "https://skein.example.com/alerts?project=default" });
    expect(await ok({ type: "slack", url: rx.url })).toEqual({ ok: true, httpStatus: 204, error: null });
    expect(JSON.parse(rx.received[1]!.body)).toEqual({ text: expect.stringContaining("Test message from Skein") as string });
    expect(await ok({ type: "email", to: "me@example.com" })).toEqual({ ok: true, httpStatus: 250, error: null });
    expect(smtp.messages.at(-1)?.mail.subject).toBe("[Skein] Test message");

    const closed = await startReceiver();
    await closed.close();
    expect(await ok(webhook(closed.url))).toEqual({ ok: false, httpStatus: null, error: "network error" });
    const failing = await startReceiver(1);
    ctx.cleanup(failing.close);
    expect(await ok({ type: "slack", url: failing.url })).toEqual({ ok: false, httpStatus: 500, error: "http error" });

    expect((await test(webhook(rx.url), ctx.viewer)).status).toBe(403);
    expect((await test({ type: "webhook", url: "ftp://x", secret: SECRET })).status).toBe(400);
    expect(await (await capabilitiesRoute(call("/api/channels/capabilities", { token: ctx.viewer }), noParams)).json()).toEqual({ email: true, publicUrl: true });
  });

  it("creates, reads, updates and deletes rules with per-kind validation; viewers read but cannot write", async () => {
    const issues = async (body: object) => {
      const res = await createRule(body);
      expect(res.status).toBe(400);
      return ((await res.json()) as { issues: { path: string; message: string }[] }).issues.map((i) => `${i.path}: ${i.message}`);
    };
    expect(await issues({ name: "x", kind: "trace_cost" })).toEqual(["threshold: required"]);
    expect(await issues({ name: "x", kind: "error_rate", threshold: 150 })).toEqual(["threshold: a percent: at most 100"]);
    expect(await issues({ name: "x", kind: "trace_cost", threshold: 1, windowMinutes: 10 })).toEqual(["windowMinutes: only for error_rate and p95_latency"]);
    expect(await issues({ name: "x", kind: "unpriced_model", threshold: 1 })).toEqual(["threshold: not used by unpriced_model"]);
    expect(await issues({ name: "x", kind: "p95_latency", threshold: 100, windowMinutes: 2 })).toEqual(["windowMinutes: at least 5 minutes"]);
    expect((await createRule({ name: "x", kind: "trace_cost", threshold: 1 }, ctx.viewer)).status).toBe(403);

    const created = await createRuleOk({ name: "latency", kind: "p95_latency", threshold: 30_000, channels: [webhook("https://example.com/h")] });
    expect(created).toMatchObject({ kind: "p95_latency", threshold: 30_000, windowMinutes: 15, minTraces: 10, enabled: true, state: "ok", scope: {} });
    const get = async (token: string) => (await (await getRuleRoute(call(`/api/alert-rules/${created.id}`, { token }), idParams(created.id))).json()) as { channels: { secret: string }[] };
    expect((await get(ctx.viewer)).channels[0]?.secret).toBe("********");
    expect((await get(ctx.admin)).channels[0]?.secret).toBe(SECRET);

    const patch = (b: object, token = ctx.admin) => patchRuleRoute(call(`/api/alert-rules/${created.id}`, { token, method: "PATCH", body: JSON.stringify(b) }), idParams(created.id));
    expect((await patch({ threshold: 1 }, ctx.viewer)).status).toBe(403);
    const toCost = await patch({ kind: "trace_cost", threshold: 2.5 });
    expect(await toCost.json()).toMatchObject({ kind: "trace_cost", threshold: 2.5, windowMinutes: null, minTraces: null });
    expect((await patch({ windowMinutes: 30 })).status).toBe(400);
    expect(await (await patch({ enabled: false })).json()).toMatchObject({ enabled: false });

    const list = (await (await listRulesRoute(call("/api/alert-rules", { token: ctx.viewer }), noParams)).json()) as { items: { id: number }[] };
    expect(list.items.map((i) => i.id)).toEqual([created.id]);
    expect((await deleteRuleRoute(call(`/api/alert-rules/${created.id}`, { token: ctx.viewer, method: "DELETE" }), idParams(created.id))).status).toBe(403);
    expect((await deleteRuleRoute(call(`/api/alert-rules/${created.id}`, { token: ctx.admin, method: "DELETE" }), idParams(created.id))).status).toBe(200);
    expect((await getRuleRoute(call(`/api/alert-rules/${created.id}`, { token: ctx.admin }), idParams(created.id))).status).toBe(404);
  });
});

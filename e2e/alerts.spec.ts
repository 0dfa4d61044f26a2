// The Alerts page. First, end to end: an admin creates a "trace cost" rule with a webhook to a
// receiver this spec runs, traffic crosses it, and the alert shows up on the open page (no
// reload) with an "ok" delivery while the receiver holds the signed payload. Then the page's
// own behaviour against canned API answers: filters, keyboard, the rule dialog, viewers.
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { agentRun, newProject, projectWithKey, sendRuns, signInByApi } from "./fixtures/agent-run";

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on a free local port that answers 200 and keeps what it got. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/skein-hook`, received, close: () => new Promise((r) => server.close(() => r())) };
}

test("a trace-cost rule fires: the alert appears without a reload, delivered to the webhook", async ({ page }) => {
  test.setTimeout(150_000);
  const receiver = await startReceiver();
  try {
    const base = await signInByApi(page);
    const { slug, key } = await projectWithKey(page, base, `Alerts e2e ${Date.now() % 100000}`);

    await page.goto(`/alerts?project=${slug}&view=rules`);
    await expect(page.getByRole("tab", { name: /Alert rules/ })).toHaveAttribute("aria-selected", "true");
    await page.getByRole("button", { name: "New rule" }).click();
    const dialog = page.getByRole("dialog", { name: "New alert rule" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Name", { exact: true }).fill("Runaway e2e agent");
    await expect(dialog.getByRole("radio", { name: /Trace cost/ })).toBeChecked();
    await dialog.getByLabel("Cost of one trace above").fill("0.0001");
    await dialog.getByLabel("Agent", { exact: true }).fill("alerts-agent");
    await dialog.getByRole("button", { name: /^(Add )?Webhook( channel)?$/ }).click();
    await dialog.getByLabel("Webhook URL").fill(receiver.url);
    const secret = await dialog.getByLabel("Signing secret").inputValue();
    expect(secret.length).toBeGreaterThanOrEqual(8);
    await expect(dialog.getByText("Trace cost > $0.0001")).toBeVisible();
    await dialog.getByRole("button", { name: "Create rule" }).click();
    await expect(dialog).toBeHidden();

    const rule = page.getByTestId("rule").filter({ hasText: "Runaway e2e agent" });
    await expect(rule).toContainText("Trace cost > $0.0001");
    await expect(rule).toContainText("alerts-agent");
    await expect(rule.getByRole("switch")).toHaveAttribute("aria-checked", "true");

    await page.getByRole("tab", { name: /Timeline/ }).click();
    await expect(page.getByText("No alerts have fired yet")).toBeVisible();
    // Marks this document: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { __alertsE2e: boolean }).__alertsE2e = true));

    await sendRuns(page, key, "alerts-e2e", [agentRun(0, 1, true, { agent: "alerts-agent", idBase: 0xa1e7000, durationMs: 1500, inputTokens: 4000 })]);

    const alert = page.getByTestId("alert").first();
    await expect(alert).toBeVisible({ timeout: 60_000 });
    await expect(alert).toContainText("Runaway trace");
    await expect(alert.locator('[data-testid="delivery"][data-status="ok"]')).toBeVisible({ timeout: 45_000 });
    await expect(alert.locator('[data-testid="delivery"][data-status="ok"]')).toContainText(/Webhook #1.*HTTP 200/);
    await expect(alert.getByRole("link", { name: /View traces?/ })).toHaveAttribute("href", new RegExp(`project=${slug}`));
    expect(await page.evaluate(() => (window as unknown as { __alertsE2e?: boolean }).__alertsE2e)).toBe(true);

    // The receiver got the signed, content-free payload.
    await expect.poll(() => receiver.received.length).toBeGreaterThan(0);
    const hit = receiver.received.find((r) => r.body.includes("rule.trace_cost"));
    expect(hit, "a rule.trace_cost webhook").toBeDefined();
    const expected = `sha256=${createHmac("sha256", secret).update(hit!.body, "utf8").digest("hex")}`;
    expect(hit!.headers["x-skein-signature"]).toBe(expected);
    expect(JSON.parse(hit!.body)).toMatchObject({ type: "rule.trace_cost" });

    // Turn the rule off, then delete it (asked first, in place).
    await page.getByRole("tab", { name: /Alert rules/ }).click();
    const patched = page.waitForResponse((r) => r.url().includes("/api/alert-rules/") && r.request().method() === "PATCH");
    await rule.getByRole("switch").click();
    await expect(rule.getByRole("switch")).toHaveAttribute("aria-checked", "false");
    expect((await patched).status()).toBe(200);
    await page.reload();
    await expect(rule.getByRole("switch")).toHaveAttribute("aria-checked", "false");
    await rule.getByRole("button", { name: "Delete “Runaway e2e agent”" }).click();
    await expect(rule.getByRole("button", { name: "Keep" })).toBeFocused();
    await rule.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(page.getByTestId("rule")).toHaveCount(0);
    await expect(page.getByText("No alert rules yet")).toBeVisible();
  } finally {
    await receiver.close();
  }
});

// ---- The page's behaviour against canned answers (independent of the alert worker) ----

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const CANNED_ALERTS = [
  {
    key: "rule:3",
    id: 3,
    source: "rule",
    type: "rule.error_rate",
    state: "resolved",
    title: "Error rate back to 2 % (limit 10 %)",
    firedAt: minutesAgo(1),
    url: "/traces?agent=canned&status=error",
    deliveries: [{ channelIndex: 0, channelType: "webhook", attempt: 1, status: "ok", httpStatus: 200, error: null, createdAt: minutesAgo(1), nextAttemptAt: null }],
  },
  {
    key: "rule:2",
    id: 2,
    source: "rule",
    type: "rule.error_rate",
    state: "fired",
    title: "Error rate 25 % over 15 min (limit 10 %)",
    firedAt: minutesAgo(20),
    url: "/traces?agent=canned-second",
    deliveries: [
      { channelIndex: 0, channelType: "slack", attempt: 1, status: "failed", httpStatus: 500, error: "http error", createdAt: minutesAgo(20), nextAttemptAt: null },
      { channelIndex: 0, channelType: "slack", attempt: 2, status: "pending", httpStatus: null, error: null, createdAt: minutesAgo(19), nextAttemptAt: new Date(Date.now() + 90_000).toISOString() },
    ],
  },
  // An older server's budget alert: no key, title or url.
  { id: 9, budgetId: 1, budgetName: "Monthly", type: "budget.threshold", threshold: 80, periodStart: minutesAgo(600), periodEnd: minutesAgo(-600), spentUsd: 80, amountUsd: 100, percent: 80, forecastUsd: null, firedAt: minutesAgo(30), deliveries: [] },
];

async function cannedAlerts(page: Page) {
  await page.route("**/api/alerts?**", (route) => route.fulfill({ json: { items: CANNED_ALERTS } }));
}

test("the timeline: deliveries, filter chips in the URL, j/k and Enter", async ({ page }) => {
  await signInByApi(page);
  await cannedAlerts(page);
  await page.goto("/alerts");
  const alerts = page.getByTestId("alert");
  await expect(alerts).toHaveCount(3);
  await expect(alerts.nth(0)).toContainText("resolved");
  await expect(alerts.nth(1).locator('[data-testid="delivery"][data-status="failed"]')).toContainText("HTTP 500 · http error");
  await expect(alerts.nth(1).locator('[data-testid="delivery"][data-status="pending"]')).toContainText(/retry at \d\d:\d\d:\d\d \(in \d+ (s|min)\)/);
  await expect(alerts.nth(2)).toContainText("Monthly reached 80 % ($80 of $100)");
  await expect(alerts.nth(2)).toContainText("No channels");

  await page.getByRole("button", { name: /^Budget threshold/ }).click();
  await expect(page).toHaveURL(/type=budget\.threshold/);
  await expect(alerts).toHaveCount(1);
  await page.getByRole("button", { name: /^Error rate/ }).click();
  await expect(alerts).toHaveCount(3);
  await page.getByRole("button", { name: /^Budget threshold/ }).click();
  await expect(alerts).toHaveCount(2);
  await page.getByRole("button", { name: /^All/ }).click();
  await expect(page).not.toHaveURL(/type=/);

  await page.locator("body").click({ position: { x: 5, y: 400 } });
  await page.keyboard.press("j");
  await expect(alerts.nth(1)).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("k");
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/traces\?agent=canned-second/, { timeout: 15_000 });
});

test("the rule dialog: live checks, the server's issues beside fields, Esc closes; viewers only look", async ({ page, browser }) => {
  const base = await signInByApi(page);
  const slug = await newProject(page.request, base, `Alert rules dialog e2e ${Date.now() % 100000}`);
  await page.route("**/api/alert-rules?**", (route) =>
    route.request().method() === "POST"
      ? route.fulfill({ status: 400, json: { error: "invalid request", issues: [{ path: "threshold", message: "server says too low" }, { path: "scope.agent", message: "no such agent here" }] } })
      : route.fulfill({ json: { items: [] } }),
  );
  await page.goto(`/alerts?project=${slug}&view=rules`);
  const open = page.getByRole("button", { name: "New rule" });
  await open.click();
  const dialog = page.getByRole("dialog", { name: "New alert rule" });
  await expect(dialog.getByLabel("Name", { exact: true })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();

  await open.click();
  // The kind decides the fields.
  await dialog.getByRole("radio", { name: /p95 latency/ }).check();
  await expect(dialog.getByLabel("p95 trace duration above")).toHaveValue("30000");
  await expect(dialog.getByLabel("Over the last")).toHaveValue("15");
  await dialog.getByRole("radio", { name: /Unpriced model/ }).check();
  await expect(dialog.getByLabel("Over the last")).toHaveCount(0);
  await dialog.getByRole("radio", { name: /Error rate/ }).check();
  await dialog.getByLabel("Failed traces above").fill("150");
  await expect(dialog.getByText("A percentage: at most 100")).toBeVisible();
  await dialog.getByLabel("Failed traces above").fill("5");
  await expect(dialog.getByText("A percentage: at most 100")).toHaveCount(0);

  await dialog.getByRole("button", { name: "Create rule" }).click();
  await expect(dialog.getByText("Give the rule a name")).toBeVisible();
  await expect(dialog.getByLabel("Name", { exact: true })).toBeFocused();
  await dialog.getByLabel("Name", { exact: true }).fill("Too many failures");
  await dialog.getByLabel("Agent", { exact: true }).fill("ghost");
  await dialog.getByRole("button", { name: "Create rule" }).click();
  await expect(dialog.getByText("server says too low")).toBeVisible();
  await expect(dialog.getByLabel("Failed traces above")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByText("no such agent here")).toBeVisible();
  await dialog.getByLabel("Agent", { exact: true }).fill("real-agent");
  await expect(dialog.getByText("no such agent here")).toHaveCount(0);
  await expect(dialog.getByText("server says too low")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  // A viewer sees rules but no controls.
  const user = `viewer-${Date.now()}`;
  const created = await page.request.post("/api/users", { data: { username: user, password: "viewer-password-1", role: "viewer" }, headers: { origin: base } });
  expect(created.status()).toBe(201);
  const ctx = await browser.newContext({ baseURL: base });
  const viewer = await ctx.newPage();
  const login = await viewer.request.post("/api/auth/login", { data: { username: user, password: "viewer-password-1" }, headers: { origin: base } });
  expect(login.status()).toBe(200);
  const rule = { id: 1, name: "Watched", kind: "trace_cost", scope: {}, threshold: 5, windowMinutes: null, minTraces: null, enabled: true, channels: [], state: "firing", createdAt: minutesAgo(5), updatedAt: minutesAgo(5) };
  await viewer.route("**/api/alert-rules?**", (route) => route.fulfill({ json: { items: [rule] } }));
  await viewer.goto("/alerts?view=rules");
  await expect(viewer.getByTestId("rule")).toContainText("Trace cost > $5.00");
  await expect(viewer.getByTestId("rule")).toContainText("firing");
  await expect(viewer.getByText("Only admins can create or change rules.")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "New rule" })).toHaveCount(0);
  await expect(viewer.getByRole("switch")).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /Delete/ })).toHaveCount(0);
  await ctx.close();
});

// Budgets in the browser: an admin creates a tiny budget with a webhook channel (and
// sends it a test), traffic arrives, the card turns past 80 %, and the budget worker
// (every 15 s) delivers signed budget.threshold alerts to a receiver this spec runs.
import http from "node:http";
import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { agentRun, projectWithKey, sendRuns, signInByApi } from "./fixtures/agent-run";

const SECRET = "whsec_e2e_budget_secret_0123456789";

interface Received {
  raw: string;
  signature: string | undefined;
}

async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const sig = req.headers["x-skein-signature"];
      received.push({ raw: Buffer.concat(chunks).toString("utf8"), signature: typeof sig === "string" ? sig : undefined });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/skein-hook`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const sign = (raw: string) => `sha256=${createHmac("sha256", SECRET).update(raw).digest("hex")}`;

test("an admin creates a budget; traffic takes it past 80 % and a signed alert reaches the webhook", async ({ page }) => {
  test.setTimeout(150_000);
  const rx = await startReceiver();
  try {
    const base = await signInByApi(page);
    const { slug, key } = await projectWithKey(page, base, "Budgets e2e");

    await page.goto(`/budgets?project=${slug}`);
    await expect(page.getByRole("heading", { name: "No budgets yet" })).toBeVisible();
    await page.getByRole("button", { name: "New budget" }).click();

    const sheet = page.getByRole("dialog", { name: "New budget" });
    await expect(sheet).toBeVisible();
    await expect(sheet.getByLabel("Name", { exact: true })).toBeFocused();

    // Live validation: a bad amount is named beside its field once the field is left.
    await sheet.getByLabel("Amount (USD)").fill("abc");
    await sheet.getByLabel("Name", { exact: true }).fill("E2E tiny budget");
    await expect(sheet.getByText("must be a number")).toBeVisible();
    await sheet.getByLabel("Amount (USD)").fill("0.01");
    await expect(sheet.getByText("must be a number")).toHaveCount(0);

    // A rolling day, so the spec does not depend on where midnight falls.
    await sheet.getByText("Rolling", { exact: true }).click();
    await expect(sheet.getByLabel("Window (hours)")).toHaveValue("24");
    await expect(sheet.getByTestId("budget-preview")).toHaveText(/Matches nothing in the last 24 h/);

    await sheet.getByRole("button", { name: "Add Webhook channel" }).click();
    await sheet.getByLabel("Webhook URL").fill(rx.url);
    await sheet.getByLabel("Signing secret").fill(SECRET);
    await sheet.getByRole("button", { name: "Send test" }).click();
    await expect(sheet.getByRole("status").filter({ hasText: "Delivered (HTTP 204)" })).toBeVisible();

    await sheet.getByRole("button", { name: "Create budget" }).click();
    await expect(sheet).toBeHidden();
    const card = page.getByRole("region", { name: "E2E tiny budget" });
    await expect(card).toBeVisible();
    await expect(card.getByTestId("budget-percent")).toHaveText("0 %");
    await expect(card.getByText("whole project")).toBeVisible();
    await expect(card.getByTestId("budget-period")).toHaveText("Rolling · last 24 h");

    // Editing opens the same sheet filled in; Esc closes it.
    await card.getByRole("button", { name: "Edit E2E tiny budget" }).click();
    const edit = page.getByRole("dialog", { name: /Edit/ });
    await expect(edit.getByLabel("Amount (USD)")).toHaveValue("0.01");
    await expect(edit.getByLabel("Webhook URL")).toHaveValue(rx.url);
    await page.keyboard.press("Escape");
    await expect(edit).toBeHidden();
    await expect(card.getByRole("button", { name: "Edit E2E tiny budget" })).toBeFocused();

    // Two gpt-4.1 runs: 2,000 input + 300 output tokens each ≈ $0.0128, over the $0.01 amount.
    const runs = [0, 1].map((i) => agentRun(i, 1 + i, true, { agent: "budget-agent", idBase: 0xb0d9e70, durationMs: 1500, inputTokens: 2000 }));
    await sendRuns(page, key, "budgets-e2e", runs);

    await expect
      .poll(async () => Number.parseFloat((await card.getByTestId("budget-percent").textContent()) ?? "0"), { timeout: 45_000, intervals: [1_000] })
      .toBeGreaterThanOrEqual(80);
    await expect(card).toHaveAttribute("data-tone", "over");

    const thresholdAlerts = () =>
      rx.received.filter((r) => {
        try {
          return (JSON.parse(r.raw) as { type?: string }).type === "budget.threshold";
        } catch {
          return false;
        }
      });
    await expect.poll(() => thresholdAlerts().map((r) => (JSON.parse(r.raw) as { threshold: number }).threshold).sort((a, b) => a - b), { timeout: 50_000, intervals: [1_000] }).toContain(80);
    for (const alert of thresholdAlerts()) {
      expect(alert.signature).toBe(sign(alert.raw));
      expect(JSON.parse(alert.raw)).toMatchObject({ budgetName: "E2E tiny budget", amountUsd: 0.01 });
    }

    // The same alert is on /alerts, with its delivery.
    await page.goto(`/alerts?project=${slug}`);
    const listed = page.getByTestId("alert").filter({ hasText: 'Budget "E2E tiny budget" reached 80 %' });
    await expect(listed).toBeVisible();
    await expect(listed.getByTestId("delivery").first()).toHaveAttribute("data-status", "ok");
  } finally {
    await rx.close();
  }
});

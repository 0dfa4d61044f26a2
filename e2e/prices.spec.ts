// Settings › Prices: the overview's unpriced-model callout leads there; an admin adds a
// price for the model, and calls that arrive after it are priced while the stored ones
// stay unpriced. Uses its own project and a model name no other spec uses.
import { expect, test } from "@playwright/test";
import { agentRun, projectWithKey, sendRuns, signInByApi } from "./fixtures/agent-run";

const MODEL = "e2e-house-model";

/** An agent run whose chat call used MODEL (which has no built-in price). */
function houseRun(i: number) {
  const run = agentRun(i, 5, true, { agent: "house-agent", idBase: 0x9e1000, durationMs: 1500, inputTokens: 1_000_000 });
  for (const a of run[1]!.attributes) if (a.key.endsWith(".model")) a.value = { stringValue: MODEL };
  return run;
}

test("an admin follows the unpriced-model note to Settings › Prices and adds a price; new calls are priced with it", async ({ page }) => {
  const base = await signInByApi(page);
  const { slug, key } = await projectWithKey(page, base, "Prices e2e");
  await sendRuns(page, key, "prices-e2e", [houseRun(0)]);

  await page.goto(`/?project=${slug}&range=24h`);
  const note = page.getByRole("note", { name: "Unpriced models" });
  await expect(note).toContainText(MODEL);
  await note.getByRole("link", { name: /Add prices in Settings/ }).click();
  await expect(page).toHaveURL(/\/settings\?.*#prices$/);

  const form = page.getByRole("form", { name: "Add a price" });
  await expect(form).toBeVisible();
  await form.getByLabel("Provider").fill("openai");
  await form.getByLabel("Model").fill(MODEL);
  await form.getByLabel("Input $").fill("1.5");
  await form.getByLabel("Output $").fill("abc");
  await form.getByLabel("Output $").press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "Output $" })).toContainText("price must be a non-negative decimal amount");

  await form.getByLabel("Output $").fill("2");
  // From yesterday (a local date), so the run started minutes ago is covered even just after midnight.
  await form.getByLabel("From").fill(new Date(Date.now() - 86_400_000).toLocaleDateString("en-CA"));
  await form.getByRole("button", { name: "Add price" }).click();
  await expect(page.getByRole("status")).toContainText(`Added openai / ${MODEL}`);
  await page.getByRole("searchbox", { name: "Filter prices" }).fill("house");
  const row = page.getByRole("row", { name: new RegExp(MODEL) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("$1.5");
  await expect(row).toContainText("custom");

  // The stored call keeps no cost; a call arriving now is priced: 1M input tokens at $1.50, 300 output at $2/M.
  await sendRuns(page, key, "prices-e2e", [houseRun(1)]);
  const res = await page.request.get(`/api/traces?project=${slug}&from=${new Date(Date.now() - 3_600_000).toISOString()}`);
  expect(res.status()).toBe(200);
  const items = ((await res.json()) as { items: { traceId: string; costUsd: number; unpricedCallCount: number }[] }).items;
  const byId = new Map(items.map((t) => [t.traceId, t]));
  expect(byId.get(houseRun(0)[0]!.traceId)).toMatchObject({ costUsd: 0, unpricedCallCount: 1 });
  expect(byId.get(houseRun(1)[0]!.traceId)?.unpricedCallCount).toBe(0);
  expect(byId.get(houseRun(1)[0]!.traceId)?.costUsd).toBeCloseTo(1.5 + 300 * 2e-6, 9);

  // Built-in rows cannot be deleted here; the custom one can, after a confirmation.
  await page.getByRole("searchbox", { name: "Filter prices" }).fill("gpt-4.1");
  await expect(page.getByRole("button", { name: /^Delete the price of gpt-4\.1/ })).toHaveCount(0);
  await page.getByRole("searchbox", { name: "Filter prices" }).fill("house");
  await page.getByRole("button", { name: `Delete the price of ${MODEL}` }).click();
  const confirm = page.getByRole("group", { name: `Delete the price of ${MODEL}?` });
  await expect(confirm.getByRole("button", { name: "Keep" })).toBeFocused();
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("row", { name: new RegExp(MODEL) })).toHaveCount(0);
  await expect(page.getByText(`No price matches “house”.`)).toBeVisible();

  // The call priced before the deletion keeps its cost and says why no price is shown; the earlier one is unpriced.
  const [priced, unpriced] = [houseRun(1), houseRun(0)];
  await page.goto(`/traces/${priced[0]!.traceId}?project=${slug}&span=${priced[1]!.spanId}`);
  const panel = page.getByRole("complementary", { name: "Span details" });
  await expect(panel).toContainText("a price that has since been deleted");
  await page.goto(`/traces/${unpriced[0]!.traceId}?project=${slug}&span=${unpriced[1]!.spanId}`);
  await expect(panel).toContainText("unpriced — no price matches this model");
});

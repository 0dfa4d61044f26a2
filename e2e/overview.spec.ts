// The overview: a useful empty state on a project with no traffic; after traffic, real
// figures, and a chart bucket that opens the trace list filtered to it. Each test uses its
// own project so the default project's trace counts (traces.spec.ts) stay as they are.
import { expect, test } from "@playwright/test";
import { agentRun, newProject, projectWithKey, sendRuns, signInByApi } from "./fixtures/agent-run";






test("an empty project explains how to send traces instead of showing zeros", async ({ page }) => {
  const base = await signInByApi(page);
  const slug = await newProject(page.request, base, "Empty");
  await page.goto(`/?project=${slug}`);
  await expect(page.getByRole("heading", { name: "No traces in this project yet" })).toBeVisible();
  await expect(page.getByText("OTEL_EXPORTER_OTLP_ENDPOINT")).toBeVisible();
  await expect(page.getByText(/npm run demo/)).toBeVisible();
  await expect(page.getByTestId("card-value-spend")).toHaveCount(0);
});

test("with traffic, the cards show it and a chart bucket opens its traces", async ({ page }) => {
  const base = await signInByApi(page);
  const { slug, key } = await projectWithKey(page, base, "Overview traffic");
  const runs = [0, 1, 2, 3, 4, 5].map((i) => agentRun(i, 3 + i * 4, i !== 2, { agent: "overview-agent", idBase: 0xe2e0000, durationMs: 2400, inputTokens: 1200 + i }));
  await sendRuns(page, key, "overview-e2e", runs);

  await page.goto(`/?project=${slug}&range=1h`);
  await expect(page.getByTestId("card-value-llmCalls")).toHaveText("6");
  await expect(page.getByTestId("card-value-successRate")).toHaveText("83.3%");
  await expect(page.getByTestId("card-value-spend")).toHaveText(/^\$\d/);
  await expect(page.getByTestId("card-value-spend")).not.toHaveText("$0");

  // Click the first visible spend bar: the trace list opens on that bucket, for that model.
  const bars = page.getByRole("figure", { name: /Spend over time/ }).locator(".recharts-bar-rectangle path");
  await expect(bars.first()).toBeAttached();
  let target: { x: number; y: number } | null = null;
  for (const bar of await bars.all()) {
    const box = await bar.boundingBox();
    if (box && box.height > 1 && box.width > 1) {
      target = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      break;
    }
  }
  expect(target).not.toBeNull();
  await page.mouse.move(target!.x, target!.y);
  await page.mouse.down();
  await page.mouse.up();

  await expect(page).toHaveURL(/\/traces\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get("project")).toBe(slug);
  expect(url.searchParams.get("model")).toBe("gpt-4.1");
  const from = Date.parse(url.searchParams.get("from")!);
  const to = Date.parse(url.searchParams.get("to")!);
  expect(to - from).toBeGreaterThan(0);
  expect(to - from).toBeLessThan(3_600_000);
  const rows = page.getByRole("row");
  await expect(rows.nth(1)).toBeVisible();
  // Every listed run started inside the clicked bucket.
  const listed = (await page.request.get(`/api/traces?project=${slug}&model=gpt-4.1&from=${url.searchParams.get("from")}&to=${url.searchParams.get("to")}`).then((r) => r.json())) as {
    items: unknown[];
  };
  await expect(rows).toHaveCount(listed.items.length + 1);
  expect(listed.items.length).toBeGreaterThan(0);

  // The agents table lists the agent; its row opens the agent's traces.
  await page.goBack();
  await page.getByRole("region", { name: "Agents" }).getByRole("link", { name: "overview-agent" }).click();
  await expect(page).toHaveURL(/\/traces\?.*agent=overview-agent/);
  await expect(page.getByRole("row")).toHaveCount(7);
});

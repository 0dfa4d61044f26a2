// The reports page: a period's report previewed on screen, with downloads of the same
// report. Uses its own project so the default project's trace counts stay as they are.
import { expect, test } from "@playwright/test";
import { agentRun, projectWithKey, sendRuns, signInByApi } from "./fixtures/agent-run";





test("the report shows the period's total and its CSV download is the same report", async ({ page }) => {
  const base = await signInByApi(page);
  const { slug, key } = await projectWithKey(page, base, "Reports e2e");
  const runs = [0, 1, 2, 3].map((i) => agentRun(i, 10 + i * 5, i !== 3, { agent: "report-agent", idBase: 0x7e9000, durationMs: 1800, inputTokens: 2000 }));
  await sendRuns(page, key, "reports-e2e", runs);

  await page.goto(`/reports?project=${slug}&range=7d`);
  await expect(page.getByRole("heading", { name: "Reports" })).toBeVisible();
  await expect(page.getByTestId("report-traces")).toHaveText("4");
  await expect(page.getByTestId("report-success-rate")).toHaveText("75.0%");
  const total = page.getByTestId("report-total-cost");
  await expect(total).toHaveText(/^\$\d/);
  await expect(total).not.toHaveText("$0");

  // Grouping by agent too: the URL keeps it and the CSV has an agent column.
  await page.getByRole("checkbox", { name: "Agent" }).click();
  await expect(page.getByRole("checkbox", { name: "Agent" })).toBeChecked();
  await expect(page).toHaveURL(/groupBy=day%2Cagent|groupBy=day,agent/);
  await expect(page.getByRole("region", { name: "Cost by day, agent" }).getByRole("cell", { name: "report-agent" }).first()).toBeVisible();

  const csvLink = page.getByRole("link", { name: "CSV" });
  await expect(csvLink).toHaveAttribute("download", "");
  const href = await csvLink.getAttribute("href");
  expect(href).toContain(`project=${slug}`);
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\n");
  expect(lines[0]).toBe("day,agent,traces,successfulTraces,costUsd,wastedCostUsd,inputTokens,outputTokens,unpricedCalls");
  expect(lines.slice(1).every((l) => l.includes(",report-agent,"))).toBe(true);
});

// The reports page: a period's report previewed on screen, with downloads of the same
// report. Uses its own project so the default project's trace counts stay as they are.
import { expect, test } from "@playwright/test";
import { agentRun, newProject, projectWithKey, sendRuns, signInByApi } from "./fixtures/agent-run";





test("the report shows the period's total and its CSV download is the same report", async ({ page }) => {
  const base = await signInByApi(page);
  const { slug, key } = await projectWithKey(page, base, "Reports e2e");
  const runs = [0, 1, 2, 3].map((i) => agentRun(i, 10 + i * 5, i !== 3, { agent: "report-agent", idBase: 0x7e9000, durationMs: 1800, inputTokens: 2000 }));
  await sendRuns(page, key, "reports-e2e", runs);

  await page.goto(`/reports?project=${slug}&range=7d`);
  await expect(page.getByRole("heading", { name: "Reports", exact: true })).toBeVisible();
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

test("a report schedule created in the browser appears in the list", async ({ page }) => {
  const base = await signInByApi(page);
  const slug = await newProject(page.request, base, "Schedules e2e");
  await page.goto(`/reports?project=${slug}&range=7d`);
  const section = page.getByRole("region", { name: "Scheduled reports" });
  await expect(section.getByTestId("schedules-empty")).toBeVisible();

  await section.getByRole("button", { name: "New schedule" }).click();
  const dialog = page.getByRole("dialog", { name: "New scheduled report" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Name").fill("Finance monthly");
  await dialog.getByRole("radio", { name: /Monthly/ }).check();
  await dialog.getByLabel("Time zone").fill("Europe/Berlin");
  await expect(dialog.getByTestId("schedule-first-report")).toContainText(/First report: \w{3} 1 \w{3}, 00:00 Europe\/Berlin, covering \w+ \d{4}/);
  // Saving with the e-mail channel left empty points at it instead of sending.
  await dialog.getByRole("button", { name: "Create schedule" }).click();
  await expect(dialog.getByLabel("E-mail address")).toHaveAttribute("aria-invalid", "true");
  await dialog.getByLabel("E-mail address").fill("finance@example.com");
  await dialog.getByRole("button", { name: "Create schedule" }).click();
  await expect(dialog).toBeHidden();

  const row = section.getByTestId("schedule-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Finance monthly");
  await expect(row).toContainText("Monthly");
  await expect(row).toContainText("finance@example.com");
  await expect(row).toContainText("Europe/Berlin");
  await expect(row.getByTestId("schedule-last-status")).toHaveText("No report sent yet");
  await expect(row.getByRole("switch", { name: "Finance monthly enabled" })).toHaveAttribute("aria-checked", "true");

  const res = await page.request.get(`/api/report-schedules?project=${slug}`);
  expect(res.status()).toBe(200);
  const { items } = (await res.json()) as { items: { name: string; cadence: string; timezone: string; channels: unknown[]; nextRunAt: string }[] };
  expect(items).toEqual([expect.objectContaining({ name: "Finance monthly", cadence: "monthly", timezone: "Europe/Berlin", channels: [{ type: "email", to: "finance@example.com" }] })]);
  // The 1st of next month, 00:00 in Berlin (22:00 or 23:00 UTC the day before).
  expect(items[0]!.nextRunAt).toMatch(/T2[23]:00:00\.000Z$/);
});

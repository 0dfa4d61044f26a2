// The reports page: a period's report previewed on screen, with downloads of the same
// report. Uses its own project so the default project's trace counts stay as they are.
import { expect, test, type Page } from "@playwright/test";

const ADMIN_PASSWORD = "e2e-admin-password";

const hex = (n: number, len: number) => n.toString(16).padStart(len, "0").slice(-len);
const nanos = (ms: number) => `${BigInt(Math.round(ms)) * 1_000_000n}`;
const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
const int = (key: string, value: number) => ({ key, value: { intValue: value } });

/** An agent run with one priced chat call, started `minutesAgo` before now (fixtures are too old for a recent period). */
function agentRun(i: number, minutesAgo: number, ok: boolean) {
  const traceId = hex(0x7e9000 + i, 32);
  const rootId = hex(0x3000 + i, 16);
  const start = Date.now() - minutesAgo * 60_000;
  return [
    {
      traceId,
      spanId: rootId,
      name: "invoke_agent report-agent",
      kind: 1,
      startTimeUnixNano: nanos(start),
      endTimeUnixNano: nanos(start + 1800),
      attributes: [str("gen_ai.operation.name", "invoke_agent"), str("gen_ai.agent.name", "report-agent")],
      status: { code: ok ? 1 : 2 },
    },
    {
      traceId,
      spanId: hex(0x4000 + i, 16),
      parentSpanId: rootId,
      name: "chat gpt-4.1",
      kind: 3,
      startTimeUnixNano: nanos(start + 100),
      endTimeUnixNano: nanos(start + 1700),
      attributes: [
        str("gen_ai.operation.name", "chat"),
        str("gen_ai.provider.name", "openai"),
        str("gen_ai.request.model", "gpt-4.1"),
        str("gen_ai.response.model", "gpt-4.1"),
        int("gen_ai.usage.input_tokens", 2000),
        int("gen_ai.usage.output_tokens", 500),
      ],
      status: { code: ok ? 0 : 2 },
    },
  ];
}

async function signIn(page: Page): Promise<string> {
  const base = test.info().project.use.baseURL!;
  const res = await page.request.post("/api/auth/login", { data: { username: "admin", password: ADMIN_PASSWORD }, headers: { origin: base } });
  expect(res.status()).toBe(200);
  return base;
}

test("the report shows the period's total and its CSV download is the same report", async ({ page }) => {
  const base = await signIn(page);
  const projectRes = await page.request.post("/api/projects", { data: { name: "Reports e2e" }, headers: { origin: base } });
  expect(projectRes.status()).toBe(201);
  const { slug } = (await projectRes.json()) as { slug: string };
  const keyRes = await page.request.post(`/api/ingest-keys?project=${slug}`, { data: { name: "reports e2e" }, headers: { origin: base } });
  expect(keyRes.status()).toBe(201);
  const { key } = (await keyRes.json()) as { key: string };

  const runs = [0, 1, 2, 3].map((i) => agentRun(i, 10 + i * 5, i !== 3));
  const body = { resourceSpans: [{ resource: { attributes: [str("service.name", "reports-e2e")] }, scopeSpans: [{ scope: { name: "e2e" }, spans: runs.flat() }] }] };
  const ingest = await page.request.post("/v1/traces", { headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, data: body });
  expect(ingest.status()).toBe(200);

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

// The overview: a useful empty state on a project with no traffic; after traffic, real
// figures, and a chart bucket that opens the trace list filtered to it. Each test uses its
// own project so the default project's trace counts (traces.spec.ts) stay as they are.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

const ADMIN_PASSWORD = "e2e-admin-password";

async function signIn(page: Page): Promise<string> {
  const base = test.info().project.use.baseURL!;
  const res = await page.request.post("/api/auth/login", { data: { username: "admin", password: ADMIN_PASSWORD }, headers: { origin: base } });
  expect(res.status()).toBe(200);
  return base;
}

async function newProject(request: APIRequestContext, base: string, name: string): Promise<string> {
  const res = await request.post("/api/projects", { data: { name }, headers: { origin: base } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { slug: string }).slug;
}

const hex = (n: number, len: number) => n.toString(16).padStart(len, "0").slice(-len);
const nanos = (ms: number) => `${BigInt(Math.round(ms)) * 1_000_000n}`;
const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
const int = (key: string, value: number) => ({ key, value: { intValue: value } });

/** An agent run: an invoke_agent root with one priced chat call, `minutesAgo` before now. */
function agentRun(i: number, minutesAgo: number, ok: boolean) {
  const traceId = hex(0xe2e0000 + i, 32);
  const rootId = hex(0x1000 + i, 16);
  const start = Date.now() - minutesAgo * 60_000;
  return [
    {
      traceId,
      spanId: rootId,
      name: "invoke_agent overview-agent",
      kind: 1,
      startTimeUnixNano: nanos(start),
      endTimeUnixNano: nanos(start + 2400),
      attributes: [str("gen_ai.operation.name", "invoke_agent"), str("gen_ai.agent.name", "overview-agent")],
      status: { code: ok ? 1 : 2 },
    },
    {
      traceId,
      spanId: hex(0x2000 + i, 16),
      parentSpanId: rootId,
      name: "chat gpt-4.1",
      kind: 3,
      startTimeUnixNano: nanos(start + 100),
      endTimeUnixNano: nanos(start + 2200),
      attributes: [
        str("gen_ai.operation.name", "chat"),
        str("gen_ai.provider.name", "openai"),
        str("gen_ai.request.model", "gpt-4.1"),
        str("gen_ai.response.model", "gpt-4.1"),
        int("gen_ai.usage.input_tokens", 1200 + i),
        int("gen_ai.usage.output_tokens", 300),
      ],
      status: { code: ok ? 0 : 2 },
    },
  ];
}

test("an empty project explains how to send traces instead of showing zeros", async ({ page }) => {
  const base = await signIn(page);
  const slug = await newProject(page.request, base, "Empty");
  await page.goto(`/?project=${slug}`);
  await expect(page.getByRole("heading", { name: "No traces in this project yet" })).toBeVisible();
  await expect(page.getByText("OTEL_EXPORTER_OTLP_ENDPOINT")).toBeVisible();
  await expect(page.getByText(/npm run demo/)).toBeVisible();
  await expect(page.getByTestId("card-value-spend")).toHaveCount(0);
});

test("with traffic, the cards show it and a chart bucket opens its traces", async ({ page }) => {
  const base = await signIn(page);
  const slug = await newProject(page.request, base, "Overview traffic");
  const keyRes = await page.request.post(`/api/ingest-keys?project=${slug}`, { data: { name: "overview e2e" }, headers: { origin: base } });
  expect(keyRes.status()).toBe(201);
  const { key } = (await keyRes.json()) as { key: string };

  const runs = [0, 1, 2, 3, 4, 5].map((i) => agentRun(i, 3 + i * 4, i !== 2));
  const body = { resourceSpans: [{ resource: { attributes: [str("service.name", "overview-e2e")] }, scopeSpans: [{ scope: { name: "e2e" }, spans: runs.flat() }] }] };
  const ingest = await page.request.post("/v1/traces", { headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, data: body });
  expect(ingest.status()).toBe(200);

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

// What a person does: sign in, find the failover run, look inside it, sign out;
// and a viewer cannot create an ingest key. Against a production build on a
// fresh embedded database (scripts/e2e.mjs).
import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { buildBigTrace } from "./fixtures/big-trace";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures/otlp");
const KEY = "sk_ingest_e2e_key_0123456789";
const ADMIN_PASSWORD = "e2e-admin-password";
// Fixtures carry the timestamps of when they were recorded (one from 2018).
const ALL_TIME = `from=2018-01-01T00:00:00.000Z&to=${new Date(Date.now() + 86_400_000).toISOString()}`;

async function signIn(page: Page, username: string, password: string) {
  await page.goto("/traces");
  await expect(page).toHaveURL(/\/login\?next=%2Ftraces/);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Traces" })).toBeVisible();
}

test.beforeAll(async ({ request }) => {
  for (const file of fs.readdirSync(FIXTURES).filter((f) => /\.(pb|json)$/.test(f) && f !== "expected.json")) {
    const res = await request.post("/v1/traces", {
      headers: { authorization: `Bearer ${KEY}`, "content-type": file.endsWith(".pb") ? "application/x-protobuf" : "application/json" },
      data: fs.readFileSync(path.join(FIXTURES, file)),
    });
    expect(res.status(), file).toBe(200);
  }
});

test("sign in, find the failover trace by filter, inspect it, sign out", async ({ page }) => {
  await signIn(page, "admin", ADMIN_PASSWORD);
  await page.goto(`/traces?${ALL_TIME}`);
  // Every fixture trace is listed (other specs may have added more traffic to this server).
  for (const name of ["invoke_agent billing-agent", "agent.run", "ai.generateText", "support_chain", "refund_flow.workflow"]) {
    await expect(page.getByRole("row").filter({ hasText: name }).first()).toBeVisible();
  }

  await page.getByLabel("Agent", { exact: true }).selectOption("billing-agent");
  await expect(page).toHaveURL(/agent=billing-agent/);
  await expect(page.getByRole("row")).toHaveCount(3);
  const firstRow = page.getByRole("row").nth(1);
  const listedCost = (await firstRow.getByRole("cell").last().textContent())?.trim();
  await firstRow.getByRole("link", { name: "invoke_agent billing-agent" }).click();

  await expect(page).toHaveURL(/\/traces\/[0-9a-f]{32}/);
  const tree = page.getByRole("tree", { name: "Spans" });
  const items = tree.getByRole("treeitem");
  await expect(items).toHaveCount(8);
  // Nesting: the root agent, its children, and the sub-agent's LLM call one level deeper.
  await expect(tree.locator('[role=treeitem][aria-level="1"]')).toHaveCount(1);
  await expect(tree.locator('[role=treeitem][aria-level="2"]')).toHaveCount(6);
  await expect(tree.locator('[role=treeitem][aria-level="3"]')).toHaveCount(1);
  await expect(tree.locator('[role=treeitem][aria-level="3"]')).toContainText("gemini-2.5-flash");
  // The failed claude call is marked as failed over to gpt-4.1.
  const failed = items.filter({ hasText: "chat claude-sonnet-4-5" });
  await expect(failed).toContainText(/failover/i);
  await expect(failed).toContainText("gpt-4.1");

  // The header cost equals the list's cost, and the sum of the LLM calls' costs from the API.
  const traceId = page.url().match(/traces\/([0-9a-f]{32})/)![1]!;
  const detail = (await (await page.request.get(`/api/traces/${traceId}`)).json()) as {
    trace: { costUsd: number };
    spans: { billable: boolean; costUsd: number | null }[];
  };
  const sum = detail.spans.filter((s) => s.billable).reduce((a, s) => a + (s.costUsd ?? 0), 0);
  expect(detail.trace.costUsd).toBeCloseTo(sum, 12);
  expect(detail.spans.filter((s) => s.billable)).toHaveLength(4);
  await expect(page.getByText(listedCost!, { exact: true }).first()).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/traces");
  await expect(page).toHaveURL(/\/login/);
});

test("a viewer can read but cannot create an ingest key", async ({ page, request }) => {
  // The admin adds a viewer through the API (same-origin write with a session).
  const base = test.info().project.use.baseURL!;
  const login = await request.post("/api/auth/login", { data: { username: "admin", password: ADMIN_PASSWORD }, headers: { origin: base } });
  expect(login.status()).toBe(200);
  const created = await request.post("/api/users", { data: { username: "vic", password: "viewer-password", role: "viewer" }, headers: { origin: base } });
  expect([201, 409]).toContain(created.status());

  await signIn(page, "vic", "viewer-password");
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Ingest keys" })).toBeVisible();
  await expect(page.getByText("Only admins can create or revoke these.").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Create", exact: true })).toHaveCount(0);
  const denied = await page.request.post("/api/ingest-keys", { data: { name: "sneaky" }, headers: { origin: base } });
  expect(denied.status()).toBe(403);
});

test("an admin creates an ingest key, sees it once, and it works", async ({ page }) => {
  await signIn(page, "admin", ADMIN_PASSWORD);
  await page.goto("/settings");
  await page.getByLabel("Ingest keys name").fill("laptop agent");
  await page.getByRole("button", { name: "Create", exact: true }).first().click();
  const secret = page.getByTestId("new-secret");
  await expect(secret).toContainText("sk_ingest_");
  const key = (await secret.textContent())!.trim();
  await expect(page.getByText("OTEL_EXPORTER_OTLP_HEADERS")).toBeVisible();
  const ingest = await page.request.post("/v1/traces", { headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, data: "{}" });
  expect(ingest.status()).toBe(200);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("new-secret")).toHaveCount(0);
  await expect(page.getByRole("cell", { name: "laptop agent" })).toBeVisible();
});

test("settings forms wait for hydration: nothing typed before it is lost", async ({ page }) => {
  await signIn(page, "admin", ADMIN_PASSWORD);
  // Hold back the page's scripts so the server-rendered HTML sits there un-hydrated, as it
  // does for a moment on a slow machine (CI once clicked Create in that moment: React's state
  // never saw the typed name, and nothing happened).
  let release!: () => void;
  const scripts = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/chunks/**/*.js", async (route) => {
    await scripts;
    await route.continue();
  });
  await page.goto("/settings", { waitUntil: "commit" });
  const name = page.getByLabel("Ingest keys name");
  await expect(name).toBeDisabled();
  await expect(page.getByRole("button", { name: "Create", exact: true }).first()).toBeDisabled();
  // fill() waits for the field to be enabled, i.e. for React to own it.
  const typed = name.fill("typed early");
  await page.waitForTimeout(200);
  release();
  await typed;
  await page.getByRole("button", { name: "Create", exact: true }).first().click();
  await expect(page.getByTestId("new-secret")).toContainText("sk_ingest_");
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("cell", { name: "typed early" })).toBeVisible();
});

test("a 10,000-span trace renders, scrolls, and a deep link opens a span", async ({ page, request }) => {
  const big = buildBigTrace({ spanCount: 10_000 });
  const res = await request.post("/v1/traces", {
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    data: JSON.stringify(big.body),
  });
  expect(res.status()).toBe(200);
  await signIn(page, "admin", ADMIN_PASSWORD);
  await page.goto(`/traces/${big.traceId}`);
  await expect(page.getByText("10,000 spans")).toBeVisible();
  const tree = page.getByRole("tree", { name: "Spans" });
  // Virtualized: only a window of rows is in the DOM.
  const rendered = await tree.getByRole("treeitem").count();
  expect(rendered).toBeGreaterThan(10);
  expect(rendered).toBeLessThan(200);
  const firstId = await tree.getByRole("treeitem").first().getAttribute("data-span-id");
  await tree.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(tree.locator(`[data-span-id="${firstId}"]`)).toHaveCount(0);
  await expect(tree.getByRole("treeitem").first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("big-trace-middle.png") });

  // A link with ?span= opens that span's details.
  await page.goto(`/traces/${big.traceId}?span=${big.failoverSpanIds!.failed}`);
  const panel = page.getByRole("complementary", { name: "Span details" });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText(/failover/i);
});

import { expect, test } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { buildBigTrace } from "./fixtures/big-trace";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures/otlp");
const KEY = "sk_ingest_e2e_key_0123456789";

test("the production server ingests every fixture over OTLP/HTTP", async ({ request }) => {
  for (const file of fs.readdirSync(FIXTURES).filter((f) => /\.(pb|json)$/.test(f) && f !== "expected.json")) {
    const res = await request.post("/v1/traces", {
      headers: {
        authorization: `Bearer ${KEY}`,
        "content-type": file.endsWith(".pb") ? "application/x-protobuf" : "application/json",
      },
      data: fs.readFileSync(path.join(FIXTURES, file)),
    });
    expect(res.status(), file).toBe(200);
  }
  const bad = await request.post("/v1/traces", {
    headers: { authorization: "Bearer wrong-key-0000", "content-type": "application/json" },
    data: "{}",
  });
  expect(bad.status()).toBe(401);
});

test("the dashboard asks a stranger to sign in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Sign in to Skein" })).toBeVisible();
});

test("bodies larger than 10 MB reach the OTLP endpoint (no proxy body limit in the way)", async ({ request }) => {
  const big = buildBigTrace({ spanCount: 25_000 });
  const body = JSON.stringify(big.body);
  expect(body.length).toBeGreaterThan(10 * 1024 * 1024);
  const res = await request.post("/v1/traces", { headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" }, data: body });
  expect(res.status()).toBe(200);
});

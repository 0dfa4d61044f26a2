// Prices through the API: list the built-ins, add a price for an unpriced model,
// and new spans of that model are priced from then on; validation is exact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listPrices, POST as createPriceRoute } from "@/app/api/prices/route";
import { DELETE as deletePriceRoute, PATCH as patchPriceRoute } from "@/app/api/prices/[id]/route";
import { getTraceSummary } from "@/lib/db/traces";
import { BACKENDS, createTestDb, type TestDb } from "./helpers/db";
import { startTestServer, type TestServer } from "./helpers/server";
import { installRuntime } from "./helpers/runtime";

const BASE = "http://skein.test";
const noParams = {} as { params: Promise<Record<string, string>> };

function call(path: string, init: RequestInit & { token: string }): Request {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${init.token}`);
  if (init.body) headers.set("content-type", "application/json");
  return new Request(`${BASE}${path}`, { ...init, headers });
}

function llmTrace(traceId: string, model: string): string {
  const ns = BigInt(Date.now()) * 1_000_000n;
  const attr = (key: string, value: object) => ({ key, value });
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [attr("service.name", { stringValue: "svc" })] },
        scopeSpans: [
          {
            spans: [
              {
                traceId,
                spanId: "1".repeat(16),
                name: `chat ${model}`,
                startTimeUnixNano: String(ns),
                endTimeUnixNano: String(ns + 1_000_000n),
                attributes: [
                  attr("gen_ai.operation.name", { stringValue: "chat" }),
                  attr("gen_ai.provider.name", { stringValue: "acme" }),
                  attr("gen_ai.request.model", { stringValue: model }),
                  attr("gen_ai.usage.input_tokens", { intValue: 1000 }),
                  attr("gen_ai.usage.output_tokens", { intValue: 100 }),
                ],
              },
            ],
          },
        ],
      },
    ],
  });
}

describe.each(BACKENDS)("prices API on %s", (backend) => {
  let t: TestDb;
  let server: TestServer;
  let restore: () => void;
  let admin: string;

  beforeAll(async () => {
    t = await createTestDb(backend);
    server = await startTestServer(t.db);
    restore = installRuntime(server.runtime);
    const { createApiToken } = await import("@/lib/auth/api-tokens");
    admin = (await createApiToken(t.db, { projectId: server.runtime.defaultProjectId, name: "t", role: "admin", createdBy: null })).token;
  });
  afterAll(async () => {
    restore?.();
    await server?.close();
    await t?.drop();
  });

  const ingest = (traceId: string) =>
    fetch(`${server.url}/v1/traces`, { method: "POST", headers: { authorization: `Bearer ${server.ingestKey}`, "content-type": "application/json" }, body: llmTrace(traceId, "acme-large-2026-01-01") });

  it("lists built-in prices in USD per million tokens", async () => {
    const res = await listPrices(call("/api/prices", { token: admin }), noParams);
    const { items } = (await res.json()) as { items: { provider: string; model: string; inputUsdPerMtok: number; outputUsdPerMtok: number }[] };
    const mini = items.find((p) => p.provider === "openai" && p.model === "gpt-4o-mini");
    expect(mini).toMatchObject({ inputUsdPerMtok: 0.15, outputUsdPerMtok: 0.6 });
  });

  it("prices an unpriced model from the moment a price is added", async () => {
    expect((await ingest("a".repeat(32))).status).toBe(200);
    const before = await getTraceSummary(t.db, server.runtime.defaultProjectId, "a".repeat(32));
    expect(before).toMatchObject({ costUsd: 0, unpricedCallCount: 1 });

    const res = await createPriceRoute(
      call("/api/prices", {
        token: admin,
        method: "POST",
        body: JSON.stringify({ provider: "acme", model: "acme/acme-large", inputUsdPerMtok: "2.50", outputUsdPerMtok: 10, effectiveFrom: "2020-01-01" }),
      }),
      noParams,
    );
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: number; model: string };
    expect(created.model).toBe("acme-large");

    expect((await ingest("b".repeat(32))).status).toBe(200);
    const after = await getTraceSummary(t.db, server.runtime.defaultProjectId, "b".repeat(32));
    expect(after?.unpricedCallCount).toBe(0);
    expect(after?.costUsd).toBeCloseTo((1000 * 2.5 + 100 * 10) / 1e6, 12);

    const patched = await patchPriceRoute(
      call(`/api/prices/${created.id}`, { token: admin, method: "PATCH", body: JSON.stringify({ outputUsdPerMtok: "20" }) }),
      { params: Promise.resolve({ id: String(created.id) }) },
    );
    expect(((await patched.json()) as { outputUsdPerMtok: number }).outputUsdPerMtok).toBe(20);
    expect((await ingest("c".repeat(32))).status).toBe(200);
    expect((await getTraceSummary(t.db, server.runtime.defaultProjectId, "c".repeat(32)))?.costUsd).toBeCloseTo((1000 * 2.5 + 100 * 20) / 1e6, 12);

    const del = await deletePriceRoute(call(`/api/prices/${created.id}`, { token: admin, method: "DELETE" }), { params: Promise.resolve({ id: String(created.id) }) });
    expect(del.status).toBe(200);
    expect((await ingest("d".repeat(32))).status).toBe(200);
    expect((await getTraceSummary(t.db, server.runtime.defaultProjectId, "d".repeat(32)))?.unpricedCallCount).toBe(1);
  });

  it("rejects bad amounts and duplicates with a clear 4xx", async () => {
    const bad = await createPriceRoute(
      call("/api/prices", { token: admin, method: "POST", body: JSON.stringify({ provider: "x", model: "y", inputUsdPerMtok: "1.0000001", outputUsdPerMtok: 1, effectiveFrom: "2020-01-01" }) }),
      noParams,
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/inputUsdPerMtok/);
    const body = JSON.stringify({ provider: "x", model: "y", inputUsdPerMtok: 1, outputUsdPerMtok: 1, effectiveFrom: "2020-01-01" });
    expect((await createPriceRoute(call("/api/prices", { token: admin, method: "POST", body }), noParams)).status).toBe(201);
    expect((await createPriceRoute(call("/api/prices", { token: admin, method: "POST", body }), noParams)).status).toBe(409);
  });
});

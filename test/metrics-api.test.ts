// GET /api/metrics/overview and /api/metrics/timeseries through their route
// handlers: auth, query parsing, and the fixtures' failover trace (an agent whose
// anthropic call fails over to openai) counted as a success with a model error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as overviewRoute } from "@/app/api/metrics/overview/route";
import { GET as timeseriesRoute } from "@/app/api/metrics/timeseries/route";
import { flushRollups, stopRollupWorker } from "@/lib/metrics/rollup-worker";
import { RELATIVE_ERROR } from "@/lib/metrics/histogram";
import type { OverviewMetrics, Timeseries } from "@/lib/metrics/types";
import { BACKENDS, createTestDb, type TestDb } from "./helpers/db";
import { startTestServer, type TestServer } from "./helpers/server";
import { installRuntime } from "./helpers/runtime";
import { postFixture } from "./helpers/fixtures";

const BASE = "http://skein.test";
const PASSWORD = "metrics-admin-pw-1";
const noParams = {} as { params: Promise<Record<string, string>> };
// genai-agent-failover-0.pb starts at 2026-11-23T11:19:20.428Z and lasts 122.560344 ms.
const FAILOVER_HOUR = "from=2026-11-23T11:00:00Z&to=2026-11-23T12:00:00Z";

function req(path: string, cookie?: string): Request {
  const headers = new Headers({ host: "skein.test" });
  if (cookie) headers.set("cookie", cookie);
  return new Request(`${BASE}${path}`, { headers });
}

describe.each(BACKENDS)("metrics API on %s", (backend) => {
  let t: TestDb;
  let server: TestServer;
  let restore: () => void;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestDb(backend);
    server = await startTestServer(t.db, { SKEIN_ADMIN_PASSWORD: PASSWORD });
    restore = installRuntime(server.runtime);
    expect((await postFixture(server, "genai-agent-failover-0.pb")).status).toBe(200);
    const res = await login(
      new Request(`${BASE}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE, host: "skein.test" },
        body: JSON.stringify({ username: "admin", password: PASSWORD }),
      }),
    );
    expect(res.status).toBe(200);
    cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  });

  afterAll(async () => {
    stopRollupWorker(server?.runtime.db);
    restore?.();
    await server?.close();
    await t?.drop();
  });

  it("needs a signed-in user or token", async () => {
    expect((await overviewRoute(req(`/api/metrics/overview?${FAILOVER_HOUR}`), noParams)).status).toBe(401);
    expect((await timeseriesRoute(req(`/api/metrics/timeseries?${FAILOVER_HOUR}`), noParams)).status).toBe(401);
  });

  it("counts the failover trace as successful and its failed call in the model error rate", async () => {
    for (const pass of ["raw", "rolled up"]) {
      const window = pass === "raw" ? FAILOVER_HOUR : "from=2026-11-22T00:00:00Z&to=2026-11-24T00:00:00Z";
      if (pass === "rolled up") await flushRollups(t.db);
      const res = await overviewRoute(req(`/api/metrics/overview?${window}`, cookie), noParams);
      expect(res.status).toBe(200);
      const o = (await res.json()) as OverviewMetrics;
      const exact = pass === "raw";
      expect(o.latencyExact).toBe(exact);
      for (const p of [o.latencyMs.p50, o.latencyMs.p95, o.latencyMs.p99]) {
        if (exact) expect(p).toBe(122.560344);
        else expect(Math.abs(p! - 122.560344) / 122.560344).toBeLessThanOrEqual(RELATIVE_ERROR);
      }
      expect(o, pass).toMatchObject({
        traceCount: 1,
        successCount: 1,
        successRate: 1,
        wastedCostUsd: 0,
        llmCallCount: 4,
        llmErrorRate: 0.25,
        inputTokens: 3812,
        outputTokens: 425,
        cacheReadTokens: 1024,
        unpricedCallCount: 0,
        rollupLagSeconds: 0,
      });
      expect(o.totalCostUsd).toBeGreaterThan(0);
      expect(o.costPerSuccessfulTraceUsd).toBe(o.totalCostUsd);

      const claude = (await (await overviewRoute(req(`/api/metrics/overview?${window}&model=claude-sonnet-4-5`, cookie), noParams)).json()) as OverviewMetrics;
      expect(claude).toMatchObject({ traceCount: 1, successCount: 1, llmCallCount: 1, llmErrorRate: 1, inputTokens: 0 });
      const openai = (await (await overviewRoute(req(`/api/metrics/overview?${window}&provider=openai`, cookie), noParams)).json()) as OverviewMetrics;
      expect(openai).toMatchObject({ traceCount: 1, llmCallCount: 2, llmErrorRate: 0, inputTokens: 812 + 2400 });
      const nobody = (await (await overviewRoute(req(`/api/metrics/overview?${window}&agent=nobody`, cookie), noParams)).json()) as OverviewMetrics;
      expect(nobody).toMatchObject({ traceCount: 0, successRate: null, costPerSuccessfulTraceUsd: null, llmErrorRate: null, latencyMs: { p50: null } });
    }
  });

  it("serves timeseries: whole-day window, hourly buckets, grouped by model", async () => {
    const res = await timeseriesRoute(req(`/api/metrics/timeseries?from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z&interval=1h&metric=llm_calls&groupBy=model`, cookie), noParams);
    expect(res.status).toBe(200);
    const ts = (await res.json()) as Timeseries;
    expect(ts.buckets).toHaveLength(24);
    expect([...ts.series].sort()).toEqual(["claude-sonnet-4-5", "gemini-2.5-flash", "gpt-4.1", "gpt-4o-mini-2024-07-18"]);
    expect(ts.buckets[11]!.values).toEqual({ "claude-sonnet-4-5": 1, "gemini-2.5-flash": 1, "gpt-4.1": 1, "gpt-4o-mini-2024-07-18": 1 });
    expect(ts.buckets[10]!.values["gpt-4.1"]).toBe(0);
    const success = (await (await timeseriesRoute(req(`/api/metrics/timeseries?${FAILOVER_HOUR}&metric=success`, cookie), noParams)).json()) as Timeseries;
    expect(success.interval).toBe("1m");
    expect(success.buckets[19]!.values).toEqual({ successRate: 1, llmErrorRate: 0.25 });
    expect(success.buckets[18]!.values).toEqual({ successRate: null, llmErrorRate: null });
  });

  it("answers 400 for bad parameters", async () => {
    const bad = async (q: string) => (await timeseriesRoute(req(`/api/metrics/timeseries?${q}`, cookie), noParams)).status;
    expect(await bad("metric=bogus")).toBe(400);
    expect(await bad("metric=latency&groupBy=model")).toBe(400);
    expect(await bad("from=2026-11-23T12:00:00Z&to=2026-11-23T11:00:00Z")).toBe(400);
    expect(await bad("from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&interval=1m")).toBe(400);
    expect((await overviewRoute(req(`/api/metrics/overview?from=yesterday`, cookie), noParams)).status).toBe(400);
  });
});

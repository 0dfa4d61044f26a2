// The cost report export: JSON totals equal the overview, CSV parses and its cost
// column adds up, grouped rows add up, a year of daily data makes a sane PDF that
// pdftotext reads (title, period, total, page numbers), and no format carries content.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as costReportRoute } from "@/app/api/export/cost-report/route";
import { ingestDecoded } from "@/lib/ingest/ingest";
import { getOverview } from "@/lib/metrics/overview";
import { costReportCsvColumns, type CostReport } from "@/lib/export/cost-report";
import { pdfUsd } from "@/lib/export/cost-report-pdf";
import type { OtlpSpan } from "@/lib/otlp/types";
import { makeTestSpan } from "@/lib/otlp/test-span";
import { BACKENDS, createTestDb, type TestDb } from "./helpers/db";
import { startTestServer, type TestServer } from "./helpers/server";
import { installRuntime } from "./helpers/runtime";
import { fixtureFiles, postFixture } from "./helpers/fixtures";

const noParams = {} as { params: Promise<Record<string, string>> };
const YEAR_FROM = "2025-01-01T00:00:00Z";
const YEAR_TO = "2026-01-01T00:00:00Z";
const YEAR = `from=${YEAR_FROM}&to=${YEAR_TO}`;
const EVERYTHING = "from=2018-01-01T00:00:00Z&to=2030-01-01T00:00:00Z";
const AGENTS = ["planner", "billing"];
const MODELS = ["gpt-4o-mini", "skein-unpriced-model"];
const hasPoppler = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** One agent run per agent per day of 2025: a root and a chat call; every 5th run fails. */
function yearOfSpans(): OtlpSpan[] {
  const spans: OtlpSpan[] = [];
  for (let d = 0; d < 365; d++) {
    AGENTS.forEach((agent, a) => {
      const i = d * AGENTS.length + a;
      const traceId = (0xc0000000 + i).toString(16).padStart(32, "0");
      const startNs = BigInt(Date.parse(YEAR_FROM) + d * 86_400_000 + 3_600_000 * (1 + a)) * 1_000_000n;
      const failed = i % 5 === 0;
      spans.push(
        makeTestSpan(
          { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": agent },
          { traceId, spanId: (2 * i + 1).toString(16).padStart(16, "0"), name: "run", startNs, durationNs: 4_000_000_000n, statusCode: failed ? 2 : 0, resourceAttributes: { "service.name": "report-svc" } },
        ),
        makeTestSpan(
          {
            "gen_ai.operation.name": "chat",
            "gen_ai.provider.name": "openai",
            "gen_ai.request.model": MODELS[i % 7 === 0 ? 1 : 0]!,
            "gen_ai.usage.input_tokens": 1000 + (d % 50) * 100,
            "gen_ai.usage.output_tokens": 200 + (d % 30) * 10,
          },
          {
            traceId,
            spanId: (2 * i + 2).toString(16).padStart(16, "0"),
            parentSpanId: (2 * i + 1).toString(16).padStart(16, "0"),
            name: "chat",
            startNs: startNs + 1_000_000n,
            durationNs: 2_000_000_000n,
            kind: 3,
            resourceAttributes: { "service.name": "report-svc" },
          },
        ),
      );
    });
  }
  return spans;
}

describe.each(BACKENDS)("cost report on %s", (backend) => {
  let t: TestDb;
  let server: TestServer;
  let restore: () => void;
  let token: string;
  const get = (q: string) => costReportRoute(new Request(`http://skein.test/api/export/cost-report?${q}`, { headers: { authorization: `Bearer ${token}` } }), noParams);
  const window = (from: string, to: string) => ({ projectId: server.runtime.defaultProjectId, from: new Date(from), to: new Date(to) });

  beforeAll(async () => {
    t = await createTestDb(backend);
    server = await startTestServer(t.db);
    restore = installRuntime(server.runtime);
    // The shared fixtures carry CANARY content that must never reach an export.
    for (const f of fixtureFiles()) expect((await postFixture(server, f)).status).toBe(200);
    await ingestDecoded(t.db, server.runtime.defaultProjectId, { spans: yearOfSpans(), rejectedSpans: 0, rejectReasons: [] }, server.runtime.ingest);
    // A running Skein has planner statistics (autovacuum on PostgreSQL, refreshStatistics
    // on PGlite); without them the planner probes each of the year's daily partitions once
    // per trace and the reports take minutes instead of a second.
    await t.db.query("analyze");
    const { createApiToken } = await import("@/lib/auth/api-tokens");
    token = (await createApiToken(t.db, { projectId: server.runtime.defaultProjectId, name: "x", role: "viewer", createdBy: null })).token;
  }, 120_000);
  afterAll(async () => {
    restore?.();
    await server?.close();
    await t?.drop();
  });

  it("JSON: totals equal the overview; rows by day, agent, model add up to them", async () => {
    const res = await get(`format=json&${YEAR}&groupBy=model,day`);
    expect(res.status).toBe(200);
    const r = (await res.json()) as CostReport;
    const o = await getOverview(t.db, window(YEAR_FROM, YEAR_TO));
    expect(r.title).toBe("Skein cost report");
    expect(r.period).toEqual({ from: "2025-01-01T00:00:00.000Z", to: "2026-01-01T00:00:00.000Z" });
    expect(r.groupBy).toEqual(["day", "model"]);
    expect(r.totals.totalCostUsd).toBe(o.totalCostUsd);
    expect(r.totals.wastedCostUsd).toBe(o.wastedCostUsd);
    expect(r.totals.costPerSuccessfulTraceUsd).toBe(o.costPerSuccessfulTraceUsd);
    expect(r.totals.traceCount).toBe(o.traceCount);
    expect(r.totals.unpricedCallCount).toBe(o.unpricedCallCount);
    // 2025 holds only the generated year (the fixtures are from 2018 and 2026).
    const spans = yearOfSpans().filter((s) => s.attributes["gen_ai.operation.name"] === "chat");
    expect(r.totals.traceCount).toBe(730);
    expect(r.totals.successCount).toBe(730 - 146);
    expect(r.totals.llmCallCount).toBe(730);
    expect(r.totals.unpricedCallCount).toBe(105);
    expect(r.totals.inputTokens).toBe(spans.reduce((a, s) => a + Number(s.attributes["gen_ai.usage.input_tokens"]), 0));
    expect(o.totalCostUsd).toBeGreaterThan(0);
    expect(o.wastedCostUsd).toBeGreaterThan(0);
    const sum = (k: "costUsd" | "wastedCostUsd" | "unpricedCalls" | "inputTokens") => r.rows.reduce((a, x) => a + x[k], 0);
    expect(sum("costUsd")).toBeCloseTo(o.totalCostUsd, 9);
    expect(sum("wastedCostUsd")).toBeCloseTo(o.wastedCostUsd, 9);
    expect(sum("unpricedCalls")).toBe(o.unpricedCallCount);
    expect(sum("inputTokens")).toBe(o.inputTokens);
    expect(new Set(r.rows.map((x) => x.day)).size).toBe(365);
    expect(r.unpriced.find((u) => u.model === "skein-unpriced-model")?.calls).toBe(o.unpricedCallCount);
    expect(r.prices.map((p) => p.model)).toContain("gpt-4o-mini");
    expect(r.prices.map((p) => p.model)).not.toContain("skein-unpriced-model");
    expect(r.topAgents.map((a) => a.key).sort()).toEqual([...AGENTS].sort());
    expect(r.series.buckets.reduce((a, b) => a + b.costUsd, 0)).toBeCloseTo(o.totalCostUsd, 9);

    const byAgent = (await (await get(`format=json&${YEAR}&groupBy=agent`)).json()) as CostReport;
    expect(byAgent.rows.map((x) => [x.agent, x.traces])).toEqual(expect.arrayContaining([["planner", 365], ["billing", 365]]));
    expect(byAgent.rows.reduce((a, x) => a + x.traces, 0)).toBe(o.traceCount);
    expect((await get(`format=xlsx&${YEAR}`)).status).toBe(400);
    expect((await get(`groupBy=week&${YEAR}`)).status).toBe(400);
  });

  it("CSV: a standard parser reads it; the cost column sums to the overview's total", async () => {
    const res = await get(`format=csv&${YEAR}&groupBy=day,agent,model`);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="skein-cost-report-202501010000-202601010000.csv"');
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(costReportCsvColumns(["day", "agent", "model"]));
    const o = await getOverview(t.db, window(YEAR_FROM, YEAR_TO));
    expect(rows.reduce((a, x) => a + Number(x.costUsd), 0)).toBeCloseTo(o.totalCostUsd, 9);
    expect(rows.reduce((a, x) => a + Number(x.unpricedCalls), 0)).toBe(o.unpricedCallCount);
  });

  it("no format carries content", async () => {
    for (const format of ["json", "csv", "pdf"]) {
      const res = await get(`format=${format}&${EVERYTHING}&groupBy=day,agent,model`);
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      const text = format === "pdf" && hasPoppler ? pdfText(bytes) : bytes.toString("utf8");
      expect(text).not.toMatch(/canary/i);
    }
  });

  it.runIf(backend === "pglite" && hasPoppler)("PDF: a year of daily data is a readable, paginated document", async () => {
    const res = await get(`format=pdf&${YEAR}&groupBy=day`);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const file = path.join(os.tmpdir(), "skein-cost-report-year.pdf");
    fs.writeFileSync(file, bytes);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    const o = await getOverview(t.db, window(YEAR_FROM, YEAR_TO));
    expect(text).toContain("Skein cost report");
    expect(text).toContain("2025-01-01 00:00 UTC");
    expect(text).toContain("2026-01-01 00:00 UTC");
    expect(text).toContain(pdfUsd(o.totalCostUsd));
    expect(text).toContain("2025-12-31");
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(pages).toBeLessThan(40);
    expect(text).toContain("Page 1 of");
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toContain("Cost by day (continued)");
  });
});

function pdfText(bytes: Buffer): string {
  const file = path.join(os.tmpdir(), `skein-cost-report-${process.pid}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
}

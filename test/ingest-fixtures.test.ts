// Every fixture ingests over real HTTP and yields exactly the figures in
// expected.json, on PGlite and on PostgreSQL; re-sending changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTraceDetail, getTraceSummary, listTraceSpans, type SpanView, type TraceSummary } from "@/lib/db/traces";
import { BACKENDS, createTestDb, type TestDb } from "./helpers/db";
import { startTestServer, type TestServer } from "./helpers/server";
import { expectedFixtures as expected, fixtureFiles, fixtureTraceId, postFixture } from "./helpers/fixtures";

const sum = (spans: SpanView[], f: (s: SpanView) => number | null) => spans.reduce((a, s) => a + (f(s) ?? 0), 0);

describe.each(BACKENDS)("fixtures over HTTP on %s", (backend) => {
  let t: TestDb;
  let server: TestServer;
  const seen: Record<string, { summary: TraceSummary; spans: SpanView[] }> = {};

  beforeAll(async () => {
    t = await createTestDb(backend);
    server = await startTestServer(t.db);
    for (const file of fixtureFiles()) {
      const res = await postFixture(server, file);
      expect(res.status, file).toBe(200);
      const traceId = fixtureTraceId(file);
      const summary = await getTraceSummary(t.db, server.runtime.defaultProjectId, traceId);
      expect(summary, file).not.toBeNull();
      seen[file] = { summary: summary!, spans: await listTraceSpans(t.db, server.runtime.defaultProjectId, traceId) };
    }
  });

  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  it.each(fixtureFiles())("%s yields the expected figures", (file) => {
    const e = expected[file]!;
    const { summary, spans } = seen[file]!;
    const billable = spans.filter((s) => s.billable);
    expect(summary.spanCount).toBe(e.spanCount);
    expect(spans).toHaveLength(e.spanCount);
    expect(billable).toHaveLength(e.billableSpans);
    expect(summary.llmCallCount).toBe(e.billableSpans);
    expect(summary.status).toBe(e.status);
    if (e.rootName) expect(summary.name).toBe(e.rootName);
    if (e.agentName) expect(summary.agentName).toBe(e.agentName);
    if (e.serviceName) expect(summary.serviceName).toBe(e.serviceName);
    if (e.traceId) expect(summary.traceId).toBe(e.traceId);
    if (e.inputTokens !== undefined) {
      expect(summary.inputTokens).toBe(e.inputTokens);
      expect(sum(billable, (s) => s.inputTokens)).toBe(e.inputTokens);
    }
    if (e.outputTokens !== undefined) expect(summary.outputTokens).toBe(e.outputTokens);
    if (e.cacheReadTokens !== undefined) expect(summary.cacheReadTokens).toBe(e.cacheReadTokens);
    if (e.reasoningTokens !== undefined) expect(sum(billable, (s) => s.reasoningTokens)).toBe(e.reasoningTokens);
    if (e.llmErrors !== undefined) expect(billable.filter((s) => s.status === "error")).toHaveLength(e.llmErrors);
    if (e.provider) for (const s of billable) expect(s.provider).toBe(e.provider);
    if (e.model) for (const s of billable) expect(s.model?.startsWith(e.model)).toBe(true);
    if (e.models) expect(billable.map((s) => s.model).sort()).toEqual([...e.models].sort());
    for (const [k, v] of Object.entries(e.userMetadata ?? {})) {
      expect(spans.some((s) => s.attributes[k] === v), `${k} kept`).toBe(true);
    }
    // Every billable call in the fixtures is priced, and the trace cost is the sum of its calls.
    for (const s of billable) expect(s.costUsd, `${s.name} priced`).not.toBeNull();
    expect(summary.costUsd).toBeCloseTo(sum(billable, (s) => s.costUsd), 12);
    if (e.billableSpans > 0 && (e.inputTokens ?? 0) > 0) expect(summary.costUsd).toBeGreaterThan(0);
    for (const s of spans.filter((x) => !x.billable)) expect(s.costUsd).toBe(0);
  });

  it("reads a trace's spans through its time bounds exactly as without them (incl. the 2018 orphan)", async () => {
    for (const file of fixtureFiles()) {
      const detail = await getTraceDetail(t.db, server.runtime.defaultProjectId, fixtureTraceId(file));
      expect(detail?.trace).toEqual(seen[file]!.summary);
      expect(detail?.spans).toEqual(seen[file]!.spans);
    }
  });

  it("prices the failover trace exactly from the built-in table", () => {
    const { summary, spans } = seen["genai-agent-failover-0.pb"]!;
    const byModel = Object.fromEntries(spans.filter((s) => s.billable).map((s) => [s.model, s.costUsd]));
    // gpt-4o-mini $0.15/$0.60 per Mtok: 812 in, 95 out.
    expect(byModel["gpt-4o-mini-2024-07-18"]).toBeCloseTo((812 * 0.15 + 95 * 0.6) / 1e6, 15);
    // The failed claude call has no usage: priced, costs nothing.
    expect(byModel["claude-sonnet-4-5"]).toBe(0);
    expect(summary.errorCount).toBe(1);
  });

  it("re-sending every fixture changes nothing", async () => {
    for (const file of fixtureFiles()) expect((await postFixture(server, file)).status).toBe(200);
    for (const file of fixtureFiles()) {
      const traceId = fixtureTraceId(file);
      expect(await getTraceSummary(t.db, server.runtime.defaultProjectId, traceId)).toEqual(seen[file]!.summary);
      expect(await listTraceSpans(t.db, server.runtime.defaultProjectId, traceId)).toHaveLength(seen[file]!.spans.length);
    }
  });
});

// PostgreSQL goes away and comes back (a TCP proxy between Skein and the
// database cuts every connection): ingest answers 503 + Retry-After, never 500,
// the real OTLP exporter's retries land every span exactly once, and nothing
// acknowledged with a 200 is lost. PostgreSQL only: PGlite runs in-process.
import fs from "node:fs";
import path from "node:path";
import { context, trace } from "@opentelemetry/api";
import { ExportResultCode } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearIngestKeyCache } from "@/lib/auth/ingest-keys";
import { openDb, type Db } from "@/lib/db/client";
import { getTraceSummary, type TraceSummary } from "@/lib/db/traces";
import { createTestDb, type TestDb } from "./helpers/db";
import { RecordingExporter } from "./helpers/genai-trace";
import { JSON_TYPE, PROTOBUF, encodeSpans, hexId, jsonSpans, pbSpan, postOtlp, readRpcStatus } from "./helpers/otlp-client";
import { startTestServer, type TestServer } from "./helpers/server";
import { startTcpProxy, viaProxy, type TcpProxy } from "./helpers/tcp-proxy";

const FIXTURE = fs.readFileSync(path.resolve(__dirname, "../../shared/fixtures/otlp/genai-agent-failover-0.pb"));
const FIXTURE_TRACE = "2edb63dfb2437bd89639a615a79dd707";
const NOW_NS = BigInt(Date.now() - 60_000) * 1_000_000n;
const UNAVAILABLE = { code: 14, message: "database unavailable, retry later" };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** One small trace: a root and `children` children. */
function traceBody(traceId: string, salt: number, children = 3): Buffer {
  const root = hexId(0, 8, salt);
  return encodeSpans([
    pbSpan({ traceId, spanId: root, name: "root", startNs: NOW_NS }),
    ...Array.from({ length: children }, (_, i) =>
      pbSpan({ traceId, spanId: hexId(i + 1, 8, salt), parentSpanId: root, name: `child-${i}`, startNs: NOW_NS + BigInt(i + 1) }),
    ),
  ]);
}

describe("database outage on postgres", () => {
  let t: TestDb;
  let proxy: TcpProxy;
  let proxied: Db;
  let server: TestServer;
  let projectId: number;
  let acknowledged: TraceSummary | null = null;

  /** Spans of these traces, read directly (not through the proxy): total and distinct. */
  const stored = async (traceIds: string[]) => {
    const [row] = await t.db.query<{ n: number; distinct: number }>(
      `select count(*)::int as n, count(distinct (trace_id, span_id))::int as distinct
         from spans where project_id = $1 and trace_id = any($2::text[])`,
      [projectId, traceIds],
    );
    return row!;
  };

  // The ingest-key cache (30 s) spares the database one query per request; an outage
  // test starts with a fresh entry so the cache cannot expire in the middle of it.
  const warmKeyCache = async () => {
    clearIngestKeyCache(proxied);
    const res = await postOtlp(server, FIXTURE);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  };

  beforeAll(async () => {
    t = await createTestDb("postgres");
    const target = new URL(t.url!);
    proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
    proxied = await openDb({ databaseUrl: viaProxy(t.url!, proxy), poolSize: 4 });
    server = await startTestServer(proxied, { SKEIN_INGEST_TIMEOUT_MS: "5000" });
    projectId = server.runtime.defaultProjectId;
  });

  afterAll(async () => {
    proxy?.up();
    await server?.close();
    await proxied?.close();
    await proxy?.close();
    await t?.drop();
  });

  it("acknowledges a request before the outage", async () => {
    const res = await postOtlp(server, FIXTURE);
    expect(res.status).toBe(200);
    acknowledged = await getTraceSummary(t.db, projectId, FIXTURE_TRACE);
    expect(acknowledged).toMatchObject({ spanCount: 8, llmCallCount: 4 });
  });

  it("answers 503 with Retry-After while the database is down, then 200 once it is back", async () => {
    await warmKeyCache();
    const traceId = hexId(1, 16, 501);
    const body = traceBody(traceId, 501);
    const json = jsonSpans([{ traceId, spanId: hexId(9, 8, 501), name: "json", startNs: NOW_NS }]);
    proxy.down();
    for (const [format, send] of [
      [PROTOBUF, () => postOtlp(server, body)],
      [JSON_TYPE, () => postOtlp(server, json, { contentType: JSON_TYPE })],
      [PROTOBUF, () => postOtlp(server, body)],
    ] as const) {
      const res = await send();
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(res.headers.get("content-type")).toBe(format);
      expect(await readRpcStatus(res)).toEqual(UNAVAILABLE);
    }
    expect(proxy.refused).toBeGreaterThan(0);
    proxy.up();
    expect(await stored([traceId])).toEqual({ n: 0, distinct: 0 });
    expect((await postOtlp(server, body)).status).toBe(200);
    expect((await postOtlp(server, json, { contentType: JSON_TYPE })).status).toBe(200);
    expect(await stored([traceId])).toEqual({ n: 5, distinct: 5 });
  });

  // Regression (fixed in lib/errors.ts isTransientDbError): a key that
  // is not in the ingest-key cache (unknown, or any key after the 30 s cache expires) is looked
  // up through drizzle, which wraps the connection error in DrizzleQueryError (name "Error", no
  // `code`, the postgres.js error in `.cause`). It is not recognised as transient: 500, not 503.
  it("answers 503 (not 500) when the ingest key is not cached and the database is down", async () => {
    proxy.down();
    try {
      clearIngestKeyCache(proxied);
      const res = await postOtlp(server, traceBody(hexId(1, 16, 502), 502));
      expect(res.status).toBe(503);
    } finally {
      proxy.up();
    }
  });

  it("the real OTLP exporter retries through an outage and every span lands exactly once", { timeout: 30_000 }, async () => {
    await warmKeyCache();
    const recorder = new RecordingExporter(
      new OTLPTraceExporter({ url: `${server.url}/v1/traces`, headers: { Authorization: `Bearer ${server.ingestKey}` } }),
    );
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ "service.name": "outage-test" }),
      spanProcessors: [new BatchSpanProcessor({ exporter: recorder, maxExportBatchSize: 40, scheduledDelayMillis: 60_000 })],
    });
    const tracer = provider.getTracer("outage");
    const traceIds: string[] = [];
    for (let i = 0; i < 10; i++) {
      const root = tracer.startSpan(`job-${i}`);
      traceIds.push(root.spanContext().traceId);
      const ctx = trace.setSpan(context.active(), root);
      for (let j = 0; j < 9; j++) tracer.startSpan(`step-${j}`, {}, ctx).end();
      root.end();
    }
    proxy.down();
    const refusedBefore = proxy.refused;
    const flushed = provider.forceFlush();
    // Skein has tried the database and been refused, so every first attempt got a 503;
    // its Retry-After (5 s) outlasts the outage.
    await waitFor(() => proxy.refused > refusedBefore, "a refused database connection");
    await sleep(1500);
    proxy.up();
    await flushed;
    await provider.shutdown();
    expect(recorder.spans).toHaveLength(100);
    expect(recorder.results).toHaveLength(3); // 100 spans in batches of 40
    for (const r of recorder.results) expect(r.code).toBe(ExportResultCode.SUCCESS);
    expect(await stored(traceIds)).toEqual({ n: 100, distinct: 100 });
    for (const traceId of traceIds) expect((await getTraceSummary(t.db, projectId, traceId))?.spanCount).toBe(10);
  });

  // Regression (fixed by the ingest deadline in lib/ingest/http.ts): when the database endpoint accepts TCP
  // and closes cleanly (a pooler or proxy whose PostgreSQL is gone), postgres.js 3.4.9
  // reconnects in a tight loop (~700 connects/s) and the query waits forever: the POST
  // hangs instead of a 503. Fix idea: an ingest deadline (e.g. 5 s) in handleOtlpTraces → 503.
  it("answers within 6 s while a pooler in front of the database closes connections", { timeout: 20_000 }, async () => {
    await warmKeyCache();
    proxy.down("end");
    const pending = postOtlp(server, traceBody(hexId(1, 16, 503), 503));
    try {
      const status = await Promise.race([pending.then((r) => r.status), sleep(6000).then(() => "no answer")]);
      expect(status).toBe(503);
    } finally {
      proxy.up();
      await pending;
    }
  });

  // BUG (dependency: postgres.js 3.4.9 src/connection.js nextWrite, upstream
  // porsager/postgres#1154/#1208): cutting connections while queries are in flight throws
  // an uncaught "Cannot read properties of null (reading 'write')" from a setImmediate
  // (this would kill the Skein process), and pooled connections can stay wedged for
  // 10-20 s after the database is back. Enable once postgres.js is patched.
  it.skip("connections cut mid-traffic: every answer is 200 or 503, every 200 is stored, retries converge", async () => {
    await warmKeyCache();
    const N = 40;
    const traceIds = Array.from({ length: N }, (_, i) => hexId(i, 16, 600));
    const bodies = traceIds.map((id, i) => traceBody(id, 600 + i, 4));
    const statuses = new Array<number>(N).fill(0);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < N; i = next++) {
        // Cut a third of the way in, with requests in flight; restore at two thirds.
        if (i === Math.floor(N / 3)) proxy.down();
        if (i === Math.floor((2 * N) / 3)) proxy.up();
        const res = await postOtlp(server, bodies[i]!);
        statuses[i] = res.status;
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    proxy.up();
    for (const s of statuses) expect([200, 503]).toContain(s);
    expect(statuses).toContain(503);
    const acked = traceIds.filter((_, i) => statuses[i] === 200);
    expect(await stored(acked)).toEqual({ n: acked.length * 5, distinct: acked.length * 5 });
    // What a client does with a 503: send again. Everything converges, nothing doubles.
    for (const [i, s] of statuses.entries()) if (s === 503) expect((await postOtlp(server, bodies[i]!)).status).toBe(200);
    expect(await stored(traceIds)).toEqual({ n: N * 5, distinct: N * 5 });
  });

  it("what was acknowledged before the outage is still there, unchanged", async () => {
    expect(acknowledged).not.toBeNull();
    expect(await getTraceSummary(t.db, projectId, FIXTURE_TRACE)).toEqual(acknowledged);
  });
});

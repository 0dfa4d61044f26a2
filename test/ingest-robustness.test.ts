// POST /v1/traces under bad, hostile, huge, duplicated and concurrent input:
// each gets the right answer, nothing bad is stored, and the server keeps serving.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTraceSummary, listTraceSpans } from "@/lib/db/traces";
import { BACKENDS, createTestDb, type TestDb } from "./helpers/db";
import type { TestServer } from "./helpers/server";
import { startTestServer } from "./helpers/server";
import {
  JSON_TYPE,
  PROTOBUF,
  openPost,
  encodeSpans,
  hexId,
  int,
  jsonSpans,
  pbSpan,
  postOtlp,
  rawPost,
  readExportResponse,
  readRpcStatus,
  str,
  type PostOptions,
  type SpanSpec,
} from "./helpers/otlp-client";
import {
  batchTraceId,
  bigBatch,
  gzipZeros,
  nestedKvlistAnyValue,
  nestedKvlistJson,
  requestWithRawAttribute,
} from "./helpers/hostile-bodies";
import { agentTraceSpans, expectSameTrace, postInParallel } from "./helpers/trace-shapes";

const FIXTURES_DIR = path.resolve(__dirname, "../../shared/fixtures/otlp");
const fixture = (file: string) => fs.readFileSync(path.join(FIXTURES_DIR, file));
const GOOD = fixture("openllmetry-openai-0.pb");
const CANARY = "CANARY-robustness-51c2";
const NOW_NS = BigInt(Date.now() - 60_000) * 1_000_000n;
const CONTENT_WARNING = "content attribute(s) dropped by Skein's privacy filter";

// Big batch: 100k spans in 1000 traces on both backends (~4 s on PostgreSQL, ~6 s and
// ~1 GB RSS on in-memory PGlite here); lower PGlite's traces if CI runs short of memory.
const BATCH = { postgres: { traces: 1000, spansPerTrace: 100 }, pglite: { traces: 1000, spansPerTrace: 100 } };

let bomb: Buffer;
beforeAll(async () => {
  bomb = await gzipZeros(200);
});

describe.each(BACKENDS)("ingest robustness on %s", (backend) => {
  let t: TestDb;
  let server: TestServer;
  let projectId: number;
  let salt = 100;
  const nextSalt = () => ++salt;

  beforeAll(async () => {
    t = await createTestDb(backend);
    // Concurrency cases below need more than the default 8 requests in flight;
    // the limit itself is tested with its own server.
    server = await startTestServer(t.db, { SKEIN_INGEST_CONCURRENCY: "64" });
    projectId = server.runtime.defaultProjectId;
  });

  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  const expectServing = async (s: TestServer = server) => {
    const res = await postOtlp(s, GOOD);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  };

  const spanCount = async (traceId: string) => (await getTraceSummary(t.db, projectId, traceId))?.spanCount ?? 0;

  describe("rejected requests", () => {
    interface Case {
      name: string;
      body: () => Buffer | string;
      opts: PostOptions;
      status: number;
      grpcCode: number;
      responseType: string;
    }
    const cases: Case[] = [
      {
        name: "garbage bytes as protobuf",
        body: () => Buffer.concat([Buffer.from(CANARY), Buffer.alloc(64, 0xff)]),
        opts: {},
        status: 400,
        grpcCode: 3,
        responseType: PROTOBUF,
      },
      {
        name: "truncated protobuf",
        body: () => GOOD.subarray(0, Math.floor(GOOD.length / 2)),
        opts: {},
        status: 400,
        grpcCode: 3,
        responseType: PROTOBUF,
      },
      {
        name: "invalid JSON",
        body: () => `{"resourceSpans": [{"note": "${CANARY}"`,
        opts: { contentType: JSON_TYPE },
        status: 400,
        grpcCode: 3,
        responseType: JSON_TYPE,
      },
      {
        name: "JSON of the wrong shape",
        body: () => JSON.stringify({ resourceSpans: { scopeSpans: CANARY } }),
        opts: { contentType: JSON_TYPE },
        status: 400,
        grpcCode: 3,
        responseType: JSON_TYPE,
      },
      {
        name: "JSON array at the top",
        body: () => JSON.stringify([{ resourceSpans: [] }]),
        opts: { contentType: `${JSON_TYPE}; charset=utf-8` },
        status: 400,
        grpcCode: 3,
        responseType: JSON_TYPE,
      },
      {
        name: "text/plain",
        body: () => GOOD,
        opts: { contentType: "text/plain" },
        status: 415,
        grpcCode: 3,
        responseType: JSON_TYPE,
      },
      {
        name: "Content-Encoding br",
        body: () => GOOD,
        opts: { contentEncoding: "br" },
        status: 415,
        grpcCode: 3,
        responseType: PROTOBUF,
      },
      {
        name: "gzip header on a plain body",
        body: () => GOOD,
        opts: { contentEncoding: "gzip" },
        status: 400,
        grpcCode: 3,
        responseType: PROTOBUF,
      },
      {
        name: "missing Authorization (protobuf)",
        body: () => GOOD,
        opts: { authorization: null },
        status: 401,
        grpcCode: 16,
        responseType: PROTOBUF,
      },
      {
        name: "wrong key (JSON)",
        body: () => fixture("otlp-spec-example.json"),
        opts: { contentType: JSON_TYPE, authorization: "Bearer sk_ingest_not_a_real_key_000000" },
        status: 401,
        grpcCode: 16,
        responseType: JSON_TYPE,
      },
      {
        name: "Basic instead of Bearer",
        body: () => GOOD,
        opts: { authorization: "Basic dXNlcjpwYXNz" },
        status: 401,
        grpcCode: 16,
        responseType: PROTOBUF,
      },
    ];

    it.each(cases)("$name → $status", async (c) => {
      const res = await postOtlp(server, c.body(), c.opts);
      expect(res.status).toBe(c.status);
      expect(res.headers.get("content-type")).toBe(c.responseType);
      const rpc = await readRpcStatus(res);
      expect(rpc.code).toBe(c.grpcCode);
      expect(rpc.message.length).toBeGreaterThan(0);
      expect(rpc.message).not.toContain("CANARY");
      await expectServing();
    });
  });

  describe("invalid ids mixed with valid spans", () => {
    const specs = (traceId: string): SpanSpec[] => [
      { traceId, spanId: hexId(1, 8, nextSalt()), name: "root", startNs: NOW_NS },
      { traceId: "0".repeat(32), spanId: hexId(2, 8, salt), name: "zero trace id", startNs: NOW_NS },
      { traceId, spanId: "0102030405", name: "5-byte span id", startNs: NOW_NS },
      { traceId, spanId: hexId(3, 8, salt), parentSpanId: hexId(1, 8, salt), name: "child", startNs: NOW_NS + 10n },
    ];

    it.each(["protobuf", "json"] as const)("%s → 200, partialSuccess counts the 2 bad spans, keeps the rest", async (format) => {
      const traceId = hexId(1, 16, nextSalt());
      const s = specs(traceId);
      const res =
        format === "json"
          ? await postOtlp(server, jsonSpans(s), { contentType: JSON_TYPE })
          : await postOtlp(server, encodeSpans(s.map(pbSpan)));
      expect(res.status).toBe(200);
      const partial = await readExportResponse(res);
      expect(partial.rejectedSpans).toBe(2);
      expect(partial.errorMessage).toContain("2 span(s) rejected");
      expect(partial.errorMessage).toContain("invalid trace id");
      expect(partial.errorMessage).toContain("invalid span id");
      const spans = await listTraceSpans(t.db, projectId, traceId);
      expect(spans.map((x) => x.name)).toEqual(["root", "child"]);
      expect(await spanCount(traceId)).toBe(2);
      await expectServing();
    });
  });

  describe("size limits", () => {
    let small: TestServer;
    beforeAll(async () => {
      small = await startTestServer(t.db, { SKEIN_MAX_BODY_BYTES: "100000" });
    });
    afterAll(async () => {
      await small?.close();
    });

    it("a gzip bomb (200 MiB of zeros in ~200 KB) → 413", { timeout: 20_000 }, async () => {
      expect(bomb.length).toBeLessThan(300_000);
      const res = await postOtlp(server, bomb, { contentEncoding: "gzip" });
      expect(res.status).toBe(413);
      const rpc = await readRpcStatus(res);
      expect(rpc.code).toBe(3);
      expect(rpc.message).toContain("exceeds");
      await expectServing();
    });

    it("a small gzip bomb against a 100 kB limit → 413", async () => {
      const res = await postOtlp(small, zlib.gzipSync(Buffer.alloc(1 << 20)), { contentEncoding: "gzip" });
      expect(res.status).toBe(413);
      await expectServing(small);
    });

    it("an uncompressed body over the limit → 413", async () => {
      const traceId = hexId(1, 16, nextSalt());
      const big = encodeSpans(
        Array.from({ length: 2000 }, (_, i) => pbSpan({ traceId, spanId: hexId(i, 8, salt), name: `span-${i}`, startNs: NOW_NS })),
      );
      expect(big.length).toBeGreaterThan(100_000);
      const res = await postOtlp(small, big);
      expect(res.status).toBe(413);
      expect((await readRpcStatus(res)).code).toBe(3);
      expect(await spanCount(traceId)).toBe(0);
      await expectServing(small);
    });

    it("a declared Content-Length over the limit → 413 before the body is read", async () => {
      const headers = {
        "content-type": PROTOBUF,
        authorization: `Bearer ${small.ingestKey}`,
        "content-length": "500000",
      };
      const answer = await rawPost(small.url, headers, GOOD);
      expect(answer.status).toBe(413);
      expect(answer.headers["content-type"]).toBe(PROTOBUF);
      const hugeHeaders = { ...headers, authorization: `Bearer ${server.ingestKey}`, "content-length": String(2 ** 31) };
      const huge = await rawPost(server.url, hugeHeaders, GOOD);
      expect(huge.status).toBe(413);
      await expectServing(small);
      await expectServing();
    });
  });

  describe("1 MB attribute values", () => {
    const MB = `${CANARY} ${"x".repeat(1 << 20)}`;
    const spec = (traceId: string): SpanSpec => ({
      traceId,
      spanId: hexId(1, 8, nextSalt()),
      name: `chat ${MB}`,
      startNs: NOW_NS,
      attributes: [
        str("gen_ai.operation.name", "chat"),
        str("gen_ai.request.model", "gpt-4o-mini"),
        str("custom.payload", MB),
        str("app.note", MB),
        str("gen_ai.input.messages", MB),
        str("gen_ai.agent.name", MB),
        int("gen_ai.usage.input_tokens", 7),
      ],
    });

    it.each([
      ["protobuf", "none"],
      ["json", "gzip"],
    ] as const)("%s (%s) → 200 with a warning, span stored without the values", async (format, encoding) => {
      const traceId = hexId(1, 16, nextSalt());
      const raw = format === "json" ? Buffer.from(jsonSpans([spec(traceId)])) : encodeSpans([pbSpan(spec(traceId))]);
      const res = await postOtlp(server, encoding === "gzip" ? zlib.gzipSync(raw) : raw, {
        contentType: format === "json" ? JSON_TYPE : PROTOBUF,
        contentEncoding: encoding === "gzip" ? "gzip" : undefined,
      });
      expect(res.status).toBe(200);
      const partial = await readExportResponse(res);
      expect(partial.rejectedSpans).toBe(0);
      expect(partial.errorMessage).toContain(CONTENT_WARNING);
      const [span] = await listTraceSpans(t.db, projectId, traceId);
      expect(span).toBeDefined();
      expect(span!.name).toHaveLength(256); // names are capped, not dropped
      expect(span!.inputTokens).toBe(7);
      expect(span!.attributes["gen_ai.request.model"]).toBe("gpt-4o-mini");
      for (const key of ["custom.payload", "app.note", "gen_ai.input.messages", "gen_ai.agent.name"]) {
        expect(span!.attributes).not.toHaveProperty(key);
      }
      // Nothing stored anywhere is longer than a few kB (identifiers are capped at 256 chars).
      const [row] = await t.db.query<{ n: number }>(
        `select max(octet_length(s::text))::int as n from spans s where project_id = $1 and trace_id = $2`,
        [projectId, traceId],
      );
      expect(row!.n).toBeLessThan(4096);
      for (const table of ["traces", "resources", "dropped_keys"]) {
        const [r] = await t.db.query<{ n: number | null }>(`select max(octet_length(x::text))::int as n from ${table} x`);
        expect(r!.n ?? 0, table).toBeLessThan(4096);
      }
      await expectServing();
    });
  });

  it("a big batch in one protobuf request → 200 and every span counted", { timeout: 60_000 }, async () => {
    const { traces, spansPerTrace } = BATCH[backend];
    const batchSalt = nextSalt();
    const body = bigBatch(traces, spansPerTrace, batchSalt, NOW_NS);
    const res = await postOtlp(server, body);
    expect(res.status).toBe(200);
    expect(await readExportResponse(res)).toEqual({ rejectedSpans: 0, errorMessage: "" });
    const ids = Array.from({ length: traces }, (_, i) => batchTraceId(i, batchSalt));
    const [spans] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from spans where project_id = $1 and trace_id = any($2::text[])`,
      [projectId, ids],
    );
    expect(spans!.n).toBe(traces * spansPerTrace);
    const [agg] = await t.db.query<{ n: number; spans: number; llm: number; input: number }>(
      `select count(*)::int as n, sum(span_count)::int as spans, sum(llm_call_count)::int as llm, sum(input_tokens)::int as input
         from traces where project_id = $1 and trace_id = any($2::text[])`,
      [projectId, ids],
    );
    const llmPerTrace = Math.floor(spansPerTrace / 2); // odd children are chat calls
    expect(agg).toEqual({ n: traces, spans: traces * spansPerTrace, llm: traces * llmPerTrace, input: traces * llmPerTrace * 10 });
    const one = await getTraceSummary(t.db, projectId, ids[traces - 1]!);
    expect(one).toMatchObject({ name: "invoke_agent batch", spanCount: spansPerTrace, status: "ok", llmCallCount: llmPerTrace });
    expect(one!.costUsd).toBeCloseTo((llmPerTrace * (10 * 0.15 + 5 * 0.6)) / 1e6, 15);
  });

  describe("deep nesting", () => {
    const DEPTH = 10_000;
    const deepSpan = (name: string): SpanSpec => ({
      traceId: hexId(1, 16, nextSalt()),
      spanId: hexId(1, 8, salt),
      name,
      startNs: NOW_NS,
    });

    it("a kvlist 10,000 levels deep in JSON → 200, the value dropped", async () => {
      const spec = { ...deepSpan("deep"), attributes: [{ key: "custom.deep", value: "@@" }] };
      const body = jsonSpans([spec]).replace('"@@"', nestedKvlistJson(DEPTH));
      const res = await postOtlp(server, body, { contentType: JSON_TYPE });
      expect(res.status).toBe(200);
      expect((await readExportResponse(res)).errorMessage).toContain(CONTENT_WARNING);
      const [span] = await listTraceSpans(t.db, projectId, spec.traceId);
      expect(span?.name).toBe("deep");
      expect(span!.attributes).not.toHaveProperty("custom.deep");
      await expectServing();
    });

    // protobufjs stops at 100 nested messages (3 per kvlist level, so from 32 levels on):
    // the whole request is undecodable, unlike JSON where only the value is dropped.
    it("a kvlist 10,000 levels deep in protobuf → 400", async () => {
      const spec = deepSpan("deep");
      const res = await postOtlp(server, requestWithRawAttribute(pbSpan(spec), "custom.deep", nestedKvlistAnyValue(DEPTH)));
      expect(res.status).toBe(400);
      expect((await readRpcStatus(res)).code).toBe(3);
      expect(await spanCount(spec.traceId)).toBe(0);
      await expectServing();
    });

    it("a kvlist 20 levels deep in protobuf → 200, the value dropped", async () => {
      const spec = deepSpan("deep20");
      const res = await postOtlp(server, requestWithRawAttribute(pbSpan(spec), "custom.deep", nestedKvlistAnyValue(20)));
      expect(res.status).toBe(200);
      expect((await readExportResponse(res)).errorMessage).toContain(CONTENT_WARNING);
      const [stored] = await listTraceSpans(t.db, projectId, spec.traceId);
      expect(stored?.name).toBe("deep20");
      expect(stored!.attributes).not.toHaveProperty("custom.deep");
    });
  });

  describe("duplicates", () => {
    const span = (traceId: string, spanId: string, startNs = NOW_NS): SpanSpec => ({
      traceId,
      spanId,
      name: "chat gpt-4o-mini",
      startNs,
      attributes: [
        str("gen_ai.operation.name", "chat"),
        str("gen_ai.request.model", "gpt-4o-mini"),
        int("gen_ai.usage.input_tokens", 100),
      ],
    });

    it("the same span twice in one request is stored once", async () => {
      const traceId = hexId(1, 16, nextSalt());
      const s = span(traceId, hexId(1, 8, salt));
      expect((await postOtlp(server, encodeSpans([pbSpan(s), pbSpan(s)]))).status).toBe(200);
      expect(await listTraceSpans(t.db, projectId, traceId)).toHaveLength(1);
      expect(await getTraceSummary(t.db, projectId, traceId)).toMatchObject({ spanCount: 1, llmCallCount: 1, inputTokens: 100 });
    });

    it("the same span in two requests is stored once", async () => {
      const traceId = hexId(1, 16, nextSalt());
      const s = span(traceId, hexId(1, 8, salt));
      expect((await postOtlp(server, encodeSpans([pbSpan(s)]))).status).toBe(200);
      const first = await getTraceSummary(t.db, projectId, traceId);
      expect((await postOtlp(server, jsonSpans([s]), { contentType: JSON_TYPE })).status).toBe(200);
      expect(await listTraceSpans(t.db, projectId, traceId)).toHaveLength(1);
      expect(await getTraceSummary(t.db, projectId, traceId)).toEqual(first);
      expect(first).toMatchObject({ spanCount: 1, inputTokens: 100 });
    });

    // Known limitation (docs/adr/0001-span-storage.md): the partitioned PK includes start_time, so
    // a "re-send" whose start time differs counts as a new span. Real retries re-send identical
    // bytes; a global (project, trace, span) check would cost an index probe per span on every
    // partition. it.fails keeps this visible: it starts failing the day the limitation is lifted.
    it.fails("a re-sent span with a different start time is still one span", async () => {
      const traceId = hexId(1, 16, nextSalt());
      const spanId = hexId(1, 8, salt);
      expect((await postOtlp(server, encodeSpans([pbSpan(span(traceId, spanId))]))).status).toBe(200);
      expect((await postOtlp(server, encodeSpans([pbSpan(span(traceId, spanId, NOW_NS + 1000n))]))).status).toBe(200);
      expect(await getTraceSummary(t.db, projectId, traceId)).toMatchObject({ spanCount: 1, inputTokens: 100 });
    });
  });

  describe("concurrency", () => {
    it("20 parallel requests of different traces are all stored", async () => {
      const groupSalt = nextSalt();
      const traceIds = Array.from({ length: 20 }, (_, i) => hexId(i, 16, groupSalt));
      const bodies = traceIds.map((traceId, i) => encodeSpans(agentTraceSpans(traceId, NOW_NS + BigInt(i) * 1000n).map(pbSpan)));
      const statuses = await postInParallel(server, bodies);
      expect(statuses).toEqual(Array(20).fill(200));
      for (const traceId of traceIds) expect(await spanCount(traceId)).toBe(agentTraceSpans(traceId, 0n).length);
    });

    it("one trace split over 10 parallel requests, children first, equals the same trace sent in order", async () => {
      const refTrace = hexId(1, 16, nextSalt());
      const testTrace = hexId(2, 16, salt);
      const ordered = agentTraceSpans(refTrace, NOW_NS);
      expect((await postOtlp(server, encodeSpans(ordered.map(pbSpan)))).status).toBe(200);
      const split = agentTraceSpans(testTrace, NOW_NS, 1234);
      expect(split[split.length - 1]!.parentSpanId ?? null).toBeNull(); // the root goes last
      const chunks = Array.from({ length: 10 }, (_, i) => split.filter((_, j) => j % 10 === i));
      expect(await postInParallel(server, chunks.map((c) => encodeSpans(c.map(pbSpan))))).toEqual(Array(10).fill(200));
      await expectSameTrace(t.db, projectId, refTrace, testTrace);
    });

    it("the same trace children-first over sequential requests equals the ordered one", async () => {
      const refTrace = hexId(1, 16, nextSalt());
      const testTrace = hexId(2, 16, salt);
      expect((await postOtlp(server, encodeSpans(agentTraceSpans(refTrace, NOW_NS).map(pbSpan)))).status).toBe(200);
      for (const s of agentTraceSpans(testTrace, NOW_NS, 99)) {
        expect((await postOtlp(server, jsonSpans([s]), { contentType: JSON_TYPE })).status).toBe(200);
      }
      await expectSameTrace(t.db, projectId, refTrace, testTrace);
    });
  });

  describe("over the concurrency limit", () => {
    let one: TestServer;
    beforeAll(async () => {
      one = await startTestServer(t.db, { SKEIN_INGEST_CONCURRENCY: "1" });
    });
    afterAll(async () => {
      await one?.close();
    });

    const largeBodies = (groupSalt: number, traceIds: string[]) =>
      traceIds.map((traceId, i) =>
        encodeSpans(
          Array.from({ length: 3000 }, (_, j) => pbSpan({ traceId, spanId: hexId(i * 10_000 + j, 8, groupSalt), name: "s", startNs: NOW_NS })),
        ),
      );

    it("while one request holds the only slot, 10 large parallel requests all get 503 + Retry-After", async () => {
      const groupSalt = nextSalt();
      const heldTrace = hexId(99, 16, groupSalt);
      const held = encodeSpans([pbSpan({ traceId: heldTrace, spanId: hexId(1, 8, groupSalt), name: "held", startNs: NOW_NS })]);
      const headers = { "content-type": PROTOBUF, authorization: `Bearer ${one.ingestKey}`, "content-length": String(held.length) };
      // Half a body: the handler has taken the slot and waits for the rest.
      const slow = openPost(one.url, headers, held.subarray(0, 10));
      // Probe until the held request is in the handler (a probe that gets in first is simply stored).
      let probe = 200;
      for (let i = 0; i < 200 && probe !== 503; i++) {
        const res = await postOtlp(one, GOOD);
        probe = res.status;
        await res.arrayBuffer();
        if (probe !== 503) await new Promise((r) => setTimeout(r, 10));
      }
      expect(probe).toBe(503);
      const traceIds = Array.from({ length: 10 }, (_, i) => hexId(i, 16, groupSalt));
      const answers = await Promise.all(largeBodies(groupSalt, traceIds).map((b) => postOtlp(one, b)));
      for (const r of answers) {
        expect(r.status).toBe(503);
        expect(r.headers.get("retry-after")).toBe("1");
        expect(r.headers.get("content-type")).toBe(PROTOBUF);
        expect(await readRpcStatus(r)).toEqual({ code: 14, message: "ingest overloaded, retry later" });
      }
      for (const traceId of traceIds) expect(await spanCount(traceId)).toBe(0);
      slow.finish(held.subarray(10));
      expect((await slow.answer).status).toBe(200);
      expect(await spanCount(heldTrace)).toBe(1);
      await expectServing(one);
    });

    it("a burst of 10 large parallel requests: only 200 or 503 (never 500), and every 200 is stored", async () => {
      const groupSalt = nextSalt();
      const traceIds = Array.from({ length: 10 }, (_, i) => hexId(i, 16, groupSalt));
      const answers = await Promise.all(largeBodies(groupSalt, traceIds).map((b) => postOtlp(one, b)));
      const statuses = answers.map((r) => r.status);
      for (const r of answers) {
        expect([200, 503]).toContain(r.status);
        if (r.status === 503) expect(r.headers.get("retry-after")).toBe("1");
        await r.arrayBuffer();
      }
      expect(statuses).toContain(200);
      for (const [i, traceId] of traceIds.entries()) {
        expect(await spanCount(traceId)).toBe(statuses[i] === 200 ? 3000 : 0);
      }
      await expectServing(one);
    });
  });
});

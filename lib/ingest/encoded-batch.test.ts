// The worker path's write format (lib/db/span-writer.ts encodeSpanBatch / writeEncodedBatch):
// COPY bytes parse back into exactly the rows they came from, trace summaries match the
// key-string reference, and on PostgreSQL and PGlite an encoded batch stores exactly what
// writeSpanBatch stores — on the COPY path, the unnest path and the re-send fallback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, Querier } from "@/lib/db/client";
import { dayKey, ensurePartitions } from "@/lib/db/partitions";
import { createProject } from "@/lib/db/projects";
import {
  SpanBatchEncoder,
  encodeSpanBatch,
  mergeTraceDeltas,
  ownsCopyBuffer,
  rowsFromCopyText,
  textArrayLiteral,
  traceDeltas,
  writeEncodedBatch,
  writeEncodedBatches,
  writeSpanBatch,
  type EncodedSpanBatch,
  type SpanBatch,
  type SpanRow,
} from "@/lib/db/span-writer";
import fs from "node:fs";
import path from "node:path";
import { dayKey as day } from "@/lib/db/partitions";
import { readOtlpBody } from "@/lib/otlp/body";
import { randomRequest } from "@/lib/otlp/random-request";
import { BUILTIN_PRICES } from "@/lib/pricing/builtin-prices";
import { createPriceIndex } from "@/lib/pricing/match";
import { createRng } from "@/lib/prng";
import { encodeRequest } from "./encode";
import { GroupWriter } from "./group-writer";
import { prepareBatch, type PrepareContext } from "./prepare";
import { BACKENDS, createTestDb, type TestDb } from "../../test/helpers/db";

const START = BigInt(Date.UTC(2026, 10, 20, 10)) * 1_000_000n;
const ODD = ["tab\there", "line\nfeed", "cr\rx", "back\\slash \\N", '"quoted"', "ünï 日本 🧵 \u2028", "", "{a,b}", "NULL", "\\"];

function randomRows(seed: number, n: number): SpanRow[] {
  const r = createRng(seed);
  const traces = Array.from({ length: Math.max(1, Math.floor(n / 5)) }, () => r.hex(32));
  const maybe = <T>(v: T): T | null => (r.chance(0.3) ? null : v);
  const text = () => (r.chance(0.4) ? r.pick(ODD) : r.alnum(r.int(1, 20)));
  return Array.from({ length: n }, (_, i): SpanRow => {
    const billable = r.chance(0.5);
    return {
      traceId: r.pick(traces),
      spanId: r.hex(16),
      parentSpanId: r.chance(0.2) ? null : r.hex(16),
      startNs: START + BigInt(r.int(0, 3_600_000)) * 1_000_000n + BigInt(r.int(0, 999_999)),
      durationNs: BigInt(r.int(0, 10_000_000)) * 1000n,
      name: text(),
      kind: r.int(0, 5),
      statusCode: r.int(0, 2),
      errorType: maybe(text()),
      operation: r.pick(["llm", "tool", "agent", "other"]),
      provider: maybe(text()),
      requestModel: maybe(text()),
      responseModel: maybe(text()),
      inputTokens: maybe(r.int(0, 100_000)),
      outputTokens: maybe(r.int(0, 100_000)),
      cacheReadTokens: maybe(r.int(0, 1000)),
      cacheWriteTokens: maybe(r.int(0, 1000)),
      reasoningTokens: maybe(r.int(0, 1000)),
      billable,
      usageScope: billable ? "call" : maybe("aggregate"),
      costPico: billable && r.chance(0.8) ? BigInt(r.int(0, 2 ** 40)) * 1000n : null,
      priceId: billable && r.chance(0.8) ? r.int(1, 50) : null,
      reportedCostUsd: maybe(r.range(0, 3)),
      agentName: maybe(text()),
      toolName: maybe(text()),
      conversationId: maybe(text()),
      userId: maybe(`u_${r.hex(32)}`),
      serviceName: maybe(text()),
      environment: maybe(text()),
      resourceHash: maybe(r.hex(32)),
      finishReasons: r.chance(0.5) ? null : Array.from({ length: r.int(0, 3) }, text),
      attributes: JSON.stringify({ k: text(), n: i, [text()]: [text(), 1.5, true] }),
      events: r.chance(0.7) ? null : JSON.stringify([{ name: text(), timeUnixNano: "12", attributes: { "exception.type": text() } }]),
      droppedKeyCount: r.int(0, 9),
      ...(i % 7 === 0 ? { parentSpanId: null } : {}),
    };
  });
}

/** traceDeltas as it was first written (key strings compared): the reference. */
function referenceKeys(rows: SpanRow[]) {
  const key = (s: SpanRow) => `${s.parentSpanId === null ? "0" : "1"}${s.startNs.toString().padStart(20, "0")}${s.spanId}`;
  const by = new Map<string, { first: string; root: string | null; agent: string | null; user: string | null }>();
  for (const s of rows) {
    const k = key(s);
    const d = by.get(s.traceId) ?? { first: k, root: null, agent: null, user: null };
    by.set(s.traceId, d);
    if (k < d.first) d.first = k;
    if (s.parentSpanId === null && (d.root === null || k < d.root)) d.root = k;
    if (s.agentName !== null && (d.agent === null || k < d.agent)) d.agent = k;
    if (s.userId !== null && (d.user === null || k < d.user)) d.user = k;
  }
  return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
}

describe("encoded span batches", () => {
  it("COPY bytes parse back into exactly the rows they were made from", () => {
    for (const seed of [1, 2, 3]) {
      const rows = randomRows(seed, 300);
      const enc = encodeSpanBatch(9, { spans: rows, resources: new Map(), droppedKeys: new Map() });
      expect(enc.spanCount).toBe(300);
      expect(ownsCopyBuffer(enc.copyData)).toBe(true);
      expect(rowsFromCopyText(Buffer.from(enc.copyData).toString("utf8"))).toEqual(rows);
    }
  });

  it("trace summaries pick the same root, first, agent and user spans as the key-string reference", () => {
    for (const seed of [4, 5, 6]) {
      const rows = randomRows(seed, 400);
      const got = traceDeltas(rows).map((d) => ({ first: d.firstKey, root: d.rootKey, agent: d.agentKey, user: d.userKey }));
      expect(got).toEqual(referenceKeys(rows));
    }
  });

  it("encodeRequest (span by span) gives what decode → prepareBatch → encodeSpanBatch gives", () => {
    const ctx: PrepareContext = { privacy: { metadataPrefixes: ["app."], userIdKey: "k" }, prices: createPriceIndex(BUILTIN_PRICES), pseudonymKey: "k" };
    const dir = path.resolve(__dirname, "../../../shared/fixtures/otlp");
    const cases: [Buffer, string][] = [
      ...fs.readdirSync(dir).filter((f) => f.endsWith(".pb") || (f.endsWith(".json") && f !== "expected.json")).map((f): [Buffer, string] => [fs.readFileSync(path.join(dir, f)), f.endsWith(".pb") ? "application/x-protobuf" : "application/json"]),
      ...Array.from({ length: 30 }, (_, i): [Buffer, string] => [randomRequest(900 + i), "application/x-protobuf"]),
      [Buffer.alloc(0), "application/x-protobuf"],
    ];
    for (const [body, contentType] of cases) {
      const input = { body, contentType, contentEncoding: null, maxBytes: 1 << 26 };
      const { decoded } = readOtlpBody(input);
      const batch = prepareBatch(decoded.spans, ctx);
      const want = {
        accepted: decoded.spans.length,
        rejected: decoded.rejectedSpans,
        rejectReasons: decoded.rejectReasons,
        contentHits: batch.contentHits,
        repeats: decoded.spans.length - batch.spans.length,
        startDays: batch.startDaysMs.map(day),
        batch: batch.spans.length > 0 ? encodeSpanBatch(3, batch) : null,
      };
      expect(encodeRequest(input, 3, ctx)).toEqual(want);
    }
  });

  it("writes the COPY text into a spare buffer when one is offered and big enough", () => {
    const rows = randomRows(10, 200);
    const want = encodeSpanBatch(9, { spans: rows, resources: new Map(), droppedKeys: new Map() });
    for (const [spareBytes, hint] of [[1 << 20, 200 * 800], [1 << 10, 200 * 800], [1 << 12, 10]] as const) {
      const spare = new ArrayBuffer(spareBytes);
      new Uint8Array(spare).fill(0x41); // old contents must not leak into the new batch
      const asked: number[] = [];
      const enc = new SpanBatchEncoder(9, hint, { reuse: (n) => (asked.push(n), spare) });
      for (const r of rows) enc.add(r);
      const got = enc.finish(new Map(), new Map());
      expect(asked).toEqual([Math.max(1024, hint)]);
      expect(got).toEqual(want);
      expect(ownsCopyBuffer(got.copyData)).toBe(true);
      // Used when big enough for the hint; a batch that outgrows it moves to a larger buffer.
      expect(got.copyData.buffer === spare, String(spareBytes)).toBe(spareBytes >= hint && spareBytes >= got.copyData.byteLength);
    }
  });

  it("merging the trace deltas of a batch's parts gives the deltas of the whole batch", () => {
    for (const seed of [7, 8, 9]) {
      const rows = randomRows(seed, 400);
      const r = createRng(seed);
      const parts: SpanRow[][] = [[], [], [], []];
      for (const row of rows) r.pick(parts).push(row);
      expect(mergeTraceDeltas(parts.map(traceDeltas))).toEqual(traceDeltas(rows));
      expect(mergeTraceDeltas([[], traceDeltas(rows), []])).toEqual(traceDeltas(rows));
    }
  });

  it("writes text[] literals that quote every element and keep NULLs", () => {
    expect(textArrayLiteral(["a", null, 'q"b', "c\\d", "", "NULL"])).toBe('{"a",NULL,"q\\"b","c\\\\d","","NULL"}');
    expect(textArrayLiteral([])).toBe("{}");
  });
});

const COLUMNS = `trace_id, span_id, parent_span_id, start_time::text, start_ns::text, duration_ns::text, name, kind, status_code,
  error_type, operation, provider, request_model, response_model, input_tokens, output_tokens, cache_read_tokens,
  cache_write_tokens, reasoning_tokens, billable, usage_scope, cost_pico::text, price_id, reported_cost_usd::text,
  agent_name, tool_name, conversation_id, user_id, service_name, environment, resource_hash, finish_reasons,
  attributes::text, events::text, dropped_key_count`;

async function stored(db: Db, projectId: number) {
  return {
    spans: await db.query(`select ${COLUMNS} from spans where project_id = $1 order by trace_id, span_id`, [projectId]),
    traces: await db.query(
      `select trace_id, start_time::text, min_start_ns::text, max_end_ns::text, root_span_id, root_key, root_status, root_duration_ns::text,
              first_key, first_name, service_name, environment, agent_key, agent_name, user_key, user_id, span_count, llm_call_count,
              llm_error_count, error_count, unpriced_count, input_tokens::text, output_tokens::text, cache_read_tokens::text,
              cache_write_tokens::text, reasoning_tokens::text, cost_pico::text, models
         from traces where project_id = $1 order by trace_id`,
      [projectId],
    ),
    resources: await db.query(`select hash, attributes::text from resources where project_id = $1 order by hash`, [projectId]),
    dropped: await db.query(`select pattern, count::text from dropped_keys where project_id = $1 order by pattern`, [projectId]),
    dirtyHours: await db.query(`select distinct hour::text from metrics_dirty_hours where project_id = $1 order by hour`, [projectId]),
  };
}

describe.each(BACKENDS)("writeEncodedBatch on %s", (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(backend);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const batchOf = (spans: SpanRow[]): SpanBatch => ({
    spans,
    resources: new Map([["0123456789abcdef0123456789abcdef", JSON.stringify({ "service.name": "svc", odd: ODD.join("|") })]]),
    droppedKeys: new Map([["gen_ai.input.messages", 3], ["llm.prompts.*", 1]]),
  });

  /**
   * Writes batches one transaction each; `copy: false` hides copyIn (the unnest path); encoded
   * batches are made with or without pre-serialized unnest parameters.
   */
  async function writeAll(projectId: number, batches: SpanBatch[], encoded: boolean | "unnest", copy = true) {
    const results = [];
    for (const b of batches) {
      await ensurePartitions(t.db, b.spans.map((s) => dayKey(Number(s.startNs / 1_000_000n))));
      results.push(
        await t.db.transaction((tx) => {
          const q: Querier = copy && tx.copyIn ? tx : { query: (text, p) => tx.query(text, p) };
          if (!encoded) return writeSpanBatch(q, projectId, b);
          if (encoded === true) return writeEncodedBatch(q, encodeSpanBatch(projectId, b));
          const enc = new SpanBatchEncoder(projectId, 0, { unnest: true });
          for (const r of b.spans) enc.add(r);
          return writeEncodedBatch(q, enc.finish(b.resources, b.droppedKeys));
        }),
      );
    }
    return results;
  }

  it("stores exactly what writeSpanBatch stores, re-sends and partial re-sends included", async () => {
    const rows = randomRows(11, 240);
    // Whole batch, then the same batch again (a re-send), then a batch half old and half new.
    const more = randomRows(12, 60);
    const batches = [batchOf(rows.slice(0, 150)), batchOf(rows.slice(0, 150)), batchOf([...rows.slice(100, 240), ...more])];
    const want = [
      { inserted: 150, duplicates: 0 },
      { inserted: 0, duplicates: 150 },
      { inserted: 150, duplicates: 50 },
    ];
    for (const copy of [true, false]) {
      const viaRows = (await createProject(t.db, { name: `rows-${copy}` })).id;
      const viaEncoded = (await createProject(t.db, { name: `encoded-${copy}` })).id;
      const viaUnnest = (await createProject(t.db, { name: `encoded-unnest-${copy}` })).id;
      expect(await writeAll(viaRows, batches, false, copy)).toEqual(want);
      expect(await writeAll(viaEncoded, batches, true, copy)).toEqual(want);
      expect(await writeAll(viaUnnest, batches, "unnest", copy)).toEqual(want);
      const a = await stored(t.db, viaRows);
      expect(a.spans).toHaveLength(300);
      expect(a.traces.length).toBeGreaterThan(20);
      expect(await stored(t.db, viaEncoded)).toEqual(a);
      expect(await stored(t.db, viaUnnest)).toEqual(a);
    }
  });

  /** An encoded batch as this backend's worker makes it (PGlite: with unnest parameters). */
  const encode = (projectId: number, b: SpanBatch): EncodedSpanBatch => {
    const enc = new SpanBatchEncoder(projectId, 0, { unnest: backend === "pglite" });
    for (const r of b.spans) enc.add(r);
    return enc.finish(b.resources, b.droppedKeys);
  };

  it("several batches in one transaction store what they store one transaction each, in order", async () => {
    const rows = randomRows(21, 300);
    const more = randomRows(22, 100);
    const cases: [string, SpanBatch[]][] = [
      // Traces shared across batches, every span new: one COPY, merged trace deltas.
      ["disjoint", [batchOf(rows.slice(0, 100)), batchOf(rows.slice(100, 200)), batchOf(rows.slice(200, 300))]],
      // The second repeats spans of the first (and the fourth of the second): the insert fallback.
      ["overlapping", [batchOf(rows.slice(0, 120)), batchOf(rows.slice(80, 200)), batchOf(more), batchOf(rows.slice(150, 300))]],
    ];
    for (const [name, batches] of cases) {
      await ensurePartitions(t.db, [...batches.flatMap((b) => b.spans)].map((s) => dayKey(Number(s.startNs / 1_000_000n))));
      const single = (await createProject(t.db, { name: `single-${name}` })).id;
      const grouped = (await createProject(t.db, { name: `grouped-${name}` })).id;
      const want = [];
      for (const b of batches) want.push(await t.db.transaction((tx) => writeEncodedBatch(tx, encode(single, b))));
      const got = await t.db.transaction((tx) => writeEncodedBatches(tx, batches.map((b) => encode(grouped, b))));
      expect(got, name).toEqual(want);
      expect(got.reduce((n, r) => n + r.inserted, 0)).toBe(name === "disjoint" ? 300 : 400);
      expect(await stored(t.db, grouped), name).toEqual(await stored(t.db, single));
    }
  });

  it("a group writer writes requests that wait together, and a request that fails fails alone", async () => {
    const rows = randomRows(31, 600);
    const batches = Array.from({ length: 6 }, (_, i) => batchOf(rows.slice(i * 100, (i + 1) * 100)));
    await ensurePartitions(t.db, rows.map((s) => dayKey(Number(s.startNs / 1_000_000n))));
    const reference = (await createProject(t.db, { name: "group-reference" })).id;
    for (const b of batches) await t.db.transaction((tx) => writeSpanBatch(tx, reference, b));
    let transactions = 0;
    let resourceInserts = 0;
    const counted: Db = {
      ...t.db,
      transaction: (fn) => {
        transactions++;
        return t.db.transaction((tx) =>
          fn({ ...tx, query: (text, params, opts) => (text.includes("insert into resources") && resourceInserts++, tx.query(text, params, opts)) }),
        );
      },
    };

    // One transaction at a time: the first request goes alone; the five that arrive while it
    // is written (or right after, on PGlite, which lets nothing in during a transaction) wait
    // and go together.
    const projectId = (await createProject(t.db, { name: "group-writer" })).id;
    const writer = new GroupWriter(counted, { maxActive: 1, maxSpans: 10_000 });
    const first = writer.write(encode(projectId, batches[0]!));
    for (let i = 0; i < 2; i++) await new Promise((r) => setImmediate(r));
    const results = await Promise.all([first, ...batches.slice(1).map((b) => writer.write(encode(projectId, b)))]);
    expect(results).toEqual(batches.map(() => ({ inserted: 100, duplicates: 0 })));
    expect([transactions, writer.grouped]).toEqual([2, 1]);
    // The batches share one resource: once committed, later transactions skip its insert.
    expect(resourceInserts).toBe(1);
    expect(await stored(t.db, projectId)).toEqual(await stored(t.db, reference));

    // Requests that arrive in the same turn of the event loop go together from the start.
    transactions = 0;
    const sameTurn = (await createProject(t.db, { name: "group-writer-same-turn" })).id;
    const together = new GroupWriter(counted, { maxActive: 2, maxSpans: 10_000 });
    expect(await Promise.all(batches.map((b) => together.write(encode(sameTurn, b))))).toEqual(results);
    expect([transactions, together.grouped]).toEqual([1, 1]);
    expect(await stored(t.db, sameTurn)).toEqual(await stored(t.db, reference));

    // Another project's request is not grouped with these; maxSpans splits the queue; a
    // re-sent request is all duplicates; a request PostgreSQL refuses fails alone, whether its
    // group fails before the merged trace upsert (rows) or after it (counters).
    const again = (await createProject(t.db, { name: "group-writer-poison" })).id;
    const other = (await createProject(t.db, { name: "group-writer-other" })).id;
    transactions = 0;
    const small = new GroupWriter(counted, { maxActive: 1, maxSpans: 250 });
    const badRows = encode(again, batchOf(randomRows(32, 50)));
    if (backend === "pglite") badRows.unnest = badRows.unnest!.map((chunk) => chunk.map((col, i) => (i === 0 ? '{"unterminated' : col)));
    else badRows.copyData = Buffer.from("1\tnot enough columns\n");
    const badCounts = encode(again, batchOf(randomRows(33, 50)));
    badCounts.droppedCounts = ["not a number", ...badCounts.droppedCounts.slice(1)];
    const settled = await Promise.allSettled([
      small.write(encode(again, batches[0]!)), // 0 + 1 + badRows (250 spans): fails, each alone
      small.write(encode(other, batches[4]!)), // then alone (another project)
      small.write(encode(again, batches[1]!)),
      small.write(badRows),
      small.write(encode(again, batches[2]!)), // then 2 + re-send of 1 + badCounts: fails, each alone
      small.write(encode(again, batches[1]!)),
      small.write(badCounts),
      small.write(encode(again, batches[3]!)), // then alone
    ]);
    expect(settled.map((s) => (s.status === "fulfilled" ? s.value : "rejected"))).toEqual([
      { inserted: 100, duplicates: 0 },
      { inserted: 100, duplicates: 0 },
      { inserted: 100, duplicates: 0 },
      "rejected",
      { inserted: 100, duplicates: 0 },
      { inserted: 0, duplicates: 100 },
      "rejected",
      { inserted: 100, duplicates: 0 },
    ]);
    // 2 failed groups, 6 retried alone, 2 alone; on PostgreSQL the re-send also voids its
    // COPY-without-savepoint transaction twice (in its group and alone), each run again as inserts.
    expect(transactions).toBe(backend === "postgres" ? 12 : 10);
    expect(small.grouped).toBe(0);
    const firstFour = (await createProject(t.db, { name: "group-reference-4" })).id;
    for (const b of [...batches.slice(0, 4), batches[1]!]) await t.db.transaction((tx) => writeSpanBatch(tx, firstFour, b));
    expect(await stored(t.db, again)).toEqual(await stored(t.db, firstFour));
  });
});

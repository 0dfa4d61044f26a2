// The optimistic COPY path of writeSpanBatch (PostgreSQL): values with COPY's special
// characters round-trip exactly as the unnest path stores them, a re-sent batch falls
// back to unnest … ON CONFLICT and records nothing twice, and a mixed batch stores only
// its new spans once with the right trace summary. The write statements are prepared
// once per connection, and marking dirty hours reads traces by primary key even
// before PostgreSQL has statistics.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db, type Querier } from "@/lib/db/client";
import { copyValue } from "@/lib/db/copy";
import { dayKey, ensurePartitions } from "@/lib/db/partitions";
import { createProject } from "@/lib/db/projects";
import { isoFromNs, writeSpanBatch, type SpanBatch, type SpanRow, type WriteResult } from "@/lib/db/span-writer";
import { getTraceSummary } from "@/lib/db/traces";
import { createTestDb, type TestDb } from "./helpers/db";

const START_NS = BigInt(Date.UTC(2026, 10, 20, 10, 0, 0)) * 1_000_000n + 123_456n;
const TRACE = "0af7651916cd43dd8448eb211c80319c";

const TRICKY = [
  "tab\there",
  "line\nfeed",
  "carriage\rreturn",
  "back\\slash \\N \\. \\t",
  '"double" and \'single\' quotes',
  "unicode: ünïcødé 日本語 🧵 \u2028",
  "",
  "{comma,brace}",
];

function span(i: number, over: Partial<SpanRow> = {}): SpanRow {
  return {
    traceId: TRACE,
    spanId: (i + 1).toString(16).padStart(16, "0"),
    parentSpanId: i === 0 ? null : "0000000000000001",
    startNs: START_NS + BigInt(i) * 1000n,
    durationNs: 5_000_000n + BigInt(i),
    name: `span ${i}`,
    kind: 3,
    statusCode: i % 5 === 4 ? 2 : 0,
    errorType: i % 5 === 4 ? "timeout" : null,
    operation: i === 0 ? "invoke_agent" : "chat",
    provider: i === 0 ? null : "openai",
    requestModel: i === 0 ? null : "gpt-4o",
    responseModel: i === 0 ? null : "gpt-4o-2024-08-06",
    inputTokens: i === 0 ? null : 100 + i,
    outputTokens: i === 0 ? null : 10 + i,
    cacheReadTokens: i === 0 ? null : 0,
    cacheWriteTokens: null,
    reasoningTokens: null,
    billable: i !== 0,
    usageScope: i === 0 ? null : "call",
    costPico: i === 0 ? null : 1_000_000n * BigInt(i),
    priceId: null,
    reportedCostUsd: i === 1 ? 0.000125 : null,
    agentName: "agent",
    toolName: null,
    conversationId: null,
    userId: null,
    serviceName: "svc",
    environment: "test",
    resourceHash: null,
    finishReasons: i === 0 ? null : ["stop"],
    attributes: JSON.stringify({ "gen_ai.system": "openai", n: i }),
    events: null,
    droppedKeyCount: 0,
    ...over,
  };
}

function trickySpan(i: number): SpanRow {
  const t = TRICKY[i % TRICKY.length]!;
  return span(i, {
    name: t,
    errorType: t,
    agentName: `agent ${t}`,
    toolName: t,
    conversationId: t === "" ? null : t,
    finishReasons: [t, "a\"b", "c\\d", "NULL"],
    attributes: JSON.stringify({ [`key ${t}`]: t, nested: { v: [t, 1, null] } }),
    events: JSON.stringify([{ name: t, timeUnixNano: "1", attributes: { k: t } }]),
  });
}

function batchOf(spans: SpanRow[]): SpanBatch {
  return { spans, resources: new Map(), droppedKeys: new Map() };
}

/** Runs writeSpanBatch in one transaction; counts COPY attempts, or hides copyIn to force the unnest path. */
async function write(db: Db, projectId: number, spans: SpanRow[], mode: "copy" | "unnest" = "copy") {
  await ensurePartitions(db, spans.map((s) => dayKey(Number(s.startNs / 1_000_000n))));
  let copies = 0;
  const result: WriteResult = await db.transaction((tx) => {
    const q: Querier =
      mode === "unnest" || !tx.copyIn
        ? { query: (t, p) => tx.query(t, p) }
        : { query: (t, p) => tx.query(t, p), copyIn: (s, d) => (copies++, tx.copyIn!(s, d)) };
    return writeSpanBatch(q, projectId, batchOf(spans));
  });
  return { ...result, copies };
}

const COLUMNS = `trace_id, span_id, parent_span_id, start_time::text, start_ns::text, duration_ns::text, name, kind, status_code,
  error_type, operation, provider, request_model, response_model, input_tokens, output_tokens, cache_read_tokens,
  cache_write_tokens, reasoning_tokens, billable, usage_scope, cost_pico::text, price_id, reported_cost_usd::text,
  agent_name, tool_name, conversation_id, user_id, service_name, environment, resource_hash, finish_reasons,
  attributes::text, events::text, dropped_key_count`;

async function storedSpans(db: Db, projectId: number) {
  return db.query(`select ${COLUMNS} from spans where project_id = $1 order by trace_id, span_id`, [projectId]);
}

describe("copyValue", () => {
  it("escapes COPY text format's special characters and writes null as \\N", () => {
    expect(copyValue(null)).toBe("\\N");
    expect(copyValue("")).toBe("");
    expect(copyValue("a\tb\nc\rd\\e")).toBe("a\\tb\\nc\\rd\\\\e");
    expect(copyValue("\\N")).toBe("\\\\N");
    expect(copyValue('plain "quoted" ü')).toBe('plain "quoted" ü');
  });
});

describe("isoFromNs", () => {
  /** The straightforward BigInt version the fast path must match. */
  function reference(ns: bigint): string {
    const ms = ns / 1_000_000n;
    const micros = (ns / 1000n) % 1000n;
    const iso = new Date(Number(ms)).toISOString();
    return `${iso.slice(0, 23)}${(micros < 0n ? -micros : micros).toString().padStart(3, "0")}Z`;
  }

  it("formats exactly like the BigInt reference, across the fast path's limit too", () => {
    expect(isoFromNs(START_NS)).toBe("2026-11-20T10:00:00.000123Z");
    expect(isoFromNs(1_700_000_000_123_456_789n)).toBe("2023-11-14T22:13:20.123456Z");
    const values = [0n, 1n, 999n, 1000n, 999_999n, 1_000_000n, -1n, -1_000_001n, 8_999_999_999_999_999_999n, 9_000_000_000_000_000_000n];
    let x = 12345n;
    for (let i = 0; i < 5000; i++) {
      x = (x * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
      // Within a few seconds (one cached minute), and across minutes and hours in any order.
      values.push(x % 10_000_000_000_000_000_000n, START_NS + (x % 5_000_000_000n), START_NS + (x % 7_300_000_000_000n));
    }
    for (const v of values) expect(isoFromNs(v)).toBe(reference(v));
  });
});

describe("span writes on postgres, one connection", () => {
  let t: TestDb;
  let single: Db;

  beforeAll(async () => {
    t = await createTestDb("postgres");
    // One connection: the fallback must leave it usable for the next statements.
    single = await openDb({ databaseUrl: t.url!, poolSize: 1 });
  });
  afterAll(async () => {
    await single?.close();
    await t?.drop();
  });

  it("stores tabs, newlines, backslashes, quotes and unicode exactly as the unnest path does", async () => {
    const viaCopy = (await createProject(t.db, { name: "copy-roundtrip" })).id;
    const viaUnnest = (await createProject(t.db, { name: "unnest-roundtrip" })).id;
    const spans = Array.from({ length: 24 }, (_, i) => trickySpan(i));

    const copied = await write(t.db, viaCopy, spans);
    expect(copied).toEqual({ inserted: 24, duplicates: 0, copies: 1 });
    const unnested = await write(t.db, viaUnnest, spans, "unnest");
    expect(unnested).toEqual({ inserted: 24, duplicates: 0, copies: 0 });

    const a = await storedSpans(t.db, viaCopy);
    const b = await storedSpans(t.db, viaUnnest);
    expect(a).toHaveLength(24);
    expect(a).toEqual(b);

    const rows = await t.db.query<{ span_id: string; name: string; agent_name: string; tool_name: string; conversation_id: string | null; finish_reasons: string[]; attributes: string; events: string }>(
      `select span_id, name, agent_name, tool_name, conversation_id, finish_reasons, attributes::text, events::text
         from spans where project_id = $1 order by span_id`,
      [viaCopy],
    );
    rows.forEach((r, i) => {
      const want = spans[i]!;
      expect(r.span_id).toBe(want.spanId);
      expect(r.name).toBe(want.name);
      expect(r.agent_name).toBe(want.agentName);
      expect(r.tool_name).toBe(want.toolName);
      expect(r.conversation_id).toBe(want.conversationId);
      expect(r.finish_reasons).toEqual(want.finishReasons);
      expect(JSON.parse(r.attributes)).toEqual(JSON.parse(want.attributes));
      expect(JSON.parse(r.events)).toEqual(JSON.parse(want.events!));
    });
    const [nulls] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from spans where project_id = $1 and parent_span_id is null and input_tokens is null and cost_pico is null`,
      [viaCopy],
    );
    expect(nulls!.n).toBe(1);
    expect((await getTraceSummary(t.db, viaCopy, TRACE))!.spanCount).toBe(24);
  });

  it("a re-sent batch falls back to ON CONFLICT, inserts nothing and leaves the summary as it was", async () => {
    const projectId = (await createProject(single, { name: "copy-resend" })).id;
    const spans = Array.from({ length: 10 }, (_, i) => span(i));
    expect(await write(single, projectId, spans)).toEqual({ inserted: 10, duplicates: 0, copies: 1 });
    const before = await getTraceSummary(single, projectId, TRACE);
    expect(before!.spanCount).toBe(10);

    expect(await write(single, projectId, spans)).toEqual({ inserted: 0, duplicates: 10, copies: 1 });
    expect(await write(single, projectId, spans)).toEqual({ inserted: 0, duplicates: 10, copies: 1 });
    const [count] = await single.query<{ n: number }>(`select count(*)::int as n from spans where project_id = $1`, [projectId]);
    expect(count!.n).toBe(10);
    expect(await getTraceSummary(single, projectId, TRACE)).toEqual(before);
  });

  it("a mixed batch stores only the new spans, once, and the summary counts every span once", async () => {
    const projectId = (await createProject(single, { name: "copy-mixed" })).id;
    const all = Array.from({ length: 12 }, (_, i) => span(i));
    const first = all.filter((_, i) => i % 2 === 0);
    expect(await write(single, projectId, first)).toEqual({ inserted: 6, duplicates: 0, copies: 1 });
    expect(await write(single, projectId, all)).toEqual({ inserted: 6, duplicates: 6, copies: 1 });

    const [count] = await single.query<{ n: number; distinct: number }>(
      `select count(*)::int as n, count(distinct span_id)::int as distinct from spans where project_id = $1`,
      [projectId],
    );
    expect(count).toEqual({ n: 12, distinct: 12 });

    const s = await getTraceSummary(single, projectId, TRACE);
    const billable = all.filter((x) => x.billable);
    expect(s!.spanCount).toBe(12);
    expect(s!.llmCallCount).toBe(11);
    expect(s!.errorCount).toBe(2);
    expect(s!.inputTokens).toBe(billable.reduce((a, x) => a + x.inputTokens!, 0));
    expect(s!.outputTokens).toBe(billable.reduce((a, x) => a + x.outputTokens!, 0));

    // The same spans written in one go through unnest give the same summary.
    const reference = (await createProject(single, { name: "copy-mixed-reference" })).id;
    await write(single, reference, all, "unnest");
    const r = await getTraceSummary(single, reference, TRACE);
    expect(s).toEqual(r);
  });

  it("an error other than a unique violation fails the transaction instead of hanging", async () => {
    const projectId = (await createProject(single, { name: "copy-error" })).id;
    const bad = span(0, { attributes: "{not json" });
    await ensurePartitions(single, [dayKey(Number(bad.startNs / 1_000_000n))]);
    await expect(single.transaction((tx) => writeSpanBatch(tx, projectId, batchOf([bad])))).rejects.toMatchObject({ code: "22P02" });
    const [count] = await single.query<{ n: number }>(`select count(*)::int as n from spans where project_id = $1`, [projectId]);
    expect(count!.n).toBe(0);
    expect(await write(single, projectId, [span(0)])).toEqual({ inserted: 1, duplicates: 0, copies: 1 });
  });

  /** One trace per span: a root agent span with trace id `n`. */
  const rootOf = (n: number) => span(0, { traceId: n.toString(16).padStart(32, "0"), startNs: START_NS + BigInt(n) * 1_000_000n });

  async function writeDirect(projectId: number, spans: SpanRow[], batch: Partial<SpanBatch> = {}) {
    await ensurePartitions(single, spans.map((s) => dayKey(Number(s.startNs / 1_000_000n))));
    return single.transaction(async (tx) => {
      const result = await writeSpanBatch(tx, projectId, { ...batchOf(spans), ...batch });
      const prepared = await tx.query<{ statement: string }>(`select statement from pg_prepared_statements`);
      return { result, prepared: prepared.map((r) => r.statement) };
    });
  }

  it("prepares the summary, resource and dropped-key statements once per connection", async () => {
    const projectId = (await createProject(single, { name: "prepared" })).id;
    const extras = { resources: new Map([["r1", "{}"]]), droppedKeys: new Map([["gen_ai.prompt*", 2]]) };
    const first = await writeDirect(projectId, [rootOf(1), rootOf(2)], extras);
    const second = await writeDirect(projectId, [rootOf(3)], extras);
    expect(second.result).toEqual({ inserted: 1, duplicates: 0 });
    const matching = (list: string[], table: string) => list.filter((s) => s.includes(`insert into ${table} `));
    for (const table of ["traces", "resources", "dropped_keys"]) {
      expect(matching(first.prepared, table), table).toHaveLength(1);
      expect(matching(second.prepared, table), table).toEqual(matching(first.prepared, table));
    }
    // Nothing that looks traces up is prepared: a generic plan made while `traces` is empty
    // can pick another index than the primary key and keep it (ADR 0007).
    expect(second.prepared.filter((s) => /for update|where project_id = \$1 and trace_id/.test(s))).toEqual([]);
  });

  it("marks dirty the hour a trace starts in and, when its start moves, the hour it left", async () => {
    const projectId = (await createProject(single, { name: "dirty-hours" })).id;
    const HOUR_NS = 3_600_000_000_000n;
    const base = (START_NS / HOUR_NS) * HOUR_NS; // START_NS's hour
    const hourOf = (ns: bigint) => `${isoFromNs((ns / HOUR_NS) * HOUR_NS).slice(0, 13)}`;
    const dirty = async () =>
      (await single.query<{ h: string }>(`select distinct to_char(hour at time zone 'UTC', 'YYYY-MM-DD"T"HH24') as h from metrics_dirty_hours where project_id = $1 order by 1`, [projectId])).map((r) => r.h);
    const clear = () => single.query(`delete from metrics_dirty_hours where project_id = $1`, [projectId]);
    // Children two hours in: the trace starts (for now) at the earliest of them.
    const children = [1, 2].map((i) => span(i, { startNs: base + 2n * HOUR_NS + BigInt(i) * 1000n }));
    await writeDirect(projectId, children);
    expect(await dirty()).toEqual([hourOf(base + 2n * HOUR_NS)]);
    // More children, same start: that hour again (the trace's sums changed).
    await clear();
    await writeDirect(projectId, [span(3, { startNs: base + 2n * HOUR_NS + 5000n })]);
    expect(await dirty()).toEqual([hourOf(base + 2n * HOUR_NS)]);
    // The root arrives, an hour earlier: the trace moves, and both hours are marked.
    await clear();
    await writeDirect(projectId, [span(0, { startNs: base + HOUR_NS })]);
    expect(await dirty()).toEqual([hourOf(base + HOUR_NS), hourOf(base + 2n * HOUR_NS)]);
    const [t] = await single.query<{ start: string; prev: string }>(
      `select to_char(start_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24') as start, to_char(prev_start_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24') as prev from traces where project_id = $1`,
      [projectId],
    );
    expect(t).toEqual({ start: hourOf(base + HOUR_NS), prev: hourOf(base + 2n * HOUR_NS) });
  });
});

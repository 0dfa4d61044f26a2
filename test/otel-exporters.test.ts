// The real OTel JS exporters (protobuf and JSON, gzip and plain) against a real
// Skein HTTP server: every span arrives with exact times, tokens, cost and
// status, kept attributes survive and content does not.
import { ExportResultCode } from "@opentelemetry/core";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { CompressionAlgorithm } from "@opentelemetry/otlp-exporter-base";
import type { SpanExporter } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTraceSummary, listTraceSpans, type SpanView, type TraceSummary } from "@/lib/db/traces";
import { BACKENDS, createTestDb, type TestDb } from "./helpers/db";
import { startTestServer, type TestServer } from "./helpers/server";
import { startTcpProxy, type TcpProxy } from "./helpers/tcp-proxy";
import {
  CANARY,
  CHAT_USAGE,
  RecordingExporter,
  emitAgentTrace,
  hrToNs,
  nsToIsoMicros,
  providerFor,
  type ProcessorKind,
} from "./helpers/genai-trace";

interface Combo {
  name: string;
  encoding: "protobuf" | "json";
  compression: CompressionAlgorithm;
  processor: ProcessorKind;
}

// Each exporter with each compression; the span processor alternates so both are covered.
const COMBOS: Combo[] = [
  { name: "proto+gzip", encoding: "protobuf", compression: CompressionAlgorithm.GZIP, processor: "simple" },
  { name: "proto+none", encoding: "protobuf", compression: CompressionAlgorithm.NONE, processor: "batch" },
  { name: "json+gzip", encoding: "json", compression: CompressionAlgorithm.GZIP, processor: "batch" },
  { name: "json+none", encoding: "json", compression: CompressionAlgorithm.NONE, processor: "simple" },
];

// gpt-4o-mini: $0.15 in / $0.60 out per Mtok (built-in table).
const CHAT_COST_USD = (CHAT_USAGE.input * 0.15 + CHAT_USAGE.output * 0.6) / 1e6;

type RawSpanRow = {
  span_id: string;
  start_ns: string;
  start_iso: string;
  duration_ns: string;
  events: unknown;
  row_text: string;
};

interface Exported {
  traceId: string;
  recorder: RecordingExporter;
  /** Request header blocks seen on the wire. */
  wireHeaders: string[];
  summary: TraceSummary;
  spans: SpanView[];
  raw: Map<string, RawSpanRow>;
}

describe.each(BACKENDS)("OTel JS exporters → Skein on %s", (backend) => {
  let t: TestDb;
  let server: TestServer;
  let wire: TcpProxy;
  let wireHeaders: string[] = [];
  const seen = new Map<string, Exported>();
  const baseSec = Math.floor(Date.now() / 1000) - 60;

  beforeAll(async () => {
    t = await createTestDb(backend);
    server = await startTestServer(t.db);
    // A tap between exporter and server shows what really went over the wire.
    wire = await startTcpProxy(Number(new URL(server.url).port), "127.0.0.1", (chunk) => {
      const text = chunk.toString("latin1");
      if (text.startsWith("POST ")) wireHeaders.push(text.slice(0, text.indexOf("\r\n\r\n")).toLowerCase());
    });
    const projectId = server.runtime.defaultProjectId;
    for (const [i, combo] of COMBOS.entries()) {
      const config = {
        url: `http://127.0.0.1:${wire.port}/v1/traces`,
        headers: { Authorization: `Bearer ${server.ingestKey}` },
        compression: combo.compression,
      };
      const inner: SpanExporter = combo.encoding === "protobuf" ? new ProtoExporter(config) : new JsonExporter(config);
      const recorder = new RecordingExporter(inner);
      wireHeaders = [];
      const provider = providerFor(recorder, combo.processor, `otel-${combo.name}`);
      const traceId = emitAgentTrace(provider, baseSec + i);
      await provider.forceFlush();
      await provider.shutdown();
      const summary = await getTraceSummary(t.db, projectId, traceId);
      const spans = await listTraceSpans(t.db, projectId, traceId);
      const rows = await t.db.query<RawSpanRow>(
        `select span_id, start_ns::text as start_ns, duration_ns::text as duration_ns, events,
                to_char(start_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as start_iso,
                s::text as row_text
           from spans s where project_id = $1 and trace_id = $2`,
        [projectId, traceId],
      );
      expect(summary, combo.name).not.toBeNull();
      seen.set(combo.name, { traceId, recorder, wireHeaders, summary: summary!, spans, raw: new Map(rows.map((r) => [r.span_id, r])) });
    }
  });

  afterAll(async () => {
    await wire?.close();
    await server?.close();
    await t?.drop();
  });

  describe.each(COMBOS)("$name", (combo) => {
    const get = () => seen.get(combo.name)!;

    it("reports success for every export call", () => {
      const { recorder } = get();
      expect(recorder.results.length).toBeGreaterThan(0);
      // simple: one export per span; batch: the whole trace in one call
      expect(recorder.results).toHaveLength(combo.processor === "simple" ? 4 : 1);
      for (const r of recorder.results) {
        expect(r.error).toBeUndefined();
        expect(r.code).toBe(ExportResultCode.SUCCESS);
      }
      expect(recorder.spans).toHaveLength(4);
    });

    it("really sent the encoding and compression asked for", () => {
      const { wireHeaders: headers, recorder } = get();
      expect(headers).toHaveLength(recorder.results.length);
      const type = combo.encoding === "protobuf" ? "content-type: application/x-protobuf" : "content-type: application/json";
      for (const h of headers) {
        expect(h).toContain(type);
        expect(h.includes("content-encoding: gzip")).toBe(combo.compression === CompressionAlgorithm.GZIP);
        expect(h).toContain("authorization: bearer ");
      }
    });

    it("stores every span with its parent link and exact start time", () => {
      const { recorder, spans, raw } = get();
      expect(spans).toHaveLength(4);
      const byId = new Map(spans.map((s) => [s.spanId, s]));
      for (const sdk of recorder.spans) {
        const id = sdk.spanContext().spanId;
        const stored = byId.get(id);
        expect(stored, sdk.name).toBeDefined();
        expect(stored!.name).toBe(sdk.name);
        expect(stored!.parentSpanId).toBe(sdk.parentSpanContext?.spanId ?? null);
        expect(stored!.kind).toBe(sdk.kind + 1); // the SDK's SpanKind is OTLP's minus one
        const startNs = hrToNs(sdk.startTime);
        const row = raw.get(id)!;
        expect(row.start_ns).toBe(startNs.toString());
        expect(row.duration_ns).toBe((hrToNs(sdk.endTime) - startNs).toString());
        expect(row.start_iso).toBe(nsToIsoMicros(startNs));
        // the API reports milliseconds: the µs ISO cut to ms
        expect(stored!.startTime).toBe(`${nsToIsoMicros(startNs).slice(0, 23)}Z`);
      }
      const root = spans.find((s) => s.parentSpanId === null)!;
      expect(root.name).toBe("invoke_agent support-bot");
      for (const s of spans) if (s !== root) expect(s.parentSpanId).toBe(root.spanId);
    });

    it("keeps tokens, status, cost and the trace summary", () => {
      const { spans, summary, traceId } = get();
      const chat = spans.find((s) => s.name === "chat gpt-4o-mini" && s.status !== "error")!;
      const failed = spans.find((s) => s.status === "error")!;
      const tool = spans.find((s) => s.operation === "tool")!;
      expect(chat).toMatchObject({
        operation: "llm",
        provider: "openai",
        model: "gpt-4o-mini-2024-07-18",
        inputTokens: CHAT_USAGE.input,
        outputTokens: CHAT_USAGE.output,
        billable: true,
        status: "unset",
        durationMs: 1250.000998,
      });
      expect(chat.costUsd).toBeCloseTo(CHAT_COST_USD, 15);
      expect(chat.costUsd).toBeGreaterThan(0);
      expect(failed).toMatchObject({ name: "chat gpt-4o-mini", billable: true, errorType: "timeout", costUsd: 0 });
      expect(tool).toMatchObject({ name: "execute_tool get_weather", billable: false, costUsd: 0, status: "unset" });
      // toMatchObject: TraceSummary may grow fields; these are the ones this trace pins down.
      expect(summary).toMatchObject({
        traceId,
        name: "invoke_agent support-bot",
        serviceName: `otel-${combo.name}`,
        agentName: "support-bot",
        durationMs: 2876.543211,
        status: "ok",
        spanCount: 4,
        llmCallCount: 2,
        errorCount: 1,
        inputTokens: CHAT_USAGE.input,
        outputTokens: CHAT_USAGE.output,
        cacheReadTokens: 0,
      });
      expect(summary.costUsd).toBeCloseTo(CHAT_COST_USD, 15);
      expect(summary.startTime).toBe(spans.find((s) => s.parentSpanId === null)!.startTime);
    });

    it("keeps allowlisted and scalar attributes, drops content", () => {
      const { spans, raw } = get();
      const chat = spans.find((s) => s.name === "chat gpt-4o-mini" && s.status !== "error")!;
      expect(chat.attributes).toMatchObject({
        "gen_ai.request.model": "gpt-4o-mini",
        "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
        "gen_ai.usage.input_tokens": CHAT_USAGE.input,
        "gen_ai.request.temperature": 0.25,
        "gen_ai.request.max_tokens": 512,
        "gen_ai.request.stream": false,
        "gen_ai.response.finish_reasons": ["stop"],
        "custom.retry.count": 3,
        "custom.ratio": 0.5,
        "custom.cached": true,
        "custom.scores": [1, 2, 3],
        "otel.scope.name": "skein-genai-test",
        "otel.scope.version": "2.3.4",
      });
      expect(chat.attributes).not.toHaveProperty("gen_ai.input.messages");
      expect(chat.attributes).not.toHaveProperty("gen_ai.output.messages");
      const root = spans.find((s) => s.parentSpanId === null)!;
      expect(root.attributes).toMatchObject({ "gen_ai.agent.name": "support-bot", "app.tenant": "acme-corp" });
      expect(root.attributes).not.toHaveProperty("gen_ai.input.messages");
      const tool = spans.find((s) => s.operation === "tool")!;
      expect(tool.attributes["gen_ai.tool.name"]).toBe("get_weather");
      expect(tool.attributes).not.toHaveProperty("gen_ai.tool.call.arguments");
      // the exception event keeps its type only; the content event is dropped
      const failed = spans.find((s) => s.status === "error")!;
      const events = raw.get(failed.spanId)!.events;
      const parsed = (typeof events === "string" ? JSON.parse(events) : events) as { name: string; attributes: object }[];
      expect(parsed.map((e) => [e.name, e.attributes])).toEqual([["exception", { "exception.type": "TimeoutError" }]]);
      expect(raw.get(chat.spanId)!.events).toBeNull();
      for (const row of raw.values()) expect(row.row_text).not.toContain(CANARY);
    });
  });

  it("no stored row anywhere holds content", async () => {
    for (const table of ["spans", "traces", "resources", "dropped_keys"]) {
      const [row] = await t.db.query<{ n: number }>(`select count(*)::int as n from ${table} x where x::text like $1`, [`%${CANARY}%`]);
      expect(row?.n, table).toBe(0);
    }
  });
});

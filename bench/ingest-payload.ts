// GenAI-shaped OTLP/protobuf requests for the ingest benchmark: whole agent
// traces (root invoke_agent, chat calls with tokens and models, tool calls),
// exported children-first as SDK batch processors do, with the content
// attributes real instrumentations send (so the privacy filter does real work).
import { randomBytes } from "node:crypto";
import { ExportTraceServiceRequestType } from "../lib/otlp/trace-schema";
import { createRng } from "@/lib/prng";
import type { PrepareContext } from "../lib/ingest/prepare";
import { BUILTIN_PRICES } from "../lib/pricing/builtin-prices";
import { createPriceIndex } from "../lib/pricing/match";

/** A PrepareContext for benchmarks that run the ingest CPU path without a runtime (built-in prices). */
export const BENCH_PREPARE_CONTEXT: PrepareContext = {
  privacy: { metadataPrefixes: ["app."], userIdKey: "bench-pseudonym-key" },
  prices: createPriceIndex(BUILTIN_PRICES),
  pseudonymKey: "bench-pseudonym-key",
};

export const SPANS_PER_TRACE = 16; // 1 agent root + 8 chat calls + 7 tool calls

const KIND_INTERNAL = 1;
const KIND_CLIENT = 3;
const STATUS_ERROR = 2;
const MS_NS = 1_000_000n;

interface Model {
  provider: string;
  request: string;
  response: string;
  server: string;
  finishTool: string;
  finishStop: string;
  cache: "read" | "read-write";
}

const MODELS: Model[] = [
  { provider: "openai", request: "gpt-4o-mini", response: "gpt-4o-mini-2024-07-18", server: "api.openai.com", finishTool: "tool_calls", finishStop: "stop", cache: "read" },
  { provider: "openai", request: "gpt-4.1", response: "gpt-4.1-2025-04-14", server: "api.openai.com", finishTool: "tool_calls", finishStop: "stop", cache: "read" },
  { provider: "anthropic", request: "claude-sonnet-4-5", response: "claude-sonnet-4-5-20250929", server: "api.anthropic.com", finishTool: "tool_use", finishStop: "end_turn", cache: "read-write" },
  { provider: "anthropic", request: "claude-haiku-4-5", response: "claude-haiku-4-5-20251001", server: "api.anthropic.com", finishTool: "tool_use", finishStop: "end_turn", cache: "read-write" },
  { provider: "gcp.gemini", request: "gemini-2.5-flash", response: "gemini-2.5-flash", server: "generativelanguage.googleapis.com", finishTool: "STOP", finishStop: "STOP", cache: "read" },
];
const AGENTS = ["support-agent", "research-agent", "coding-agent", "triage-agent"];
const TOOLS = ["search_docs", "get_order", "run_sql", "fetch_url", "send_email", "create_ticket"];
const SERVICES = ["support-bot", "research-worker", "code-assistant", "ticket-router"];

type Value =
  | { stringValue: string }
  | { intValue: number }
  | { doubleValue: number }
  | { boolValue: boolean }
  | { arrayValue: { values: Value[] } };
type KeyValue = { key: string; value: Value };

const s = (key: string, v: string): KeyValue => ({ key, value: { stringValue: v } });
const i = (key: string, v: number): KeyValue => ({ key, value: { intValue: v } });
const d = (key: string, v: number): KeyValue => ({ key, value: { doubleValue: v } });
const sa = (key: string, v: string[]): KeyValue => ({ key, value: { arrayValue: { values: v.map((x) => ({ stringValue: x })) } } });

/** Deterministic numbers in [0, 1) (lib/prng.ts, mulberry32). */
function rng(seed: number): () => number {
  return createRng(seed).next;
}

interface PbSpan {
  traceId: Buffer;
  spanId: Buffer;
  parentSpanId?: Buffer;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: KeyValue[];
  events?: { timeUnixNano: string; name: string; attributes: KeyValue[] }[];
  status?: { code: number; message?: string };
}

/** Random bytes handed out in slices: one randomBytes call per request instead of one per id. */
class IdPool {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}
  take(n: number): Buffer {
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  hex(n: number): string {
    return this.take(n).toString("hex");
  }
}
const ID_BYTES_PER_TRACE = 16 + 8 * SPANS_PER_TRACE + 12 * 8 + 8 * 7;

function traceSpans(r: () => number, ids: IdPool, startMs: number, seq: number): PbSpan[] {
  const traceId = ids.take(16);
  const rootId = ids.take(8);
  const agent = AGENTS[Math.floor(r() * AGENTS.length)]!;
  const ns = (ms: number) => (BigInt(Math.round(ms * 1000)) * (MS_NS / 1000n)).toString();
  const children: PbSpan[] = [];
  let t = startMs + 3;
  let context = 1200 + Math.floor(r() * 4000);
  for (let call = 0; call < 8; call++) {
    const m = MODELS[Math.floor(r() * MODELS.length)]!;
    const last = call === 7;
    const failed = r() < 0.04;
    const chatMs = 400 + r() * 2600;
    const output = 40 + Math.floor(r() * 600);
    const cacheRead = call === 0 ? 0 : Math.floor(context * 0.8);
    const attrs: KeyValue[] = [
      s("gen_ai.operation.name", "chat"),
      s("gen_ai.provider.name", m.provider),
      s("gen_ai.request.model", m.request),
      s("server.address", m.server),
      i("server.port", 443),
      i("gen_ai.request.max_tokens", 4096),
      d("gen_ai.request.temperature", 0.2),
      s("gen_ai.input.messages", `[{"role":"user","parts":[{"type":"text","content":"step ${call} of conversation ${seq}: please look up the order status and summarise it"}]}]`),
    ];
    const span: PbSpan = {
      traceId,
      spanId: ids.take(8),
      parentSpanId: rootId,
      name: `chat ${m.request}`,
      kind: KIND_CLIENT,
      startTimeUnixNano: ns(t),
      endTimeUnixNano: ns(t + chatMs),
      attributes: attrs,
    };
    if (failed) {
      attrs.push(s("error.type", "429"), i("http.response.status_code", 429));
      span.status = { code: STATUS_ERROR, message: "Rate limit reached for requests" };
      span.events = [{ timeUnixNano: ns(t + chatMs), name: "exception", attributes: [s("exception.type", "RateLimitError"), s("exception.message", "Rate limit reached, retry in 2s")] }];
    } else {
      attrs.push(
        s("gen_ai.response.model", m.response),
        s("gen_ai.response.id", `resp_${ids.hex(12)}`),
        sa("gen_ai.response.finish_reasons", [last ? m.finishStop : m.finishTool]),
        i("gen_ai.usage.input_tokens", context),
        i("gen_ai.usage.output_tokens", output),
        s("gen_ai.output.messages", `[{"role":"assistant","parts":[{"type":"text","content":"Here is what I found for step ${call}."}]}]`),
      );
      if (cacheRead > 0) attrs.push(i("gen_ai.usage.cache_read.input_tokens", cacheRead));
      if (m.cache === "read-write" && call === 0) attrs.push(i("gen_ai.usage.cache_creation.input_tokens", 1024));
    }
    children.push(span);
    t += chatMs + 2;
    context += output;
    if (!last) {
      const tool = TOOLS[Math.floor(r() * TOOLS.length)]!;
      const toolMs = 20 + r() * 480;
      children.push({
        traceId,
        spanId: ids.take(8),
        parentSpanId: rootId,
        name: `execute_tool ${tool}`,
        kind: KIND_INTERNAL,
        startTimeUnixNano: ns(t),
        endTimeUnixNano: ns(t + toolMs),
        attributes: [
          s("gen_ai.operation.name", "execute_tool"),
          s("gen_ai.tool.name", tool),
          s("gen_ai.tool.type", "function"),
          s("gen_ai.tool.call.id", `call_${ids.hex(8)}`),
          s("gen_ai.tool.call.arguments", `{"query":"order ${seq}-${call}","limit":10}`),
          s("gen_ai.tool.call.result", `{"status":"shipped","items":${call + 1}}`),
        ],
      });
      t += toolMs + 2;
      context += 150;
    }
  }
  const root: PbSpan = {
    traceId,
    spanId: rootId,
    name: `invoke_agent ${agent}`,
    kind: KIND_INTERNAL,
    startTimeUnixNano: ns(startMs),
    endTimeUnixNano: ns(t + 1),
    attributes: [
      s("gen_ai.operation.name", "invoke_agent"),
      s("gen_ai.agent.name", agent),
      s("gen_ai.conversation.id", `conv_${seq % 5000}`),
      s("user.id", `user-${seq % 997}@example.com`),
      s("app.tenant", `tenant-${seq % 13}`),
    ],
  };
  return [...children, root]; // children end first, so SDKs export them before the root
}

export interface RequestPlan {
  /** Seeds the shape (models, tools, durations); ids are random and unique. */
  index: number;
  spans: number;
  /** Start of the first trace (ms since epoch); traces follow each other closely. */
  startMs: number;
}

/** One ExportTraceServiceRequest of `spans` spans (a multiple of SPANS_PER_TRACE). */
export function buildRequest(plan: RequestPlan): Buffer {
  const r = rng(plan.index * 7919 + 17);
  const traces = Math.max(1, Math.round(plan.spans / SPANS_PER_TRACE));
  const ids = new IdPool(randomBytes(traces * ID_BYTES_PER_TRACE));
  const spans: PbSpan[] = [];
  for (let k = 0; k < traces; k++) spans.push(...traceSpans(r, ids, plan.startMs + k * 37, plan.index * 1000 + k));
  const service = SERVICES[plan.index % SERVICES.length]!;
  const msg = {
    resourceSpans: [
      {
        resource: {
          attributes: [
            s("service.name", service),
            s("service.version", "2.3.1"),
            s("deployment.environment.name", "production"),
            s("telemetry.sdk.language", "nodejs"),
            s("telemetry.sdk.name", "opentelemetry"),
            s("telemetry.sdk.version", "2.1.0"),
            s("host.name", `worker-${plan.index % 8}`),
            i("process.pid", 4000 + (plan.index % 8)),
          ],
        },
        scopeSpans: [{ scope: { name: "bench.genai.instrumentation", version: "1.4.0" }, spans }],
      },
    ],
  };
  const bytes = ExportTraceServiceRequestType.encode(msg).finish();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

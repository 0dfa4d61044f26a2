// Seeded random OTLP/protobuf ExportTraceServiceRequests for tests: every AnyValue kind,
// nesting, repeated and "__proto__" keys, content and metadata keys of the dialects,
// bad ids, odd kinds and status codes, events and links, several resources and scopes,
// and (optionally) unknown fields and absent optional messages. Encoded with protobufjs
// from trace-schema.ts, then optionally extended by hand with fields protobufjs does not write.
import { createRng, type Rng } from "@/lib/prng";
import { ExportTraceServiceRequestType } from "./trace-schema";

type Obj = Record<string, unknown>;

const KEYS = [
  "gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.system", "gen_ai.request.model", "gen_ai.response.model",
  "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens", "gen_ai.usage.prompt_tokens", "gen_ai.usage.cache_read.input_tokens",
  "gen_ai.response.finish_reasons", "gen_ai.agent.name", "gen_ai.tool.name", "gen_ai.conversation.id", "gen_ai.input.messages",
  "gen_ai.output.messages", "gen_ai.prompt.0.content", "llm.model_name", "llm.token_count.prompt", "llm.token_count.completion",
  "llm.input_messages.0.message.content", "openinference.span.kind", "input.value", "output.value", "session.id", "user.id",
  "traceloop.span.kind", "traceloop.entity.name", "traceloop.association.properties.user", "ai.operationId", "ai.model.id",
  "ai.model.provider", "ai.usage.promptTokens", "ai.prompt", "ai.response.text", "ai.telemetry.metadata.tenant",
  "langfuse.observation.type", "langfuse.user.id", "langfuse.trace.metadata", "metadata", "error.type", "http.response.status_code",
  "server.address", "server.port", "app.tenant", "app.feature", "custom.thing", "service.name", "deployment.environment.name",
  "process.command_args", "host.name", "k8s.pod.name", "telemetry.sdk.language", "__proto__", "constructor", "llm.cost.total",
];
const WORDS = ["chat", "gpt-4o-mini", "claude-sonnet-4-5", "openai", "anthropic", "stop", "tool_calls", "prod", "a b", "x\ty", "line\nbreak", "ünï 日本 🧵", "", "{\"role\":\"user\",\"content\":\"hi\"}", "12", "3.5", "\\N", "sk-secret-0123456789abcdef"];

function anyValue(r: Rng, depth: number): Obj {
  const kind = r.int(0, depth > 3 ? 4 : 8);
  switch (kind) {
    case 0:
    case 1:
      return { stringValue: r.pick(WORDS) + (r.chance(0.3) ? r.alnum(r.int(0, 40)) : "") };
    case 2:
      return { intValue: r.chance(0.2) ? -r.int(0, 1e6) : r.chance(0.1) ? 2 ** 40 + r.int(0, 1000) : r.int(0, 100_000) };
    case 3:
      return { doubleValue: r.chance(0.1) ? NaN : r.range(-10, 1000) };
    case 4:
      return { boolValue: r.chance(0.5) };
    case 5:
      return { bytesValue: Buffer.from(r.hex(r.int(0, 8) * 2), "hex") };
    case 6:
      return { arrayValue: { values: Array.from({ length: r.int(0, 4) }, () => anyValue(r, depth + 1)) } };
    case 7:
      return { kvlistValue: { values: attributes(r, r.int(0, 4), depth + 1) } };
    default:
      return {}; // the empty AnyValue
  }
}

function attributes(r: Rng, n: number, depth = 0): Obj[] {
  return Array.from({ length: n }, () => (r.chance(0.05) ? { key: r.pick(KEYS) } : { key: r.chance(0.8) ? r.pick(KEYS) : `x.${r.alnum(5)}`, value: anyValue(r, depth) }));
}

function id(r: Rng, bytes: number): Buffer {
  if (r.chance(0.02)) return Buffer.alloc(bytes); // all zero: rejected
  if (r.chance(0.02)) return Buffer.from(r.hex(bytes), "hex"); // wrong length: rejected
  return Buffer.from(r.hex(bytes * 2), "hex");
}

function span(r: Rng, traceId: Buffer, baseNs: bigint): Obj {
  const start = baseNs + BigInt(r.int(0, 5_000_000)) * 1000n + BigInt(r.int(0, 999));
  const s: Obj = {
    traceId: r.chance(0.3) ? id(r, 16) : traceId,
    spanId: id(r, 8),
    name: r.pick(WORDS) + (r.chance(0.05) ? "n".repeat(300) : ""),
    kind: r.chance(0.05) ? 9 : r.int(0, 5),
    startTimeUnixNano: start.toString(),
    endTimeUnixNano: (r.chance(0.05) ? start - 1n : start + BigInt(r.int(0, 3_000_000_000))).toString(),
    attributes: attributes(r, r.int(0, 14)),
  };
  if (r.chance(0.7)) s.parentSpanId = r.chance(0.03) ? Buffer.from("0102", "hex") : id(r, 8);
  if (r.chance(0.2)) s.traceState = "k=v";
  if (r.chance(0.3)) s.flags = r.int(0, 0x1ff);
  if (r.chance(0.2)) s.droppedAttributesCount = r.int(1, 5);
  if (r.chance(0.5)) s.status = { code: r.chance(0.05) ? 7 : r.int(0, 2), message: r.chance(0.5) ? "boom: secret" : "" };
  if (r.chance(0.3)) {
    const names = ["exception", "gen_ai.choice", "gen_ai.content.prompt", "gen_ai.evaluation.result", "custom"];
    s.events = Array.from({ length: r.int(1, 3) }, () => ({
      timeUnixNano: (start + BigInt(r.int(0, 1000))).toString(),
      name: r.pick(names),
      attributes: [
        { key: "exception.type", value: { stringValue: "RateLimitError" } },
        { key: "exception.message", value: { stringValue: "secret message" } },
        { key: "gen_ai.evaluation.score.value", value: { doubleValue: 0.5 } },
        ...attributes(r, r.int(0, 3)),
      ],
    }));
  }
  if (r.chance(0.2)) s.links = Array.from({ length: r.int(1, 2) }, () => ({ traceId: id(r, 16), spanId: id(r, 8), flags: r.int(0, 3) }));
  return s;
}

export interface RandomRequestOptions {
  spans?: number;
}

/** A seeded random request as a protobufjs message object (trace-schema.ts shapes). */
export function randomRequestObject(seed: number, opts: RandomRequestOptions = {}): Obj {
  const r = createRng(seed);
  const total = opts.spans ?? r.int(1, 60);
  const baseNs = BigInt(Date.UTC(2026, 10, 20)) * 1_000_000n + BigInt(r.int(0, 86_400)) * 1_000_000_000n;
  const resourceSpans: Obj[] = [];
  let left = total;
  while (left > 0) {
    const scopeSpans: Obj[] = [];
    for (let k = r.int(1, 2); k > 0 && left > 0; k--) {
      const n = Math.min(left, r.int(1, 30));
      left -= n;
      const traceId = id(r, 16);
      const scope = r.chance(0.2) ? undefined : { name: r.pick(["openinference", "ai", "opentelemetry.instrumentation.openai", ""]), version: r.chance(0.5) ? "1.2.3" : "", attributes: attributes(r, r.int(0, 2)) };
      scopeSpans.push({ ...(scope ? { scope } : {}), spans: Array.from({ length: n }, () => span(r, traceId, baseNs)) });
    }
    resourceSpans.push({ ...(r.chance(0.1) ? {} : { resource: { attributes: attributes(r, r.int(0, 8)) } }), scopeSpans });
  }
  return { resourceSpans };
}

/** A seeded random request, protobuf-encoded. */
export function randomRequest(seed: number, opts: RandomRequestOptions = {}): Buffer {
  const bytes = ExportTraceServiceRequestType.encode(randomRequestObject(seed, opts)).finish();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// Request bodies a hostile or broken client might send: gzip bombs, absurdly
// deep AnyValue nesting, huge batches. Built without ever holding the expanded data.
import zlib from "node:zlib";
import { ExportTraceServiceRequestType } from "@/lib/otlp/trace-schema";
import { hexId, idBytes, type Obj } from "./otlp-client";
import { createRng } from "@/lib/prng";

/** gzip of `mib` MiB of zeros, compressed from one reused 1 MiB buffer (~1 KB out per MiB in). */
export function gzipZeros(mib: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gz = zlib.createGzip();
    const out: Buffer[] = [];
    gz.on("data", (c: Buffer) => out.push(c));
    gz.on("end", () => resolve(Buffer.concat(out)));
    gz.on("error", reject);
    const zeros = Buffer.alloc(1 << 20);
    for (let i = 0; i < mib; i++) gz.write(zeros);
    gz.end();
  });
}

// --- protobuf by hand: protobufjs refuses to *encode* past 100 nested messages.

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

const LD = 2; // wire type: length-delimited
const tag = (field: number) => varint((field << 3) | LD);

/** A length-delimited field: tag, length, bytes. */
export function ld(field: number, bytes: Buffer): Buffer {
  return Buffer.concat([Buffer.from([...tag(field), ...varint(bytes.length)]), bytes]);
}

/**
 * An AnyValue that is a kvlist nested `depth` levels deep ({k: {k: … "x"}}).
 * Lengths are computed inside-out, then only the prefixes are written, so this is linear.
 */
export function nestedKvlistAnyValue(depth: number): Buffer {
  const innermost = ld(1, Buffer.from("x")); // AnyValue.stringValue
  const key = ld(1, Buffer.from("k")); // KeyValue.key
  const prefixes: Buffer[] = [];
  let inner = innermost.length; // length of the AnyValue one level down
  for (let i = 0; i < depth; i++) {
    const kvValuePrefix = Buffer.from([...tag(2), ...varint(inner)]); // KeyValue.value
    const kvLen = key.length + kvValuePrefix.length + inner;
    const kvlPrefix = Buffer.from([...tag(1), ...varint(kvLen)]); // KeyValueList.values
    const kvlLen = kvlPrefix.length + kvLen;
    const anyPrefix = Buffer.from([...tag(6), ...varint(kvlLen)]); // AnyValue.kvlistValue
    prefixes.push(Buffer.concat([anyPrefix, kvlPrefix, key, kvValuePrefix]));
    inner = anyPrefix.length + kvlLen;
  }
  return Buffer.concat([...prefixes.reverse(), innermost]);
}

/** A one-span request whose span carries `key` = the raw AnyValue bytes given. */
export function requestWithRawAttribute(spanFields: Obj, key: string, anyValue: Buffer): Buffer {
  const spanType = ExportTraceServiceRequestType.lookupType("opentelemetry.proto.trace.v1.Span");
  const span = Buffer.from(spanType.encode(spanType.fromObject(spanFields)).finish());
  // Fields may be appended to an encoded message: field 9 is Span.attributes (KeyValue).
  const keyValue = Buffer.concat([ld(1, Buffer.from(key)), ld(2, anyValue)]);
  const fullSpan = Buffer.concat([span, ld(9, keyValue)]);
  const scopeSpans = ld(2, fullSpan); // ScopeSpans.spans
  const resourceSpans = ld(2, scopeSpans); // ResourceSpans.scopeSpans
  return ld(1, resourceSpans); // ExportTraceServiceRequest.resourceSpans
}

/** The same nesting as OTLP/JSON text. */
export function nestedKvlistJson(depth: number): string {
  return `${'{"kvlistValue":{"values":[{"key":"k","value":'.repeat(depth)}{"stringValue":"x"}${"}]}}".repeat(depth)}`;
}

/** Trace id of trace `i` in a big batch with the given salt. */
export const batchTraceId = (i: number, salt: number) => hexId(i, 16, salt);

/**
 * One protobuf request of traces × spansPerTrace spans: a root, then children that
 * alternate between a priced chat call (10 in / 5 out tokens) and a tool call.
 * Encoded from plain objects (no fromObject) to keep a 100k-span build cheap.
 */
export function bigBatch(traces: number, spansPerTrace: number, salt: number, startNs: bigint): Buffer {
  const spans: Obj[] = [];
  const chat = [
    { key: "gen_ai.operation.name", value: { stringValue: "chat" } },
    { key: "gen_ai.provider.name", value: { stringValue: "openai" } },
    { key: "gen_ai.request.model", value: { stringValue: "gpt-4o-mini" } },
    { key: "gen_ai.usage.input_tokens", value: { intValue: 10 } },
    { key: "gen_ai.usage.output_tokens", value: { intValue: 5 } },
  ];
  const tool = [
    { key: "gen_ai.operation.name", value: { stringValue: "execute_tool" } },
    { key: "gen_ai.tool.name", value: { stringValue: "lookup" } },
  ];
  for (let t = 0; t < traces; t++) {
    const traceId = idBytes(batchTraceId(t, salt));
    const rootId = idBytes(hexId(t * spansPerTrace, 8, salt));
    for (let s = 0; s < spansPerTrace; s++) {
      const start = startNs + BigInt(s) * 1000n;
      spans.push({
        traceId,
        spanId: s === 0 ? rootId : idBytes(hexId(t * spansPerTrace + s, 8, salt)),
        parentSpanId: s === 0 ? undefined : rootId,
        name: s === 0 ? "invoke_agent batch" : s % 2 === 1 ? "chat gpt-4o-mini" : "execute_tool lookup",
        kind: 1,
        startTimeUnixNano: start.toString(),
        endTimeUnixNano: (start + 500n).toString(),
        attributes: s === 0 ? [] : s % 2 === 1 ? chat : tool,
      });
    }
  }
  const request = {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "big-batch" } }] },
        scopeSpans: [{ scope: { name: "batch" }, spans }],
      },
    ],
  };
  return Buffer.from(ExportTraceServiceRequestType.encode(request).finish());
}

/** Deterministic shuffle (mulberry32), so a "random" arrival order is the same every run. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rand = createRng(seed).next;
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

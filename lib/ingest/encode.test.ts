// encodeRequest prepares spans as they are decoded: a resource or scope field that comes
// after some of its spans (protobuf allows any field order, and merges a repeated one) must
// reach the spans that follow it, in every per-resource and per-scope cache on the way.
import { describe, expect, it } from "vitest";
import { rowsFromCopyText } from "@/lib/db/span-writer";
import { ExportTraceServiceRequestType } from "@/lib/otlp/trace-schema";
import { BUILTIN_PRICES } from "@/lib/pricing/builtin-prices";
import { createPriceIndex } from "@/lib/pricing/match";
import { encodeRequest } from "./encode";
import type { PrepareContext } from "./prepare";

const ctx: PrepareContext = { privacy: { metadataPrefixes: [] }, prices: createPriceIndex(BUILTIN_PRICES), pseudonymKey: "test-key" };
const ResourceSpans = ExportTraceServiceRequestType.root.lookupType("opentelemetry.proto.trace.v1.ResourceSpans");
const ScopeSpans = ExportTraceServiceRequestType.root.lookupType("opentelemetry.proto.trace.v1.ScopeSpans");

const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
function span(n: number) {
  return {
    traceId: Buffer.alloc(16, 7),
    spanId: Buffer.from(`000000000000000${n}`, "hex"),
    name: `chat ${n}`,
    startTimeUnixNano: "1764000000000000000",
    endTimeUnixNano: "1764000001000000000",
    attributes: [str("gen_ai.operation.name", "chat"), str("gen_ai.request.model", "gpt-4o")],
  };
}
const bytes = (type: typeof ResourceSpans, message: object) => Buffer.from(type.encode(type.fromObject(message)).finish());
/** A length-delimited field `n` holding `payload`. */
function field(n: number, payload: Buffer): Buffer {
  const head = [(n << 3) | 2];
  for (let len = payload.length; ; len >>>= 7) {
    if (len < 128) {
      head.push(len);
      break;
    }
    head.push((len & 127) | 128);
  }
  return Buffer.concat([Buffer.from(head), payload]);
}

describe("encodeRequest with resource and scope fields after spans", () => {
  it("gives the spans after a late resource or scope field what it holds", () => {
    // ResourceSpans: scope_spans(span 1), resource(service, environment), scope_spans(span 2,
    // its scope field, span 3), resource again (a repeated field merges), scope_spans(span 4).
    const scopeSpans = Buffer.concat([bytes(ScopeSpans, { spans: [span(2)] }), bytes(ScopeSpans, { scope: { name: "late.scope", version: "2.0" } }), bytes(ScopeSpans, { spans: [span(3)] })]);
    const resourceSpans = Buffer.concat([
      bytes(ResourceSpans, { scopeSpans: [{ spans: [span(1)] }] }),
      bytes(ResourceSpans, { resource: { attributes: [str("service.name", "checkout"), str("deployment.environment", "prod")] } }),
      field(2, scopeSpans),
      bytes(ResourceSpans, { resource: { attributes: [str("service.name", "checkout-v2")] } }),
      bytes(ResourceSpans, { scopeSpans: [{ spans: [span(4)] }] }),
    ]);
    const got = encodeRequest({ body: field(1, resourceSpans), contentType: "application/x-protobuf", contentEncoding: null, maxBytes: 1 << 20 }, 1, ctx);
    expect(got.accepted).toBe(4);
    const rows = rowsFromCopyText(Buffer.from(got.batch!.copyData).toString("utf8"));
    const bySpan = Object.fromEntries(rows.map((r) => [r.spanId.slice(-1), r]));
    const where = (n: string) => [bySpan[n]!.serviceName, bySpan[n]!.environment];
    // Span 1 came before any resource field: it has none (decoding is one pass).
    expect(where("1")).toEqual([null, null]);
    expect(where("2")).toEqual(["checkout", "prod"]);
    expect(where("3")).toEqual(["checkout", "prod"]);
    expect(where("4")).toEqual(["checkout-v2", "prod"]);
    expect(new Set(rows.map((r) => r.resourceHash)).size).toBe(3);
    expect(got.batch!.resourceHashes.length).toBe(3);
    const scopeName = (n: string) => (JSON.parse(bySpan[n]!.attributes!) as Record<string, unknown>)["otel.scope.name"];
    expect([scopeName("2"), scopeName("3"), scopeName("4")]).toEqual([undefined, "late.scope", undefined]);
  });
});

import type Long from "long";
import { OtlpDecodeError } from "./errors";
import {
  MAX_ANY_VALUE_DEPTH,
  RejectReason,
  SpanCollector,
  clampKind,
  clampStatusCode,
  isAllZero,
  setAttribute,
} from "./span-rules";
import { ExportTraceServiceRequestType } from "./trace-schema";
import { decodeProtobufWire } from "./wire-reader";
import type {
  AnyValue,
  Attributes,
  DecodedRequest,
  OtlpEvent,
  OtlpLink,
  OtlpResource,
  OtlpScope,
  OtlpSpan,
} from "./types";

// The shapes protobufjs produces from trace-schema.ts. Absent fields read their
// proto3 default from the message prototype, so every field is always defined.
type PbLong = Long | number;
interface PbAnyValue {
  readonly value: string | undefined; // name of the oneof member that is set
  readonly stringValue: string;
  readonly boolValue: boolean;
  readonly intValue: PbLong;
  readonly doubleValue: number;
  readonly arrayValue: { readonly values: readonly PbAnyValue[] } | null;
  readonly kvlistValue: { readonly values: readonly PbKeyValue[] } | null;
  readonly bytesValue: Uint8Array;
}
interface PbKeyValue {
  readonly key: string;
  readonly value: PbAnyValue | null;
}
interface PbEvent {
  readonly timeUnixNano: PbLong;
  readonly name: string;
  readonly attributes: readonly PbKeyValue[];
}
interface PbLink {
  readonly traceId: Uint8Array;
  readonly spanId: Uint8Array;
  readonly flags: number;
}
interface PbSpan {
  readonly traceId: Uint8Array;
  readonly spanId: Uint8Array;
  readonly traceState: string;
  readonly parentSpanId: Uint8Array;
  readonly name: string;
  readonly kind: number;
  readonly startTimeUnixNano: PbLong;
  readonly endTimeUnixNano: PbLong;
  readonly attributes: readonly PbKeyValue[];
  readonly droppedAttributesCount: number;
  readonly events: readonly PbEvent[];
  readonly droppedEventsCount: number;
  readonly links: readonly PbLink[];
  readonly droppedLinksCount: number;
  readonly status: { readonly code: number; readonly message: string } | null;
  readonly flags: number;
}
interface PbScope {
  readonly name: string;
  readonly version: string;
  readonly attributes: readonly PbKeyValue[];
}
interface PbRequest {
  readonly resourceSpans: readonly {
    readonly resource: { readonly attributes: readonly PbKeyValue[] } | null;
    readonly scopeSpans: readonly { readonly scope: PbScope | null; readonly spans: readonly PbSpan[] }[];
  }[];
}

/**
 * Decodes an OTLP/protobuf ExportTraceServiceRequest. Throws OtlpDecodeError if undecodable.
 * The hand-written wire reader (docs/adr/0005): same result, about 3× faster than protobufjs.
 */
export const decodeProtobuf: (buf: Uint8Array) => DecodedRequest = decodeProtobufWire;

/**
 * The same through protobufjs (docs/adr/0002): the reference the wire reader is tested
 * against (wire-reader.test.ts) and benchmarked next to (bench/ingest-cpu.ts).
 */
export function decodeProtobufReference(buf: Uint8Array): DecodedRequest {
  let request: PbRequest;
  try {
    request = ExportTraceServiceRequestType.decode(toBuffer(buf)) as unknown as PbRequest;
  } catch {
    // protobufjs' message (offsets, wire types) is dropped to keep errors uniform.
    throw new OtlpDecodeError("request body is not a valid OTLP/protobuf ExportTraceServiceRequest");
  }
  const out = new SpanCollector();
  for (const rs of request.resourceSpans) {
    const resource: OtlpResource = { attributes: toAttributes(rs.resource?.attributes, 0) };
    for (const ss of rs.scopeSpans) {
      const scope: OtlpScope = toScope(ss.scope);
      for (const span of ss.spans) addSpan(out, span, resource, scope);
    }
  }
  return out.result();
}

// Buffer input gives Buffer slices for bytes fields and protobufjs' fast UTF-8 path.
function toBuffer(buf: Uint8Array): Buffer {
  return Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
}

function addSpan(out: SpanCollector, span: PbSpan, resource: OtlpResource, scope: OtlpScope): void {
  const traceId = hexId(span.traceId, 16);
  if (traceId === null) return out.reject(RejectReason.traceId);
  const spanId = hexId(span.spanId, 8);
  if (spanId === null) return out.reject(RejectReason.spanId);
  let parentSpanId: string | null = null;
  const parent = span.parentSpanId;
  if (parent.length !== 0) {
    if (parent.length !== 8) return out.reject(RejectReason.parentSpanId);
    if (!isAllZero(parent)) parentSpanId = toHex(parent);
  }
  const status = span.status;
  const result: OtlpSpan = {
    traceId,
    spanId,
    parentSpanId,
    traceState: span.traceState,
    flags: span.flags >>> 0,
    name: span.name,
    kind: clampKind(span.kind),
    startTimeUnixNano: toBigInt(span.startTimeUnixNano),
    endTimeUnixNano: toBigInt(span.endTimeUnixNano),
    attributes: toAttributes(span.attributes, 0),
    droppedAttributesCount: span.droppedAttributesCount,
    events: span.events.length === 0 ? [] : span.events.map(toEvent),
    droppedEventsCount: span.droppedEventsCount,
    links: span.links.length === 0 ? [] : toLinks(span.links),
    droppedLinksCount: span.droppedLinksCount,
    status: status ? { code: clampStatusCode(status.code), message: status.message } : { code: 0, message: "" },
    resource,
    scope,
  };
  out.spans.push(result);
}

/** Lowercase hex of an id of exactly `size` bytes that is not all zero; otherwise null. */
function hexId(bytes: Uint8Array, size: number): string | null {
  return bytes.length === size && !isAllZero(bytes) ? toHex(bytes) : null;
}

function toHex(bytes: Uint8Array): string {
  return Buffer.isBuffer(bytes) ? bytes.toString("hex") : Buffer.from(bytes).toString("hex");
}

const TWO_32 = BigInt(2 ** 32);

function toBigInt(value: PbLong): bigint {
  if (typeof value === "number") return BigInt(value);
  return BigInt(value.high >>> 0) * TWO_32 + BigInt(value.low >>> 0);
}

function toEvent(event: PbEvent): OtlpEvent {
  return {
    timeUnixNano: toBigInt(event.timeUnixNano),
    name: event.name,
    attributes: toAttributes(event.attributes, 0),
  };
}

// A link with an unusable id is dropped; the span itself stays valid.
function toLinks(links: readonly PbLink[]): OtlpLink[] {
  const out: OtlpLink[] = [];
  for (const link of links) {
    const traceId = hexId(link.traceId, 16);
    const spanId = hexId(link.spanId, 8);
    if (traceId !== null && spanId !== null) out.push({ traceId, spanId, flags: link.flags >>> 0 });
  }
  return out;
}

function toScope(scope: PbScope | null): OtlpScope {
  if (!scope) return { name: "", version: "", attributes: {} };
  return { name: scope.name, version: scope.version, attributes: toAttributes(scope.attributes, 0) };
}

function toAttributes(list: readonly PbKeyValue[] | undefined, depth: number): Attributes {
  const attributes: Attributes = {};
  if (!list) return attributes;
  for (let i = 0; i < list.length; i++) {
    const kv = list[i]!;
    setAttribute(attributes, kv.key, kv.value ? toAnyValue(kv.value, depth) : null);
  }
  return attributes;
}

function toAnyValue(v: PbAnyValue, depth: number): AnyValue {
  switch (v.value) {
    case "stringValue":
      return v.stringValue;
    case "intValue":
      return typeof v.intValue === "number" ? v.intValue : v.intValue.high * 2 ** 32 + (v.intValue.low >>> 0);
    case "boolValue":
      return v.boolValue;
    case "doubleValue":
      return v.doubleValue;
    case "arrayValue": {
      if (depth >= MAX_ANY_VALUE_DEPTH) return null;
      const values = v.arrayValue?.values ?? [];
      const out: AnyValue[] = new Array<AnyValue>(values.length);
      for (let i = 0; i < values.length; i++) out[i] = toAnyValue(values[i]!, depth + 1);
      return out;
    }
    case "kvlistValue": {
      if (depth >= MAX_ANY_VALUE_DEPTH) return null;
      return { kvlist: toAttributes(v.kvlistValue?.values, depth + 1) };
    }
    case "bytesValue":
      // Copy so the span does not keep the whole request buffer alive.
      return new Uint8Array(v.bytesValue);
    default:
      return null;
  }
}

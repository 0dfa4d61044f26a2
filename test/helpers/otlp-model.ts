// One encoding-neutral description of an OTLP trace request, rendered as a
// hand-built OTLP/JSON body or as protobuf by the OTel JS SDK's own serializer
// (independent of Skein's decoder schema).
import { createTraceState, type HrTime, type Link, type SpanContext } from "@opentelemetry/api";
import type { InstrumentationScope } from "@opentelemetry/core";
import { resourceFromAttributes } from "@opentelemetry/resources";
import type { ReadableSpan, TimedEvent } from "@opentelemetry/sdk-trace";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";

/** string / int or double / bool / bytes / array / kvlist (a plain object). */
export type ModelValue = string | number | boolean | Uint8Array | ModelValue[] | { [key: string]: ModelValue };
export type ModelAttributes = Record<string, ModelValue>;

export interface ModelEvent {
  name: string;
  timeNs: bigint;
  attributes: ModelAttributes;
}

export interface ModelLink {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: ModelAttributes;
}

export interface ModelSpan {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  /** OTLP SpanKind (1 INTERNAL … 5 CONSUMER). */
  kind: number;
  startNs: bigint;
  endNs: bigint;
  traceState: string;
  attributes: ModelAttributes;
  events: ModelEvent[];
  links: ModelLink[];
  status: { code: 0 | 1 | 2; message: string };
}

export interface ModelRequest {
  traceId: string;
  resource: ModelAttributes;
  scope: { name: string; version: string; attributes: ModelAttributes };
  spans: ModelSpan[];
}

type JsonAnyValue = Record<string, unknown>;

function jsonValue(v: ModelValue): JsonAnyValue {
  if (typeof v === "string") return { stringValue: v };
  if (typeof v === "boolean") return { boolValue: v };
  if (typeof v === "number") return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  if (v instanceof Uint8Array) return { bytesValue: Buffer.from(v).toString("base64") };
  if (Array.isArray(v)) return { arrayValue: { values: v.map(jsonValue) } };
  return { kvlistValue: { values: jsonAttributes(v) } };
}

function jsonAttributes(attrs: ModelAttributes): { key: string; value: JsonAnyValue }[] {
  return Object.entries(attrs).map(([key, value]) => ({ key, value: jsonValue(value) }));
}

/** OTLP/JSON as the spec writes it: hex ids, integer enums, 64-bit ints as strings. */
export function toOtlpJson(req: ModelRequest): string {
  const spans = req.spans.map((s) => ({
    traceId: req.traceId,
    spanId: s.spanId,
    ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
    traceState: s.traceState,
    flags: 0x101,
    name: s.name,
    kind: s.kind,
    startTimeUnixNano: String(s.startNs),
    endTimeUnixNano: String(s.endNs),
    attributes: jsonAttributes(s.attributes),
    events: s.events.map((e) => ({ timeUnixNano: String(e.timeNs), name: e.name, attributes: jsonAttributes(e.attributes) })),
    links: s.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId, traceState: l.traceState, attributes: jsonAttributes(l.attributes), flags: 0x101 })),
    status: { code: s.status.code, message: s.status.message },
  }));
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: jsonAttributes(req.resource) },
        scopeSpans: [
          {
            scope: { name: req.scope.name, version: req.scope.version, attributes: jsonAttributes(req.scope.attributes) },
            spans,
          },
        ],
      },
    ],
  });
}

const NS_PER_S = 1_000_000_000n;
const hrTime = (ns: bigint): HrTime => [Number(ns / NS_PER_S), Number(ns % NS_PER_S)];

function context(traceId: string, spanId: string, traceState: string): SpanContext {
  return { traceId, spanId, traceFlags: 1, ...(traceState ? { traceState: createTraceState(traceState) } : {}) };
}

/** Protobuf bytes from the SDK's ProtobufTraceSerializer, fed hand-made ReadableSpans (no attribute sanitizing). */
export function toOtlpProtobuf(req: ModelRequest): Uint8Array {
  const resource = resourceFromAttributes(req.resource);
  const scopeWithAttributes = { ...req.scope };
  const scope: InstrumentationScope = scopeWithAttributes;
  const spans = req.spans.map((s): ReadableSpan => {
    const events: TimedEvent[] = s.events.map((e) => ({ name: e.name, time: hrTime(e.timeNs), attributes: e.attributes }));
    const links: Link[] = s.links.map((l) => ({ context: context(l.traceId, l.spanId, l.traceState), attributes: l.attributes }));
    return {
      name: s.name,
      kind: s.kind - 1, // the JS API's SpanKind is the OTLP value minus one
      spanContext: () => context(req.traceId, s.spanId, s.traceState),
      ...(s.parentSpanId ? { parentSpanContext: context(req.traceId, s.parentSpanId, "") } : {}),
      startTime: hrTime(s.startNs),
      endTime: hrTime(s.endNs),
      duration: hrTime(s.endNs - s.startNs),
      ended: true,
      status: { code: s.status.code, message: s.status.message },
      attributes: s.attributes,
      links,
      events,
      resource,
      instrumentationScope: scope,
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
    };
  });
  const body = ProtobufTraceSerializer.serializeRequest(spans);
  if (!body) throw new Error("ProtobufTraceSerializer returned nothing");
  return body;
}

import { OtlpDecodeError } from "./errors";
import {
  type JsonObject,
  SPAN_KIND_NAMES,
  STATUS_CODE_NAMES,
  field,
  isObject,
  readAttributes,
  readEnum,
  readId,
  readIdHex,
  readString,
  readTime,
  readUint32,
} from "./json-values";
import { RejectReason, SpanCollector, clampKind, clampStatusCode } from "./span-rules";
import type { DecodedRequest, OtlpEvent, OtlpLink, OtlpResource, OtlpScope, OtlpSpan } from "./types";

const SHAPE_ERROR = "request body is not an OTLP/JSON ExportTraceServiceRequest";

/**
 * Decodes an OTLP/JSON ExportTraceServiceRequest (camelCase or snake_case keys,
 * 64-bit ints as strings or numbers, enums as ints or names, unknown fields ignored).
 * Throws OtlpDecodeError on invalid JSON or a wrong container shape.
 */
export function decodeJson(input: Buffer | string): DecodedRequest {
  let text = typeof input === "string" ? input : input.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    // The SyntaxError quotes the body, so it must not travel on.
    throw new OtlpDecodeError("request body is not valid JSON");
  }
  if (!isObject(root)) throw new OtlpDecodeError(SHAPE_ERROR);
  const out = new SpanCollector();
  for (const rs of list(field(root, "resourceSpans", "resource_spans"))) {
    const resourceJson = optionalObject(rs.resource);
    const resource: OtlpResource = { attributes: readAttributes(resourceJson?.attributes, 0) };
    for (const ss of list(field(rs, "scopeSpans", "scope_spans"))) {
      const scope = readScope(optionalObject(ss.scope));
      for (const span of list(ss.spans)) addSpan(out, span, resource, scope);
    }
  }
  return out.result();
}

/** A repeated message field: absent/null is empty; anything but an array of objects is a shape error. */
function list(value: unknown): readonly JsonObject[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpDecodeError(SHAPE_ERROR);
  for (const item of value) if (!isObject(item)) throw new OtlpDecodeError(SHAPE_ERROR);
  return value as JsonObject[];
}

function optionalObject(value: unknown): JsonObject | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new OtlpDecodeError(SHAPE_ERROR);
  return value;
}

function readScope(scope: JsonObject | undefined): OtlpScope {
  if (!scope) return { name: "", version: "", attributes: {} };
  return {
    name: readString(scope.name),
    version: readString(scope.version),
    attributes: readAttributes(scope.attributes, 0),
  };
}

function addSpan(out: SpanCollector, span: JsonObject, resource: OtlpResource, scope: OtlpScope): void {
  const traceId = readId(field(span, "traceId", "trace_id"), 16);
  if (!traceId) return out.reject(RejectReason.traceId);
  const spanId = readId(field(span, "spanId", "span_id"), 8);
  if (!spanId) return out.reject(RejectReason.spanId);
  const parentSpanId = readParentId(field(span, "parentSpanId", "parent_span_id"));
  if (parentSpanId === undefined) return out.reject(RejectReason.parentSpanId);
  const start = readTime(field(span, "startTimeUnixNano", "start_time_unix_nano"));
  const end = readTime(field(span, "endTimeUnixNano", "end_time_unix_nano"));
  if (start === null || end === null) return out.reject(RejectReason.time);
  const events = readEvents(span.events);
  if (events === null) return out.reject(RejectReason.time);
  const status = optionalObject(span.status);
  const result: OtlpSpan = {
    traceId,
    spanId,
    parentSpanId,
    traceState: readString(field(span, "traceState", "trace_state")),
    flags: readUint32(span.flags),
    name: readString(span.name),
    kind: clampKind(readEnum(span.kind, SPAN_KIND_NAMES)),
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    attributes: readAttributes(span.attributes, 0),
    droppedAttributesCount: readUint32(field(span, "droppedAttributesCount", "dropped_attributes_count")),
    events,
    droppedEventsCount: readUint32(field(span, "droppedEventsCount", "dropped_events_count")),
    links: readLinks(span.links),
    droppedLinksCount: readUint32(field(span, "droppedLinksCount", "dropped_links_count")),
    status: status
      ? { code: clampStatusCode(readEnum(status.code, STATUS_CODE_NAMES)), message: readString(status.message) }
      : { code: 0, message: "" },
    resource,
    scope,
  };
  out.spans.push(result);
}

/** null for a root span (empty or all-zero id), undefined when malformed. */
function readParentId(value: unknown): string | null | undefined {
  const hex = readIdHex(value, 8);
  if (hex === null) return undefined;
  return hex === "" || hex === "0000000000000000" ? null : hex;
}

/** Null when an event has an invalid time (the span is then rejected). */
function readEvents(value: unknown): OtlpEvent[] | null {
  const events: OtlpEvent[] = [];
  for (const event of list(value)) {
    const time = readTime(field(event, "timeUnixNano", "time_unix_nano"));
    if (time === null) return null;
    events.push({ timeUnixNano: time, name: readString(event.name), attributes: readAttributes(event.attributes, 0) });
  }
  return events;
}

// A link with an unusable id is dropped; the span itself stays valid.
function readLinks(value: unknown): OtlpLink[] {
  const links: OtlpLink[] = [];
  for (const link of list(value)) {
    const traceId = readId(field(link, "traceId", "trace_id"), 16);
    const spanId = readId(field(link, "spanId", "span_id"), 8);
    if (traceId && spanId) links.push({ traceId, spanId, flags: readUint32(link.flags) });
  }
  return links;
}

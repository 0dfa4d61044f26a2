// Plain, encoding-independent view of an OTLP ExportTraceServiceRequest.
// Both decoders (protobuf and JSON) produce exactly this; nothing downstream
// knows which encoding a span arrived in.

/** An OTLP AnyValue as a plain JS value. */
export type AnyValue =
  | string
  | number // intValue (as a JS number; |x| > 2^53 loses precision) and doubleValue (NaN/±Infinity allowed)
  | boolean
  | null // the empty AnyValue {}
  | Uint8Array // bytesValue
  | AnyValue[] // arrayValue
  | KvList; // kvlistValue

/** kvlistValue: a tagged wrapper so it can't be confused with other values. */
export interface KvList {
  kvlist: Attributes;
}

/** Attribute list as a map (OTLP keys are unique per list; on repeats the last one wins). */
export type Attributes = Record<string, AnyValue>;

export const SpanKind = {
  UNSPECIFIED: 0,
  INTERNAL: 1,
  SERVER: 2,
  CLIENT: 3,
  PRODUCER: 4,
  CONSUMER: 5,
} as const;

export const StatusCode = { UNSET: 0, OK: 1, ERROR: 2 } as const;
export type StatusCodeValue = 0 | 1 | 2;

export interface OtlpEvent {
  timeUnixNano: bigint;
  name: string;
  attributes: Attributes;
}

export interface OtlpLink {
  traceId: string;
  spanId: string;
  flags: number;
}

export interface OtlpResource {
  attributes: Attributes;
}

export interface OtlpScope {
  name: string;
  version: string;
  attributes: Attributes;
}

export interface OtlpSpan {
  /** 32 lowercase hex chars, never all zeros. */
  traceId: string;
  /** 16 lowercase hex chars, never all zeros. */
  spanId: string;
  /** 16 lowercase hex chars, or null for a root span. */
  parentSpanId: string | null;
  traceState: string;
  flags: number;
  name: string;
  /** 0..5, see SpanKind. */
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
  droppedAttributesCount: number;
  events: OtlpEvent[];
  droppedEventsCount: number;
  links: OtlpLink[];
  droppedLinksCount: number;
  status: { code: StatusCodeValue; message: string };
  /** Shared by every span of the same ResourceSpans (same object reference). */
  resource: OtlpResource;
  /** Shared by every span of the same ScopeSpans (same object reference). */
  scope: OtlpScope;
}

export interface DecodedRequest {
  spans: OtlpSpan[];
  /** Spans that could not be accepted (bad ids, etc.); reported in partialSuccess. */
  rejectedSpans: number;
  /** Short English reasons, deduplicated, no span content. */
  rejectReasons: string[];
}

import type { AnyValue, Attributes, DecodedRequest, OtlpSpan, StatusCodeValue } from "./types";

// Rules both decoders share, so a span means the same whatever encoding it came in.

/** AnyValue arrays/kvlists nested deeper than this decode as null (keeps recursion bounded). */
export const MAX_ANY_VALUE_DEPTH = 32;

export const RejectReason = {
  traceId: "span has an invalid trace id (must be 16 bytes, not all zero)",
  spanId: "span has an invalid span id (must be 8 bytes, not all zero)",
  parentSpanId: "span has an invalid parent span id (must be empty or 8 bytes)",
  time: "span has an invalid timestamp (must be an unsigned 64-bit integer of nanoseconds)",
} as const;
export type RejectReasonText = (typeof RejectReason)[keyof typeof RejectReason];

/** Collects accepted spans and counts rejected ones with deduplicated reasons. */
export class SpanCollector {
  readonly spans: OtlpSpan[] = [];
  private rejected = 0;
  private readonly reasons = new Set<RejectReasonText>();

  /** With a sink, accepted spans go there instead of into `spans`. */
  constructor(private readonly sink?: (span: OtlpSpan) => void) {}

  accept(span: OtlpSpan): void {
    if (this.sink) this.sink(span);
    else this.spans.push(span);
  }

  reject(reason: RejectReasonText): void {
    this.rejected++;
    this.reasons.add(reason);
  }

  result(): DecodedRequest {
    return { spans: this.spans, rejectedSpans: this.rejected, rejectReasons: [...this.reasons] };
  }
}

/** Unknown kinds become UNSPECIFIED (0). */
export function clampKind(kind: number): number {
  return Number.isInteger(kind) && kind >= 0 && kind <= 5 ? kind : 0;
}

/** Unknown status codes become UNSET (0). */
export function clampStatusCode(code: number): StatusCodeValue {
  return code === 1 || code === 2 ? code : 0;
}

/** Sets an attribute; the last repeat wins, and "__proto__" stays an ordinary key. */
export function setAttribute(attributes: Attributes, key: string, value: AnyValue): void {
  if (key === "__proto__") {
    Object.defineProperty(attributes, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    attributes[key] = value;
  }
}

export function isAllZero(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

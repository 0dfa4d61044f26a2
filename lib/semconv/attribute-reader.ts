// Reads normalization inputs from a span's attributes, falling back to its
// scope and then its resource (semconv.md section 1), and coerces values into
// the two shapes normalization needs: token counts and identifier strings.
import type { AnyValue, Attributes, KvList } from "@/lib/otlp/types";

/** Longest string any normalized field may hold. */
export const MAX_IDENTIFIER_LENGTH = 256;

const NUMERIC_STRING = /^\d{1,16}(?:\.\d+)?$/;
const DECIMAL_STRING = /^\d{1,20}(?:\.\d{1,20})?(?:[eE][-+]?\d{1,3})?$/;

/**
 * "Scope, else resource" as one Map (null values skipped), per (scope, resource) pair; decoded
 * attributes are not mutated. Maps, because normalization probes ~65 keys per span, mostly
 * absent: on plain objects of many shapes each probe was a megamorphic property lookup
 * (~10 % of the ingest worker's time); a Map lookup of a constant key is a hash probe.
 */
const fallbacks = new WeakMap<Attributes, { resource: Attributes; merged: Map<string, AnyValue> }>();
const resourceOnly = new WeakMap<Attributes, Map<string, AnyValue>>();

function hasKeys(attributes: Attributes): boolean {
  for (const _ in attributes) return true;
  return false;
}

function ownValues(attributes: Attributes, into = new Map<string, AnyValue>()): Map<string, AnyValue> {
  for (const k in attributes) {
    const v = attributes[k]!;
    if (v !== null) into.set(k, v);
  }
  return into;
}

/** One map answering "scope, else resource", so a span lookup costs two reads, not three. */
function fallbackOf(scope: Attributes, resource: Attributes): Map<string, AnyValue> {
  if (!hasKeys(scope)) {
    let merged = resourceOnly.get(resource);
    if (!merged) resourceOnly.set(resource, (merged = ownValues(resource)));
    return merged;
  }
  const cached = fallbacks.get(scope);
  if (cached && cached.resource === resource) return cached.merged;
  const merged = ownValues(scope, ownValues(resource));
  fallbacks.set(scope, { resource, merged });
  return merged;
}

export class LayeredAttributes {
  private readonly fallback: Map<string, AnyValue>;
  private readonly own: Map<string, AnyValue>;

  constructor(
    readonly span: Attributes,
    readonly scope: Attributes,
    readonly resource: Attributes,
  ) {
    this.fallback = fallbackOf(scope, resource);
    this.own = ownValues(span);
  }

  /** The first non-empty value of `key`: span, then scope, then resource. */
  get(key: string): AnyValue | undefined {
    return this.own.get(key) ?? this.fallback.get(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  count(key: string): number | null {
    return toCount(this.get(key));
  }

  /** The first key holding a valid count; invalid values (negative, NaN, text) fall through. */
  firstCount(keys: readonly string[]): number | null {
    for (const key of keys) {
      const n = toCount(this.get(key));
      if (n !== null) return n;
    }
    return null;
  }

  identifier(key: string): string | null {
    return toIdentifier(this.get(key));
  }

  firstIdentifier(keys: readonly string[]): string | null {
    for (const key of keys) {
      const s = toIdentifier(this.get(key));
      if (s !== null) return s;
    }
    return null;
  }
}

/** Largest count one span may report: the spans table keeps per-span counts as int4. */
export const MAX_COUNT = 2_147_483_647;

/**
 * A non-negative token count from a number or a numeric string; anything else is null, and so
 * is a count beyond MAX_COUNT (no single call has 2^31 tokens; storing it would fail the request).
 */
export function toCount(value: unknown): number | null {
  let n: number;
  if (typeof value === "number") n = value;
  else if (typeof value === "string" && NUMERIC_STRING.test(value)) n = Number(value);
  else return null;
  if (!Number.isFinite(n) || n < 0 || n > MAX_COUNT) return null;
  // + 0 turns a rounded -0 into 0
  return Math.round(n) + 0;
}

/** A non-negative amount from a number or a decimal string (reported costs are fractional). */
export function toAmount(value: unknown): number | null {
  let n: number;
  if (typeof value === "number") n = value;
  else if (typeof value === "string" && DECIMAL_STRING.test(value)) n = Number(value);
  else return null;
  return Number.isFinite(n) && n >= 0 ? n + 0 : null;
}

/**
 * An identifier-like string: non-empty, single-line, capped at 256 chars.
 * Integers are accepted as their decimal form (numeric user ids, HTTP-code error types).
 */
export function toIdentifier(value: unknown): string | null {
  if (typeof value === "number") return Number.isSafeInteger(value) ? String(value) : null;
  if (typeof value !== "string" || value.length === 0) return null;
  // a line break means prose, not an identifier
  if (value.includes("\n") || value.includes("\r")) return null;
  if (value.length <= MAX_IDENTIFIER_LENGTH) return value;
  const cut = isHighSurrogate(value.charCodeAt(MAX_IDENTIFIER_LENGTH - 1))
    ? MAX_IDENTIFIER_LENGTH - 1
    : MAX_IDENTIFIER_LENGTH;
  return value.slice(0, cut);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function isKvList(value: unknown): value is KvList {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array) &&
    "kvlist" in value
  );
}

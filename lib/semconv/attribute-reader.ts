// Reads normalization inputs from a span's attributes, falling back to its
// scope and then its resource (semconv.md section 1), and coerces values into
// the two shapes normalization needs: token counts and identifier strings.
import type { AnyValue, Attributes, KvList } from "@/lib/otlp/types";

/** Longest string any normalized field may hold. */
export const MAX_IDENTIFIER_LENGTH = 256;

const NUMERIC_STRING = /^\d{1,16}(?:\.\d+)?$/;
const DECIMAL_STRING = /^\d{1,20}(?:\.\d{1,20})?(?:[eE][-+]?\d{1,3})?$/;

/** Scope attributes over resource attributes, per (scope, resource) pair (decoded attributes are not mutated). */
const fallbacks = new WeakMap<Attributes, { resource: Attributes; merged: Attributes }>();

function hasKeys(attributes: Attributes): boolean {
  for (const _ in attributes) return true;
  return false;
}

/** One map answering "scope, else resource" (null values skipped), so a span lookup costs two reads, not three. */
function fallbackOf(scope: Attributes, resource: Attributes): Attributes {
  if (!hasKeys(scope)) return resource;
  const cached = fallbacks.get(scope);
  if (cached && cached.resource === resource) return cached.merged;
  const merged: Attributes = {};
  // "__proto__" is never a normalization key, and assigning it would set the prototype.
  for (const k in resource) if (k !== "__proto__" && resource[k] !== null) merged[k] = resource[k]!;
  for (const k in scope) if (k !== "__proto__" && scope[k] !== null) merged[k] = scope[k]!;
  fallbacks.set(scope, { resource, merged });
  return merged;
}

export class LayeredAttributes {
  private readonly fallback: Attributes;

  constructor(
    readonly span: Attributes,
    readonly scope: Attributes,
    readonly resource: Attributes,
  ) {
    this.fallback = fallbackOf(scope, resource);
  }

  /** The first non-empty value of `key`: span, then scope, then resource. */
  get(key: string): AnyValue | undefined {
    const own = this.span[key];
    if (own !== undefined && own !== null) return own;
    const inherited = this.fallback[key];
    return inherited === null ? undefined : inherited;
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

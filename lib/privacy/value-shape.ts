// Value and key shape checks: what a kept value may look like, and what counts as content.

import type { AnyValue, KvList } from "../otlp/types";
import type { KeptValue } from "./types";

/** User-metadata strings: identifier-shaped, no whitespace, so prose is rejected (2.2 item 3). */
const IDENTIFIER_VALUE_RE = /^[\p{L}\p{N}_.:/@#+=-]{1,128}$/u;
/** Attribute keys we are willing to write or report: same alphabet, longer. */
const KEY_SHAPE_RE = /^[\p{L}\p{N}_.:/@#+=-]{1,256}$/u;
const NEWLINE_RE = /[\n\r\u2028\u2029]/;
const NUMERIC_SEGMENT_RE = /(^|\.)\d+(?=\.|$)/g;
const HAS_DIGIT_RE = /\d/;

/** Strings longer than this are content by the value tripwire (2.3). */
export const MAX_SAFE_STRING = 256;
export const MAX_METADATA_ARRAY = 32;
export const MAX_SAFE_ARRAY = 32;
export const MAX_UNKNOWN_ARRAY = 16;

export function isKvList(value: AnyValue): value is KvList {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

export function isIdentifierValue(value: string): boolean {
  return IDENTIFIER_VALUE_RE.test(value);
}

export function isKeyShaped(key: string): boolean {
  // "__proto__" would set the prototype of a plain output object instead of a property
  return key !== "__proto__" && KEY_SHAPE_RE.test(key);
}

/** Value tripwire: a long or multi-line string, or a kvlist / JSON object / bytes anywhere inside. */
export function tripsContentWire(value: unknown): boolean {
  if (typeof value === "string") return value.length > MAX_SAFE_STRING || NEWLINE_RE.test(value);
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) {
    for (const item of value) if (tripsContentWire(item)) return true;
    return false;
  }
  return true;
}

function isShortSafeString(value: string): boolean {
  return value.length <= MAX_SAFE_STRING && !NEWLINE_RE.test(value);
}

/** Values of known-safe keys: scalars and arrays of scalars, strings bounded and single-line. */
export function safeValue(value: AnyValue): KeptValue | undefined {
  switch (typeof value) {
    case "string":
      return isShortSafeString(value) ? value : undefined;
    case "number":
      return Number.isFinite(value) ? value : undefined;
    case "boolean":
      return value;
  }
  if (!Array.isArray(value) || value.length > MAX_SAFE_ARRAY) return undefined;
  const out: (string | number | boolean)[] = [];
  for (const item of value) {
    if (typeof item === "string" ? !isShortSafeString(item) : !isFiniteOrBool(item)) return undefined;
    out.push(item as string | number | boolean);
  }
  return out;
}

/** Scalars only, strings identifier-shaped (e.g. ai.settings.*). */
export function scalarIdentifierValue(value: AnyValue): KeptValue | undefined {
  if (typeof value === "string") return isIdentifierValue(value) ? value : undefined;
  return isFiniteOrBool(value) ? (value as number | boolean) : undefined;
}

/** User metadata (2.2 item 3): booleans, finite numbers, identifier strings, arrays of ≤32 of those. */
export function metadataValue(value: unknown): KeptValue | undefined {
  if (typeof value === "string") return isIdentifierValue(value) ? value : undefined;
  if (isFiniteOrBool(value)) return value as number | boolean;
  if (!Array.isArray(value) || value.length > MAX_METADATA_ARRAY) return undefined;
  const out: (string | number | boolean)[] = [];
  for (const item of value) {
    if (typeof item === "string" ? !isIdentifierValue(item) : !isFiniteOrBool(item)) return undefined;
    out.push(item as string | number | boolean);
  }
  return out;
}

/** Unknown keys (2.2 item 4): finite numbers, booleans, arrays of ≤16 of those; never strings. */
export function unknownKeyValue(value: AnyValue): KeptValue | undefined {
  if (isFiniteOrBool(value)) return value as number | boolean;
  if (!Array.isArray(value) || value.length > MAX_UNKNOWN_ARRAY) return undefined;
  const out: (number | boolean)[] = [];
  for (const item of value) {
    if (!isFiniteOrBool(item)) return undefined;
    out.push(item as number | boolean);
  }
  return out;
}

function isFiniteOrBool(value: unknown): boolean {
  return typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
}

/** Dropped-key pattern: numeric segments collapsed to `*`; keys that are not identifier-shaped become `*`. */
export function dropPattern(key: string): string {
  if (!isKeyShaped(key)) return "*";
  return HAS_DIGIT_RE.test(key) ? key.replace(NUMERIC_SEGMENT_RE, "$1*") : key;
}

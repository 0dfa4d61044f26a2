import { MAX_ANY_VALUE_DEPTH, setAttribute } from "./span-rules";
import type { AnyValue, Attributes } from "./types";

// Scalar readers for OTLP/JSON (proto3 JSON with the OTLP deviations, semconv.md A2).

export type JsonObject = { readonly [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads a field by its lowerCamelCase or snake_case name. */
export function field(obj: JsonObject, camel: string, snake: string): unknown {
  const value = obj[camel];
  return value !== undefined ? value : obj[snake];
}

const HEX = /^[0-9a-fA-F]*$/;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * An id of `size` bytes as lowercase hex, given as hex (any case) or, leniently, base64.
 * Returns "" when absent or empty and null when malformed; all-zero ids are returned as is.
 */
export function readIdHex(value: unknown, size: 8 | 16): string | null {
  if (value === undefined || value === null || value === "") return "";
  if (typeof value !== "string") return null;
  if (value.length === size * 2) return HEX.test(value) ? value.toLowerCase() : null;
  if (value.length === Math.ceil(size / 3) * 4 && BASE64.test(value)) {
    const bytes = Buffer.from(value, "base64");
    return bytes.length === size ? bytes.toString("hex") : null;
  }
  return null;
}

const ZEROS = /^0*$/;

/** A required id (trace, span, link): null unless `size` bytes and not all zero. */
export function readId(value: unknown, size: 8 | 16): string | null {
  const hex = readIdHex(value, size);
  return hex === null || ZEROS.test(hex) ? null : hex;
}

const MAX_UINT64 = (BigInt(1) << BigInt(64)) - BigInt(1);
const DIGITS = /^\d+$/;

/** A fixed64 nanosecond time from a decimal string or a JSON number; null when invalid. */
export function readTime(value: unknown): bigint | null {
  if (value === undefined || value === null) return BigInt(0);
  let n: bigint;
  if (typeof value === "string") {
    if (!DIGITS.test(value)) return null;
    n = BigInt(value);
  } else if (typeof value === "number") {
    // Above 2^53 a JSON number has already lost precision; its double value is kept exactly.
    if (!Number.isInteger(value) || value < 0) return null;
    n = BigInt(value);
  } else {
    return null;
  }
  return n <= MAX_UINT64 ? n : null;
}

/** A uint32 (counts, flags) given as number or string; invalid values read as 0. */
export function readUint32(value: unknown): number {
  const n = typeof value === "string" && DIGITS.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : 0;
}

/** An enum given as an integer (number or string) or by name; unknown values read as -1. */
export function readEnum(value: unknown, names: readonly string[]): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === "number") return Number.isInteger(value) ? value : -1;
  if (typeof value !== "string") return -1;
  if (/^-?\d+$/.test(value)) return Number(value);
  return names.indexOf(value.toUpperCase());
}

export const SPAN_KIND_NAMES = [
  "SPAN_KIND_UNSPECIFIED",
  "SPAN_KIND_INTERNAL",
  "SPAN_KIND_SERVER",
  "SPAN_KIND_CLIENT",
  "SPAN_KIND_PRODUCER",
  "SPAN_KIND_CONSUMER",
] as const;

export const STATUS_CODE_NAMES = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"] as const;

export function readString(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** An attribute list (array of {key, value}); anything malformed inside reads as null. */
export function readAttributes(list: unknown, depth: number): Attributes {
  const attributes: Attributes = {};
  if (!Array.isArray(list)) return attributes;
  for (const kv of list) {
    if (!isObject(kv) || typeof kv.key !== "string") continue;
    setAttribute(attributes, kv.key, readAnyValue(kv.value, depth));
  }
  return attributes;
}

const INT = /^-?\d+$/;
const SPECIAL_DOUBLES: Readonly<Record<string, number>> = {
  NaN: NaN,
  Infinity: Infinity,
  "-Infinity": -Infinity,
};

/** An AnyValue; empty, unknown or malformed values read as null. */
export function readAnyValue(value: unknown, depth: number): AnyValue {
  if (!isObject(value)) return null;
  let v: unknown;
  if ((v = field(value, "stringValue", "string_value")) !== undefined) {
    return typeof v === "string" ? v : null;
  }
  if ((v = field(value, "intValue", "int_value")) !== undefined) {
    if (typeof v === "number") return Number.isInteger(v) ? v : null;
    return typeof v === "string" && INT.test(v) ? Number(v) : null;
  }
  if ((v = field(value, "boolValue", "bool_value")) !== undefined) {
    return typeof v === "boolean" ? v : null;
  }
  if ((v = field(value, "doubleValue", "double_value")) !== undefined) {
    if (typeof v === "number") return v;
    if (typeof v !== "string") return null;
    const special = SPECIAL_DOUBLES[v];
    if (special !== undefined) return special;
    const n = v.trim() === "" ? NaN : Number(v);
    return Number.isNaN(n) ? null : n;
  }
  if ((v = field(value, "arrayValue", "array_value")) !== undefined) {
    if (depth >= MAX_ANY_VALUE_DEPTH || !isObject(v)) return null;
    const values = v.values;
    if (!Array.isArray(values)) return [];
    const out = new Array<AnyValue>(values.length);
    for (let i = 0; i < values.length; i++) out[i] = readAnyValue(values[i], depth + 1);
    return out;
  }
  if ((v = field(value, "kvlistValue", "kvlist_value")) !== undefined) {
    if (depth >= MAX_ANY_VALUE_DEPTH || !isObject(v)) return null;
    return { kvlist: readAttributes(v.values, depth + 1) };
  }
  if ((v = field(value, "bytesValue", "bytes_value")) !== undefined) {
    return typeof v === "string" && BASE64.test(v) ? new Uint8Array(Buffer.from(v, "base64")) : null;
  }
  return null;
}

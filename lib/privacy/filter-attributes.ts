// The per-key decision shared by spans, resources and scopes: keep (possibly reshaped) or drop and count.

import type { AnyValue, Attributes } from "../otlp/types";
import type { DropCounter } from "./drop-counter";
import type { PrivacyOptions } from "./options";
import type { KeptAttributes, KeptValue } from "./types";
import {
  METADATA_BLOB_KEYS,
  METADATA_EXACT_KEYS,
  METADATA_PREFIXES,
  NUMERIC_BLOB_SUFFIXES,
  SAFE_RESOURCE_KEYS,
  SAFE_RESOURCE_PREFIXES,
  SAFE_SPAN_KEYS,
  SAFE_SPAN_PREFIXES,
  USER_ID_KEYS,
  type PrefixRule,
  type SafePrefix,
} from "./allowlist";
import { isContentKey } from "./denylist";
import { flattenBlob } from "./json-leaves";
import { pseudonymizeUserIdMemo } from "./pseudonymize";
import {
  dropPattern,
  isKeyShaped,
  metadataValue,
  safeValue,
  scalarIdentifierValue,
  tripsContentWire,
  unknownKeyValue,
} from "./value-shape";

/** Resources also accept the resource allowlist (service.*, telemetry.sdk.*, k8s.*.name, …). */
export type Surface = "span" | "resource";

const K8S_NAME_RE = /^k8s\.[a-z0-9_]+\.name$/;
const MAX_USER_ID_CHARS = 256;

/** Plain object: isKeyShaped rejects "__proto__", the one key that would not become a property. */
export function newKeptAttributes(): KeptAttributes {
  return {};
}

export function filterAttributes(
  attributes: Attributes,
  surface: Surface,
  opts: PrivacyOptions,
  out: KeptAttributes,
  drops: DropCounter,
): void {
  const classes = classCache(surface, opts);
  for (const key of Object.keys(attributes)) {
    filterAttribute(key, classOf(classes, key, surface, opts), attributes[key] ?? null, opts, out, drops);
  }
}

// What the allowlist says about a key depends only on the key, the surface and the tenant's
// metadata prefixes, and the same few dozen keys come back on every span: classify each key
// once per options object (the checks below are the original ones, in their original order).
const USER_ID = 0;
const SAFE = 1;
const SCALAR_ID = 2;
const METADATA_BLOB = 3;
const NUMERIC_BLOB = 4;
const METADATA = 5;
/** No rule: unknown-key values (numbers, booleans) are kept. */
const UNKNOWN = 6;
/** On the content denylist (and no rule before it applied): always dropped, a content hit. */
const CONTENT = 7;

interface KeyClass {
  readonly rule: number;
  /** isKeyShaped(key): may be written as a kept attribute. */
  readonly shaped: boolean;
  /** dropPattern(key): what a drop is counted under. */
  readonly pattern: string;
}

/** Classified keys per surface, per tenant-prefix list; bounded, since keys come from clients. */
const MAX_CLASSIFIED_KEYS = 8192;
const caches = new WeakMap<readonly string[], Map<string, KeyClass>[]>();

function classCache(surface: Surface, opts: PrivacyOptions): Map<string, KeyClass> {
  let pair = caches.get(opts.metadataPrefixes);
  if (!pair) caches.set(opts.metadataPrefixes, (pair = [new Map(), new Map()]));
  const cache = pair[surface === "span" ? 0 : 1]!;
  if (cache.size >= MAX_CLASSIFIED_KEYS) cache.clear();
  return cache;
}

function classOf(cache: Map<string, KeyClass>, key: string, surface: Surface, opts: PrivacyOptions): KeyClass {
  let c = cache.get(key);
  if (c === undefined) {
    c = { rule: classify(key, surface, opts), shaped: isKeyShaped(key), pattern: dropPattern(key) };
    cache.set(key, c);
  }
  return c;
}

function classify(key: string, surface: Surface, opts: PrivacyOptions): number {
  if (USER_ID_KEYS.has(key)) return USER_ID;
  const rule = safeRule(key, surface);
  if (rule !== undefined) return rule === "safe" ? SAFE : SCALAR_ID;
  if (METADATA_BLOB_KEYS.has(key)) return METADATA_BLOB;
  if (isNumericBlobKey(key)) return NUMERIC_BLOB;
  if (isBuiltInMetadataKey(key)) return METADATA;
  // the denylist runs before tenant prefixes so a broad prefix ("llm.") cannot re-admit content keys
  if (isContentKey(key)) return CONTENT;
  if (isTenantMetadataKey(key, opts)) return METADATA;
  return UNKNOWN;
}

function filterAttribute(
  key: string,
  c: KeyClass,
  value: AnyValue,
  opts: PrivacyOptions,
  out: KeptAttributes,
  drops: DropCounter,
): void {
  let kept: KeptValue | undefined;
  switch (c.rule) {
    case USER_ID:
      keepUserId(key, c, value, opts, out, drops);
      return;
    case METADATA_BLOB:
      flattenBlob(key, value, "metadata", out, drops);
      return;
    case NUMERIC_BLOB:
      flattenBlob(key, value, "numeric", out, drops);
      return;
    case CONTENT:
      drops.dropPattern(c.pattern, true);
      return;
    case SAFE:
      kept = safeValue(value);
      break;
    case SCALAR_ID:
      kept = scalarIdentifierValue(value);
      break;
    case METADATA:
      kept = metadataValue(value);
      break;
    default:
      kept = unknownKeyValue(value);
  }
  if (kept !== undefined && c.shaped) out[key] = kept;
  else drops.dropPattern(c.pattern, tripsContentWire(value));
}

function safeRule(key: string, surface: Surface): PrefixRule | undefined {
  if (SAFE_SPAN_KEYS.has(key)) return "safe";
  const isResource = surface === "resource";
  if (isResource && (SAFE_RESOURCE_KEYS.has(key) || K8S_NAME_RE.test(key))) return "safe";
  const dot = key.indexOf(".");
  if (dot <= 0) return undefined;
  const first = key.slice(0, dot);
  return (
    prefixRule(SAFE_SPAN_PREFIXES.get(first), key) ??
    (isResource ? prefixRule(SAFE_RESOURCE_PREFIXES.get(first), key) : undefined)
  );
}

function prefixRule(candidates: SafePrefix[] | undefined, key: string): PrefixRule | undefined {
  if (candidates === undefined) return undefined;
  for (const c of candidates) if (key.length > c.prefix.length && key.startsWith(c.prefix)) return c.rule;
  return undefined;
}

function isNumericBlobKey(key: string): boolean {
  for (const suffix of NUMERIC_BLOB_SUFFIXES) if (key.endsWith(suffix)) return true;
  return false;
}

function isBuiltInMetadataKey(key: string): boolean {
  if (METADATA_EXACT_KEYS.has(key)) return true;
  for (const prefix of METADATA_PREFIXES) if (key.length > prefix.length && key.startsWith(prefix)) return true;
  return false;
}

function isTenantMetadataKey(key: string, opts: PrivacyOptions): boolean {
  for (const prefix of opts.metadataPrefixes) {
    if (prefix.length > 0 && key.length > prefix.length && key.startsWith(prefix)) return true;
  }
  return false;
}

function keepUserId(
  key: string,
  c: KeyClass,
  value: AnyValue,
  opts: PrivacyOptions,
  out: KeptAttributes,
  drops: DropCounter,
): void {
  const raw =
    typeof value === "string" ? value : typeof value === "number" && Number.isFinite(value) ? String(value) : "";
  const usable = raw.length > 0 && raw.length <= MAX_USER_ID_CHARS;
  if (usable && opts.userIdKey !== undefined && opts.userIdKey.length > 0) {
    out[key] = pseudonymizeUserIdMemo(raw, opts.userIdKey, opts.pseudonyms);
  } else {
    drops.dropPattern(c.pattern, tripsContentWire(value));
  }
}

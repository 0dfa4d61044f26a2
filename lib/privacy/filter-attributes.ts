// The per-key decision shared by spans, resources and scopes: keep (possibly reshaped) or drop and count.

import type { AnyValue, Attributes } from "../otlp/types";
import type { DropCounter } from "./drop-counter";
import type { PrivacyOptions } from "./options";
import type { KeptAttributes } from "./types";
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
import { pseudonymizeUserId } from "./pseudonymize";
import {
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
  for (const key of Object.keys(attributes)) {
    filterAttribute(key, attributes[key] ?? null, surface, opts, out, drops);
  }
}

function filterAttribute(
  key: string,
  value: AnyValue,
  surface: Surface,
  opts: PrivacyOptions,
  out: KeptAttributes,
  drops: DropCounter,
): void {
  if (USER_ID_KEYS.has(key)) {
    keepUserId(key, value, opts, out, drops);
    return;
  }
  const rule = safeRule(key, surface);
  if (rule !== undefined) {
    const kept = rule === "safe" ? safeValue(value) : scalarIdentifierValue(value);
    if (kept !== undefined && isKeyShaped(key)) out[key] = kept;
    else drops.drop(key, tripsContentWire(value));
    return;
  }
  if (METADATA_BLOB_KEYS.has(key)) {
    flattenBlob(key, value, "metadata", out, drops);
    return;
  }
  if (isNumericBlobKey(key)) {
    flattenBlob(key, value, "numeric", out, drops);
    return;
  }
  if (isBuiltInMetadataKey(key)) {
    keepMetadata(key, value, out, drops);
    return;
  }
  const contentKey = isContentKey(key);
  // the denylist runs before tenant prefixes so a broad prefix ("llm.") cannot re-admit content keys
  if (!contentKey && isTenantMetadataKey(key, opts)) {
    keepMetadata(key, value, out, drops);
    return;
  }
  if (!contentKey) {
    const kept = unknownKeyValue(value);
    if (kept !== undefined && isKeyShaped(key)) {
      out[key] = kept;
      return;
    }
  }
  drops.drop(key, contentKey || tripsContentWire(value));
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

function keepMetadata(key: string, value: AnyValue, out: KeptAttributes, drops: DropCounter): void {
  const kept = metadataValue(value);
  if (kept !== undefined && isKeyShaped(key)) out[key] = kept;
  else drops.drop(key, tripsContentWire(value));
}

function keepUserId(
  key: string,
  value: AnyValue,
  opts: PrivacyOptions,
  out: KeptAttributes,
  drops: DropCounter,
): void {
  const raw =
    typeof value === "string" ? value : typeof value === "number" && Number.isFinite(value) ? String(value) : "";
  const usable = raw.length > 0 && raw.length <= MAX_USER_ID_CHARS;
  if (usable && opts.userIdKey !== undefined && opts.userIdKey.length > 0) {
    out[key] = pseudonymizeUserId(raw, opts.userIdKey);
  } else {
    drops.drop(key, tripsContentWire(value));
  }
}

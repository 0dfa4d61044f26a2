// Structured blobs (OpenInference `metadata`, Langfuse metadata, usage_details / cost_details):
// parsed in memory, flattened, and only leaves that pass the shape filter are kept as `<key>.<path>`.

import type { AnyValue } from "../otlp/types";
import type { DropCounter } from "./drop-counter";
import type { KeptAttributes, KeptValue } from "./types";
import { isContentKey } from "./denylist";
import { isKeyShaped, isKvList, metadataValue, tripsContentWire } from "./value-shape";

/** "metadata": identifier-shaped scalars; "numeric": finite numbers only (usage/cost). */
export type BlobMode = "metadata" | "numeric";

/** Blobs larger than this are not parsed: metadata that big is not identifier-shaped anyway. */
export const MAX_BLOB_CHARS = 32_768;
const MAX_DEPTH = 6;
const MAX_LEAVES = 64;

interface Walk {
  mode: BlobMode;
  out: KeptAttributes;
  drops: DropCounter;
  leaves: number;
  /** true: children are OTLP kvlists; false: parsed JSON objects. */
  kv: boolean;
}

export function flattenBlob(
  key: string,
  value: AnyValue,
  mode: BlobMode,
  out: KeptAttributes,
  drops: DropCounter,
): void {
  if (isKvList(value)) {
    walk({ mode, out, drops, leaves: 0, kv: true }, key, value.kvlist, 1);
    return;
  }
  const parsed = typeof value === "string" ? parseObject(value) : undefined;
  if (parsed === undefined) {
    drops.drop(key, isContentKey(key) || tripsContentWire(value));
    return;
  }
  walk({ mode, out, drops, leaves: 0, kv: false }, key, parsed, 1);
}

function parseObject(text: string): Record<string, unknown> | undefined {
  if (text.length > MAX_BLOB_CHARS) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isPlainObject(parsed) ? parsed : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function childrenOf(w: Walk, value: unknown): Record<string, unknown> | undefined {
  if (w.kv) return isKvList(value as AnyValue) ? (value as { kvlist: Record<string, unknown> }).kvlist : undefined;
  return isPlainObject(value) ? value : undefined;
}

function walk(w: Walk, path: string, node: Record<string, unknown>, depth: number): void {
  for (const name of Object.keys(node)) {
    const child = node[name];
    const childPath = `${path}.${name}`;
    const grandChildren = childrenOf(w, child);
    if (grandChildren !== undefined && depth < MAX_DEPTH) {
      walk(w, childPath, grandChildren, depth + 1);
      continue;
    }
    const kept = grandChildren === undefined ? leafValue(w.mode, child) : undefined;
    if (kept !== undefined && w.leaves < MAX_LEAVES && isKeyShaped(childPath)) {
      w.out[childPath] = kept;
      w.leaves++;
    } else {
      w.drops.drop(childPath, tripsContentWire(child));
    }
  }
}

function leafValue(mode: BlobMode, value: unknown): KeptValue | undefined {
  if (mode === "metadata") return metadataValue(value);
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

// Pulls token counts out of the two JSON blobs that carry them: Langfuse's
// `usage_details` and the AI SDK's `ai.response.providerMetadata`. Parsed in
// memory only; only numbers leave this file, never a string from the blob.
import type { AnyValue } from "@/lib/otlp/types";
import { isKvList, toCount } from "./attribute-reader";

/** Blobs larger than this are not usage records (providerMetadata can embed grounding text). */
const MAX_BLOB_LENGTH = 64 * 1024;

export interface UsageDetailCounts {
  input: number | null;
  output: number | null;
  total: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
}

export interface ProviderMetadataCounts {
  cacheRead: number | null;
  cacheWrite: number | null;
  reasoning: number | null;
}

/** A JSON object string or a kvlistValue as a plain object; anything else is null. */
function toObject(value: AnyValue | undefined): unknown {
  if (isKvList(value)) return value.kvlist;
  if (typeof value !== "string" || value.length > MAX_BLOB_LENGTH) return null;
  if (value.charCodeAt(0) !== 0x7b /* { */ && !value.trimStart().startsWith("{")) return null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
}

function child(container: unknown, key: string): unknown {
  if (typeof container !== "object" || container === null || Array.isArray(container)) {
    return undefined;
  }
  const value = (container as Record<string, unknown>)[key];
  return isKvList(value) ? value.kvlist : value;
}

export function parseUsageDetails(value: AnyValue | undefined): UsageDetailCounts | null {
  const details = toObject(value);
  if (details === null) return null;
  return {
    input: toCount(child(details, "input")),
    output: toCount(child(details, "output")),
    total: toCount(child(details, "total")),
    cacheRead:
      toCount(child(details, "cache_read_input_tokens")) ??
      toCount(child(details, "input_cached_tokens")),
    cacheWrite: toCount(child(details, "cache_creation_input_tokens")),
  };
}

export function parseProviderMetadata(value: AnyValue | undefined): ProviderMetadataCounts | null {
  const metadata = toObject(value);
  if (metadata === null) return null;
  const anthropic = child(metadata, "anthropic");
  const openai = child(metadata, "openai");
  return {
    cacheRead:
      toCount(child(anthropic, "cacheReadInputTokens")) ??
      toCount(child(openai, "cachedPromptTokens")),
    cacheWrite: toCount(child(anthropic, "cacheCreationInputTokens")),
    reasoning: toCount(child(openai, "reasoningTokens")),
  };
}

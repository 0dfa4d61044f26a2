// Token counts by the ordered source keys of semconv.md section 1, plus the
// derived figures of its cost rules 2 and 3 (uncached input, exclusive reasoning).
import type { LayeredAttributes } from "./attribute-reader";
import { parseProviderMetadata, parseUsageDetails } from "./usage-blobs";

export interface TokenUsage {
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  totalTokens: number | null;
  uncachedInputTokens: number | null;
  reasoningExclusive: boolean;
  /** Whether the span reported any usage figure at all (before computing totals). */
  reported: boolean;
}

const INPUT_KEYS = [
  "gen_ai.usage.input_tokens",
  "ai.usage.inputTokens",
  "ai.usage.promptTokens",
  "llm.token_count.prompt",
  "gen_ai.usage.prompt_tokens",
  "ai.usage.tokens",
] as const;

const OUTPUT_KEYS = [
  "gen_ai.usage.output_tokens",
  "ai.usage.outputTokens",
  "ai.usage.completionTokens",
  "llm.token_count.completion",
  "gen_ai.usage.completion_tokens",
] as const;

const CACHE_READ_KEYS = [
  "gen_ai.usage.cache_read.input_tokens",
  "ai.usage.inputTokenDetails.cacheReadTokens",
  "ai.usage.cachedInputTokens",
  "llm.token_count.prompt_details.cache_read",
  "gen_ai.usage.cache_read_input_tokens",
] as const;

const CACHE_WRITE_KEYS = [
  "gen_ai.usage.cache_write.input_tokens",
  "gen_ai.usage.cache_creation.input_tokens",
  "ai.usage.inputTokenDetails.cacheWriteTokens",
  "llm.token_count.prompt_details.cache_write",
  "gen_ai.usage.cache_creation_input_tokens",
] as const;

const REASONING_KEYS = [
  "gen_ai.usage.reasoning.output_tokens",
  "ai.usage.outputTokenDetails.reasoningTokens",
  "ai.usage.reasoningTokens",
  "llm.token_count.completion_details.reasoning",
  "gen_ai.usage.reasoning_tokens",
] as const;

const TOTAL_KEYS = [
  "llm.token_count.total",
  "ai.usage.totalTokens",
  "gen_ai.usage.total_tokens",
  "llm.usage.total_tokens",
] as const;

const NO_CACHE_KEY = "ai.usage.inputTokenDetails.noCacheTokens";
const USAGE_DETAILS_KEY = "langfuse.observation.usage_details";
const PROVIDER_METADATA_KEY = "ai.response.providerMetadata";

export function resolveTokenUsage(attrs: LayeredAttributes): TokenUsage {
  let input = attrs.firstCount(INPUT_KEYS);
  let output = attrs.firstCount(OUTPUT_KEYS);
  let cacheRead = attrs.firstCount(CACHE_READ_KEYS);
  let cacheWrite = attrs.firstCount(CACHE_WRITE_KEYS);
  let reasoning = attrs.firstCount(REASONING_KEYS);
  let total = attrs.firstCount(TOTAL_KEYS);

  // the JSON blobs are the last resort of each chain: parse only when a figure is still missing
  if (input === null || output === null || cacheRead === null || cacheWrite === null || total === null) {
    const raw = attrs.get(USAGE_DETAILS_KEY);
    const details = raw === undefined ? null : parseUsageDetails(raw);
    if (details !== null) {
      input ??= details.input;
      output ??= details.output;
      cacheRead ??= details.cacheRead;
      cacheWrite ??= details.cacheWrite;
      total ??= details.total;
    }
  }
  if (cacheRead === null || cacheWrite === null || reasoning === null) {
    const raw = attrs.get(PROVIDER_METADATA_KEY);
    const metadata = raw === undefined ? null : parseProviderMetadata(raw);
    if (metadata !== null) {
      cacheRead ??= metadata.cacheRead;
      cacheWrite ??= metadata.cacheWrite;
      reasoning ??= metadata.reasoning;
    }
  }

  const reported =
    input !== null ||
    output !== null ||
    cacheRead !== null ||
    cacheWrite !== null ||
    reasoning !== null ||
    total !== null;
  if (total === null && (input !== null || output !== null)) total = (input ?? 0) + (output ?? 0);

  return {
    inputTokens: input,
    outputTokens: output,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: reasoning,
    totalTokens: total,
    uncachedInputTokens: uncachedInput(attrs.count(NO_CACHE_KEY), input, cacheRead, cacheWrite),
    reasoningExclusive: reasoning !== null && reasoning > (output ?? 0),
    reported,
  };
}

/** Cost rule 2: the input tokens billed at the full input price. */
export function uncachedInput(
  noCache: number | null,
  input: number | null,
  cacheRead: number | null,
  cacheWrite: number | null,
): number | null {
  if (noCache !== null) return noCache;
  if (input === null) return null;
  const cached = (cacheRead ?? 0) + (cacheWrite ?? 0);
  // more cache than input means the source reported input without cache (exclusive)
  if (cached > input) return input;
  return input - cached;
}

// Prices are integers in micro-USD per million tokens (µUSD/Mtok): $2.50 per 1M tokens = 2_500_000.
// 1 µUSD/Mtok = 1 pico-USD per token, so tokens × price is an exact cost in pico-USD.

export interface ModelPrice {
  /** gen_ai.provider.name value: openai, anthropic, gcp.gemini, aws.bedrock, groq, … */
  provider: string;
  /** Canonical model id, e.g. "gpt-4o-mini", "claude-sonnet-4-5" (see canonicalModel). */
  model: string;
  input: number;
  output: number;
  /** null/absent: cache reads are billed at the input price. */
  cacheRead?: number | null;
  /** null/absent: cache writes are billed at the input price. */
  cacheWrite?: number | null;
  /** Only where reasoning is priced apart from output; null/absent: the output price. */
  reasoning?: number | null;
  /** ISO date or date-time; the row is in force from this instant. */
  effectiveFrom: string;
  /** ISO date or date-time; exclusive end, null/absent: open-ended. */
  effectiveTo?: string | null;
  /** Database row id, when the row comes from the prices table. */
  id?: number;
}

/** Token counts of one billable span, as normalized (semconv cost rules); null counts as 0. */
export interface CostUsage {
  uncachedInputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
  /** The source reported reasoning apart from output: bill it on top of output. */
  reasoningExclusive: boolean;
}

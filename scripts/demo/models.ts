import type { Rng } from "@/lib/prng";

/** The models the demo fleet calls, with enough behaviour to make plausible usage and latency. */
export type ModelId =
  | "gpt-4.1"
  | "gpt-4.1-mini"
  | "gpt-4o-mini"
  | "o4-mini"
  | "claude-sonnet-4-5"
  | "claude-haiku-4-5"
  | "gemini-2.5-flash"
  | "mistral-large-latest"
  | "acme-internal-llm";

export type CacheBehaviour = "anthropic-explicit" | "openai-auto" | "gemini-implicit" | "none";

export interface ModelSpec {
  id: ModelId;
  /** `gen_ai.provider.name` value; `acme` is deliberately not in any price table. */
  provider: string;
  /** What the provider reports back (dated snapshots, as the real APIs do). */
  responseModel: string;
  serverAddress: string;
  medianFirstTokenMs: number;
  tokensPerSecond: number;
  cache: CacheBehaviour;
  reasoning: boolean;
  finishReasons: { stop: string; tool: string; length: string };
  responseIdPrefix: string;
}

const OPENAI_FINISH = { stop: "stop", tool: "tool_calls", length: "length" };
const ANTHROPIC_FINISH = { stop: "end_turn", tool: "tool_use", length: "max_tokens" };

export const MODELS: Record<ModelId, ModelSpec> = {
  "gpt-4.1": { id: "gpt-4.1", provider: "openai", responseModel: "gpt-4.1-2025-04-14", serverAddress: "api.openai.com", medianFirstTokenMs: 650, tokensPerSecond: 75, cache: "openai-auto", reasoning: false, finishReasons: OPENAI_FINISH, responseIdPrefix: "chatcmpl-" },
  "gpt-4.1-mini": { id: "gpt-4.1-mini", provider: "openai", responseModel: "gpt-4.1-mini-2025-04-14", serverAddress: "api.openai.com", medianFirstTokenMs: 380, tokensPerSecond: 110, cache: "openai-auto", reasoning: false, finishReasons: OPENAI_FINISH, responseIdPrefix: "chatcmpl-" },
  "gpt-4o-mini": { id: "gpt-4o-mini", provider: "openai", responseModel: "gpt-4o-mini-2024-07-18", serverAddress: "api.openai.com", medianFirstTokenMs: 320, tokensPerSecond: 120, cache: "openai-auto", reasoning: false, finishReasons: OPENAI_FINISH, responseIdPrefix: "chatcmpl-" },
  "o4-mini": { id: "o4-mini", provider: "openai", responseModel: "o4-mini-2025-04-16", serverAddress: "api.openai.com", medianFirstTokenMs: 1400, tokensPerSecond: 150, cache: "openai-auto", reasoning: true, finishReasons: OPENAI_FINISH, responseIdPrefix: "chatcmpl-" },
  "claude-sonnet-4-5": { id: "claude-sonnet-4-5", provider: "anthropic", responseModel: "claude-sonnet-4-5-20250929", serverAddress: "api.anthropic.com", medianFirstTokenMs: 900, tokensPerSecond: 70, cache: "anthropic-explicit", reasoning: false, finishReasons: ANTHROPIC_FINISH, responseIdPrefix: "msg_01" },
  "claude-haiku-4-5": { id: "claude-haiku-4-5", provider: "anthropic", responseModel: "claude-haiku-4-5-20251001", serverAddress: "api.anthropic.com", medianFirstTokenMs: 420, tokensPerSecond: 160, cache: "anthropic-explicit", reasoning: false, finishReasons: ANTHROPIC_FINISH, responseIdPrefix: "msg_01" },
  "gemini-2.5-flash": { id: "gemini-2.5-flash", provider: "gcp.gemini", responseModel: "gemini-2.5-flash", serverAddress: "generativelanguage.googleapis.com", medianFirstTokenMs: 480, tokensPerSecond: 210, cache: "gemini-implicit", reasoning: false, finishReasons: { stop: "STOP", tool: "STOP", length: "MAX_TOKENS" }, responseIdPrefix: "" },
  "mistral-large-latest": { id: "mistral-large-latest", provider: "mistral_ai", responseModel: "mistral-large-latest", serverAddress: "api.mistral.ai", medianFirstTokenMs: 520, tokensPerSecond: 60, cache: "none", reasoning: false, finishReasons: OPENAI_FINISH, responseIdPrefix: "" },
  "acme-internal-llm": { id: "acme-internal-llm", provider: "acme", responseModel: "acme-internal-llm", serverAddress: "llm.acme.internal", medianFirstTokenMs: 300, tokensPerSecond: 90, cache: "none", reasoning: false, finishReasons: OPENAI_FINISH, responseIdPrefix: "" },
};

export const EMBEDDING_MODEL = { id: "text-embedding-3-small", provider: "openai", serverAddress: "api.openai.com", dimensions: 1536 } as const;

/** Token counts of one successful call; `input` includes cache reads and writes (semconv). */
export interface Usage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  reasoning: number;
}

export const NO_USAGE: Usage = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    input: a.input + b.input,
    output: a.output + b.output,
    cacheRead: a.cacheRead + b.cacheRead,
    cacheWrite: a.cacheWrite + b.cacheWrite,
    reasoning: a.reasoning + b.reasoning,
  };
}

export interface UsageRequest {
  /** Whole prompt size, cached part included. */
  contextTokens: number;
  /** Visible answer size (reasoning is added on top for reasoning models). */
  answerTokens: number;
  /** Stable prefix (system prompt + tool definitions) that prompt caching can reuse. */
  cachedPrefixTokens: number;
  /** Whether the provider cache still holds the prefix (5-minute TTL). */
  cacheWarm: boolean;
}

export function sampleUsage(rng: Rng, model: ModelSpec, request: UsageRequest): Usage {
  const input = Math.max(16, Math.round(request.contextTokens));
  const prefix = Math.min(input, Math.round(request.cachedPrefixTokens));
  let cacheRead = 0;
  let cacheWrite = 0;
  if (model.cache === "anthropic-explicit" && prefix >= 1024) {
    if (request.cacheWarm) cacheRead = prefix;
    else cacheWrite = prefix;
  } else if (model.cache === "openai-auto" && input >= 1024 && rng.chance(0.65)) {
    // OpenAI caches in 128-token steps once the prompt passes 1024 tokens.
    cacheRead = Math.max(1024, Math.floor((prefix * rng.range(0.6, 1)) / 128) * 128);
    cacheRead = Math.min(cacheRead, Math.floor(input / 128) * 128);
  } else if (model.cache === "gemini-implicit" && input >= 2048 && rng.chance(0.3)) {
    cacheRead = Math.floor(prefix * rng.range(0.5, 0.9));
  }
  const reasoning = model.reasoning ? Math.round(request.answerTokens * rng.range(1.5, 6)) : 0;
  const output = Math.max(1, Math.round(request.answerTokens)) + reasoning;
  return { input, output, cacheRead, cacheWrite, reasoning };
}

/** Time to first token plus generation time, with a heavy tail for p99. */
export function sampleCallDurationMs(rng: Rng, model: ModelSpec, usage: Usage): number {
  const firstToken = rng.logNormal(model.medianFirstTokenMs * (1 + usage.input / 200_000), 0.35);
  const generation = (usage.output / (model.tokensPerSecond * rng.range(0.8, 1.2))) * 1000;
  const tail = rng.chance(0.02) ? rng.range(2, 4) : 1;
  return Math.round((firstToken + generation) * tail);
}

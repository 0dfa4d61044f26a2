import type { ModelPrice } from "./types";
import { HOSTED_OPEN_MODEL_PRICES } from "./builtin-prices-hosts";
import { priceRow, type PriceExtras } from "./price-row";

// Public list prices as known in 2025-11 (standard tier, pay as you go, USD per 1M tokens).
// Not modelled: batch/flex/priority tiers, long-context surcharges (Gemini 2.5 Pro and
// Claude Sonnet 4/4.5 above 200k input tokens), Anthropic 1-hour cache writes (2× input),
// regional endpoint surcharges. Edit them in the UI when the bill says otherwise.

const openai = (model: string, input: number, output: number, from: string, cacheRead?: number) =>
  priceRow("openai", model, input, output, from, cacheRead === undefined ? {} : { cacheRead });

// Anthropic prompt caching: 5-minute cache writes cost 1.25× input, cache reads 0.1× input.
const anthropic = (model: string, input: number, output: number, from: string) =>
  priceRow("anthropic", model, input, output, from, { cacheWrite: input * 1.25, cacheRead: input / 10 });

// Gemini bills cache creation as ordinary input (plus hourly storage, not per token).
const gemini = (model: string, input: number, output: number, from: string, extra: PriceExtras = {}) =>
  priceRow("gcp.gemini", model, input, output, from, extra);

const mistral = (model: string, input: number, output: number, from: string) =>
  priceRow("mistral_ai", model, input, output, from);

const deepseek = (model: string, input: number, output: number, cacheRead: number, from: string) =>
  priceRow("deepseek", model, input, output, from, { cacheRead });

const xai = (model: string, input: number, output: number, cacheRead: number, from: string) =>
  priceRow("x_ai", model, input, output, from, { cacheRead });

const cohere = (model: string, input: number, output: number, from: string) =>
  priceRow("cohere", model, input, output, from);

export const BUILTIN_PRICES_AS_OF = "2025-11";

export const BUILTIN_PRICES: readonly ModelPrice[] = [
  // OpenAI. Reasoning tokens are billed as output tokens; cache writes cost nothing extra.
  openai("gpt-5.1", 1.25, 10, "2025-11-13", 0.125),
  openai("gpt-5", 1.25, 10, "2025-08-07", 0.125),
  openai("gpt-5-chat", 1.25, 10, "2025-08-07", 0.125),
  openai("gpt-5-codex", 1.25, 10, "2025-09-15", 0.125),
  openai("gpt-5-mini", 0.25, 2, "2025-08-07", 0.025),
  openai("gpt-5-nano", 0.05, 0.4, "2025-08-07", 0.005),
  openai("gpt-5-pro", 15, 120, "2025-10-06"),
  openai("gpt-4.1", 2, 8, "2025-04-14", 0.5),
  openai("gpt-4.1-mini", 0.4, 1.6, "2025-04-14", 0.1),
  openai("gpt-4.1-nano", 0.1, 0.4, "2025-04-14", 0.025),
  // gpt-4o: launch price, then the 2024-08-06 snapshot's cut; the first snapshot kept its price.
  openai("gpt-4o", 5, 15, "2024-05-13"),
  openai("gpt-4o", 2.5, 10, "2024-08-06", 1.25),
  openai("gpt-4o-2024-05-13", 5, 15, "2024-05-13"),
  openai("chatgpt-4o", 5, 15, "2024-08-13"),
  openai("gpt-4o-mini", 0.15, 0.6, "2024-07-18", 0.075),
  openai("gpt-4-turbo", 10, 30, "2024-01-01"),
  openai("gpt-4", 30, 60, "2024-01-01"),
  openai("gpt-3.5-turbo", 0.5, 1.5, "2024-01-01"),
  openai("o1", 15, 60, "2024-09-12", 7.5),
  openai("o1-mini", 3, 12, "2024-09-12"),
  openai("o1-mini", 1.1, 4.4, "2025-01-31", 0.55),
  openai("o1-pro", 150, 600, "2025-03-19"),
  openai("o3", 10, 40, "2025-04-16", 2.5),
  openai("o3", 2, 8, "2025-06-10", 0.5),
  openai("o3-pro", 20, 80, "2025-06-10"),
  openai("o3-mini", 1.1, 4.4, "2025-01-31", 0.55),
  openai("o4-mini", 1.1, 4.4, "2025-04-16", 0.275),
  openai("text-embedding-3-small", 0.02, 0, "2024-01-01"),
  openai("text-embedding-3-large", 0.13, 0, "2024-01-01"),
  openai("text-embedding-ada-002", 0.1, 0, "2024-01-01"),

  // Anthropic
  anthropic("claude-opus-4-5", 5, 25, "2025-11-24"),
  anthropic("claude-opus-4-1", 15, 75, "2025-08-05"),
  anthropic("claude-opus-4", 15, 75, "2025-05-22"),
  anthropic("claude-sonnet-4-5", 3, 15, "2025-09-29"),
  anthropic("claude-sonnet-4", 3, 15, "2025-05-22"),
  anthropic("claude-haiku-4-5", 1, 5, "2025-10-15"),
  anthropic("claude-3-7-sonnet", 3, 15, "2025-02-24"),
  anthropic("claude-3-5-sonnet", 3, 15, "2024-06-20"),
  anthropic("claude-3-5-haiku", 0.8, 4, "2024-11-04"),
  anthropic("claude-3-opus", 15, 75, "2024-03-04"),
  anthropic("claude-3-haiku", 0.25, 1.25, "2024-03-13"),

  // Google Gemini API (Vertex AI list prices are the same for these models). Prompts ≤ 200k tokens.
  gemini("gemini-3-pro", 2, 12, "2025-11-18", { cacheRead: 0.2 }),
  gemini("gemini-2.5-pro", 1.25, 10, "2025-03-25", { cacheRead: 0.31 }),
  gemini("gemini-2.5-flash", 0.3, 2.5, "2025-06-17", { cacheRead: 0.075 }),
  // The 2.5 Flash previews priced thinking output apart from plain output.
  gemini("gemini-2.5-flash-preview-04-17", 0.15, 0.6, "2025-04-17", { cacheRead: 0.0375, reasoning: 3.5 }),
  gemini("gemini-2.5-flash-preview-05-20", 0.15, 0.6, "2025-05-20", { cacheRead: 0.0375, reasoning: 3.5 }),
  gemini("gemini-2.5-flash-lite", 0.1, 0.4, "2025-06-17", { cacheRead: 0.025 }),
  gemini("gemini-2.0-flash", 0.1, 0.4, "2025-02-05", { cacheRead: 0.025 }),
  gemini("gemini-2.0-flash-lite", 0.075, 0.3, "2025-02-25"),
  gemini("gemini-embedding-001", 0.15, 0, "2025-07-14"),

  // Mistral
  mistral("mistral-large", 2, 6, "2024-09-17"),
  mistral("mistral-medium", 0.4, 2, "2025-05-07"),
  mistral("mistral-small", 0.2, 0.6, "2024-09-17"),
  mistral("mistral-small", 0.1, 0.3, "2025-03-17"),
  mistral("codestral", 0.3, 0.9, "2025-01-13"),
  mistral("ministral-8b", 0.1, 0.1, "2024-10-16"),
  mistral("ministral-3b", 0.04, 0.04, "2024-10-16"),
  mistral("magistral-medium", 2, 5, "2025-06-10"),
  mistral("magistral-small", 0.5, 1.5, "2025-06-10"),
  mistral("pixtral-large", 2, 6, "2024-11-18"),
  mistral("open-mistral-nemo", 0.15, 0.15, "2024-07-18"),
  mistral("mistral-embed", 0.1, 0, "2024-01-01"),

  // DeepSeek: cacheRead is the cache-hit input price; V3.1 and V3.2-Exp repriced both models.
  deepseek("deepseek-chat", 0.14, 0.28, 0.014, "2024-01-01"),
  deepseek("deepseek-chat", 0.27, 1.1, 0.07, "2025-02-09"),
  deepseek("deepseek-chat", 0.56, 1.68, 0.07, "2025-09-05"),
  deepseek("deepseek-chat", 0.28, 0.42, 0.028, "2025-09-29"),
  deepseek("deepseek-reasoner", 0.55, 2.19, 0.14, "2025-01-20"),
  deepseek("deepseek-reasoner", 0.56, 1.68, 0.07, "2025-09-05"),
  deepseek("deepseek-reasoner", 0.28, 0.42, 0.028, "2025-09-29"),

  // xAI
  xai("grok-4", 3, 15, 0.75, "2025-07-09"),
  xai("grok-4-fast-reasoning", 0.2, 0.5, 0.05, "2025-09-19"),
  xai("grok-4-fast-non-reasoning", 0.2, 0.5, 0.05, "2025-09-19"),
  xai("grok-code-fast-1", 0.2, 1.5, 0.02, "2025-08-28"),
  xai("grok-3", 3, 15, 0.75, "2025-04-09"),
  xai("grok-3-mini", 0.3, 0.5, 0.075, "2025-04-09"),

  // Cohere
  cohere("command-a", 2.5, 10, "2025-03-13"),
  cohere("command-r-plus", 3, 15, "2024-04-04"),
  cohere("command-r-plus", 2.5, 10, "2024-08-30"),
  cohere("command-r", 0.5, 1.5, "2024-03-11"),
  cohere("command-r", 0.15, 0.6, "2024-08-30"),
  cohere("command-r7b", 0.0375, 0.15, "2024-12-13"),
  cohere("embed-v4.0", 0.12, 0, "2025-04-15"),
  cohere("embed-english-v3.0", 0.1, 0, "2024-01-01"),
  cohere("embed-multilingual-v3.0", 0.1, 0, "2024-01-01"),
  // Rerank is billed per search ($2 per 1,000 searches, up to 100 documents each), not per token.
  // Approximation: one search ≈ 1,000 query + document tokens, so $2 per 1M input tokens.
  // A rerank span that reports no token counts computes to 0: treat it as unpriced upstream.
  cohere("rerank-v3.5", 2, 0, "2024-12-02"),
  cohere("rerank-english-v3.0", 2, 0, "2024-01-01"),
  cohere("rerank-multilingual-v3.0", 2, 0, "2024-01-01"),

  ...HOSTED_OPEN_MODEL_PRICES,
];

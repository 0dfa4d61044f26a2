import type { ModelPrice } from "./types";
import { priceRow } from "./price-row";

// Open-weight models and Amazon's own models on inference hosts, list prices as known in 2025-11
// (USD per 1M tokens, on-demand; Bedrock: us-east-1). Llama ids are canonicalModel's
// llama-<major>.<minor>-<size>b / llama-4-<variant> form, whatever spelling the host uses.

const groq = (model: string, input: number, output: number, from: string) =>
  priceRow("groq", model, input, output, from);

const together = (model: string, input: number, output: number, from: string) =>
  priceRow("together", model, input, output, from);

const fireworks = (model: string, input: number, output: number, from: string) =>
  priceRow("fireworks", model, input, output, from);

const bedrock = (model: string, input: number, output: number, from: string, cacheRead?: number) =>
  priceRow("aws.bedrock", model, input, output, from, cacheRead === undefined ? {} : { cacheRead });

const LLAMA_3_1 = "2024-07-23";
const LLAMA_3_3 = "2024-12-06";
const LLAMA_4 = "2025-04-05";

export const HOSTED_OPEN_MODEL_PRICES: readonly ModelPrice[] = [
  // Amazon Nova (Bedrock only); cacheRead is the cached-input price.
  bedrock("nova-premier", 2.5, 12.5, "2025-04-30", 0.625),
  bedrock("nova-pro", 0.8, 3.2, "2024-12-03", 0.2),
  bedrock("nova-lite", 0.06, 0.24, "2024-12-03", 0.015),
  bedrock("nova-micro", 0.035, 0.14, "2024-12-03", 0.00875),

  // Meta Llama on Bedrock
  bedrock("llama-4-maverick", 0.24, 0.97, LLAMA_4),
  bedrock("llama-4-scout", 0.17, 0.66, LLAMA_4),
  bedrock("llama-3.3-70b", 0.72, 0.72, LLAMA_3_3),
  bedrock("llama-3.1-405b", 2.4, 2.4, LLAMA_3_1),
  bedrock("llama-3.1-70b", 0.72, 0.72, LLAMA_3_1),
  bedrock("llama-3.1-8b", 0.22, 0.22, LLAMA_3_1),

  // Groq
  groq("llama-4-maverick", 0.2, 0.6, LLAMA_4),
  groq("llama-4-scout", 0.11, 0.34, LLAMA_4),
  groq("llama-3.3-70b", 0.59, 0.79, LLAMA_3_3),
  groq("llama-3.1-8b", 0.05, 0.08, LLAMA_3_1),

  // Together AI (Turbo endpoints)
  together("llama-4-maverick", 0.27, 0.85, LLAMA_4),
  together("llama-4-scout", 0.18, 0.59, LLAMA_4),
  together("llama-3.3-70b", 0.88, 0.88, LLAMA_3_3),
  together("llama-3.1-405b", 3.5, 3.5, LLAMA_3_1),
  together("llama-3.1-70b", 0.88, 0.88, LLAMA_3_1),
  together("llama-3.1-8b", 0.18, 0.18, LLAMA_3_1),

  // Fireworks (serverless)
  fireworks("llama-4-maverick", 0.22, 0.88, LLAMA_4),
  fireworks("llama-4-scout", 0.15, 0.6, LLAMA_4),
  fireworks("llama-3.3-70b", 0.9, 0.9, LLAMA_3_3),
  fireworks("llama-3.1-405b", 3, 3, LLAMA_3_1),
  fireworks("llama-3.1-70b", 0.9, 0.9, LLAMA_3_1),
  fireworks("llama-3.1-8b", 0.2, 0.2, LLAMA_3_1),
];

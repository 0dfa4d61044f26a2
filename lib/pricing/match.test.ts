import { describe, expect, it } from "vitest";
import { BUILTIN_PRICES } from "./builtin-prices";
import { createPriceIndex, findPrice } from "./match";
import type { ModelPrice } from "./types";

const NOW = new Date("2026-11-23T00:00:00Z");
const index = createPriceIndex(BUILTIN_PRICES);
const match = (provider: string | null, model: string, at: Date = NOW) => {
  const p = index.find(provider, model, at);
  return p && `${p.provider}/${p.model}`;
};

const row = (provider: string, model: string, input: number, effectiveFrom: string, extra: Partial<ModelPrice> = {}) => ({
  provider,
  model,
  input,
  output: input * 4,
  effectiveFrom,
  ...extra,
});

describe("findPrice: id forms", () => {
  it.each<[string | null, string, string]>([
    ["openai", "gpt-4o", "openai/gpt-4o"],
    ["openai", "openai/gpt-4o", "openai/gpt-4o"],
    ["openai", "GPT-4O-MINI", "openai/gpt-4o-mini"],
    ["openai", "gpt-4o-2024-08-06", "openai/gpt-4o"],
    ["openai", "gpt-4o-2024-05-13", "openai/gpt-4o-2024-05-13"],
    ["openai", "gpt-4o-mini-2024-07-18", "openai/gpt-4o-mini"],
    ["openai", "gpt-4.1-mini-2025-04-14", "openai/gpt-4.1-mini"],
    ["openai", "o3-mini-2025-01-31", "openai/o3-mini"],
    ["anthropic", "anthropic/claude-sonnet-4-5", "anthropic/claude-sonnet-4-5"],
    ["anthropic", "claude-3-5-sonnet-20241022", "anthropic/claude-3-5-sonnet"],
    ["anthropic", "claude-sonnet-4-5-20250929", "anthropic/claude-sonnet-4-5"],
    ["anthropic", "claude-3-5-haiku-latest", "anthropic/claude-3-5-haiku"],
    ["anthropic", "claude-3.7-sonnet", "anthropic/claude-3-7-sonnet"],
    ["anthropic", "claude-4-sonnet-20250514", "anthropic/claude-sonnet-4"],
    ["gcp.gemini", "models/gemini-2.5-flash", "gcp.gemini/gemini-2.5-flash"],
    ["gcp.vertex_ai", "publishers/google/models/gemini-2.5-pro", "gcp.gemini/gemini-2.5-pro"],
    ["gcp.gemini", "gemini-2.0-flash-001", "gcp.gemini/gemini-2.0-flash"],
    ["gcp.gemini", "gemini-2.5-pro-preview-06-05", "gcp.gemini/gemini-2.5-pro"],
    ["gcp.gemini", "gemini-2.5-flash-preview-05-20", "gcp.gemini/gemini-2.5-flash-preview-05-20"],
    ["gcp.gemini", "gemini-2.5-flash-lite-preview-06-17", "gcp.gemini/gemini-2.5-flash-lite"],
    [
      "gcp.vertex_ai",
      "projects/acme/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929",
      "anthropic/claude-sonnet-4-5",
    ],
    ["gcp.vertex_ai", "claude-3-5-sonnet-v2@20241022", "anthropic/claude-3-5-sonnet"],
    ["aws.bedrock", "anthropic.claude-3-5-sonnet-20241022-v2:0", "anthropic/claude-3-5-sonnet"],
    ["aws.bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic/claude-sonnet-4-5"],
    ["aws.bedrock", "eu.anthropic.claude-3-7-sonnet-20250219-v1:0", "anthropic/claude-3-7-sonnet"],
    ["aws.bedrock", "apac.anthropic.claude-sonnet-4-20250514-v1:0", "anthropic/claude-sonnet-4"],
    ["aws.bedrock", "global.anthropic.claude-haiku-4-5-20251001-v1:0", "anthropic/claude-haiku-4-5"],
    ["aws.bedrock", "amazon.nova-pro-v1:0", "aws.bedrock/nova-pro"],
    ["aws.bedrock", "us.amazon.nova-micro-v1:0", "aws.bedrock/nova-micro"],
    ["aws.bedrock", "meta.llama3-1-70b-instruct-v1:0", "aws.bedrock/llama-3.1-70b"],
    ["aws.bedrock", "us.meta.llama4-maverick-17b-instruct-v1:0", "aws.bedrock/llama-4-maverick"],
    ["aws.bedrock", "mistral.mistral-large-2407-v1:0", "mistral_ai/mistral-large"],
    ["aws.bedrock", "cohere.rerank-v3-5:0", "cohere/rerank-v3.5"],
    ["azure.ai.openai", "gpt-4o-mini", "openai/gpt-4o-mini"],
    ["azure.ai.openai", "gpt-35-turbo-0125", "openai/gpt-3.5-turbo"],
    ["groq", "llama-3.3-70b-versatile", "groq/llama-3.3-70b"],
    ["groq", "meta-llama/llama-4-scout-17b-16e-instruct", "groq/llama-4-scout"],
    ["together", "meta-llama/Llama-3.3-70B-Instruct-Turbo", "together/llama-3.3-70b"],
    ["together", "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", "together/llama-3.1-8b"],
    ["fireworks", "accounts/fireworks/models/llama-v3p1-405b-instruct", "fireworks/llama-3.1-405b"],
    ["fireworks", "accounts/fireworks/models/llama4-maverick-instruct-basic", "fireworks/llama-4-maverick"],
    ["mistral_ai", "mistral-large-latest", "mistral_ai/mistral-large"],
    ["mistral_ai", "codestral-2501", "mistral_ai/codestral"],
    ["deepseek", "deepseek-reasoner", "deepseek/deepseek-reasoner"],
    ["x_ai", "grok-4-0709", "x_ai/grok-4"],
    ["x_ai", "grok-3-mini-beta", "x_ai/grok-3-mini"],
    ["cohere", "command-r-plus-08-2024", "cohere/command-r-plus"],
    ["cohere", "command-a-03-2025", "cohere/command-a"],
    ["openai", "text-embedding-3-large", "openai/text-embedding-3-large"],
    ["openai", "gpt-4-1106-preview", "openai/gpt-4-turbo"],
  ])("%s %s → %s", (provider, model, expected) => {
    expect(match(provider, model)).toBe(expected);
  });
});

describe("findPrice: no false prefix matches", () => {
  it("never lets a longer model name fall back to a shorter one", () => {
    const table = [row("openai", "gpt-4o", 1, "2024-01-01"), row("openai", "gpt-4.1", 2, "2024-01-01"), row("openai", "o3", 3, "2024-01-01")];
    for (const model of ["gpt-4o-mini", "gpt-4o-mini-2024-07-18", "gpt-4.1-mini", "gpt-4.1-nano", "o3-mini", "o3-pro", "gpt-4o-realtime-preview"]) {
      expect(findPrice(table, "openai", model, NOW)).toBeNull();
    }
    const sonnet4 = [row("anthropic", "claude-sonnet-4", 3, "2024-01-01")];
    expect(findPrice(sonnet4, "anthropic", "claude-sonnet-4-5", NOW)).toBeNull();
  });

  it("keeps mini/nano variants apart in the built-in table", () => {
    expect(index.find("openai", "gpt-4o-mini", NOW)?.input).toBe(150_000);
    expect(index.find("openai", "gpt-4o", NOW)?.input).toBe(2_500_000);
    expect(match("openai", "gpt-4.1-mini")).toBe("openai/gpt-4.1-mini");
    expect(match("openai", "gpt-5-nano-2025-08-07")).toBe("openai/gpt-5-nano");
  });
});

describe("findPrice: effective dates", () => {
  const table = [
    row("openai", "m", 5, "2024-05-13"),
    row("openai", "m", 2, "2024-08-06"),
    row("openai", "promo", 9, "2024-01-01"),
    row("openai", "promo", 1, "2024-06-01", { effectiveTo: "2024-07-01" }),
  ];
  const at = (iso: string) => findPrice(table, "openai", "m", new Date(iso))?.input ?? null;

  it("returns null before any row", () => {
    expect(at("2024-05-12T23:59:59Z")).toBeNull();
  });

  it("picks the latest row that started at or before the instant", () => {
    expect(at("2024-05-13T00:00:00Z")).toBe(5);
    expect(at("2024-07-01T00:00:00Z")).toBe(5);
    expect(at("2024-08-05T23:59:59.999Z")).toBe(5);
    expect(at("2024-08-06T00:00:00Z")).toBe(2);
    expect(findPrice(table, "openai", "m", Date.parse("2030-01-01"))?.input).toBe(2);
  });

  it("treats effectiveTo as an exclusive end", () => {
    const promo = (iso: string) => findPrice(table, "openai", "promo", new Date(iso))?.input;
    expect(promo("2024-05-31T00:00:00Z")).toBe(9);
    expect(promo("2024-06-15T00:00:00Z")).toBe(1);
    expect(promo("2024-07-01T00:00:00Z")).toBe(9);
  });

  it("applies built-in price changes on their dates", () => {
    expect(index.find("openai", "gpt-4o", new Date("2024-07-01"))?.input).toBe(5_000_000);
    expect(index.find("openai", "gpt-4o-2024-08-06", new Date("2024-09-01"))?.input).toBe(2_500_000);
    expect(index.find("openai", "o3", new Date("2025-05-01"))?.input).toBe(10_000_000);
    expect(index.find("openai", "o3", new Date("2025-07-01"))?.input).toBe(2_000_000);
    expect(index.find("openai", "gpt-4.1", new Date("2025-01-01"))).toBeNull();
  });

  it("lets a later row with the same start override an earlier one", () => {
    const edited = [...table, row("openai", "m", 7, "2024-08-06", { id: 42 })];
    expect(findPrice(edited, "openai", "m", NOW)).toMatchObject({ input: 7, id: 42 });
  });

  it("returns null for an invalid instant", () => {
    expect(findPrice(table, "openai", "m", new Date(Number.NaN))).toBeNull();
  });
});

describe("findPrice: providers", () => {
  const table = [
    row("anthropic", "claude-sonnet-4-5", 3, "2024-01-01"),
    row("aws.bedrock", "claude-3-5-sonnet", 4, "2024-01-01"),
    row("anthropic", "claude-3-5-sonnet", 3, "2024-01-01"),
    row("groq", "llama-3.3-70b", 1, "2024-01-01"),
    row("together", "llama-3.3-70b", 2, "2024-01-01"),
    row("acme", "house-model", 6, "2024-01-01"),
    row("aws.bedrock", "claude-haiku-4-5", 8, "2026-01-01"),
    row("anthropic", "claude-haiku-4-5", 1, "2024-01-01"),
  ];
  const find = (provider: string | null, model: string, at = NOW) => {
    const p = findPrice(table, provider, model, at);
    return p && `${p.provider}/${p.input}`;
  };

  it("prefers the reported provider's row", () => {
    expect(find("aws.bedrock", "anthropic.claude-3-5-sonnet-20241022-v2:0")).toBe("aws.bedrock/4");
    expect(find("anthropic", "claude-3-5-sonnet-20241022")).toBe("anthropic/3");
    expect(find("together", "llama-3.3-70b")).toBe("together/2");
    expect(find("AWS.Bedrock", "claude-3-5-sonnet")).toBe("aws.bedrock/4");
  });

  it("falls back to the first-party row for hosts without a row", () => {
    expect(find("aws.bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0")).toBe("anthropic/3");
    expect(find("gcp.vertex_ai", "claude-sonnet-4-5@20250929")).toBe("anthropic/3");
    expect(find(null, "claude-sonnet-4-5")).toBe("anthropic/3");
    expect(find("openai", "claude-sonnet-4-5")).toBe("anthropic/3");
  });

  it("falls back when the host's row is not yet in force", () => {
    expect(find("aws.bedrock", "claude-haiku-4-5", new Date("2025-12-01"))).toBe("anthropic/1");
    expect(find("aws.bedrock", "claude-haiku-4-5", new Date("2026-02-01"))).toBe("aws.bedrock/8");
  });

  it("uses the only provider of a model without a known maker", () => {
    expect(find(null, "house-model")).toBe("acme/6");
    expect(find("someone-else", "house-model")).toBe("acme/6");
  });

  it("does not guess between hosts when the model has no maker row", () => {
    expect(find(null, "llama-3.3-70b")).toBeNull();
    expect(find("ollama", "llama-3.3-70b")).toBeNull();
  });

  it("returns null for unknown or missing models", () => {
    expect(find("openai", "gpt-unknown-7")).toBeNull();
    expect(findPrice(BUILTIN_PRICES, "openai", "ft:gpt-4o-mini-2024-07-18:acme::abc123", NOW)).toBeNull();
    expect(findPrice(BUILTIN_PRICES, "openai", null, NOW)).toBeNull();
    expect(findPrice(BUILTIN_PRICES, "openai", "", NOW)).toBeNull();
  });
});

describe("createPriceIndex", () => {
  it("answers repeated lookups consistently from its memo", () => {
    const first = index.find("openai", "gpt-4o-mini-2024-07-18", NOW);
    for (let i = 0; i < 5000; i++) index.find("openai", `model-${i}`, NOW);
    expect(index.find("openai", "gpt-4o-mini-2024-07-18", NOW)).toBe(first);
    expect(index.find("openai", "gpt-4o-mini-2024-07-18", new Date("2024-01-01"))).toBeNull();
  });

  it("skips rows whose dates cannot be read", () => {
    const bad = createPriceIndex([row("openai", "m", 1, "not a date"), row("openai", "m", 2, "2024-01-01", { effectiveTo: "??" })]);
    expect(bad.find("openai", "m", NOW)).toBeNull();
  });
});

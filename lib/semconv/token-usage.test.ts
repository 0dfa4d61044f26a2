import { describe, expect, it } from "vitest";
import type { Attributes } from "@/lib/otlp/types";
import { normalizeSpan } from "./normalize";
import { uncachedInput } from "./token-usage";
import { makeSpan } from "./test-helpers";
import type { NormalizedSpan } from "./types";

const normalize = (attrs: Attributes): NormalizedSpan => normalizeSpan(makeSpan(attrs));

type TokenField = "inputTokens" | "outputTokens" | "cacheReadTokens" | "cacheWriteTokens" | "reasoningTokens" | "totalTokens";

/** Each chain's keys in order, each with a distinct value; the last entry is the blob fallback. */
const CHAINS: Record<TokenField, [key: string, value: number][]> = {
  inputTokens: [
    ["gen_ai.usage.input_tokens", 11],
    ["ai.usage.inputTokens", 12],
    ["ai.usage.promptTokens", 13],
    ["llm.token_count.prompt", 14],
    ["gen_ai.usage.prompt_tokens", 15],
    ["ai.usage.tokens", 16],
  ],
  outputTokens: [
    ["gen_ai.usage.output_tokens", 21],
    ["ai.usage.outputTokens", 22],
    ["ai.usage.completionTokens", 23],
    ["llm.token_count.completion", 24],
    ["gen_ai.usage.completion_tokens", 25],
  ],
  cacheReadTokens: [
    ["gen_ai.usage.cache_read.input_tokens", 1],
    ["ai.usage.inputTokenDetails.cacheReadTokens", 2],
    ["ai.usage.cachedInputTokens", 3],
    ["llm.token_count.prompt_details.cache_read", 4],
    ["gen_ai.usage.cache_read_input_tokens", 5],
  ],
  cacheWriteTokens: [
    ["gen_ai.usage.cache_write.input_tokens", 1],
    ["gen_ai.usage.cache_creation.input_tokens", 2],
    ["ai.usage.inputTokenDetails.cacheWriteTokens", 3],
    ["llm.token_count.prompt_details.cache_write", 4],
    ["gen_ai.usage.cache_creation_input_tokens", 5],
  ],
  reasoningTokens: [
    ["gen_ai.usage.reasoning.output_tokens", 31],
    ["ai.usage.outputTokenDetails.reasoningTokens", 32],
    ["ai.usage.reasoningTokens", 33],
    ["llm.token_count.completion_details.reasoning", 34],
    ["gen_ai.usage.reasoning_tokens", 35],
  ],
  totalTokens: [
    ["llm.token_count.total", 41],
    ["ai.usage.totalTokens", 42],
    ["gen_ai.usage.total_tokens", 43],
    ["llm.usage.total_tokens", 44],
  ],
};

const BLOB_FALLBACK: Record<TokenField, [Attributes, number]> = {
  inputTokens: [{ "langfuse.observation.usage_details": '{"input":17}' }, 17],
  outputTokens: [{ "langfuse.observation.usage_details": '{"output":26}' }, 26],
  cacheReadTokens: [{ "langfuse.observation.usage_details": '{"cache_read_input_tokens":6}' }, 6],
  cacheWriteTokens: [{ "langfuse.observation.usage_details": '{"cache_creation_input_tokens":6}' }, 6],
  reasoningTokens: [{ "ai.response.providerMetadata": '{"openai":{"reasoningTokens":36}}' }, 36],
  totalTokens: [{ "langfuse.observation.usage_details": '{"total":45}' }, 45],
};

describe.each(Object.keys(CHAINS) as TokenField[])("%s source order", (field) => {
  const chain = CHAINS[field];
  const [blobAttrs, blobValue] = BLOB_FALLBACK[field];
  it.each(chain.map((_, i) => i))("with the first %i keys absent", (skip) => {
    const attrs: Attributes = { ...blobAttrs, ...Object.fromEntries(chain.slice(skip)) };
    expect(normalize(attrs)[field]).toBe(chain[skip]![1]);
  });
  it("falls back to the JSON blob last", () => {
    expect(normalize(blobAttrs)[field]).toBe(blobValue);
  });
});

describe("token values", () => {
  it("accept numeric strings and skip negatives and NaN to the next key", () => {
    const n = normalize({
      "gen_ai.usage.input_tokens": -1,
      "ai.usage.inputTokens": "250",
      "gen_ai.usage.output_tokens": Number.NaN,
      "ai.usage.outputTokens": 30,
    });
    expect(n.inputTokens).toBe(250);
    expect(n.outputTokens).toBe(30);
  });

  it("are all null when no usage is reported", () => {
    const n = normalize({ "gen_ai.operation.name": "chat" });
    expect([n.inputTokens, n.outputTokens, n.cacheReadTokens, n.cacheWriteTokens, n.reasoningTokens, n.totalTokens]).toEqual([
      null, null, null, null, null, null,
    ]);
    expect(n.uncachedInputTokens).toBeNull();
  });

  it("total is computed as input + output when not reported", () => {
    expect(normalize({ "gen_ai.usage.input_tokens": 100, "gen_ai.usage.output_tokens": 20 }).totalTokens).toBe(120);
    expect(normalize({ "ai.usage.tokens": 64 }).totalTokens).toBe(64);
  });
});

describe("Langfuse usage_details", () => {
  it("parses the JSON string in memory", () => {
    const n = normalize({
      "langfuse.observation.type": "generation",
      "langfuse.observation.usage_details": JSON.stringify({
        input: 900,
        output: 120,
        total: 1020,
        input_cached_tokens: 300,
        cache_creation_input_tokens: 50,
      }),
    });
    expect([n.inputTokens, n.outputTokens, n.totalTokens, n.cacheReadTokens, n.cacheWriteTokens]).toEqual([
      900, 120, 1020, 300, 50,
    ]);
    expect(n.uncachedInputTokens).toBe(550);
  });

  it("prefers cache_read_input_tokens over input_cached_tokens", () => {
    const n = normalize({
      "langfuse.observation.usage_details": '{"input":10,"cache_read_input_tokens":4,"input_cached_tokens":9}',
    });
    expect(n.cacheReadTokens).toBe(4);
  });

  it("accepts a kvlistValue and numeric strings", () => {
    const n = normalize({
      "langfuse.observation.usage_details": { kvlist: { input: "70", output: 7 } },
    });
    expect([n.inputTokens, n.outputTokens]).toEqual([70, 7]);
  });

  it("ignores malformed JSON and non-object JSON", () => {
    expect(normalize({ "langfuse.observation.usage_details": "{not json" }).inputTokens).toBeNull();
    expect(normalize({ "langfuse.observation.usage_details": "[1,2]" }).inputTokens).toBeNull();
    expect(normalize({ "langfuse.observation.usage_details": '{"input":"lots"}' }).inputTokens).toBeNull();
  });

  it("comes after every attribute key", () => {
    const n = normalize({ "gen_ai.usage.prompt_tokens": 5, "langfuse.observation.usage_details": '{"input":99}' });
    expect(n.inputTokens).toBe(5);
  });
});

describe("AI SDK providerMetadata", () => {
  it("supplies Anthropic cache figures (AI SDK v5, input exclusive of cache)", () => {
    const n = normalize({
      "ai.operationId": "ai.generateText.doGenerate",
      "ai.usage.inputTokens": 20,
      "ai.usage.outputTokens": 5,
      "ai.response.providerMetadata": JSON.stringify({
        anthropic: { cacheCreationInputTokens: 1500, cacheReadInputTokens: 0, note: "CANARY text" },
      }),
    });
    expect(n.cacheWriteTokens).toBe(1500);
    expect(n.cacheReadTokens).toBe(0);
    expect(n.uncachedInputTokens).toBe(20);
    expect(JSON.stringify(n)).not.toContain("CANARY");
  });

  it("supplies OpenAI cached prompt and reasoning tokens", () => {
    const n = normalize({
      "ai.usage.inputTokens": 2000,
      "ai.usage.outputTokens": 300,
      "ai.response.providerMetadata": '{"openai":{"cachedPromptTokens":1024,"reasoningTokens":200}}',
    });
    expect([n.cacheReadTokens, n.reasoningTokens, n.uncachedInputTokens]).toEqual([1024, 200, 976]);
    expect(n.reasoningExclusive).toBe(false);
  });

  it("is not consulted when the attributes already have the figure", () => {
    const n = normalize({
      "ai.usage.cachedInputTokens": 10,
      "ai.response.providerMetadata": '{"anthropic":{"cacheReadInputTokens":999}}',
    });
    expect(n.cacheReadTokens).toBe(10);
  });

  it("ignores oversized or broken blobs", () => {
    const huge = `{"anthropic":{"cacheReadInputTokens":5},"pad":"${"x".repeat(70_000)}"}`;
    expect(normalize({ "ai.response.providerMetadata": huge }).cacheReadTokens).toBeNull();
    expect(normalize({ "ai.response.providerMetadata": "{oops" }).cacheReadTokens).toBeNull();
  });
});

describe("input inclusivity (cost rule 2)", () => {
  it("noCacheTokens, when present, is the uncached input", () => {
    const n = normalize({
      "ai.usage.inputTokens": 500,
      "ai.usage.inputTokenDetails.noCacheTokens": 380,
      "ai.usage.inputTokenDetails.cacheReadTokens": 100,
      "ai.usage.inputTokenDetails.cacheWriteTokens": 20,
    });
    expect(n.uncachedInputTokens).toBe(380);
  });

  it("cache_read + cache_write > input means the input was exclusive", () => {
    const n = normalize({
      "gen_ai.usage.input_tokens": 12,
      "gen_ai.usage.cache_read_input_tokens": 3000,
      "gen_ai.usage.cache_creation_input_tokens": 400,
    });
    expect(n.inputTokens).toBe(12);
    expect(n.uncachedInputTokens).toBe(12);
  });

  it("otherwise cache tokens are a subset of input", () => {
    const n = normalize({
      "gen_ai.usage.input_tokens": 5000,
      "gen_ai.usage.cache_read.input_tokens": 3000,
      "gen_ai.usage.cache_creation.input_tokens": 400,
    });
    expect(n.uncachedInputTokens).toBe(1600);
  });

  it("uncachedInput edge cases", () => {
    expect(uncachedInput(null, 100, null, null)).toBe(100);
    expect(uncachedInput(null, 100, 60, 40)).toBe(0);
    expect(uncachedInput(null, 100, 61, 40)).toBe(100);
    expect(uncachedInput(null, null, 10, 0)).toBeNull();
    expect(uncachedInput(7, null, null, null)).toBe(7);
  });
});

describe("reasoning exclusivity (cost rule 3)", () => {
  it("reasoning > output means the source reported it apart", () => {
    const n = normalize({ "gen_ai.usage.output_tokens": 50, "gen_ai.usage.reasoning_tokens": 400 });
    expect(n.reasoningExclusive).toBe(true);
  });

  it("reasoning ≤ output is included in output", () => {
    expect(normalize({ "gen_ai.usage.output_tokens": 400, "gen_ai.usage.reasoning.output_tokens": 400 }).reasoningExclusive).toBe(
      false,
    );
    expect(normalize({ "gen_ai.usage.output_tokens": 400 }).reasoningExclusive).toBe(false);
  });

  it("reasoning without any output count is exclusive", () => {
    expect(normalize({ "ai.usage.reasoningTokens": 10 }).reasoningExclusive).toBe(true);
  });
});

describe("counts out of the stored range", () => {
  it("fall through to the next key instead of failing the write (spans keep per-span counts as int4)", () => {
    const n = normalize({ "gen_ai.usage.input_tokens": 2 ** 40, "llm.token_count.prompt": 50, "gen_ai.usage.output_tokens": 2 ** 31 });
    expect(n.inputTokens).toBe(50);
    expect(n.outputTokens).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { BUILTIN_PRICES } from "./builtin-prices";
import { canonicalModel, createPriceIndex, firstPartyProvider } from "./match";

const index = createPriceIndex(BUILTIN_PRICES);
const FIXTURE_TIME = new Date(1795432761823); // genai-agent-failover fixtures' span start

describe("BUILTIN_PRICES", () => {
  it("holds integer, non-negative µUSD/Mtok prices and readable dates", () => {
    for (const p of BUILTIN_PRICES) {
      for (const v of [p.input, p.output, p.cacheRead, p.cacheWrite, p.reasoning]) {
        if (v == null) continue;
        expect(Number.isSafeInteger(v) && v >= 0, `${p.provider}/${p.model}`).toBe(true);
      }
      expect(Number.isNaN(Date.parse(p.effectiveFrom)), p.effectiveFrom).toBe(false);
    }
  });

  it("uses canonical ids and no duplicate (provider, model, effectiveFrom)", () => {
    const seen = new Set<string>();
    for (const p of BUILTIN_PRICES) {
      expect(canonicalModel(p.model)[0]).toBe(p.model);
      const key = `${p.provider}|${p.model}|${p.effectiveFrom}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });

  it("finds every row through its own provider and id on its start date", () => {
    for (const p of BUILTIN_PRICES) {
      expect(index.find(p.provider, p.model, new Date(p.effectiveFrom))).toBe(p);
    }
  });

  it("has a first-party row for every model whose maker is known", () => {
    for (const p of BUILTIN_PRICES) {
      const maker = firstPartyProvider(p.model);
      if (maker === null) continue;
      expect(BUILTIN_PRICES.some((q) => q.model === p.model && q.provider === maker), p.model).toBe(true);
    }
  });

  it("prices Anthropic cache writes at 1.25× and reads at 0.1× input", () => {
    for (const p of BUILTIN_PRICES.filter((q) => q.provider === "anthropic")) {
      expect(p.cacheWrite).toBe((p.input * 5) / 4);
      expect(p.cacheRead).toBe(p.input / 10);
    }
  });

  it("carries the prices the fixtures are checked against", () => {
    expect(index.find("openai", "gpt-4o-mini-2024-07-18", FIXTURE_TIME)).toMatchObject({
      model: "gpt-4o-mini",
      input: 150_000,
      output: 600_000,
      cacheRead: 75_000,
    });
    expect(index.find("openai", "gpt-4o-mini", FIXTURE_TIME)?.model).toBe("gpt-4o-mini");
    expect(index.find("openai", "gpt-4.1", FIXTURE_TIME)).toMatchObject({ input: 2_000_000, output: 8_000_000, cacheRead: 500_000 });
    expect(index.find("anthropic", "claude-sonnet-4-5", FIXTURE_TIME)).toMatchObject({
      input: 3_000_000,
      output: 15_000_000,
      cacheRead: 300_000,
      cacheWrite: 3_750_000,
    });
    expect(index.find("gcp.gemini", "gemini-2.5-flash", FIXTURE_TIME)).toMatchObject({
      provider: "gcp.gemini",
      input: 300_000,
      output: 2_500_000,
      cacheRead: 75_000,
    });
  });

  it("covers every vendor the product promises", () => {
    const providers = new Set(BUILTIN_PRICES.map((p) => p.provider));
    for (const v of ["openai", "anthropic", "gcp.gemini", "mistral_ai", "deepseek", "x_ai", "cohere", "aws.bedrock", "groq", "together", "fireworks"]) {
      expect(providers.has(v), v).toBe(true);
    }
  });
});

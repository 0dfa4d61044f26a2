import { describe, expect, it } from "vitest";
import { bySpend, cacheHitRatio, unpricedModels } from "./breakdown-rows";
import { breakdownItem } from "./test-fixtures";

describe("unpricedModels", () => {
  it("lists models with unpriced calls, largest token volume first", () => {
    const items = [
      breakdownItem("gpt-4.1"),
      breakdownItem("my-finetune", { unpriced: true, calls: 3, inputTokens: 500, outputTokens: 20 }),
      breakdownItem("local-llama", { unpriced: true, calls: 40, inputTokens: 9000, outputTokens: 1000 }),
    ];
    expect(unpricedModels(items)).toEqual([
      { model: "local-llama", calls: 40, tokens: 10_000 },
      { model: "my-finetune", calls: 3, tokens: 520 },
    ]);
  });
});

describe("bySpend", () => {
  it("orders by spend, then calls, then name", () => {
    const items = [breakdownItem("b", { costUsd: 0, calls: 5 }), breakdownItem("a", { costUsd: 0, calls: 5 }), breakdownItem("c", { costUsd: 0, calls: 9 }), breakdownItem("d", { costUsd: 2 })];
    expect(bySpend(items).map((i) => i.key)).toEqual(["d", "c", "a", "b"]);
  });
});

describe("cacheHitRatio", () => {
  it("is cache-read over input tokens, null without input", () => {
    expect(cacheHitRatio({ cacheHitRatio: 0.3, cacheReadTokens: 0, inputTokens: 0 })).toBe(0.3);
    expect(cacheHitRatio({ cacheHitRatio: null, cacheReadTokens: 250, inputTokens: 1000 })).toBe(0.25);
    expect(cacheHitRatio({ cacheHitRatio: null, cacheReadTokens: 0, inputTokens: 0 })).toBeNull();
  });
});

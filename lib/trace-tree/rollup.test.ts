import { describe, expect, it } from "vitest";
import { buildSpanTree } from "./build-tree";
import { computeRollups, rollupTokens } from "./rollup";
import { llm, span } from "./test-spans";

describe("computeRollups", () => {
  const tree = buildSpanTree([
    // The agent wrapper reports aggregate usage: it must not be counted again.
    span("agent", null, 0, 100, { inputTokens: 999, outputTokens: 999, costUsd: 0 }),
    llm("call1", "agent", 0, 10, { costUsd: 0.25, inputTokens: 100, outputTokens: 20, cacheReadTokens: 50 }),
    span("tool", "agent", 10, 10, { status: "error" }),
    llm("call2", "tool", 12, 5, { costUsd: null, inputTokens: 7, outputTokens: 3, reasoningTokens: 2, status: "error" }),
    llm("call3", "agent", 30, 10, { costUsd: 0.5, inputTokens: 1, outputTokens: 1, cacheWriteTokens: 4 }),
  ]);
  const rollups = computeRollups(tree);

  it("sums cost and tokens over billable spans only, counting unpriced calls apart", () => {
    expect(rollups.get("agent")).toEqual({
      spanCount: 5,
      errorCount: 2,
      llmCallCount: 3,
      costUsd: 0.75,
      unpricedCount: 1,
      inputTokens: 108,
      outputTokens: 24,
      cacheReadTokens: 50,
      cacheWriteTokens: 4,
      reasoningTokens: 2,
    });
    expect(rollupTokens(rollups.get("agent")!)).toBe(132);
  });

  it("gives each subtree its own totals", () => {
    expect(rollups.get("tool")).toMatchObject({ spanCount: 2, errorCount: 2, llmCallCount: 1, costUsd: 0, unpricedCount: 1, inputTokens: 7 });
    expect(rollups.get("call3")).toMatchObject({ spanCount: 1, errorCount: 0, costUsd: 0.5, inputTokens: 1 });
    expect(rollups.size).toBe(5);
  });
});

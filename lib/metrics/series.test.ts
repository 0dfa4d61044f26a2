import { describe, expect, it } from "vitest";
import { cell, type AggGrid } from "./aggregate";
import { buildTimeseries } from "./series";

const B0 = Date.UTC(2026, 10, 23, 10);
const B1 = B0 + 3_600_000;

function grid(entries: [number, string, Partial<{ traces: number; costPico: bigint; inputTokens: number; outputTokens: number; roots: number; successes: number }>][]): AggGrid {
  const g: AggGrid = new Map();
  for (const [b, group, v] of entries) Object.assign(cell(g, b, group), v);
  return g;
}

describe("timeseries series", () => {
  it("fills empty buckets: 0 for counts, null for rates", () => {
    const ts = buildTimeseries({ interval: "1h", metric: "success", groupBy: null, starts: [B0, B1], grid: grid([[B0, "", { roots: 4, successes: 3 }]]) });
    expect(ts.series).toEqual(["successRate", "llmErrorRate"]);
    expect(ts.buckets).toEqual([
      { start: "2026-11-23T10:00:00.000Z", values: { successRate: 0.75, llmErrorRate: null } },
      { start: "2026-11-23T11:00:00.000Z", values: { successRate: null, llmErrorRate: null } },
    ]);
    const tokens = buildTimeseries({ interval: "1h", metric: "tokens", groupBy: null, starts: [B0], grid: new Map() });
    expect(tokens.buckets[0]!.values).toEqual({ input: 0, output: 0, cacheRead: 0 });
  });

  it("keeps the 10 largest groups by window total, sums the rest into other, names the empty group", () => {
    const entries: Parameters<typeof grid>[0] = [];
    for (let i = 0; i < 12; i++) entries.push([B0, `agent-${i}`, { traces: i + 1 }]);
    entries.push([B1, "", { traces: 100 }], [B1, "agent-0", { traces: 1 }]);
    const ts = buildTimeseries({ interval: "1h", metric: "traces", groupBy: "agent", starts: [B0, B1], grid: grid(entries) });
    expect(ts.series).toEqual(["(none)", "agent-11", "agent-10", "agent-9", "agent-8", "agent-7", "agent-6", "agent-5", "agent-4", "agent-3", "other"]);
    // agent-2 (3), agent-1 (2) and agent-0 (1 + 1) are "other".
    expect(ts.buckets[0]!.values.other).toBe(6);
    expect(ts.buckets[1]!.values).toMatchObject({ "(none)": 100, other: 1, "agent-11": 0 });
  });

  it("groups tokens as input + output and cost in USD", () => {
    const g = grid([[B0, "gpt-4.1", { inputTokens: 100, outputTokens: 20, costPico: 1_500_000_000_000n }]]);
    expect(buildTimeseries({ interval: "1h", metric: "tokens", groupBy: "model", starts: [B0], grid: g }).buckets[0]!.values).toEqual({ "gpt-4.1": 120 });
    expect(buildTimeseries({ interval: "1h", metric: "cost", groupBy: "model", starts: [B0], grid: g }).buckets[0]!.values).toEqual({ "gpt-4.1": 1.5 });
  });
});

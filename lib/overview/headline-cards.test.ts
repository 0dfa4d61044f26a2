import { describe, expect, it } from "vitest";
import { costPerSuccessSeries, headlineCards } from "./headline-cards";
import { costByModel, latency, overview, successRates, traceCounts } from "./test-fixtures";

describe("headlineCards", () => {
  const cur = overview({ unpricedCallCount: 3 });
  const prev = overview({ totalCostUsd: 10, successRate: 0.9, latencyMs: { p50: 1000, p95: 6000, p99: 9000 }, wastedCostUsd: 0, costPerSuccessfulTraceUsd: 10 / 180 });
  const cards = headlineCards(cur, prev, { cost: costByModel, traces: traceCounts, success: successRates, latency });
  const byId = Object.fromEntries(cards.map((c) => [c.id, c]));

  it("has the six figures in order", () => {
    expect(cards.map((c) => c.label)).toEqual(["Spend", "Cost per successful transaction", "Success rate", "p95 latency", "LLM calls", "Wasted spend"]);
    expect(cards.map((c) => c.value)).toEqual(["$12.50", "$0.066", "95.0%", "4.80 s", "640", "$1.25"]);
  });
  it("compares with the previous period, judged per metric", () => {
    expect(byId.spend!.change).toEqual({ direction: "up", text: "+25%", tone: "neutral" });
    expect(byId.spend!.previous).toBe("$10.00");
    expect(byId.costPerSuccess!.change).toEqual({ direction: "up", text: "+18%", tone: "worse" });
    expect(byId.successRate!.change).toEqual({ direction: "up", text: "+5.0 pp", tone: "better" });
    expect(byId.p95!.change).toEqual({ direction: "down", text: "\u221220%", tone: "better" });
    expect(byId.llmCalls!.change).toEqual({ direction: "flat", text: "0%", tone: "neutral" });
    expect(byId.wasted!.change).toEqual({ direction: "up", text: "new", tone: "neutral" });
  });
  it("draws sparklines from the timeseries", () => {
    expect(byId.spend!.spark).toEqual([3.5, 0, 4]);
    expect(byId.successRate!.spark).toEqual([0.7, null, 1]);
    expect(byId.p95!.spark).toEqual([3000, null, 4000]);
    expect(byId.llmCalls!.spark).toEqual([]);
  });
  it("notes unpriced calls under spend and the wasted share", () => {
    expect(byId.spend!.note).toEqual({ text: "+ 3 unpriced calls", tone: "warning" });
    expect(byId.wasted!.note).toEqual({ text: "10.0% of spend", tone: "muted" });
  });
  it("gives exact values on hover", () => {
    expect(byId.spend!.exact).toBe("$12.5");
    expect(byId.successRate!.exact).toBe("95% · 190 of 200 runs succeeded");
    expect(byId.p95!.exact).toBe("p50 1.20 s · p95 4800 ms · p99 9.10 s (run duration)");
    const approx = headlineCards(overview({ latencyExact: false, latencyMs: { p50: 1000, p95: 4812.6, p99: 9000 } }), undefined, {});
    expect(approx[3]!.exact).toBe("p50 1.00 s · p95 4813 ms · p99 9.00 s (run duration, within 1 %)");
  });
  it("shows no change without a previous period and a dash without successful runs", () => {
    const [spend, perSuccess] = headlineCards(overview({ costPerSuccessfulTraceUsd: null, successCount: 0 }), undefined, {});
    expect(spend!.change).toBeNull();
    expect(perSuccess!.value).toBe("—");
    expect(perSuccess!.exact).toBe("No successful run in this period");
  });
});

describe("costPerSuccessSeries", () => {
  it("divides each bucket's spend by its successful runs", () => {
    // 3.5 / (10 × 0.7) = 0.5; nothing succeeded in the empty bucket; 4 / (8 × 1) = 0.5
    expect(costPerSuccessSeries(costByModel, traceCounts, successRates)).toEqual([0.5, null, 0.5]);
  });
});

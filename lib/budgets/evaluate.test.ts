import { describe, expect, it } from "vitest";
import type { BudgetRow } from "./budget-store";
import { dueAlerts } from "./evaluate";
import type { BudgetState } from "./status";

const USD = 1_000_000_000_000n;

function state(spentUsd: number, forecastUsd: number | null, forecast = true): BudgetState {
  const budget = { id: 1, projectId: 1, thresholds: [100, 50, 80], forecast, period: "month" } as BudgetRow;
  return {
    budget,
    periodStart: new Date(0),
    periodEnd: new Date(1),
    alertKey: new Date(0),
    spentPico: BigInt(spentUsd) * USD,
    amountPico: 100n * USD,
    forecastPico: forecastUsd === null ? null : BigInt(forecastUsd) * USD,
  };
}

describe("dueAlerts", () => {
  it("lists crossed thresholds in ascending order", () => {
    expect(dueAlerts(state(49, null))).toEqual([]);
    expect(dueAlerts(state(50, null))).toEqual([{ kind: "threshold", threshold: 50 }]);
    expect(dueAlerts(state(100, null))).toEqual([
      { kind: "threshold", threshold: 50 },
      { kind: "threshold", threshold: 80 },
      { kind: "threshold", threshold: 100 },
    ]);
  });

  it("adds a forecast alert only when enabled and the forecast overshoots", () => {
    expect(dueAlerts(state(40, 120))).toEqual([{ kind: "forecast", threshold: 100 }]);
    expect(dueAlerts(state(40, 90))).toEqual([]);
    expect(dueAlerts(state(40, 120, false))).toEqual([]);
  });
});

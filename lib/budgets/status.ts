// Where a budget stands now: its period, spend, percent of the amount and forecast.
import type { Querier } from "@/lib/db/client";
import type { BudgetRow } from "./budget-store";
import { forecastSpendPico } from "./forecast";
import { alertPeriodKey, periodWindow } from "./period";
import { spendPico } from "./spend";

export const PICO_PER_MICRO = 1_000_000n;

export interface BudgetState {
  budget: BudgetRow;
  periodStart: Date;
  periodEnd: Date;
  /** De-duplication key of this period's alerts (see alertPeriodKey). */
  alertKey: Date;
  spentPico: bigint;
  amountPico: bigint;
  /** Null for rolling windows and early in a period. */
  forecastPico: bigint | null;
}

export interface BudgetStatusJson {
  budgetId: number;
  name: string;
  periodStart: string;
  periodEnd: string;
  spentUsd: number;
  amountUsd: number;
  percent: number;
  forecastUsd: number | null;
}

export async function budgetState(db: Querier, budget: BudgetRow, now: Date, pseudonymKey: string): Promise<BudgetState> {
  const w = periodWindow(budget.period, budget.timezone, now, budget.windowHours);
  const spent = await spendPico(db, { projectId: budget.projectId, scope: budget.scope, from: w.start, to: now, pseudonymKey });
  const forecast = budget.period === "rolling" ? null : forecastSpendPico({ spentPico: spent, startMs: w.start.getTime(), endMs: w.end.getTime(), nowMs: now.getTime() });
  return {
    budget,
    periodStart: w.start,
    periodEnd: w.end,
    alertKey: alertPeriodKey(budget.period, w, now, budget.windowHours),
    spentPico: spent,
    amountPico: BigInt(budget.amountMicroUsd) * PICO_PER_MICRO,
    forecastPico: forecast,
  };
}

export const picoToUsd = (pico: bigint): number => Number(pico) / 1e12;

/** Percent of the amount, two decimals. */
export function percentOf(spentPico: bigint, amountPico: bigint): number {
  if (amountPico <= 0n) return 0;
  return Number((spentPico * 10_000n) / amountPico) / 100;
}

export function statusJson(s: BudgetState): BudgetStatusJson {
  return {
    budgetId: s.budget.id,
    name: s.budget.name,
    periodStart: s.periodStart.toISOString(),
    periodEnd: s.periodEnd.toISOString(),
    spentUsd: picoToUsd(s.spentPico),
    amountUsd: picoToUsd(s.amountPico),
    percent: percentOf(s.spentPico, s.amountPico),
    forecastUsd: s.forecastPico === null ? null : picoToUsd(s.forecastPico),
  };
}

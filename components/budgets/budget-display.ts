// How a budget reads on screen: money, percent, tone, the bar's geometry and the
// period/scope labels. Pure functions; the card and the sheet only render them.
import type { BudgetScopeJson } from "@/drizzle/schema";
import type { BudgetPeriod } from "@/lib/budgets/period";
import { formatCount, formatUsd } from "@/lib/format";
import type { BudgetPreview } from "@/lib/budgets/preview";

export type BudgetTone = "ok" | "warning" | "over";

/** ≥ 100 % is over (red), ≥ 80 % near the limit (amber). */
export function budgetTone(percent: number): BudgetTone {
  if (percent >= 100) return "over";
  if (percent >= 80) return "warning";
  return "ok";
}

/** Budget figures: whole dollars from $100 ("$1,140"), cents from $1, finer below (a $0.01 budget stays readable). */
export function budgetUsd(usd: number): string {
  const abs = Math.abs(usd);
  if (abs >= 100) return `$${Math.round(usd).toLocaleString("en-US")}`;
  if (abs >= 1) return `$${usd.toLocaleString("en-US", { minimumFractionDigits: Number.isInteger(usd) ? 0 : 2, maximumFractionDigits: 2 })}`;
  if (abs >= 0.01 && Math.round(usd * 100) === usd * 100) return `$${usd.toFixed(2)}`;
  return formatUsd(usd);
}

/** Floored, so "80 %" appears only once the 80 % threshold is really reached. */
export function percentLabel(percent: number): string {
  return `${Math.floor(percent).toLocaleString("en-US")} %`;
}

export interface BarGeometry {
  /** Percent of the amount that the full bar width stands for (≥ 100, so the 100 % mark is always on it). */
  scaleMax: number;
  spentWidth: number;
  /** The ghost segment from spent to forecast; 0 when there is no higher forecast. */
  forecastWidth: number;
  ticks: { threshold: number; left: number; reached: boolean }[];
}

const MAX_SCALE = 150;

export function barGeometry(percent: number, forecastPercent: number | null, thresholds: readonly number[]): BarGeometry {
  const scaleMax = Math.min(MAX_SCALE, Math.max(100, percent, forecastPercent ?? 0, ...thresholds.filter((t) => t <= MAX_SCALE)));
  const width = (p: number) => Math.max(0, Math.min(100, (p / scaleMax) * 100));
  const spentWidth = width(percent);
  const forecastWidth = forecastPercent !== null && forecastPercent > percent ? width(forecastPercent) - spentWidth : 0;
  return {
    scaleMax,
    spentWidth,
    forecastWidth,
    ticks: thresholds.filter((t) => t <= scaleMax).map((t) => ({ threshold: t, left: width(t), reached: percent >= t })),
  };
}

const dateIn = (iso: string, timeZone: string, opts: Intl.DateTimeFormatOptions) =>
  new Date(iso).toLocaleDateString("en-US", { timeZone, ...opts });

/** The last calendar day of a period ("Nov 30"): its end is the next period's first instant. */
export function lastDayLabel(periodEnd: string, timeZone: string): string {
  return dateIn(new Date(new Date(periodEnd).getTime() - 1).toISOString(), timeZone, { month: "short", day: "numeric" });
}

/** "by Nov 30" for weeks and months, "by midnight" for a day. */
export function forecastDeadline(period: BudgetPeriod, periodEnd: string, timeZone: string): string {
  return period === "day" ? "by midnight" : `by ${lastDayLabel(periodEnd, timeZone)}`;
}

export function periodLabel(b: { period: BudgetPeriod; windowHours?: number; timezone: string }, window?: { periodStart: string; periodEnd: string }): string {
  if (b.period === "rolling") return `Rolling · last ${windowLabel(b.windowHours ?? 24)}`;
  const kind = { day: "Daily", week: "Weekly", month: "Monthly" }[b.period];
  if (!window) return `${kind} · ${b.timezone}`;
  const first = dateIn(window.periodStart, b.timezone, { month: "short", day: "numeric" });
  const span = b.period === "day" ? first : `${first} – ${lastDayLabel(window.periodEnd, b.timezone)}`;
  return `${kind} · ${span} · ${b.timezone}`;
}

export function windowLabel(hours: number): string {
  if (hours % 24 === 0 && hours >= 48) return `${hours / 24} days`;
  return `${hours} h`;
}

/** "today", "this week", "this month", "in the last 6 h". */
export function periodPhrase(period: BudgetPeriod, windowHours?: number | null): string {
  if (period === "rolling") return `in the last ${windowLabel(windowHours ?? 24)}`;
  return { day: "today", week: "this week", month: "this month" }[period];
}

const SCOPE_LABELS: Record<Exclude<keyof BudgetScopeJson, "metadata">, string> = {
  agent: "agent",
  service: "service",
  environment: "env",
  model: "model",
  provider: "provider",
  userId: "end user",
};

export const SCOPE_FIELDS = Object.keys(SCOPE_LABELS) as (keyof typeof SCOPE_LABELS)[];

/** Chips for the card: "agent: support-bot", "tier = pro"; empty for the whole project. */
export function scopeChips(scope: BudgetScopeJson): { label: string; value: string }[] {
  const chips: { label: string; value: string }[] = [];
  for (const k of SCOPE_FIELDS) {
    const v = scope[k];
    if (v !== undefined) chips.push({ label: SCOPE_LABELS[k], value: v });
  }
  for (const [k, v] of Object.entries(scope.metadata ?? {})) chips.push({ label: k, value: v });
  return chips;
}

/** The trace list filtered to the budget's period and the scope fields the list supports. */
export function tracesHref(project: string, scope: BudgetScopeJson, window: { periodStart: string; periodEnd: string }): string {
  const qs = new URLSearchParams({ project, from: window.periodStart, to: window.periodEnd });
  for (const k of ["agent", "service", "environment", "model"] as const) {
    const v = scope[k];
    if (v !== undefined) qs.set(k, v);
  }
  return `/traces?${qs.toString()}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

function names(list: string[], total: number): string {
  const shown = list.slice(0, 3);
  return total > shown.length ? `${shown.join(", ")} +${total - shown.length}` : shown.join(", ");
}

/** The editor's preview line for a preview answer; `empty` when the scope matches nothing yet. */
export function previewSentence(p: BudgetPreview, period: BudgetPeriod, windowHours: number | null, amountUsd: number | null): { text: string; empty: boolean } {
  const when = periodPhrase(period, windowHours);
  if (p.spanCount === 0) return { text: `Matches nothing ${when}: no spans in this scope so far.`, empty: true };
  const who = p.agentCount > 0 ? `${plural(p.agentCount, "agent")} (${names(p.agents, p.agentCount)})` : plural(p.traceCount, "trace");
  const parts = [`Matches ${who}, ${budgetUsd(p.spentUsd)} so far ${when}`];
  if (amountUsd !== null && amountUsd > 0) parts.push(`${percentLabel((p.spentUsd / amountUsd) * 100)} of the amount`);
  if (p.agentCount > 0) parts.push(plural(p.traceCount, "trace"));
  if (p.forecastUsd !== null) parts.push(`on track for ${budgetUsd(p.forecastUsd)}`);
  if (p.unpricedCalls > 0) parts.push(`${plural(p.unpricedCalls, "unpriced call")} not counted`);
  return { text: parts.join(" · "), empty: false };
}

// The budget form's state (strings as typed), the request body it becomes, and the
// checks the browser makes before the server's zod schema has its say.
import type { BudgetScopeJson } from "@/drizzle/schema";
import type { BudgetPeriod } from "@/lib/budgets/period";
import { channelIssues, cleanChannel, type Channel } from "@/components/channels/channel-checks";
import type { BudgetJson } from "./budget-api";
import { SCOPE_FIELDS } from "./budget-display";

export type ScopeField = (typeof SCOPE_FIELDS)[number];

export interface BudgetDraft {
  name: string;
  amount: string;
  period: BudgetPeriod;
  windowHours: string;
  timezone: string;
  thresholds: number[];
  forecast: boolean;
  scope: Record<ScopeField, string>;
  metadata: { key: string; value: string }[];
  channels: Channel[];
}

export const DEFAULT_THRESHOLDS = [50, 80, 100];

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function draftFrom(b?: BudgetJson): BudgetDraft {
  const scope = Object.fromEntries(SCOPE_FIELDS.map((k) => [k, b?.scope[k] ?? ""])) as Record<ScopeField, string>;
  return {
    name: b?.name ?? "",
    amount: b ? String(b.amountUsd) : "",
    period: b?.period ?? "month",
    windowHours: b?.windowHours !== undefined ? String(b.windowHours) : "24",
    timezone: b?.timezone ?? browserTimeZone(),
    thresholds: b ? [...b.thresholds] : [...DEFAULT_THRESHOLDS],
    forecast: b?.forecast ?? false,
    scope,
    metadata: Object.entries(b?.scope.metadata ?? {}).map(([key, value]) => ({ key, value })),
    channels: b ? b.channels.map((c) => ({ ...c })) : [],
  };
}

export function scopeOf(d: BudgetDraft): BudgetScopeJson {
  const scope: BudgetScopeJson = {};
  for (const k of SCOPE_FIELDS) {
    const v = d.scope[k].trim();
    if (v) scope[k] = v;
  }
  const rows = d.metadata.filter((r) => r.key.trim() && r.value.trim());
  if (rows.length) scope.metadata = Object.fromEntries(rows.map((r) => [r.key.trim(), r.value.trim()]));
  return scope;
}

// "1,000" and "$25" read as numbers too.
export const parseNumber = (s: string) => (s.trim() === "" ? Number.NaN : Number(s.replace(/[\s,$]/g, "")));

/** What the preview endpoint needs: the scope and the period. */
export function previewBody(d: BudgetDraft) {
  return {
    scope: scopeOf(d),
    period: d.period,
    timezone: d.timezone.trim(),
    ...(d.period === "rolling" && { windowHours: parseNumber(d.windowHours) }),
  };
}

/** The POST/PATCH body (a PATCH sends the whole budget too, so removed scope keys go away). */
export function toBody(d: BudgetDraft) {
  return {
    name: d.name.trim(),
    amountUsd: parseNumber(d.amount),
    ...previewBody(d),
    thresholds: d.thresholds,
    forecast: d.period === "rolling" ? false : d.forecast,
    channels: d.channels.map(cleanChannel),
  };
}

/**
 * Issues the browser can see, keyed like the API's issue paths ("amountUsd",
 * "scope.metadata.1", "channels.0.url") so one lookup serves both.
 */
export function draftIssues(d: BudgetDraft): Record<string, string> {
  const out: Record<string, string> = {};
  if (!d.name.trim()) out.name = "required";
  else if (d.name.trim().length > 200) out.name = "at most 200 characters";
  const amount = parseNumber(d.amount);
  if (d.amount.trim() === "") out.amountUsd = "required";
  else if (!Number.isFinite(amount)) out.amountUsd = "must be a number";
  else if (amount < 0.000001) out.amountUsd = "must be more than $0";
  else if (amount > 1e9) out.amountUsd = "at most $1,000,000,000";
  if (d.period === "rolling") {
    const h = parseNumber(d.windowHours);
    if (!Number.isInteger(h) || h < 1 || h > 24 * 366) out.windowHours = "whole hours, 1 to 8,784";
  }
  if (!d.timezone.trim()) out.timezone = "required";
  else if (!isTimeZone(d.timezone.trim())) out.timezone = "unknown IANA time zone";
  if (d.thresholds.length === 0) out.thresholds = "at least one threshold";
  d.metadata.forEach((r, i) => {
    const k = r.key.trim();
    const v = r.value.trim();
    if ((k && !v) || (!k && v)) out[`scope.metadata.${i}`] = k ? "needs a value" : "needs a key";
    else if (k && d.metadata.findIndex((o) => o.key.trim() === k) !== i) out[`scope.metadata.${i}`] = "key already used";
  });
  if (d.metadata.filter((r) => r.key.trim()).length > 10) out["scope.metadata"] = "at most 10 metadata keys";
  for (const [k, v] of Object.entries(channelIssues(d.channels))) out[`channels.${k}`] = v;
  return out;
}

/** Adds a threshold keeping the list sorted and unique (what the API requires). */
export function addThreshold(list: readonly number[], t: number): number[] {
  return [...new Set([...list, t])].sort((a, b) => a - b);
}

export function thresholdIssue(raw: string): string | null {
  const t = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(t)) return "a whole percent";
  if (t < 1 || t > 1000) return "between 1 and 1000 %";
  return null;
}

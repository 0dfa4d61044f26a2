// Content-free alert payloads: the generic webhook body (HMAC-signed) and the
// Slack incoming-webhook message. Only budget configuration and sums go out.
import { createHmac } from "node:crypto";
import type { BudgetScopeJson } from "@/drizzle/schema";
import { percentOf, picoToUsd, PICO_PER_MICRO } from "./status";

export interface AlertFacts {
  alertId: number;
  kind: "threshold" | "forecast";
  threshold: number;
  budgetId: number;
  budgetName: string;
  projectSlug: string;
  scope: BudgetScopeJson;
  periodStart: Date;
  periodEnd: Date;
  spentPico: bigint;
  forecastPico: bigint | null;
  amountMicroUsd: number;
  firedAt: Date;
}

export interface WebhookBody {
  type: "budget.threshold" | "budget.forecast";
  alertId: number;
  budgetId: number;
  budgetName: string;
  threshold: number;
  periodStart: string;
  periodEnd: string;
  spentUsd: number;
  amountUsd: number;
  percent: number;
  forecastUsd: number | null;
  firedAt: string;
  url: string;
  /** Unix seconds of this attempt, equal to X-Skein-Timestamp: signed, so a replay is detectable. */
  timestamp: number;
}

/** The trace list filtered to the budget's scope (the filters the list supports) and period. */
export function tracesUrl(a: AlertFacts, publicUrl = ""): string {
  const qs = new URLSearchParams();
  qs.set("project", a.projectSlug);
  qs.set("from", a.periodStart.toISOString());
  qs.set("to", a.periodEnd.toISOString());
  // userId is never echoed: it is the raw end-user id.
  for (const k of ["agent", "model", "service", "environment"] as const) {
    const v = a.scope[k];
    if (v !== undefined) qs.set(k, v);
  }
  return `${publicUrl.replace(/\/+$/, "")}/traces?${qs.toString()}`;
}

export function webhookBody(a: AlertFacts, sentAt: Date, publicUrl?: string): WebhookBody {
  const amountPico = BigInt(a.amountMicroUsd) * PICO_PER_MICRO;
  return {
    type: a.kind === "forecast" ? "budget.forecast" : "budget.threshold",
    alertId: a.alertId,
    budgetId: a.budgetId,
    budgetName: a.budgetName,
    threshold: a.threshold,
    periodStart: a.periodStart.toISOString(),
    periodEnd: a.periodEnd.toISOString(),
    spentUsd: picoToUsd(a.spentPico),
    amountUsd: picoToUsd(amountPico),
    percent: percentOf(a.spentPico, amountPico),
    forecastUsd: a.forecastPico === null ? null : picoToUsd(a.forecastPico),
    firedAt: a.firedAt.toISOString(),
    url: tracesUrl(a, publicUrl),
    timestamp: Math.floor(sentAt.getTime() / 1000),
  };
}

/** `sha256=<hex HMAC-SHA256 of the raw body>` with the channel secret. */
export function signature(rawBody: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody, "utf8").digest("hex")}`;
}

const usd = (v: number) => `$${v.toFixed(2)}`;
// Slack treats &, < and > as control characters in message text.
const slackEscape = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function slackMessage(a: AlertFacts, publicUrl?: string): { text: string } {
  const b = webhookBody(a, a.firedAt, publicUrl);
  const what =
    a.kind === "forecast"
      ? `is forecast to reach ${usd(b.forecastUsd ?? 0)} by the end of the period`
      : `reached ${a.threshold}% of its budget`;
  const link = b.url.startsWith("http") ? ` <${b.url}|View traces>` : "";
  return { text: `Budget "${slackEscape(a.budgetName)}" ${what}: ${usd(b.spentUsd)} of ${usd(b.amountUsd)} (${b.percent}%) spent since ${b.periodStart}.${link}` };
}

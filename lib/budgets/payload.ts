// Content-free alert payloads: the generic webhook body (HMAC-signed) and the
// Slack incoming-webhook message. Only budget configuration and sums go out.
import type { BudgetScopeJson } from "@/drizzle/schema";
import { absoluteUrl, slackEscape, slackLink, usd, type Notice } from "@/lib/notify/notice";
import { percentOf, picoToUsd, PICO_PER_MICRO } from "./status";

export { signature } from "@/lib/notify/send";

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
  return absoluteUrl(`/traces?${qs.toString()}`, publicUrl);
}

export function webhookBody(a: AlertFacts, sentAt: Date, publicUrl?: string): WebhookBody {
  return { ...budgetWebhook(a, publicUrl), timestamp: Math.floor(sentAt.getTime() / 1000) };
}

/** The webhook body before its send-time `timestamp` (also the budget fields of /api/alerts items). */
export function budgetWebhook(a: AlertFacts, publicUrl?: string): Omit<WebhookBody, "timestamp"> {
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
  };
}

/** One line for lists, e-mail subjects and Slack: "Budget "X" reached 80 % ($8.00 of $10.00)". */
export function budgetAlertTitle(a: AlertFacts): string {
  const amountPico = BigInt(a.amountMicroUsd) * PICO_PER_MICRO;
  const spent = usd(picoToUsd(a.spentPico));
  const amount = usd(picoToUsd(amountPico));
  if (a.kind === "forecast") return `Budget "${a.budgetName}" is forecast to reach ${usd(picoToUsd(a.forecastPico ?? 0n))} (budget ${amount})`;
  return `Budget "${a.budgetName}" reached ${a.threshold} % (${spent} of ${amount})`;
}

export function slackMessage(a: AlertFacts, publicUrl?: string): { text: string } {
  const b = budgetWebhook(a, publicUrl);
  const what =
    a.kind === "forecast"
      ? `is forecast to reach ${usd(b.forecastUsd ?? 0)} by the end of the period`
      : `reached ${a.threshold}% of its budget`;
  return { text: `Budget "${slackEscape(a.budgetName)}" ${what}: ${usd(b.spentUsd)} of ${usd(b.amountUsd)} (${b.percent}%) spent since ${b.periodStart}.${slackLink(b.url, "View traces")}` };
}

export function budgetNotice(a: AlertFacts, publicUrl?: string): Notice {
  const b = budgetWebhook(a, publicUrl);
  return {
    webhook: { ...b },
    slackText: slackMessage(a, publicUrl).text,
    email: () =>
      Promise.resolve({
        subject: `[Skein] ${budgetAlertTitle(a)}`,
        text: [
          budgetAlertTitle(a) + ".",
          "",
          `Spent: ${usd(b.spentUsd)} of ${usd(b.amountUsd)} (${b.percent} %)`,
          ...(b.forecastUsd === null ? [] : [`Forecast for the period: ${usd(b.forecastUsd)}`]),
          `Period: ${b.periodStart} – ${b.periodEnd}`,
          `Project: ${a.projectSlug}`,
          "",
          `Traces: ${b.url}`,
        ].join("\n"),
      }),
  };
}

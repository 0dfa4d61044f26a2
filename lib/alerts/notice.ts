// Rule events as notices (webhook JSON, Slack text, e-mail) and as /api/alerts items.
import type { AlertRuleKind, BudgetChannelJson, RuleScopeJson } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import { fromJson, toDate } from "@/lib/budgets/deliver";
import { absoluteUrl, slackEscape, slackLink, usd, type Notice } from "@/lib/notify/notice";
import type { Loader } from "@/lib/notify/outbox";
import { windowLabel } from "./window-label";

export interface RuleEventFacts {
  eventId: number;
  state: "fired" | "resolved";
  ruleId: number;
  ruleName: string;
  kind: AlertRuleKind;
  scope: RuleScopeJson;
  subject: string;
  value: number | null;
  limit: number | null;
  windowStart: Date | null;
  windowEnd: Date | null;
  windowMinutes: number | null;
  firedAt: Date;
  projectSlug: string;
}

export const RULE_EVENT_SELECT = `
select e.id::text as event_id, e.kind as state, e.rule_id, r.name, r.kind, r.scope, r.channels, r.window_minutes, e.subject,
       e.value, e.limit_value, e.window_start, e.window_end, e.fired_at, p.slug
  from rule_events e
  join alert_rules r on r.project_id = e.project_id and r.id = e.rule_id
  join projects p on p.id = e.project_id`;

export interface RuleEventRow extends Record<string, unknown> {
  event_id: string;
  state: "fired" | "resolved";
  rule_id: number;
  name: string;
  kind: AlertRuleKind;
  scope: RuleScopeJson | string;
  channels: BudgetChannelJson[] | string;
  window_minutes: number | null;
  subject: string;
  value: number | null;
  limit_value: number | null;
  window_start: unknown;
  window_end: unknown;
  fired_at: unknown;
  slug: string;
}

export function rowToFacts(r: RuleEventRow): RuleEventFacts {
  return {
    eventId: Number(r.event_id),
    state: r.state,
    ruleId: r.rule_id,
    ruleName: r.name,
    kind: r.kind,
    scope: fromJson(r.scope),
    subject: r.subject,
    value: r.value === null ? null : Number(r.value),
    limit: r.limit_value === null ? null : Number(r.limit_value),
    windowStart: r.window_start === null ? null : toDate(r.window_start),
    windowEnd: r.window_end === null ? null : toDate(r.window_end),
    windowMinutes: r.window_minutes,
    firedAt: toDate(r.fired_at),
    projectSlug: r.slug,
  };
}

const ms = (v: number) => `${Math.round(v).toLocaleString("en-US")} ms`;
const pct = (v: number) => `${v.toLocaleString("en-US", { maximumFractionDigits: 2 })} %`;

function scopeLabel(scope: RuleScopeJson): string {
  const parts = (["agent", "service", "environment", "model"] as const).filter((k) => scope[k] !== undefined).map((k) => `${k} ${scope[k]}`);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

/** One line: what happened, with the measured value and the limit. */
export function ruleEventTitle(f: RuleEventFacts): string {
  const over = `over ${windowLabel(f.windowMinutes ?? 15)}`;
  switch (f.kind) {
    case "trace_cost":
      return `Trace ${f.subject.slice(0, 16)} cost ${usd(f.value ?? 0)}, above ${usd(f.limit ?? 0)}${scopeLabel(f.scope)}`;
    case "unpriced_model":
      return `Model "${f.subject}" has no price: ${f.value ?? 0} unpriced call${f.value === 1 ? "" : "s"}${scopeLabel(f.scope)}`;
    case "error_rate":
      return f.state === "fired"
        ? `Error rate ${pct(f.value ?? 0)} ${over}, above ${pct(f.limit ?? 0)}${scopeLabel(f.scope)}`
        : `Resolved: error rate back to ${f.value === null ? "no traffic" : pct(f.value)} ${over} (limit ${pct(f.limit ?? 0)})${scopeLabel(f.scope)}`;
    case "p95_latency":
      return f.state === "fired"
        ? `p95 latency ${ms(f.value ?? 0)} ${over}, above ${ms(f.limit ?? 0)}${scopeLabel(f.scope)}`
        : `Resolved: p95 latency back to ${f.value === null ? "no traffic" : ms(f.value)} ${over} (limit ${ms(f.limit ?? 0)})${scopeLabel(f.scope)}`;
  }
}

/** Where the alert points: the trace, or the trace list filtered to the rule's scope and window. */
export function ruleEventPath(f: RuleEventFacts): string {
  const qs = new URLSearchParams({ project: f.projectSlug });
  if (f.kind === "trace_cost") return `/traces/${encodeURIComponent(f.subject)}?${qs.toString()}`;
  const from = f.windowStart ?? new Date(f.firedAt.getTime() - 3_600_000);
  // An unpriced model's window is first..last call seen (one instant for a single call): the link runs to the alert.
  const to = f.kind === "unpriced_model" ? new Date(Math.max(f.firedAt.getTime(), (f.windowEnd ?? f.firedAt).getTime()) + 60_000) : (f.windowEnd ?? f.firedAt);
  qs.set("from", from.toISOString());
  qs.set("to", to.toISOString());
  for (const k of ["agent", "service", "environment", "model"] as const) if (f.scope[k] !== undefined) qs.set(k, f.scope[k]);
  if (f.kind === "unpriced_model") qs.set("model", f.subject);
  if (f.kind === "error_rate") qs.set("status", "error");
  return `/traces?${qs.toString()}`;
}

export function ruleNotice(f: RuleEventFacts, publicUrl?: string): Notice {
  const url = absoluteUrl(ruleEventPath(f), publicUrl);
  const title = ruleEventTitle(f);
  return {
    webhook: {
      type: `rule.${f.kind}`,
      state: f.state,
      eventId: f.eventId,
      ruleId: f.ruleId,
      ruleName: f.ruleName,
      title,
      value: f.value,
      limit: f.limit,
      subject: f.subject || null,
      windowStart: f.windowStart?.toISOString() ?? null,
      windowEnd: f.windowEnd?.toISOString() ?? null,
      firedAt: f.firedAt.toISOString(),
      url,
    },
    slackText: `${f.state === "resolved" ? ":white_check_mark:" : ":rotating_light:"} ${slackEscape(`${f.ruleName}: ${title}`)}${slackLink(url, "View traces")}`,
    email: () =>
      Promise.resolve({
        subject: `[Skein] ${f.ruleName}: ${title}`,
        text: [`${title}.`, "", `Rule: ${f.ruleName}`, `Project: ${f.projectSlug}`, `At: ${f.firedAt.toISOString()}`, "", `Traces: ${url}`].join("\n"),
      }),
  };
}

export const loadRuleNotice: Loader = async (db: Db, projectId, refId, opts) => {
  const [r] = await db.query<RuleEventRow>(`${RULE_EVENT_SELECT} where e.project_id = $1 and e.id = $2::int8`, [projectId, refId]);
  return r ? { channels: fromJson(r.channels), notice: ruleNotice(rowToFacts(r), opts.publicUrl) } : null;
};

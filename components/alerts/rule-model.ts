// Alert rules in the browser: how a rule reads ("Trace cost > $5.00"), the editable draft,
// and live validation that mirrors the server's. Pure.
import type { BudgetChannelJson } from "@/drizzle/schema";
import { windowLabel } from "@/lib/alerts/window-label";
import { channelIssues, cleanChannel } from "@/components/channels/channel-checks";
import type { FieldErrors } from "@/components/ui/field-errors";

export type Channel = BudgetChannelJson;
export type RuleKind = "trace_cost" | "error_rate" | "p95_latency" | "unpriced_model";
export const RULE_KINDS: readonly RuleKind[] = ["trace_cost", "error_rate", "p95_latency", "unpriced_model"];
export const SCOPE_KEYS = ["agent", "service", "environment", "model"] as const;
export type ScopeKey = (typeof SCOPE_KEYS)[number];

/** A rule as the API answers it: what was sent, and its id and state. */
export interface Rule extends RulePayload {
  id: number;
  state: "ok" | "firing";
  createdAt: string;
  updatedAt: string;
}

export const KIND_INFO: Record<RuleKind, { label: string; help: string; unit: string | null; windowed: boolean }> = {
  trace_cost: { label: "Trace cost", help: "A single run (trace) costs more than a limit: a runaway agent.", unit: "USD", windowed: false },
  error_rate: { label: "Error rate", help: "The share of failed traces over a sliding window is above a limit.", unit: "%", windowed: true },
  p95_latency: { label: "p95 latency", help: "The 95th-percentile trace duration over a sliding window is above a limit.", unit: "ms", windowed: true },
  unpriced_model: { label: "Unpriced model", help: "A model with no price shows up (its calls are not counted in spend).", unit: null, windowed: false },
};

export const DEFAULT_WINDOW_MINUTES = 15;
export const DEFAULT_MIN_TRACES = 10;

const grouped = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 }).replace(/,/g, "\u00a0");

/** "$5.00", "$1,000.00"; a limit under a cent keeps its digits ("$0.0005"). */
export function usdLimit(v: number): string {
  const abs = Math.abs(v);
  if (abs > 0 && abs < 0.01) return `$${v.toLocaleString("en-US", { maximumSignificantDigits: 3, maximumFractionDigits: 6 })}`;
  return `$${v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** "15 min", "1 h", "1 h 30 min", "24 h". */

/** What the rule watches, in one line. */
export function describeRule(r: Pick<Rule, "kind" | "threshold" | "windowMinutes" | "minTraces">): string {
  const window = ` over ${windowLabel(r.windowMinutes ?? DEFAULT_WINDOW_MINUTES)}`;
  const min = r.minTraces ?? DEFAULT_MIN_TRACES;
  const minNote = ` (min ${grouped(min)} trace${min === 1 ? "" : "s"})`;
  switch (r.kind) {
    case "trace_cost":
      return `Trace cost > ${r.threshold === null ? "?" : usdLimit(r.threshold)}`;
    case "error_rate":
      return `Error rate > ${r.threshold === null ? "?" : grouped(r.threshold)} %${window}${minNote}`;
    case "p95_latency":
      return `p95 > ${r.threshold === null ? "?" : grouped(r.threshold)} ms${window}${minNote}`;
    case "unpriced_model":
      return "Model without a price";
  }
}

export function scopeEntries(scope: Rule["scope"] | null | undefined): { key: ScopeKey; value: string }[] {
  return SCOPE_KEYS.flatMap((key) => (scope?.[key] ? [{ key, value: scope[key] }] : []));
}

export interface RuleDraft {
  name: string;
  kind: RuleKind;
  threshold: string;
  windowMinutes: string;
  minTraces: string;
  scope: Record<ScopeKey, string>;
  enabled: boolean;
  channels: Channel[];
}

export const DEFAULT_THRESHOLD: Record<RuleKind, string> = { trace_cost: "5", error_rate: "10", p95_latency: "30000", unpriced_model: "" };

export function draftFromRule(r?: Rule): RuleDraft {
  if (!r) {
    return {
      name: "",
      kind: "trace_cost",
      threshold: DEFAULT_THRESHOLD.trace_cost,
      windowMinutes: String(DEFAULT_WINDOW_MINUTES),
      minTraces: String(DEFAULT_MIN_TRACES),
      scope: { agent: "", service: "", environment: "", model: "" },
      enabled: true,
      channels: [],
    };
  }
  return {
    name: r.name,
    kind: r.kind,
    threshold: r.threshold === null ? DEFAULT_THRESHOLD[r.kind] : String(r.threshold),
    windowMinutes: String(r.windowMinutes ?? DEFAULT_WINDOW_MINUTES),
    minTraces: String(r.minTraces ?? DEFAULT_MIN_TRACES),
    scope: { agent: r.scope.agent ?? "", service: r.scope.service ?? "", environment: r.scope.environment ?? "", model: r.scope.model ?? "" },
    enabled: r.enabled,
    channels: r.channels,
  };
}

/** Changing the kind swaps in that kind's default threshold unless the person typed one for it. */
export function withKind(d: RuleDraft, kind: RuleKind): RuleDraft {
  if (kind === d.kind) return d;
  const untouched = d.threshold === "" || d.threshold === DEFAULT_THRESHOLD[d.kind];
  return { ...d, kind, threshold: untouched ? DEFAULT_THRESHOLD[kind] : d.threshold };
}

const num = (s: string): number | null => (s.trim() === "" || !Number.isFinite(Number(s)) ? null : Number(s));

export interface RulePayload {
  name: string;
  kind: RuleKind;
  scope: Partial<Record<ScopeKey, string>>;
  threshold: number | null;
  windowMinutes: number | null;
  minTraces: number | null;
  enabled: boolean;
  channels: Channel[];
}

export function payloadFromDraft(d: RuleDraft): RulePayload {
  const windowed = KIND_INFO[d.kind].windowed;
  const scope: RulePayload["scope"] = {};
  for (const k of SCOPE_KEYS) if (d.scope[k].trim()) scope[k] = d.scope[k].trim();
  return {
    name: d.name.trim(),
    kind: d.kind,
    scope,
    threshold: d.kind === "unpriced_model" ? null : num(d.threshold),
    windowMinutes: windowed ? num(d.windowMinutes) : null,
    minTraces: windowed ? num(d.minTraces) : null,
    enabled: d.enabled,
    channels: d.channels.map(cleanChannel),
  };
}

/** The checks the server makes that a person can fix while typing (server 400 issues still win). */
export function validateDraft(d: RuleDraft): FieldErrors {
  const e: FieldErrors = {};
  if (!d.name.trim()) e.name = "Give the rule a name";
  else if (d.name.trim().length > 200) e.name = "At most 200 characters";
  if (d.kind !== "unpriced_model") {
    const t = num(d.threshold);
    if (t === null) e.threshold = "Enter a number";
    else if (t <= 0) e.threshold = "Must be more than 0";
    else if (d.kind === "error_rate" && t > 100) e.threshold = "A percentage: at most 100";
  }
  if (KIND_INFO[d.kind].windowed) {
    const w = num(d.windowMinutes);
    if (w === null || !Number.isInteger(w) || w < 5 || w > 1440) e.windowMinutes = "Whole minutes from 5 to 1440";
    const m = num(d.minTraces);
    if (m === null || !Number.isInteger(m) || m < 1) e.minTraces = "A whole number of at least 1";
  }
  for (const k of SCOPE_KEYS) if (d.scope[k].trim().length > 200) e[`scope.${k}`] = "At most 200 characters";
  for (const [k, v] of Object.entries(channelIssues(d.channels))) e[`channels.${k}`] = v;
  return e;
}

export { windowLabel };

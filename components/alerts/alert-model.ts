// The alert timeline's data: GET /api/alerts items normalized (older servers send budget
// alerts without key/source/title/url), grouped by day and filtered by type. Pure, no React.

export type AlertType = "budget.threshold" | "budget.forecast" | "rule.trace_cost" | "rule.error_rate" | "rule.p95_latency" | "rule.unpriced_model";
export type DeliveryStatus = "pending" | "ok" | "failed";

export const ALERT_TYPES: readonly AlertType[] = ["budget.threshold", "budget.forecast", "rule.trace_cost", "rule.error_rate", "rule.p95_latency", "rule.unpriced_model"];

export interface Delivery {
  channelIndex: number;
  channelType: string | null;
  attempt: number;
  status: DeliveryStatus;
  httpStatus: number | null;
  error: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
}

export interface Alert {
  key: string;
  id: number;
  source: "budget" | "rule";
  type: AlertType;
  state: "fired" | "resolved";
  title: string;
  firedAt: string;
  url: string | null;
  deliveries: Delivery[];
}

/** The wire shape, every field optional: new fields may not be served yet. */
export type RawAlert = Partial<Omit<Alert, "deliveries" | "url">> & {
  url?: string | null;
  deliveries?: Partial<Delivery>[] | null;
  budgetName?: string;
  threshold?: number;
  periodStart?: string;
  periodEnd?: string;
  spentUsd?: number;
  amountUsd?: number;
  percent?: number;
  forecastUsd?: number | null;
  ruleName?: string;
};

/** "$812", "$1,000", "$12.50", "$0.0042": whole dollars stay whole. */
export function usdShort(v: number): string {
  const abs = Math.abs(v);
  if (abs > 0 && abs < 0.01) return `$${v.toLocaleString("en-US", { maximumSignificantDigits: 2, maximumFractionDigits: 6 })}`;
  const whole = Math.round(v * 100) % 100 === 0;
  return `$${v.toLocaleString("en-US", whole ? { maximumFractionDigits: 0 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function fallbackTitle(a: RawAlert, type: AlertType): string {
  if (type === "budget.threshold" && a.budgetName && a.threshold !== undefined && a.spentUsd !== undefined && a.amountUsd !== undefined) {
    return `${a.budgetName} reached ${a.threshold} % (${usdShort(a.spentUsd)} of ${usdShort(a.amountUsd)})`;
  }
  if (type === "budget.forecast" && a.budgetName && a.amountUsd !== undefined) {
    const f = a.forecastUsd ?? null;
    return f === null ? `${a.budgetName} is forecast to exceed ${usdShort(a.amountUsd)}` : `${a.budgetName} is forecast at ${usdShort(f)} (budget ${usdShort(a.amountUsd)})`;
  }
  const name = a.budgetName ?? a.ruleName;
  return name ? `${name}: ${TYPE_LABELS[type].toLowerCase()}` : TYPE_LABELS[type];
}

export const TYPE_LABELS: Record<AlertType, string> = {
  "budget.threshold": "Budget threshold",
  "budget.forecast": "Budget forecast",
  "rule.trace_cost": "Runaway trace",
  "rule.error_rate": "Error rate",
  "rule.p95_latency": "p95 latency",
  "rule.unpriced_model": "Unpriced model",
};

const isType = (t: unknown): t is AlertType => typeof t === "string" && (ALERT_TYPES as readonly string[]).includes(t);

function normalizeDelivery(d: Partial<Delivery>): Delivery {
  const status: DeliveryStatus = d.status === "ok" || d.status === "failed" ? d.status : "pending";
  return {
    channelIndex: d.channelIndex ?? 0,
    channelType: d.channelType ?? null,
    attempt: d.attempt ?? 1,
    status,
    httpStatus: d.httpStatus ?? null,
    error: d.error ?? null,
    createdAt: d.createdAt ?? "",
    nextAttemptAt: status === "pending" ? (d.nextAttemptAt ?? null) : null,
  };
}

export function normalizeAlert(a: RawAlert): Alert {
  const source = a.source ?? (typeof a.type === "string" && a.type.startsWith("rule.") ? "rule" : "budget");
  const type: AlertType = isType(a.type) ? a.type : source === "rule" ? "rule.trace_cost" : "budget.threshold";
  const id = a.id ?? 0;
  let url = a.url ?? null;
  if (!url && a.periodStart && a.periodEnd) url = `/traces?from=${encodeURIComponent(a.periodStart)}&to=${encodeURIComponent(a.periodEnd)}`;
  return {
    key: a.key ?? `${source}:${id}`,
    id,
    source,
    type,
    state: a.state === "resolved" ? "resolved" : "fired",
    title: a.title?.trim() ? a.title : fallbackTitle(a, type),
    firedAt: a.firedAt ?? new Date(0).toISOString(),
    url,
    deliveries: (a.deliveries ?? []).map(normalizeDelivery),
  };
}

/** Adds the project to an alert's relative trace link (the server's link names none) and keeps it same-site. */
export function traceLink(url: string | null, project: string, defaultProject = "default"): string | null {
  if (!url || !url.startsWith("/") || url.startsWith("//")) return null;
  if (project === defaultProject || /[?&]project=/.test(url)) return url;
  return `${url}${url.includes("?") ? "&" : "?"}project=${encodeURIComponent(project)}`;
}

/** Deliveries grouped by channel, attempts in order; the newest attempt says the channel's status. */
export function deliveriesByChannel(deliveries: Delivery[]): { channelIndex: number; channelType: string | null; attempts: Delivery[]; latest: Delivery }[] {
  const byIndex = new Map<number, Delivery[]>();
  for (const d of deliveries) byIndex.set(d.channelIndex, [...(byIndex.get(d.channelIndex) ?? []), d]);
  return [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .map(([channelIndex, list]) => {
      const attempts = [...list].sort((x, y) => x.attempt - y.attempt);
      const latest = attempts[attempts.length - 1]!;
      return { channelIndex, channelType: attempts.find((d) => d.channelType)?.channelType ?? null, attempts, latest };
    });
}

/** The filter chip an alert belongs to: its type; resolved events count under their rule's type. */
export function matchesTypes(a: Alert, types: ReadonlySet<AlertType>): boolean {
  return types.size === 0 || types.has(a.type);
}

export function parseTypes(param: string | null): Set<AlertType> {
  return new Set((param ?? "").split(",").filter(isType));
}

export function typesParam(types: ReadonlySet<AlertType>): string | null {
  const list = ALERT_TYPES.filter((t) => types.has(t));
  return list.length ? list.join(",") : null;
}

export interface DayGroup {
  day: string;
  label: string;
  alerts: Alert[];
}

/** Consecutive alerts (already newest first) grouped by calendar day in `timeZone`. */
export function groupByDay(alerts: Alert[], now: Date, timeZone?: string): DayGroup[] {
  const key = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  const label = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric" });
  const today = key.format(now);
  const yesterday = key.format(new Date(now.getTime() - 86_400_000));
  const groups: DayGroup[] = [];
  for (const a of alerts) {
    const d = new Date(a.firedAt);
    const day = key.format(d);
    const last = groups[groups.length - 1];
    if (last && last.day === day) last.alerts.push(a);
    else groups.push({ day, label: day === today ? "Today" : day === yesterday ? "Yesterday" : label.format(d), alerts: [a] });
  }
  return groups;
}

/** "just now", "4 min ago", "3 h ago", "2 d ago"; "in 30 s" for the future (retry times). */
export function relativeTime(iso: string, now: Date): string {
  const ms = new Date(iso).getTime() - now.getTime();
  const abs = Math.abs(ms);
  const fmt = (n: number, unit: string) => (ms >= 0 ? `in ${n} ${unit}` : `${n} ${unit} ago`);
  if (abs < 45_000 && ms < 0) return "just now";
  if (abs < 60_000) return fmt(Math.max(1, Math.round(abs / 1000)), "s");
  if (abs < 3_600_000) return fmt(Math.round(abs / 60_000), "min");
  if (abs < 86_400_000) return fmt(Math.round(abs / 3_600_000), "h");
  return fmt(Math.round(abs / 86_400_000), "d");
}

/** "14:05:10" in the browser's time zone. */
export function clockTime(iso: string, timeZone?: string): string {
  return new Date(iso).toLocaleTimeString("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
}

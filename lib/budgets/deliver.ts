// Alert delivery queue. Each alert_deliveries row is one attempt; pending rows
// that are due are claimed with SKIP LOCKED and a lease (next_attempt_at pushed
// forward), sent outside any transaction, then marked ok/failed. A failure
// queues the next attempt with backoff, up to maxAttempts. A process that dies
// mid-send leaves the row pending; it is retried when the lease expires.
import type { Db } from "@/lib/db/client";
import type { BudgetChannelJson, BudgetScopeJson } from "@/drizzle/schema";
import { signature, slackMessage, webhookBody, type AlertFacts } from "./payload";

export interface DeliveryOptions {
  /** Delay before attempt n+1 after attempt n failed (ms); the last value repeats. Default 10 s, 30 s, 90 s, 270 s. */
  backoffMs?: number[];
  /** Default 5. */
  maxAttempts?: number;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Prefix of the `url` in payloads (e.g. https://skein.example.com); relative when absent. */
  publicUrl?: string;
  /** Deliveries claimed per pass (default 20). */
  batch?: number;
}

export interface DeliveryResult {
  ok: number;
  failed: number;
}

export const DEFAULT_BACKOFF_MS = [10_000, 30_000, 90_000, 270_000];

const CLAIM_SQL = `
update alert_deliveries d set next_attempt_at = now() + $1::float8 * interval '1 millisecond'
 where (d.project_id, d.id) in (
   select project_id, id from alert_deliveries
    where status = 'pending' and next_attempt_at <= now()
    order by id limit $2
    for update skip locked)
returning d.project_id, d.id::text as id, d.alert_id::text as alert_id, d.channel_index, d.attempt`;

const FACTS_SQL = `
select a.id::text as alert_id, a.kind, a.threshold, a.budget_id, a.period_start, a.period_end, a.spent_pico::text as spent_pico,
       a.forecast_pico::text as forecast_pico, a.amount_micro_usd::text as amount_micro_usd, a.fired_at,
       b.name, b.scope, b.channels, p.slug
  from budget_alerts a
  join budgets b on b.project_id = a.project_id and b.id = a.budget_id
  join projects p on p.id = a.project_id
 where a.project_id = $1 and a.id = $2::int8`;

interface Claimed {
  project_id: number;
  id: string;
  alert_id: string;
  channel_index: number;
  attempt: number;
}

interface FactsRow {
  alert_id: string;
  kind: "threshold" | "forecast";
  threshold: number;
  budget_id: number;
  period_start: unknown;
  period_end: unknown;
  spent_pico: string;
  forecast_pico: string | null;
  amount_micro_usd: string;
  fired_at: unknown;
  name: string;
  scope: BudgetScopeJson | string;
  channels: BudgetChannelJson[] | string;
  slug: string;
}

const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
const json = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);

interface Outcome {
  ok: boolean;
  httpStatus: number | null;
  /** A fixed reason, never response content. */
  error: string | null;
  retry: boolean;
}

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<Outcome> {
  try {
    const res = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json", ...headers }, signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
    await res.body?.cancel();
    if (res.ok) return { ok: true, httpStatus: res.status, error: null, retry: false };
    return { ok: false, httpStatus: res.status, error: "http error", retry: true };
  } catch (err) {
    const timeout = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    return { ok: false, httpStatus: null, error: timeout ? "timeout" : "network error", retry: true };
  }
}

async function send(channel: BudgetChannelJson | undefined, facts: AlertFacts, opts: DeliveryOptions): Promise<Outcome> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  if (!channel) return { ok: false, httpStatus: null, error: "channel removed", retry: false };
  if (channel.type === "webhook") {
    const now = new Date();
    const raw = JSON.stringify(webhookBody(facts, now, opts.publicUrl));
    return post(channel.url, raw, { "x-skein-signature": signature(raw, channel.secret), "x-skein-timestamp": String(Math.floor(now.getTime() / 1000)) }, timeoutMs);
  }
  if (channel.type === "slack") return post(channel.url, JSON.stringify(slackMessage(facts, opts.publicUrl)), {}, timeoutMs);
  return { ok: false, httpStatus: null, error: "email delivery not configured", retry: false };
}

async function loadFacts(db: Db, projectId: number, alertId: string): Promise<{ facts: AlertFacts; channels: BudgetChannelJson[] } | null> {
  const [r] = await db.query<FactsRow & Record<string, unknown>>(FACTS_SQL, [projectId, alertId]);
  if (!r) return null;
  return {
    channels: json(r.channels),
    facts: {
      alertId: Number(r.alert_id),
      kind: r.kind,
      threshold: r.threshold,
      budgetId: r.budget_id,
      budgetName: r.name,
      projectSlug: r.slug,
      scope: json(r.scope),
      periodStart: date(r.period_start),
      periodEnd: date(r.period_end),
      spentPico: BigInt(r.spent_pico),
      forecastPico: r.forecast_pico === null ? null : BigInt(r.forecast_pico),
      amountMicroUsd: Number(r.amount_micro_usd),
      firedAt: date(r.fired_at),
    },
  };
}

async function record(db: Db, c: Claimed, out: Outcome, opts: DeliveryOptions): Promise<void> {
  const backoff = opts.backoffMs ?? DEFAULT_BACKOFF_MS;
  const again = !out.ok && out.retry && c.attempt < (opts.maxAttempts ?? 5);
  const delay = backoff[Math.min(c.attempt - 1, backoff.length - 1)] ?? 10_000;
  await db.transaction(async (tx) => {
    await tx.query(`update alert_deliveries set status = $3, http_status = $4, error = $5 where project_id = $1 and id = $2::int8`, [
      c.project_id,
      c.id,
      out.ok ? "ok" : "failed",
      out.httpStatus,
      out.error,
    ]);
    if (again) {
      await tx.query(
        `insert into alert_deliveries (project_id, alert_id, channel_index, attempt, status, next_attempt_at)
         values ($1, $2::int8, $3, $4, 'pending', now() + $5::float8 * interval '1 millisecond')`,
        [c.project_id, c.alert_id, c.channel_index, c.attempt + 1, delay],
      );
    }
  });
}

/** One pass: sends the due deliveries in alert order. Safe to run concurrently from several processes. */
export async function runDeliveries(db: Db, opts: DeliveryOptions = {}): Promise<DeliveryResult> {
  const lease = (opts.timeoutMs ?? 10_000) * 2 + 5_000;
  const claimed = await db.query<Claimed & Record<string, unknown>>(CLAIM_SQL, [lease, opts.batch ?? 20]);
  claimed.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  const result: DeliveryResult = { ok: 0, failed: 0 };
  for (const c of claimed) {
    const loaded = await loadFacts(db, c.project_id, c.alert_id);
    const out: Outcome = loaded ? await send(loaded.channels[c.channel_index], loaded.facts, opts) : { ok: false, httpStatus: null, error: "alert removed", retry: false };
    await record(db, c, out, opts);
    if (out.ok) result.ok++;
    else result.failed++;
  }
  return result;
}

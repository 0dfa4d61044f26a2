// The delivery queue shared by budget alerts, rule events and scheduled reports.
// Each alert_deliveries row is one attempt at one channel of one source row;
// pending rows that are due are claimed with SKIP LOCKED and a lease
// (next_attempt_at pushed forward), sent outside any transaction, then marked
// ok/failed. A failure queues the next attempt with backoff, up to maxAttempts.
// A process that dies mid-send leaves the row pending; it is retried when the
// lease expires.
import type { Db, Querier } from "@/lib/db/client";
import type { Channel, Notice } from "./notice";
import { sendNotice, type Outcome, type SendOptions } from "./send";

export type Source = "budget" | "rule" | "report";

/** The alert_deliveries column that points at each source's row. */
export const SOURCE_COLUMN: Record<Source, string> = { budget: "alert_id", rule: "rule_event_id", report: "report_run_id" };

export interface Loaded {
  channels: Channel[];
  notice: Notice;
}

/** Reads a source row and builds its notice; null when the row is gone. */
export type Loader = (db: Db, projectId: number, refId: string, opts: SendOptions) => Promise<Loaded | null>;

export interface DeliveryOptions extends SendOptions {
  /** Delay before attempt n+1 after attempt n failed (ms); the last value repeats. Default 10 s, 30 s, 90 s, 270 s. */
  backoffMs?: number[];
  /** Default 5. */
  maxAttempts?: number;
  /** Deliveries claimed per pass (default 20). */
  batch?: number;
}

export interface DeliveryResult {
  ok: number;
  failed: number;
}

export const DEFAULT_BACKOFF_MS = [10_000, 30_000, 90_000, 270_000];

/** Queues a first attempt for each channel of a newly created source row (call in its transaction). */
export async function queueDeliveries(tx: Querier, projectId: number, source: Source, refId: string | number, channelCount: number): Promise<void> {
  if (channelCount <= 0) return;
  await tx.query(
    `insert into alert_deliveries (project_id, ${SOURCE_COLUMN[source]}, channel_index, attempt, status, next_attempt_at)
     select $1, $2::int8, i, 1, 'pending', now() from generate_series(0, $3::int4 - 1) as i`,
    [projectId, String(refId), channelCount],
  );
}

const CLAIM_SQL = `
update alert_deliveries d set next_attempt_at = now() + $1::float8 * interval '1 millisecond'
 where (d.project_id, d.id) in (
   select project_id, id from alert_deliveries
    where status = 'pending' and next_attempt_at <= now()
    order by id limit $2
    for update skip locked)
returning d.project_id, d.id::text as id, d.alert_id::text as alert_id, d.rule_event_id::text as rule_event_id,
          d.report_run_id::text as report_run_id, d.channel_index, d.attempt`;

interface Claimed {
  project_id: number;
  id: string;
  alert_id: string | null;
  rule_event_id: string | null;
  report_run_id: string | null;
  channel_index: number;
  attempt: number;
}

function sourceOf(c: Claimed): { source: Source; refId: string } {
  if (c.alert_id !== null) return { source: "budget", refId: c.alert_id };
  if (c.rule_event_id !== null) return { source: "rule", refId: c.rule_event_id };
  return { source: "report", refId: c.report_run_id ?? "0" };
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
        `insert into alert_deliveries (project_id, alert_id, rule_event_id, report_run_id, channel_index, attempt, status, next_attempt_at)
         values ($1, $2::int8, $3::int8, $4::int8, $5, $6, 'pending', now() + $7::float8 * interval '1 millisecond')`,
        [c.project_id, c.alert_id, c.rule_event_id, c.report_run_id, c.channel_index, c.attempt + 1, delay],
      );
    }
  });
}

/** One pass: sends the due deliveries in queue order. Safe to run concurrently from several processes. */
export async function runDeliveries(db: Db, loaders: Record<Source, Loader>, opts: DeliveryOptions = {}): Promise<DeliveryResult> {
  // The lease covers a slow send (timeout) twice over; a report's PDF render is inside it too.
  const lease = (opts.timeoutMs ?? 10_000) * 2 + 30_000;
  const claimed = await db.query<Claimed & Record<string, unknown>>(CLAIM_SQL, [lease, opts.batch ?? 20]);
  claimed.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  const result: DeliveryResult = { ok: 0, failed: 0 };
  const cache = new Map<string, Loaded | null>();
  for (const c of claimed) {
    const { source, refId } = sourceOf(c);
    const key = `${source}:${c.project_id}:${refId}`;
    if (!cache.has(key)) cache.set(key, await loaders[source](db, c.project_id, refId, opts));
    const loaded = cache.get(key) ?? null;
    const channel = loaded?.channels[c.channel_index];
    let out: Outcome;
    if (!loaded) out = { ok: false, httpStatus: null, error: "alert removed", retry: false };
    else if (!channel) out = { ok: false, httpStatus: null, error: "channel removed", retry: false };
    else out = await sendNotice(channel, loaded.notice, opts);
    await record(db, c, out, opts);
    if (out.ok) result.ok++;
    else result.failed++;
  }
  return result;
}

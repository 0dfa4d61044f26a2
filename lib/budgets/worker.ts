// The in-process alert worker: every 15 s it evaluates every budget and alert
// rule (so an alert fires within a minute of the span that crossed a line),
// queues due scheduled reports, and sends due deliveries. Database constraints,
// conditional updates and SKIP LOCKED make it safe in any number of processes.
// Failures back off up to 5 minutes.
import type { Db } from "@/lib/db/client";
import { errorFields, logEvent } from "@/lib/log";
import { runDeliveries, type DeliveryOptions } from "@/lib/notify/outbox";
import { LOADERS } from "@/lib/notify/sources";
import { evaluateRules } from "@/lib/alerts/evaluate";
import { queueDueReports } from "@/lib/reports/schedule-run";
import { evaluateBudgets } from "./evaluate";
import { loadPseudonymKey } from "./spend";

export interface BudgetWorkerOptions extends DeliveryOptions {
  everyMs?: number;
}

const workers = new WeakMap<Db, { stop(): void }>();

export interface PassResult {
  fired: number;
  rules: number;
  reports: number;
  delivered: number;
  failed: number;
}

/** One evaluation and delivery pass (what the worker runs each tick). */
export async function runBudgetPass(db: Db, opts: DeliveryOptions = {}, now?: Date): Promise<PassResult> {
  const fired = await evaluateBudgets(db, await loadPseudonymKey(db), now);
  const rules = await evaluateRules(db, now);
  const reports = await queueDueReports(db, now);
  const d = await runDeliveries(db, LOADERS, opts);
  return { fired: fired.length, rules: rules.length, reports: reports.length, delivered: d.ok, failed: d.failed };
}

/** Starts the worker for this database once (later calls do nothing). */
export function ensureBudgetWorker(db: Db, opts: BudgetWorkerOptions = {}): void {
  if (workers.has(db)) return;
  const everyMs = opts.everyMs ?? 15_000;
  let running = false;
  let failures = 0;
  let resumeAt = 0;
  const timer = setInterval(() => {
    if (running || Date.now() < resumeAt) return;
    running = true;
    runBudgetPass(db, opts)
      .then((r) => {
        failures = 0;
        if (r.fired > 0 || r.rules > 0 || r.reports > 0 || r.failed > 0) logEvent("alerts.pass", { ...r });
      })
      .catch((err: unknown) => {
        failures++;
        resumeAt = Date.now() + Math.min(300_000, everyMs * 2 ** failures);
        logEvent("alerts.pass_failed", { ...errorFields(err), failures });
      })
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  workers.set(db, { stop: () => clearInterval(timer) });
}

export function stopBudgetWorker(db: Db): void {
  workers.get(db)?.stop();
  workers.delete(db);
}

// One runtime per server process (database, configuration, price index), shared
// by every route through globalThis: Next.js may load route modules in separate
// bundles, and PGlite allows a single open instance per data directory.
import { openDb, type Db } from "@/lib/db/client";
import { env, metadataPrefixes, type Env } from "@/lib/env";
import { bootstrap } from "@/lib/bootstrap";
import type { PrepareContext } from "@/lib/ingest/prepare";
import { loadPriceIndex } from "@/lib/db/prices";
import { scheduleRetention } from "@/lib/retention";
import { ensureRollupWorker } from "@/lib/metrics/rollup-worker";
import { ensureBudgetWorker } from "@/lib/budgets/worker";
import { sendOptions } from "@/lib/notify/config";

export interface Runtime {
  db: Db;
  env: Env;
  defaultProjectId: number;
  ingest: PrepareContext;
  /** Re-reads prices after they change. */
  reloadPrices(): Promise<void>;
}

const g = globalThis as typeof globalThis & { __skeinRuntime?: Promise<Runtime> };

/** Bootstraps an open database into a runtime (also used by tests with their own database). */
export async function buildRuntime(db: Db, e: Env, print?: (line: string) => void): Promise<Runtime> {
  const boot = await bootstrap(db, { ingestKey: e.SKEIN_INGEST_KEY, adminPassword: e.SKEIN_ADMIN_PASSWORD, print });
  const runtime: Runtime = {
    db,
    env: e,
    defaultProjectId: boot.projectId,
    ingest: { privacy: { metadataPrefixes: metadataPrefixes(e), userIdKey: boot.pseudonymKey }, prices: await loadPriceIndex(db), pseudonymKey: boot.pseudonymKey },
    async reloadPrices() {
      runtime.ingest = { ...runtime.ingest, prices: await loadPriceIndex(db) };
    },
  };
  return runtime;
}

async function create(): Promise<Runtime> {
  const e = env();
  const db = await openDb({ databaseUrl: e.DATABASE_URL, dataDir: e.SKEIN_DATA_DIR, poolSize: e.SKEIN_DB_POOL });
  const runtime = await buildRuntime(db, e);
  scheduleRetention(db);
  ensureRollupWorker(db);
  ensureBudgetWorker(db, sendOptions(e));
  return runtime;
}

/** The process runtime; a failed start (e.g. database down) is retried on the next call. */
export function getRuntime(): Promise<Runtime> {
  if (!g.__skeinRuntime) {
    g.__skeinRuntime = create().catch((err: unknown) => {
      g.__skeinRuntime = undefined;
      throw err;
    });
  }
  return g.__skeinRuntime;
}

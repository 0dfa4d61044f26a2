// Benchmark child process: Skein's real OTLP handler (handleOtlpTraces) on node:http,
// against DATABASE_URL (PostgreSQL) or SKEIN_DATA_DIR (PGlite). Prints
// `BENCH {"port":…}` when ready; on SIGTERM prints `BENCH {"stats":…}` (span
// counts per project, time spent in the handler and in each kind of SQL) and exits.
// Prototypes (not Skein's shipped path): BENCH_WRITER moves transactions to another
// postgres.js pool and/or swaps the spans insert (bench/copy-writer.ts);
// BENCH_PREPARE=patched loads bench/prototype-prepare.ts.
// Run by bench/ingest.ts:  node --import tsx bench/ingest-server.ts
import http from "node:http";
import type { AddressInfo } from "node:net";
import { PerformanceObserver, constants as perfConstants } from "node:perf_hooks";
import { openDb, type Db, type Querier, type QueryOptions, type Row } from "../lib/db/client";
import { parseEnv } from "../lib/env";
import { groupWriter } from "../lib/ingest/ingest";
import { buildRuntime } from "../lib/server/runtime";
import { sendWebResponse, toWebRequest } from "../test/helpers/server";
import { configureIngestPool, defaultWorkerCount } from "../lib/ingest/pool";
import { optimistic, withWriterClient, type Transport } from "./copy-writer";
import { loadHandler } from "./prototype-prepare";

interface Timer {
  count: number;
  ms: number;
}
const timers = new Map<string, Timer>();

function record(label: string, ms: number): void {
  const t = timers.get(label) ?? { count: 0, ms: 0 };
  t.count++;
  t.ms += ms;
  timers.set(label, t);
}

/** "insert spans", "upsert traces", … : the statement's verb and table, never its values. */
function labelOf(text: string): string {
  const m = /^\s*(insert into|select|create table if not exists|update|delete from|copy|savepoint|release savepoint|rollback to savepoint)\s+"?([a-z_]+)/i.exec(text);
  if (!m) return "other";
  const verb = m[1]!.toLowerCase().split(" ")[0]!;
  return `${verb} ${m[2]!.toLowerCase()}`;
}

/** GC pauses of the server's main thread (worker threads have their own heaps), by kind. */
const GC_KINDS: Record<number, string> = {
  [perfConstants.NODE_PERFORMANCE_GC_MINOR]: "gc: minor",
  [perfConstants.NODE_PERFORMANCE_GC_MAJOR]: "gc: major",
  [perfConstants.NODE_PERFORMANCE_GC_INCREMENTAL]: "gc: incremental",
  [perfConstants.NODE_PERFORMANCE_GC_WEAKCB]: "gc: weak callbacks",
};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const detail = (e as unknown as { detail?: { kind?: number; flags?: number } }).detail;
    const flags = detail?.flags ? ` (flags ${detail.flags})` : "";
    record(`${GC_KINDS[detail?.kind ?? -1] ?? "gc: other"}${flags}`, e.duration);
  }
}).observe({ entryTypes: ["gc"] });

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await run();
  } finally {
    record(label, performance.now() - t0);
  }
}

/** Wraps the database so every raw query and transaction is timed (drizzle calls pass through untimed). */
function timedDb(db: Db): Db {
  const wrap = (q: Querier, prefix: string): Querier => ({
    query: <T extends Row>(text: string, params?: unknown[], opts?: QueryOptions) => timed(`${prefix}${labelOf(text)}`, () => q.query<T>(text, params, opts)),
    // Keep the transaction's COPY (PostgreSQL): without it writeSpanBatch takes the unnest path.
    ...(q.copyIn ? { copyIn: (statement: string, data: string) => timed(`${prefix}${labelOf(statement)}`, () => q.copyIn!(statement, data)) } : {}),
  });
  return {
    kind: db.kind,
    orm: db.orm,
    query: wrap(db, "").query,
    transaction: <T>(fn: (tx: Querier) => Promise<T>) => timed("transaction (total)", () => db.transaction((tx) => fn(wrap(tx, "tx: ")))),
    close: () => db.close(),
  };
}

/** BENCH_WRITER: "shipped", or "<transport>" / "<transport>+optimistic-copy" with transport tcp-nodelay | unix. */
function prototypeWriter(raw: Db, url: string | undefined, poolSize: number): Db {
  const writer = process.env.BENCH_WRITER ?? "shipped";
  if (writer === "shipped") return raw;
  const [transport, strategy] = writer.split("+") as [string, string | undefined];
  if (!url || (transport !== "tcp-nodelay" && transport !== "unix") || (strategy !== undefined && strategy !== "optimistic-copy")) {
    throw new Error(`unsupported BENCH_WRITER ${writer}`);
  }
  return withWriterClient(raw, url, poolSize, transport as Transport, strategy ? { spans: optimistic } : {});
}

async function main(): Promise<void> {
  const e = parseEnv(process.env);
  const raw = await openDb({ databaseUrl: e.DATABASE_URL, dataDir: e.SKEIN_DATA_DIR, poolSize: e.SKEIN_DB_POOL });
  const db = timedDb(prototypeWriter(raw, e.DATABASE_URL, e.SKEIN_DB_POOL));
  const handleOtlpTraces = await loadHandler(process.env.BENCH_PREPARE === "patched");
  // BENCH_WORKERS: ingest worker threads (0 = decode in the server thread); default as shipped.
  const workers = process.env.BENCH_WORKERS === undefined ? defaultWorkerCount() : Number(process.env.BENCH_WORKERS);
  await configureIngestPool({ workers });
  const runtime = await buildRuntime(db, e, () => {});
  const getRuntime = () => Promise.resolve(runtime);

  const server = http.createServer((req, res) => {
    void (async () => {
      const request = await toWebRequest(req, "http://127.0.0.1");
      const t0 = performance.now();
      const response =
        new URL(request.url).pathname === "/v1/traces" && req.method === "POST"
          ? await handleOtlpTraces(request, getRuntime)
          : new Response("not found", { status: 404 });
      record(`handler (total, status ${response.status})`, performance.now() - t0);
      await sendWebResponse(res, response);
    })().catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`BENCH ${JSON.stringify({ port, projectId: runtime.defaultProjectId })}\n`);

  process.once("SIGTERM", () => {
    void (async () => {
      server.closeAllConnections();
      server.close();
      const counts = await raw.query<{ project_id: number; n: string }>(
        "select project_id, count(*)::text as n from spans group by project_id order by project_id",
      );
      const stats = {
        spansByProject: Object.fromEntries(counts.map((c) => [c.project_id, Number(c.n)])),
        timers: Object.fromEntries([...timers].map(([k, v]) => [k, { count: v.count, ms: Math.round(v.ms) }])),
        rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
        groupedTransactions: groupWriter(runtime.db).grouped,
      };
      process.stdout.write(`BENCH ${JSON.stringify({ stats })}\n`);
      await db.close();
      process.exit(0);
    })();
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`ingest-server failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

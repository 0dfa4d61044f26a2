// `npm run bench:ingest`: sustained OTLP/protobuf ingest over HTTP (Skein server and
// load generator in separate processes; a 200 means committed) next to a raw COPY of
// equivalent span rows into the same database in the same run. See bench/README.md.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDb, type Db } from "../lib/db/client";
import { dayKey, ensurePartitions } from "../lib/db/partitions";
import { parseEnv } from "../lib/env";
import { buildRuntime } from "../lib/server/runtime";
import { createIngestKey } from "../lib/auth/ingest-keys";
import { createProject } from "../lib/db/projects";
import { cpuBetween, cpuMicrosPerItem, cpuSnapshot, threadId, threadMicrosPerItem, threadSeconds } from "./cpu-usage";
import { Child, childEnv } from "./ingest-child";
import { copyPglite, copyPostgres, noDelayClient, type CopyResult } from "./ingest-copy";
import type { LoadConfig, LoadResult } from "./ingest-load";
import { SPANS_PER_TRACE } from "./ingest-payload";
import { machine, notes, roundSummary, table, type BackendResult, type ServerStats } from "./ingest-report";
import { decodeAndPrepare } from "./ingest-rows";
import { adminClient, createScratchDatabase } from "./scratch-db";
import { serverNodeFlags } from "../scripts/node-flags.mjs";

const ROOT = path.resolve(__dirname, "..");
const RESULTS_DIR = path.join(ROOT, "bench", "results");
const INGEST_KEY = `sk_ingest_bench_${randomBytes(8).toString("hex")}`;
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const BATCH = Math.max(SPANS_PER_TRACE, Math.round(num("BENCH_BATCH", 512) / SPANS_PER_TRACE) * SPANS_PER_TRACE);
/**
 * Connections of the load generator. Each waits for its COMMIT before sending its next batch,
 * so with 4 the server sat ~10 % idle between hand-offs; 8 (the server's default
 * SKEIN_INGEST_CONCURRENCY, so none is turned away) keeps it busy. See bench/README.md.
 */
const CONCURRENCY = num("BENCH_CONCURRENCY", 8);
/** Spans sent before the measured ones (at least one request per connection): the JIT's warm-up is not sustained speed. */
const WARMUP_SPANS = num("BENCH_WARMUP_SPANS", 20_000);
const COPY_ROWS_PER_STATEMENT = 10_000;
const BACKENDS = (process.env.BENCH_BACKENDS ?? "postgres,pglite").split(",").map((s) => s.trim());
const SPANS: Record<string, number> = { postgres: num("BENCH_PG_SPANS", 200_000), pglite: num("BENCH_PGLITE_SPANS", 50_000) };
const PROFILE = process.env.BENCH_PROF === "1";
const PROTOTYPES = process.env.BENCH_PROTOTYPES === "1";
/** Node flags of the server process: as `npm start` sets them, unless BENCH_SERVER_NODE_ARGS says otherwise ("" = none). */
const SERVER_NODE_ARGS = process.env.BENCH_SERVER_NODE_ARGS === undefined ? serverNodeFlags() : process.env.BENCH_SERVER_NODE_ARGS.split(" ").filter(Boolean);

/** Server variants: Skein as shipped, then (BENCH_PROTOTYPES=1) bench-only prototypes on the same database. */
interface ServerVariant {
  label: string;
  env: Record<string, string>;
  /** Load generator connections, when not BENCH_CONCURRENCY. */
  concurrency?: number;
}
const PATCHED_PREPARE = { label: "proto: Object.assign prepare", env: { BENCH_PREPARE: "patched" } };
const PG_VARIANTS: ServerVariant[] = [
  { label: "", env: {} },
  ...(PROTOTYPES
    ? [
        PATCHED_PREPARE,
        { label: "proto: unix socket", env: { BENCH_WRITER: "unix" } },
        { label: "proto: optimistic COPY", env: { BENCH_WRITER: "tcp-nodelay+optimistic-copy" } },
        { label: "proto: all three", env: { BENCH_PREPARE: "patched", BENCH_WRITER: "unix+optimistic-copy" } },
      ]
    : []),
];
const PGLITE_VARIANTS: ServerVariant[] = [{ label: "", env: {} }, ...(PROTOTYPES ? [PATCHED_PREPARE] : [])];
/**
 * BENCH_VARIANTS: more server variants as JSON, e.g. `[{"label":"1 writer","env":{"SKEIN_INGEST_WRITERS":"1"}}]`.
 * BENCH_ROUNDS: rounds of a fresh COPY baseline followed by every variant, so that each
 * ingest run is set against a COPY measured next to it: this machine's speed swings by
 * ±25 % from one minute to the next, which a single baseline cannot follow.
 */
const EXTRA_VARIANTS = JSON.parse(process.env.BENCH_VARIANTS ?? "[]") as ServerVariant[];
if (new Set(["", ...EXTRA_VARIANTS.map((v) => v.label)]).size !== EXTRA_VARIANTS.length + 1) {
  throw new Error("BENCH_VARIANTS: every variant needs a label of its own (results are grouped by label)");
}
const ROUNDS = Math.max(1, num("BENCH_ROUNDS", 3));

/** Requests before the measured ones: at least one per connection, and BENCH_WARMUP_SPANS. */
function warmupRequests(v: ServerVariant): number {
  return Math.max(v.concurrency ?? CONCURRENCY, Math.ceil(WARMUP_SPANS / BATCH));
}

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

/** PostgreSQL backend pids of one database (empty for PGlite, which runs inside the server). */
type DbPids = () => Promise<number[]>;

/** An ingest run's own project and ingest key. */
interface IngestTarget {
  projectId: number;
  key: string;
}

async function prepareDb(db: Db, spans: number, startMs: number, ingestRuns: number) {
  const rt = await buildRuntime(db, parseEnv({ SKEIN_INGEST_KEY: INGEST_KEY }), () => {});
  const { rows, decode } = decodeAndPrepare(rt.ingest, spans, BATCH, startMs);
  const days = new Set(rows.map((r) => dayKey(Number(r.startNs / 1_000_000n))));
  days.add(dayKey(startMs + 86_400_000)); // the load run may cross midnight
  await ensurePartitions(db, days);
  const copyProjects: number[] = [];
  // [0] the one-statement COPY, [1] the warm-up, then one per round (rows are the same each time).
  for (const slug of ["bench-copy-one", "bench-copy-warmup", ...Array.from({ length: ROUNDS }, (_, i) => `bench-copy-${i + 1}`)]) {
    copyProjects.push((await createProject(db, { name: slug, slug })).id);
  }
  // Every ingest run writes into a project of its own, as every round's baseline does: the
  // spans primary key begins with the project, so a run that added to an earlier run's rows
  // would insert into a bigger part of the index than its baseline.
  const targets: IngestTarget[] = [];
  for (let i = 1; i <= ingestRuns; i++) {
    const { id } = await createProject(db, { name: `bench-ingest-${i}`, slug: `bench-ingest-${i}` });
    const key = `${INGEST_KEY}_${i}`;
    await createIngestKey(db, id, `bench ${i}`, key);
    targets.push({ projectId: id, key });
  }
  return { rows, decode, targets, copyProjects };
}

async function withCpu(pids: Map<number | string, string>, run: () => Promise<CopyResult>): Promise<CopyResult> {
  const a = cpuSnapshot(pids.keys());
  const r = await run();
  const use = cpuBetween(a, cpuSnapshot(pids.keys()), pids);
  return { ...r, cpuMicrosPerRow: cpuMicrosPerItem(use, [...new Set(pids.values())], r.rows) };
}

/**
 * Autovacuum off for the benchmark database's tables: otherwise the vacuum and analyze that
 * the baseline's 400 000 rows trigger run during the ingest, at random (seen: PostgreSQL's
 * CPU per span doubled in 2 runs of 6). Neither phase then pays for maintenance.
 */
async function withoutAutovacuum(db: Db): Promise<void> {
  const tables = await db.query<{ name: string }>(
    `select c.oid::regclass::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'`,
  );
  for (const { name } of tables) await db.query(`alter table ${name} set (autovacuum_enabled = false, toast.autovacuum_enabled = false)`);
}

/** CHECKPOINT: the database's dirty pages written and synced before a measured phase. */
async function settle(admin: postgres.Sql): Promise<void> {
  await admin`checkpoint`;
}

async function machineBusy(ms: number): Promise<number> {
  const a = cpuSnapshot([]);
  await new Promise((r) => setTimeout(r, ms));
  return cpuBetween(a, cpuSnapshot([]), new Map()).machineBusy;
}

async function runIngest(variant: ServerVariant, target: IngestTarget, base: Record<string, string>, spans: number, startMs: number, dbPids: DbPids) {
  const machineBusyBefore = await machineBusy(1000);
  const profArgs = [...(PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.join(RESULTS_DIR, "prof")}`] : []), ...SERVER_NODE_ARGS];
  const server = new Child("ingest-server.ts", childEnv({ SKEIN_INGEST_KEY: INGEST_KEY, ...base, ...variant.env }), profArgs);
  try {
    const { port } = await server.next<{ port: number }>();
    log(`server ready on port ${port}; load: ${spans} spans, ${BATCH} spans/request, concurrency ${variant.concurrency ?? CONCURRENCY}`);
    const cfg: LoadConfig = {
      url: `http://127.0.0.1:${port}`,
      ingestKey: target.key,
      requests: Math.ceil(spans / BATCH),
      spansPerRequest: BATCH,
      concurrency: variant.concurrency ?? CONCURRENCY,
      warmupRequests: warmupRequests(variant),
      startMs,
      seedOffset: 0,
    };
    const loader = new Child("ingest-load.ts", childEnv({ BENCH_LOAD: JSON.stringify(cfg) }));
    await loader.next<{ phase: string }>(); // pre-encoding and warm-up done
    // The server's main thread on its own too: what is left there once workers take decoding.
    const names = new Map<number | string, string>([[server.pid, "skeinServer"], [threadId(server.pid), "serverMainThread"], [loader.pid, "loadGenerator"]]);
    for (const pid of await dbPids()) names.set(pid, "dbBackends");
    const before = cpuSnapshot(names.keys());
    const threadsBefore = threadSeconds(server.pid);
    const load = await loader.next<LoadResult>();
    for (const pid of await dbPids()) names.set(pid, "dbBackends"); // pool connections opened during the run
    const cpu = cpuBetween(before, cpuSnapshot(names.keys()), names);
    const serverThreads = threadMicrosPerItem(server.pid, threadsBefore, threadSeconds(server.pid), load.spansAcknowledged);
    await loader.exited;
    server.kill();
    const { stats } = await server.next<{ stats: ServerStats }>();
    await server.exited;
    const cpuMicrosPerSpan = cpuMicrosPerItem(cpu, ["skeinServer", "loadGenerator", "dbBackends"], load.spansAcknowledged);
    return { load, stats, cpu, cpuMicrosPerSpan, machineBusyBefore, serverThreads };
  } finally {
    server.kill();
  }
}

type Shared = Pick<BackendResult, "copy" | "copyOneStatement" | "decodeOnly">;

/** Each server variant against the same database, each into its own project (`targets`, taken from the front). */
async function runVariants(
  backend: string,
  variants: ServerVariant[],
  base: Record<string, string>,
  spans: number,
  startMs: number,
  shared: Shared,
  targets: IngestTarget[],
  dbPids: DbPids,
  round: number,
  beforeEach: () => Promise<void> = async () => {},
): Promise<BackendResult[]> {
  const out: BackendResult[] = [];
  for (const v of variants) {
    await beforeEach();
    const target = targets.shift()!;
    const { load, stats, cpu, cpuMicrosPerSpan, machineBusyBefore, serverThreads } = await runIngest(v, target, base, spans, startMs, dbPids);
    const stored = stats.spansByProject[String(target.projectId)] ?? 0;
    const r: BackendResult = {
      backend: v.label ? `${backend} ${v.label}` : backend,
      round,
      spansPerRequest: BATCH,
      concurrency: v.concurrency ?? CONCURRENCY,
      ingest: load,
      ...shared,
      ratio: Number((load.spansPerSec / shared.copy.rowsPerSec).toFixed(3)),
      ratioVsOneCopy: Number((load.spansPerSec / shared.copyOneStatement.rowsPerSec).toFixed(3)),
      server: stats,
      cpu,
      cpuMicrosPerSpan,
      cpuRatio: shared.copy.cpuMicrosPerRow ? Number((shared.copy.cpuMicrosPerRow / cpuMicrosPerSpan).toFixed(3)) : null,
      machineBusyBefore,
      serverThreads,
      checks: { spansStored: stored, expected: load.spansAcknowledged + warmupRequests(v) * BATCH },
    };
    log(`${r.backend}: ${load.spansPerSec} spans/s (ratio ${r.ratio}), ${cpuMicrosPerSpan} CPU µs/span`);
    out.push(r);
  }
  return out;
}

async function benchPostgres(admin: postgres.Sql): Promise<BackendResult[]> {
  const { name, url, drop } = await createScratchDatabase(admin);
  log(`postgres: created database ${name}`);
  try {
    const spans = SPANS.postgres!;
    const startMs = Date.now() - 3_600_000;
    const db = await openDb({ databaseUrl: url, poolSize: 2 });
    const variants = [...PG_VARIANTS, ...EXTRA_VARIANTS];
    const prep = await prepareDb(db, spans, startMs, ROUNDS * variants.length);
    await withoutAutovacuum(db);
    await db.close();
    log(`postgres: decode+prepare ${prep.decode.spansPerSec} spans/s in-process; COPY ${prep.rows.length} rows…`);
    const sql = noDelayClient(url);
    const [{ pid } = { pid: 0 }] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const pids = new Map([[process.pid, "bench"], [pid, "dbBackends"]]);
    await copyPostgres(sql, prep.copyProjects[1]!, prep.rows.slice(0, COPY_ROWS_PER_STATEMENT), COPY_ROWS_PER_STATEMENT); // warm-up
    const copyOneStatement = await withCpu(pids, () => copyPostgres(sql, prep.copyProjects[0]!, prep.rows, prep.rows.length));
    const dbPids: DbPids = async () =>
      (await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name}`).map((r) => r.pid);
    const out: BackendResult[] = [];
    try {
      for (let round = 1; round <= ROUNDS; round++) {
        // The baseline runs right before the ingest, and each starts from a checkpoint: neither
        // pays for writing out what an earlier phase (or an earlier run) left dirty.
        await settle(admin);
        const copy = await withCpu(pids, () => copyPostgres(sql, prep.copyProjects[round + 1]!, prep.rows, COPY_ROWS_PER_STATEMENT));
        log(`postgres round ${round}: COPY ${copy.rowsPerSec} rows/s (${COPY_ROWS_PER_STATEMENT}/statement), ${copyOneStatement.rowsPerSec} rows/s (one statement); ingesting…`);
        const shared = { copy, copyOneStatement, decodeOnly: prep.decode };
        out.push(...(await runVariants("postgres", variants, { DATABASE_URL: url }, spans, startMs, shared, prep.targets, dbPids, round, () => settle(admin))));
      }
    } finally {
      await sql.end();
    }
    return out;
  } finally {
    await drop().catch(() => {});
  }
}

async function benchPglite(): Promise<BackendResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "skein-bench-pglite-"));
  try {
    const spans = SPANS.pglite!;
    const startMs = Date.now() - 3_600_000;
    const db = await openDb({ dataDir: dir });
    const variants = [...PGLITE_VARIANTS, ...EXTRA_VARIANTS];
    const prep = await prepareDb(db, spans, startMs, ROUNDS * variants.length);
    await db.close();
    log(`pglite: decode+prepare ${prep.decode.spansPerSec} spans/s in-process; COPY ${prep.rows.length} rows…`);
    const { PGlite } = await import("@electric-sql/pglite");
    const pids = new Map([[process.pid, "bench"]]);
    const out: BackendResult[] = [];
    let copyOneStatement: CopyResult | undefined;
    for (let round = 1; round <= ROUNDS; round++) {
      // The server opens the same data directory: this instance is closed before it starts.
      const pg = await PGlite.create(path.join(dir, "pgdata"));
      // A fresh instance each round: each warms up (rows of its own, so none repeats) before it is measured.
      const warm = Math.min(COPY_ROWS_PER_STATEMENT, Math.floor(prep.rows.length / ROUNDS));
      await copyPglite(pg, prep.copyProjects[1]!, prep.rows.slice((round - 1) * warm, round * warm), COPY_ROWS_PER_STATEMENT);
      if (!copyOneStatement) {
        copyOneStatement = await withCpu(pids, () => copyPglite(pg, prep.copyProjects[0]!, prep.rows, prep.rows.length));
      }
      const copy = await withCpu(pids, () => copyPglite(pg, prep.copyProjects[round + 1]!, prep.rows, COPY_ROWS_PER_STATEMENT));
      await pg.close();
      log(`pglite round ${round}: COPY ${copy.rowsPerSec} rows/s (${COPY_ROWS_PER_STATEMENT}/statement), ${copyOneStatement.rowsPerSec} rows/s (one statement); ingesting…`);
      const shared = { copy, copyOneStatement, decodeOnly: prep.decode };
      out.push(...(await runVariants("pglite", variants, { SKEIN_DATA_DIR: dir }, spans, startMs, shared, prep.targets, async () => [], round)));
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const results: BackendResult[] = [];
  let postgresVersion: string | null = null;
  for (const backend of BACKENDS) {
    if (backend === "postgres") {
      const admin = adminClient();
      try {
        postgresVersion = (await admin<{ server_version: string }[]>`show server_version`)[0]?.server_version ?? null;
        results.push(...(await benchPostgres(admin)));
      } finally {
        await admin.end();
      }
    } else if (backend === "pglite") results.push(...(await benchPglite()));
    else throw new Error(`unknown backend ${backend}`);
  }
  const m = { ...machine(ROOT), postgres: postgresVersion };
  const config = { spansPerRequest: BATCH, concurrency: CONCURRENCY, warmupSpans: WARMUP_SPANS, rounds: ROUNDS, copyRowsPerStatement: COPY_ROWS_PER_STATEMENT, serverNodeArgs: SERVER_NODE_ARGS, profile: PROFILE, prototypes: PROTOTYPES };
  const report = { date: new Date().toISOString(), machine: m, config, results, totalSeconds: (Date.now() - started) / 1000 };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `ingest-${report.date.slice(0, 19).replaceAll(":", "-")}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

  console.log(`\nSkein ingest benchmark — ${m.nproc} cores (${m.cpu}), Node ${m.node}, PostgreSQL ${m.postgres ?? "-"}, PGlite ${m.pglite}`);
  console.log(`OTLP/protobuf over HTTP, ${BATCH} spans/request, ${CONCURRENCY} connections, ${warmupRequests({ label: "", env: {} })} requests of warm-up, 200 after COMMIT; COPY ${COPY_ROWS_PER_STATEMENT} rows/statement; ratio = ingest spans/s ÷ COPY rows/s`);
  console.log(`server node flags: ${SERVER_NODE_ARGS.join(" ") || "(none)"}\n`);
  console.log(table(results));
  console.log("");
  for (const r of results) console.log(notes(r));
  const summary = roundSummary(results);
  if (summary.length > 0) console.log(`\n${summary.join("\n")}`);
  console.log(`\nwritten ${path.relative(ROOT, file)} (${report.totalSeconds.toFixed(0)} s total)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

// Prototype: the database half of ingest alone (prepared rows → one transaction per
// request, 200-worthy after COMMIT), comparing write strategies against the same
// fresh database in one run. Everything except the spans insert is Skein's own
// writeSpanBatch (resources, trace summaries, dropped-key counters); variants swap
// the spans statement by intercepting it. Run: npx tsx bench/ingest-writers.ts
import { randomBytes } from "node:crypto";
import { openDb } from "../lib/db/client";
import { dayKey, ensurePartitions } from "../lib/db/partitions";
import { writeSpanBatch } from "../lib/db/span-writer";
import { parseEnv } from "../lib/env";
import type { PreparedBatch } from "../lib/ingest/prepare";
import { buildRuntime } from "../lib/server/runtime";
import { cpuBetween, cpuMicrosPerItem, cpuSnapshot } from "./cpu-usage";
import { copyInto, direct, interceptor, optimistic, unixClient, viaStage, type SpansInsert } from "./copy-writer";
import { copyLine, copyPostgres, noDelayClient } from "./ingest-copy";
import { decodeAndPrepare } from "./ingest-rows";
import { adminClient, createScratchDatabase } from "./scratch-db";

const SPANS = Number(process.env.BENCH_WRITER_SPANS ?? 100_000);
const BATCH = 512;
const CONCURRENCY = 4;

interface Variant {
  name: string;
  batch: number;
  concurrency: number;
  /** Replace the spans insert; undefined = writeSpanBatch's unnest as shipped. */
  spans?: SpansInsert;
  skipDroppedKeys?: boolean;
  skipTraces?: boolean;
  /** Only COPY the request's rows (no writeSpanBatch at all): the per-request COPY floor. */
  copyOnly?: boolean;
  /** Use openDb's client (no TCP_NODELAY) instead of the no-delay client. */
  shippedClient?: boolean;
  unix?: boolean;
}

const ALL_VARIANTS: Variant[] = [
  { name: "raw COPY 512/tx, conc 1 (floor)", batch: BATCH, concurrency: 1, copyOnly: true },
  { name: "raw COPY 512/tx, conc 4 (floor)", batch: BATCH, concurrency: CONCURRENCY, copyOnly: true },
  { name: "unnest (as shipped, openDb client)", batch: BATCH, concurrency: CONCURRENCY, shippedClient: true },
  { name: "unnest + TCP_NODELAY", batch: BATCH, concurrency: CONCURRENCY },
  { name: "unnest over unix socket", batch: BATCH, concurrency: CONCURRENCY, unix: true },
  { name: "unnest, no dropped_keys upsert in tx", batch: BATCH, concurrency: CONCURRENCY, skipDroppedKeys: true },
  { name: "unnest, no traces, no dropped_keys", batch: BATCH, concurrency: CONCURRENCY, skipDroppedKeys: true, skipTraces: true },
  { name: "COPY→temp stage→INSERT ON CONFLICT", batch: BATCH, concurrency: CONCURRENCY, spans: viaStage },
  { name: "COPY→stage, no dropped_keys in tx", batch: BATCH, concurrency: CONCURRENCY, spans: viaStage, skipDroppedKeys: true },
  { name: "optimistic COPY (savepoint, fallback)", batch: BATCH, concurrency: CONCURRENCY, spans: optimistic },
  { name: "optimistic COPY over unix socket", batch: BATCH, concurrency: CONCURRENCY, spans: optimistic, unix: true },
  { name: "COPY straight into spans (no dedup)", batch: BATCH, concurrency: CONCURRENCY, spans: direct, skipDroppedKeys: true },
  { name: "COPY→stage, no dk, 2048/tx, conc 2", batch: 2048, concurrency: 2, spans: viaStage, skipDroppedKeys: true },
  { name: "shipped, 1024/tx, conc 4", batch: 1024, concurrency: CONCURRENCY, shippedClient: true },
  { name: "shipped, 2048/tx, conc 4", batch: 2048, concurrency: CONCURRENCY, shippedClient: true },
  { name: "shipped, 2048/tx, conc 2", batch: 2048, concurrency: 2, shippedClient: true },
];
const ONLY = process.env.BENCH_WRITER_VARIANTS?.split(",").map(Number);
const VARIANTS = ONLY ? ALL_VARIANTS.filter((_, i) => ONLY.includes(i)) : ALL_VARIANTS;

/** Merges consecutive request batches into bigger transactions (what a group-committing writer would do). */
function regroup(batches: PreparedBatch[], size: number): PreparedBatch[] {
  if (size <= BATCH) return batches;
  const out: PreparedBatch[] = [];
  for (let i = 0; i < batches.length; i += size / BATCH) {
    const group = batches.slice(i, i + size / BATCH);
    const merged: PreparedBatch = { spans: [], resources: new Map(), droppedKeys: new Map(), contentHits: 0, startDaysMs: [] };
    for (const b of group) {
      merged.spans.push(...b.spans);
      for (const [k, v] of b.resources) merged.resources.set(k, v);
      for (const [k, v] of b.droppedKeys) merged.droppedKeys.set(k, (merged.droppedKeys.get(k) ?? 0) + v);
    }
    out.push(merged);
  }
  return out;
}

async function runVariant(v: Variant, batches: PreparedBatch[], projectId: number, url: string, openShipped: () => ReturnType<typeof openDb>, dbPids: () => Promise<number[]>) {
  const groups = regroup(batches, v.batch).map((b) => ({ ...b }));
  const shipped = v.shippedClient ? await openShipped() : null;
  const sql = v.shippedClient ? null : v.unix ? unixClient(url, 10) : noDelayClient(url, 10);
  const spans = groups.reduce((a, b) => a + b.spans.length, 0);
  let next = 0;
  const write = async (b: PreparedBatch) => {
    if (v.copyOnly) await sql!.begin((tx) => copyInto(tx, "spans", b.spans.map((r) => copyLine(projectId, r)).join("")));
    else if (shipped) await shipped.transaction((tx) => writeSpanBatch(tx, projectId, b));
    else await sql!.begin((tx) => writeSpanBatch(interceptor(tx, v), projectId, b));
  };
  await write(groups[next++]!); // warm-up (connection, plans), counted in rows but not in time
  const names = new Map([[process.pid, "node"]]);
  for (const pid of await dbPids()) names.set(pid, "db");
  const before = cpuSnapshot(names.keys());
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: v.concurrency }, async () => {
      for (let i = next++; i < groups.length; i = next++) await write(groups[i]!);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  for (const pid of await dbPids()) names.set(pid, "db"); // pool connections opened during the run
  const cpu = cpuBetween(before, cpuSnapshot(names.keys()), names);
  await shipped?.close();
  await sql?.end();
  const measured = spans - groups[0]!.spans.length;
  const cpuMicrosPerSpan = cpuMicrosPerItem(cpu, ["node", "db"], measured);
  return { variant: v.name, spans: measured, seconds: Number(seconds.toFixed(2)), spansPerSec: Math.round(measured / seconds), cpuMicrosPerSpan, cpu: cpu.cores, machineBusy: cpu.machineBusy };
}

async function main(): Promise<void> {
  const admin = adminClient();
  const { name, url, drop } = await createScratchDatabase(admin);
  try {
    const db = await openDb({ databaseUrl: url, poolSize: 2 });
    const rt = await buildRuntime(db, parseEnv({ SKEIN_INGEST_KEY: `sk_ingest_bench_${randomBytes(8).toString("hex")}` }), () => {});
    const startMs = Date.now() - 3_600_000;
    const { batches, rows } = decodeAndPrepare(rt.ingest, SPANS, BATCH, startMs);
    await ensurePartitions(db, new Set(rows.map((r) => dayKey(Number(r.startNs / 1_000_000n)))));
    const projects: number[] = [];
    for (let i = 0; i <= VARIANTS.length; i++) {
      const [p] = await db.query<{ id: number }>("insert into projects (slug, name) values ($1, $1) returning id", [`bench-writer-${i}`]);
      projects.push(p!.id);
    }
    await db.close();

    const results = [];
    const sql = noDelayClient(url);
    const copy = await copyPostgres(sql, projects[VARIANTS.length]!, rows, 10_000);
    await sql.end();
    console.log(`COPY baseline (10k rows/statement): ${copy.rowsPerSec} rows/s`);
    for (const [i, v] of VARIANTS.entries()) {
      const dbPids = async () => (await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name}`).map((x) => x.pid);
      const r = await runVariant(v, batches, projects[i]!, url, () => openDb({ databaseUrl: url, poolSize: 10 }), dbPids);
      results.push(r);
      console.log(`${r.variant.padEnd(40)} ${String(r.spansPerSec).padStart(7)} spans/s  ratio ${(r.spansPerSec / copy.rowsPerSec).toFixed(2)}  ${String(r.cpuMicrosPerSpan).padStart(3)} CPU µs/span  cores ${JSON.stringify(r.cpu)} machine ${Math.round(r.machineBusy * 100)} %`);
    }
  } finally {
    await drop().catch(() => {});
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

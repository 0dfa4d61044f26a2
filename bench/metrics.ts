// `npm run bench:metrics`: the overview dashboard's queries over 30 days of data.
// Loads BENCH_METRICS_SPANS spans (default 2M, ~2 min; 10M takes ~9 min here) into a fresh
// PostgreSQL database, builds the rollups with the real worker, then reports the
// median time of the 30-day overview and the 30-day cost timeseries grouped by
// model, each next to the exact percentile_disc query over the raw rows and the
// raw (rollup-free) path of the same call, all measured in this run.
// Env: BENCH_DATABASE_URL (admin URL), BENCH_METRICS_SPANS, BENCH_METRICS_RUNS,
// BENCH_METRICS_DB (reuse a database loaded by an earlier run), BENCH_KEEP_DB=1.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDb, type Db } from "../lib/db/client";
import { dayKey, ensurePartitions } from "../lib/db/partitions";
import { getOverview } from "../lib/metrics/overview";
import { getTimeseries } from "../lib/metrics/timeseries";
import { flushRollups } from "../lib/metrics/rollup-worker";
import type { MetricsFilter } from "../lib/metrics/types";
import { SPANS_PER_TRACE, loadTraces } from "./metrics-load";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.SKEIN_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const SPANS = Number(process.env.BENCH_METRICS_SPANS ?? 2_000_000);
const RUNS = Number(process.env.BENCH_METRICS_RUNS ?? 7);
const REUSE = process.env.BENCH_METRICS_DB;
const KEEP = process.env.BENCH_KEEP_DB === "1" || !!REUSE;
const DAY = 86_400_000;
const HOUR = 3_600_000;

const log = (s: string) => process.stderr.write(`[bench:metrics] ${s}\n`);

function dbUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function median(runs: number, fn: () => Promise<unknown>): Promise<{ ms: number; samples: number[] }> {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { ms: sorted[Math.floor(sorted.length / 2)]!, samples };
}

async function prepare(db: Db, url: string): Promise<{ projectId: number; from: number; to: number; load: unknown; rollupSeconds: number }> {
  const to = Math.floor(Date.now() / HOUR) * HOUR;
  const from = to - 30 * DAY;
  const [p] = await db.query<{ id: number }>(`insert into projects (slug, name) values ('bench', 'Bench') returning id`);
  const projectId = Number(p!.id);
  const days: string[] = [];
  for (let d = Math.floor(from / DAY) * DAY; d < to + DAY; d += DAY) days.push(dayKey(d));
  await ensurePartitions(db, days);
  const load = await loadTraces(url, projectId, from, to, Math.ceil(SPANS / SPANS_PER_TRACE), log);
  await db.query(`vacuum analyze traces`);
  await db.query(`vacuum analyze spans`);
  // Same as the migration does for data that predates the rollups.
  await db.query(`insert into metrics_dirty_hours (project_id, hour) select distinct project_id, date_trunc('hour', start_time, 'UTC') from traces`);
  const t0 = Date.now();
  const built = await flushRollups(db);
  const rollupSeconds = (Date.now() - t0) / 1000;
  log(`rollups: ${built.hours} hours in ${built.days} day groups, ${rollupSeconds.toFixed(1)} s`);
  await db.query(`vacuum analyze metrics_trace_rollups`);
  await db.query(`vacuum analyze metrics_usage_rollups`);
  await db.query(`vacuum analyze metrics_llm_rollups`);
  await db.query(`create table bench_meta as select ${projectId} as project_id, ${from}::float8 as from_ms, ${to}::float8 as to_ms`);
  return { projectId, from, to, load, rollupSeconds };
}

async function main(): Promise<void> {
  const name = REUSE ?? `skein_bench_metrics_${randomBytes(4).toString("hex")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  if (!REUSE) await admin.unsafe(`create database ${name}`);
  const url = dbUrl(name);
  const db = await openDb({ databaseUrl: url, poolSize: 4 });
  try {
    let setup: { projectId: number; from: number; to: number; load?: unknown; rollupSeconds?: number };
    if (REUSE) {
      const [m] = await db.query<{ project_id: number; from_ms: number; to_ms: number }>(`select * from bench_meta`);
      setup = { projectId: Number(m!.project_id), from: Number(m!.from_ms), to: Number(m!.to_ms) };
    } else setup = await prepare(db, url);
    const [counts] = await db.query<{ spans: string; traces: string }>(`select (select count(*) from spans)::text as spans, (select count(*) from traces)::text as traces`);
    const rollupRows = await db.query<{ t: string; n: string }>(
      `select 'trace' as t, count(*)::text as n from metrics_trace_rollups union all select 'usage', count(*)::text from metrics_usage_rollups union all select 'llm', count(*)::text from metrics_llm_rollups`,
    );
    log(`database ${name}: ${counts?.spans} spans, ${counts?.traces} traces; rollup rows ${rollupRows.map((r) => `${r.t}=${r.n}`).join(" ")}`);

    // The 30-day window as the dashboard asks for it: ends "now", so both edge hours are cut.
    const filter: MetricsFilter = { projectId: setup.projectId, from: new Date(setup.from + 17 * 60_000), to: new Date(setup.to - 13 * 60_000) };
    const exactSql = `select percentile_disc(array[0.5, 0.95, 0.99]) within group (order by duration_ns) from spans
                       where project_id = $1 and start_time >= $2::timestamptz and start_time < $3::timestamptz`;
    const exactArgs = [setup.projectId, filter.from.toISOString(), filter.to.toISOString()];
    const byModel = { filter, interval: "auto" as const, metric: "cost" as const, groupBy: "model" as const };
    const baseRuns = Math.max(3, Math.floor(RUNS / 2));
    const m = {
      exactSpans: await median(baseRuns, () => db.query(exactSql, exactArgs)),
      overview: await median(RUNS, () => getOverview(db, filter)),
      overviewRaw: await median(baseRuns, () => getOverview(db, filter, { strategy: "raw" })),
      timeseries: await median(RUNS, () => getTimeseries(db, byModel)),
      timeseriesRaw: await median(baseRuns, () => getTimeseries(db, byModel, { strategy: "raw" })),
      overviewModel: await median(RUNS, () => getOverview(db, { ...filter, model: "gpt-4.1" })),
      latencySeries: await median(RUNS, () => getTimeseries(db, { filter, interval: "auto", metric: "latency", groupBy: null })),
      overview24h: await median(RUNS, () => getOverview(db, { ...filter, from: new Date(filter.to.getTime() - DAY) })),
    };
    const rolled = await getOverview(db, filter);
    const exact = await getOverview(db, filter, { strategy: "raw" });
    const relErr = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.abs(a - b) / b);
    const rows: [string, number, string][] = [
      ["exact percentile_disc over raw spans (30 d)", m.exactSpans.ms, "baseline"],
      ["overview 30 d (rollups + raw edges)", m.overview.ms, `${(m.overview.ms / m.exactSpans.ms).toFixed(3)}× baseline, ${(m.overview.ms / m.overviewRaw.ms).toFixed(3)}× raw path; target < 100 ms`],
      ["overview 30 d, raw path (exact)", m.overviewRaw.ms, `${(m.overviewRaw.ms / m.exactSpans.ms).toFixed(2)}× baseline`],
      ["timeseries 30 d cost by model (rollups)", m.timeseries.ms, `${(m.timeseries.ms / m.exactSpans.ms).toFixed(3)}× baseline, ${(m.timeseries.ms / m.timeseriesRaw.ms).toFixed(3)}× raw path; target < 200 ms`],
      ["timeseries 30 d cost by model, raw path", m.timeseriesRaw.ms, `${(m.timeseriesRaw.ms / m.exactSpans.ms).toFixed(2)}× baseline`],
      ["overview 30 d, model=gpt-4.1", m.overviewModel.ms, `${(m.overviewModel.ms / m.exactSpans.ms).toFixed(3)}× baseline`],
      ["timeseries 30 d latency p50/p95/p99", m.latencySeries.ms, `${(m.latencySeries.ms / m.exactSpans.ms).toFixed(3)}× baseline`],
      ["overview 24 h", m.overview24h.ms, `${(m.overview24h.ms / m.exactSpans.ms).toFixed(3)}× baseline`],
    ];
    const out = [
      `Skein metrics benchmark — ${counts?.spans} spans, ${counts?.traces} traces over 30 days, PostgreSQL, ${os.cpus().length} cores, median of ${RUNS} runs (${baseRuns} for raw paths)`,
      "",
      "| query | median ms | ratio |",
      "|---|---:|---|",
      ...rows.map(([q, ms, note]) => `| ${q} | ${ms.toFixed(1)} | ${note} |`),
      "",
      `p50/p95/p99 from rollups vs exact: ${[rolled.latencyMs.p50, rolled.latencyMs.p95, rolled.latencyMs.p99].map((v, i) => `${v?.toFixed(1)} vs ${[exact.latencyMs.p50, exact.latencyMs.p95, exact.latencyMs.p99][i]?.toFixed(1)}`).join(", ")} ms` +
        ` (max rel. error ${Math.max(...(["p50", "p95", "p99"] as const).map((k) => relErr(rolled.latencyMs[k], exact.latencyMs[k]) ?? 0)).toFixed(4)})`,
      `sums equal: ${rolled.traceCount === exact.traceCount && rolled.totalCostUsd === exact.totalCostUsd && rolled.llmCallCount === exact.llmCallCount}`,
    ];
    process.stdout.write(out.join("\n") + "\n");
    const dir = path.join(__dirname, "results");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `metrics-${new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19)}.json`);
    fs.writeFileSync(file, JSON.stringify({ spans: Number(counts?.spans), traces: Number(counts?.traces), setup, rollupRows, runs: RUNS, medians: m, rolled, exact }, null, 2));
    log(`wrote ${path.relative(process.cwd(), file)}`);
  } finally {
    await db.close();
    if (!KEEP) await admin.unsafe(`drop database if exists ${name} with (force)`);
    else log(`kept database ${name} (BENCH_METRICS_DB=${name} reuses it)`);
    await admin.end();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

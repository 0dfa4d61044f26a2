// `npm run bench:traces`: the trace explorer's queries at scale. Loads 1M traces /
// ~10M spans over 30 days into a fresh PostgreSQL database (bench/traces-seed.ts),
// times listTraces (first page, each filter and sort, 24 h and 30-day windows) and
// getTraceDetail (1,000-span trace) against the plain indexed SELECT each needs,
// and with --with-indexes measures again with the prototype indexes and rewrites
// of bench/traces-cases.ts. See bench/README.md ("Trace explorer queries").
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDb, type Db, type Querier } from "../lib/db/client";
import {
  buildCases, detailBoundsParams, detailBoundsSubquery, facetsSkipScanCases, modelsContains, searchOneExpression, PROPOSED_EXTENSIONS, rewriting, selectedIndexes,
  WINDOWS, type BenchCase, type BenchContext,
} from "./traces-cases";
import { COMMON_AGENT, COMMON_MODEL, MID_MODEL, RARE_AGENT, RARE_ENVIRONMENT, RARE_MODEL, RARE_SERVICE } from "./traces-gen";
import { measureCase, type CaseResult, type MeasureOptions } from "./traces-measure";
import { slowPlans, table, writeJson } from "./traces-report";
import { seed, writeSample, type SeedResult, type WriteSample } from "./traces-seed";

const ROOT = path.resolve(__dirname, "..");
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const opt = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const TRACES = Number(opt("traces") ?? 1_000_000);
const MEAN_SPANS = Number(opt("spans-per-trace") ?? 10);
const DAYS = 30;
const MEASURE: MeasureOptions = { minRuns: Number(opt("runs") ?? 20), warmup: 3, budgetMs: 4000, targetMs: 50, explain: !flag("no-explain") };

function log(line: string): void {
  process.stderr.write(`[bench:traces] ${line}\n`);
}

function dbUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function timed<T>(label: string, fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  const s = Math.round((performance.now() - t0) / 10) / 100;
  log(`${label}: ${s} s`);
  return [v, s];
}

async function context(db: Db, projectId: number): Promise<BenchContext> {
  const one = async <T>(sql: string, params: unknown[]) => (await db.query<Record<string, T>>(sql, params))[0]!;
  const end = await one<string>("select (max(start_time) + interval '1 second')::text as v from traces where project_id = $1", [projectId]);
  const endMs = new Date(end.v!).getTime();
  const big = await one<string>("select trace_id as v from traces where project_id = $1 and span_count = 1000 limit 1", [projectId]);
  const small = await one<string>(
    `select trace_id as v from traces where project_id = $1 and start_time >= $2::timestamptz - interval '1 hour'
        and span_count between 8 and 12 and root_span_id is not null order by start_time limit 1`,
    [projectId, end.v],
  );
  const p99 = await one<string>(
    `select percentile_disc(0.99) within group (order by cost_pico)::text as cost,
            percentile_disc(0.99) within group (order by case when root_span_id is not null then root_duration_ns else max_end_ns - min_start_ns end)::text as dur
       from traces where project_id = $1`,
    [projectId],
  );
  return {
    projectId,
    endMs,
    bigTraceId: big.v!,
    smallTraceId: small.v!,
    minCostUsd: Number((Number(p99.cost) / 1e12).toPrecision(2)),
    minDurationMs: Number((Number(p99.dur) / 1e6).toPrecision(2)),
  };
}

/** Share of the window's traces each filter matches (one scan per window). */
async function selectivity(db: Db, c: BenchContext): Promise<Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [w, span] of Object.entries(WINDOWS)) {
    const [r] = await db.query<Record<string, string>>(
      `select count(*)::text as total,
              count(*) filter (where root_span_id is not null and root_status = 2)::text as "status=error",
              count(*) filter (where root_span_id is null)::text as "status=incomplete",
              count(*) filter (where agent_name = $4)::text as "agent common", count(*) filter (where agent_name = $5)::text as "agent rare",
              count(*) filter (where service_name = $6)::text as "service", count(*) filter (where environment = $7)::text as "environment",
              count(*) filter (where $8 = any(models))::text as "model common", count(*) filter (where $9 = any(models))::text as "model mid",
              count(*) filter (where $10 = any(models))::text as "model rare",
              count(*) filter (where first_name ilike '%redlin%' or agent_name ilike '%redlin%')::text as "q redlin",
              count(*) filter (where first_name ilike '%triage%' or agent_name ilike '%triage%')::text as "q triage",
              count(*) filter (where cost_pico >= $11::int8)::text as "minCost",
              count(*) filter (where case when root_span_id is not null then root_duration_ns else max_end_ns - min_start_ns end >= $12::int8)::text as "minDuration"
         from traces where project_id = $1 and start_time >= $2::timestamptz and start_time < $3::timestamptz`,
      [c.projectId, new Date(c.endMs - span).toISOString(), new Date(c.endMs).toISOString(), COMMON_AGENT, RARE_AGENT, RARE_SERVICE,
        RARE_ENVIRONMENT, COMMON_MODEL, MID_MODEL, RARE_MODEL, String(Math.round(c.minCostUsd * 1e12)), String(Math.round(c.minDurationMs * 1e6))],
    );
    out[w] = r!;
  }
  return out;
}

async function sizes(db: Db): Promise<Record<string, string>> {
  const [r] = await db.query<Record<string, string>>(
    `select pg_size_pretty(pg_table_size('traces')) as traces_heap, pg_size_pretty(pg_indexes_size('traces')) as traces_indexes,
            (select pg_size_pretty(sum(pg_table_size(inhrelid))) from pg_inherits where inhparent = 'spans'::regclass) as spans_heap,
            (select pg_size_pretty(sum(pg_indexes_size(inhrelid))) from pg_inherits where inhparent = 'spans'::regclass) as spans_indexes,
            (select count(*)::text from traces) as traces, (select count(*)::text from spans) as spans`,
  );
  return r!;
}

async function runPhase(db: Db, phase: string, cases: BenchCase[], wrap: (q: Querier) => Querier = (q) => q): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const c of cases) {
    const r = await measureCase(db, wrap, phase, c, MEASURE);
    log(`${phase} | ${c.id}: ${r.ms.medianMs} ms (n=${r.ms.runs}), baseline ${r.baselineMs.medianMs} ms`);
    out.push(r);
  }
  return out;
}

/** Detail with the trace's time bounds: as subquery, or as parameters from the summary query. */
async function boundedDetailCases(db: Db, c: BenchContext, cases: BenchCase[]): Promise<BenchCase[]> {
  const out: BenchCase[] = [];
  for (const base of cases.filter((x) => x.id.startsWith("detail"))) {
    const traceId = String(base.baseline.params[1]);
    const [b] = await db.query<{ lo: string; hi: string }>(
      `select (timestamptz 'epoch' + (min_start_ns / 1000) * interval '1 microsecond')::text as lo,
              (timestamptz 'epoch' + (max_end_ns / 1000) * interval '1 microsecond')::text as hi
         from traces where project_id = $1 and trace_id = $2`,
      [c.projectId, traceId],
    );
    const baseline = { sql: `${base.baseline.sql} and start_time >= $3::timestamptz and start_time <= $4::timestamptz`, params: [c.projectId, traceId, b!.lo, b!.hi] };
    const viaParams = detailBoundsParams();
    out.push(
      { ...base, id: `${base.id} +bounds (params)`, baseline, run: (q) => base.run(rewriting(q, [viaParams.rewrite], viaParams.onRows)) },
      { ...base, id: `${base.id} +bounds (subquery)`, baseline, run: (q) => base.run(rewriting(q, [detailBoundsSubquery])) },
    );
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function writeSummary(writes: { indexes: boolean; sample: WriteSample }[]) {
  const of = (indexes: boolean) => {
    const w = writes.filter((x) => x.indexes === indexes).map((x) => x.sample);
    return { samples: w.length, spansPerSec: median(w.map((x) => x.spansPerSec)), traceUpsertMicrosPerRow: median(w.map((x) => x.traceUpsertMicrosPerRow)) };
  };
  return { without: of(false), with: of(true) };
}

async function main(): Promise<void> {
  const reuse = opt("reuse");
  const name = reuse ?? `skein_bench_traces_${randomBytes(4).toString("hex")}`;
  const url = dbUrl(name);
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const report: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavgStart: os.loadavg() },
    database: name,
  };
  if (!reuse) await admin.unsafe(`create database "${name}"`);
  const db = await openDb({ databaseUrl: url, poolSize: 4 });
  const keep = flag("keep") || flag("load-only") || !!reuse;
  try {
    report.postgres = (await db.query<{ v: string }>("select version() as v"))[0]!.v;
    let projectId: number;
    let load: SeedResult | null = null;
    if (!reuse) {
      projectId = Number((await db.query<{ id: number }>("insert into projects (slug, name) values ('default', 'Default') returning id"))[0]!.id);
      await db.query("insert into projects (slug, name) values ('writes', 'Write sample')");
      const endMs = Math.floor(Date.now() / 60_000) * 60_000;
      const o = { projectId, traces: TRACES, meanSpans: MEAN_SPANS, days: DAYS, endMs, bigTraceSpans: 1000, seed: 42 };
      log(`loading ${TRACES} traces × ~${MEAN_SPANS} spans over ${DAYS} days into ${name}`);
      load = await seed(db, url, o, log);
      log(`loaded ${load.spans} spans, ${load.traces} traces in ${load.seconds.toFixed(0)} s (${load.spansPerSec} spans/s)`);
      const [, vacuumS] = await timed("vacuum (analyze) traces, spans", async () => {
        await db.query("vacuum (analyze) traces");
        await db.query("vacuum (analyze) spans");
      });
      report.vacuumSeconds = vacuumS;
    } else {
      projectId = Number((await db.query<{ id: number }>("select id from projects where slug = 'default'"))[0]!.id);
    }
    report.load = load;
    if (flag("load-only")) {
      process.stdout.write(`loaded ${url}\n`);
      return;
    }
    const writesProject = Number((await db.query<{ id: number }>("select id from projects where slug = 'writes'"))[0]!.id);
    const indexes = selectedIndexes(process.env.BENCH_TRACE_INDEXES);
    for (const i of indexes) await db.query(`drop index if exists ${i.name}`);
    const ctx = await context(db, projectId);
    report.context = ctx;
    report.sizes = await sizes(db);
    report.selectivity = await selectivity(db, ctx);
    log(`context ${JSON.stringify(ctx)}`);
    log(`sizes ${JSON.stringify(report.sizes)}`);
    log(`selectivity ${JSON.stringify(report.selectivity)}`);
    const cases = await buildCases(db, ctx);
    const results = await runPhase(db, "as-is", cases);
    const writes: { indexes: boolean; sample: WriteSample }[] = [];
    let writeSeed = Date.now() & 0xffff;
    const sampleWrites = async (indexes: boolean) => {
      for (let i = 0; i < 2; i++) writes.push({ indexes, sample: await writeSample(db, writesProject, ctx.endMs - 1000, 3000, writeSeed++) });
      const last = writes.slice(-2).map((w) => `${w.sample.spansPerSec} spans/s, upsert ${w.sample.traceUpsertMicrosPerRow} µs/row`);
      log(`write samples ${indexes ? "with" : "without"} the indexes: ${last.join("; ")}`);
    };
    await sampleWrites(false);
    const phases = ["as-is"];
    if (flag("with-indexes")) {
      const built: { name: string; ddl: string; seconds: number; size: string }[] = [];
      for (const e of PROPOSED_EXTENSIONS) await db.query(e);
      for (const i of indexes) {
        const [, s] = await timed(`create index ${i.name}`, () => db.query(`create index ${i.name} ${i.ddl}`));
        const [sz] = await db.query<{ s: string }>(`select pg_size_pretty(pg_relation_size('${i.name}')) as s`);
        built.push({ ...i, seconds: s, size: sz!.s });
      }
      await db.query("analyze traces");
      report.indexes = built;
      results.push(...(await runPhase(db, "proposed", cases, (q) => rewriting(q, [modelsContains, searchOneExpression]))));
      results.push(...(await runPhase(db, "proposed", await boundedDetailCases(db, ctx, cases))));
      results.push(...(await runPhase(db, "proposed", facetsSkipScanCases(ctx))));
      await sampleWrites(true);
      // Write samples drift with the machine's other load: alternate without / with the indexes.
      for (const i of indexes) await db.query(`drop index ${i.name}`);
      await sampleWrites(false);
      for (const i of indexes) await db.query(`create index ${i.name} ${i.ddl}`);
      await sampleWrites(true);
      phases.push("proposed");
    }
    report.writes = writes;
    report.writeSummary = writeSummary(writes);
    log(`write summary ${JSON.stringify(report.writeSummary)}`);
    report.results = results;
    (report.machine as Record<string, unknown>).loadavgEnd = os.loadavg();
    process.stdout.write(`\n${table(results, phases)}\n\nPlans of cases over 50 ms:\n${slowPlans(results)}\n`);
    const file = writeJson(path.join(ROOT, "bench", "results"), report);
    process.stdout.write(`\nwrote ${path.relative(ROOT, file)}\n`);
  } finally {
    await db.close();
    if (keep) process.stdout.write(`kept ${url} — rerun with --reuse ${name}\n`);
    else await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

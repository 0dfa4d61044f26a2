// Result shapes, the printed table and the machine description for bench/ingest.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CpuUse } from "./cpu-usage";
import type { CopyResult } from "./ingest-copy";
import type { LoadResult } from "./ingest-load";
import type { DecodeResult } from "./ingest-rows";

export interface ServerStats {
  spansByProject: Record<string, number>;
  timers: Record<string, { count: number; ms: number }>;
  rssMb: number;
  /** Write transactions that held more than one request (lib/ingest/group-writer.ts). */
  groupedTransactions: number;
}

export interface BackendResult {
  backend: string;
  /** BENCH_ROUNDS: which round (each has its own COPY baseline, measured right before). */
  round: number;
  spansPerRequest: number;
  concurrency: number;
  ingest: LoadResult;
  copy: CopyResult;
  copyOneStatement: CopyResult;
  decodeOnly: DecodeResult;
  /** ingest spans/s ÷ COPY rows/s (COPY_ROWS_PER_STATEMENT rows per statement). */
  ratio: number;
  ratioVsOneCopy: number;
  server: ServerStats;
  cpu: CpuUse;
  /** CPU µs per acknowledged span: Skein server + load generator + this database's backends. */
  cpuMicrosPerSpan: number;
  /** COPY CPU µs/row ÷ ingest CPU µs/span: the ratio with contention from other processes factored out. */
  cpuRatio: number | null;
  /** Fraction of the machine busy in the second before the server started (other users of the box). */
  machineBusyBefore: number;
  /** CPU µs per span of each server thread ("main", then ingest workers, V8 and libuv helpers by thread id). */
  serverThreads: Record<string, number>;
  checks: { spansStored: number; expected: number };
}

export function table(results: BackendResult[]): string {
  const head = ["backend", "round", "spans", "seconds", "spans/s", "COPY rows/s", "ratio", "1-COPY rows/s", "ratio", "CPU µs/span", "COPY CPU µs/row", "CPU ratio", "decode+prepare/s", "p50 ms", "p95 ms"];
  const rows = results.map((r) => [
    r.backend,
    String(r.round),
    String(r.ingest.spansAcknowledged),
    r.ingest.seconds.toFixed(1),
    String(r.ingest.spansPerSec),
    String(r.copy.rowsPerSec),
    r.ratio.toFixed(2),
    String(r.copyOneStatement.rowsPerSec),
    r.ratioVsOneCopy.toFixed(2),
    String(r.cpuMicrosPerSpan),
    String(r.copy.cpuMicrosPerRow ?? "-"),
    r.cpuRatio === null ? "-" : r.cpuRatio.toFixed(2),
    String(r.decodeOnly.spansPerSec),
    String(r.ingest.latencyMs.p50),
    String(r.ingest.latencyMs.p95),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [fmt(head), fmt(widths.map((w) => "-".repeat(w))), ...rows.map(fmt)].join("\n");
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Per backend and variant, over the rounds: each round's ratio and their median. */
export function roundSummary(results: BackendResult[]): string[] {
  const by = new Map<string, number[]>();
  for (const r of results) by.set(r.backend, [...(by.get(r.backend) ?? []), r.ratio]);
  return [...by]
    .filter(([, ratios]) => ratios.length > 1)
    .map(([backend, ratios]) => `${backend}: ratio by round ${ratios.map((x) => x.toFixed(2)).join(", ")}; median ${median(ratios).toFixed(2)}`);
}

export function notes(r: BackendResult): string {
  const bad = r.ingest.failedRequests > 0 ? `, ${r.ingest.failedRequests} failed ${JSON.stringify(r.ingest.failedStatuses)}` : "";
  const check = r.checks.spansStored === r.checks.expected ? "ok" : `MISMATCH (stored ${r.checks.spansStored}, expected ${r.checks.expected})`;
  const cores = Object.entries(r.cpu.cores).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(", ");
  const perSpan = (cores: number) => Math.round((cores * r.cpu.wallSeconds * 1e6) / r.ingest.spansAcknowledged);
  const split = ["skeinServer", "serverMainThread", "dbBackends", "loadGenerator"].filter((k) => k in r.cpu.cores).map((k) => `${k} ${perSpan(r.cpu.cores[k]!)}`).join(", ");
  return `${r.backend} (round ${r.round}): stored-span check ${check}${bad}; server RSS ${r.server.rssMb} MB; ${r.server.groupedTransactions} grouped transactions; CPU µs/span: ${split}; cores used: ${cores}; machine ${Math.round(r.cpu.machineBusy * 100)} % busy (${Math.round(r.machineBusyBefore * 100)} % in the second before); server threads µs/span: ${Object.entries(r.serverThreads).slice(0, 6).map(([k, v]) => `${k} ${v}`).join(", ")}`;
}

export function machine(root: string) {
  const pkg = (name: string) => (JSON.parse(fs.readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  return {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgresJs: pkg("postgres"),
    pglite: pkg("@electric-sql/pglite"),
  };
}

// CPU seconds per process from /proc (Linux), sampled around a measured window:
// shows which process (load generator, Skein server, this database's PostgreSQL
// backends) uses the cores, and how busy the shared machine is otherwise.
import fs from "node:fs";

const TICK = 100; // USER_HZ on Linux

export interface CpuSnapshot {
  at: number;
  machineBusy: number;
  machineTotal: number;
  /** pid (or "pid/task/tid" for one thread) → CPU seconds. */
  byPid: Map<number | string, number>;
  /** Every process named postgres on the machine (other databases included): pid → CPU seconds. */
  postgresAll: Map<number, number>;
}

function procSeconds(pid: number | string): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICK; // utime + stime
  } catch {
    return 0;
  }
}

function isPostgres(pid: string): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) === "postgres";
  } catch {
    return false;
  }
}

/** The id cpuSnapshot takes for one thread of a process (e.g. a process's main thread: tid = pid). */
export function threadId(pid: number, tid: number = pid): string {
  return `${pid}/task/${tid}`;
}

export function cpuSnapshot(pids: Iterable<number | string>): CpuSnapshot {
  const cpu = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  const total = cpu.reduce((a, b) => a + b, 0);
  const pg = new Map<number, number>();
  for (const d of fs.readdirSync("/proc")) if (/^\d+$/.test(d) && isPostgres(d)) pg.set(Number(d), procSeconds(d));
  return {
    at: performance.now(),
    machineBusy: (total - idle) / TICK,
    machineTotal: total / TICK,
    byPid: new Map([...pids].map((p) => [p, procSeconds(p)])),
    postgresAll: pg,
  };
}

export interface CpuUse {
  wallSeconds: number;
  /** Fraction of all cores busy (any process, including other users of the machine). */
  machineBusy: number;
  /** CPU seconds per wall second per named group (1.0 = one core fully used). */
  cores: Record<string, number>;
}

/** `names` maps pid → group; a pid absent from `a` (started during the window) counts from zero. */
export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot, names: Map<number | string, string>): CpuUse {
  const wall = (b.at - a.at) / 1000;
  const sums: Record<string, number> = {};
  for (const [pid, name] of names) sums[name] = (sums[name] ?? 0) + (b.byPid.get(pid) ?? 0) - (a.byPid.get(pid) ?? 0);
  // Processes that exited during the window are lost; ones that started count from zero.
  let pg = 0;
  for (const [pid, sec] of b.postgresAll) pg += sec - (a.postgresAll.get(pid) ?? 0);
  sums["postgres (all databases)"] = pg;
  const cores = Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, Number((v / wall).toFixed(2))]));
  return { wallSeconds: Number(wall.toFixed(2)), machineBusy: Number(((b.machineBusy - a.machineBusy) / (b.machineTotal - a.machineTotal)).toFixed(2)), cores };
}

/** CPU microseconds per item for the named groups (e.g. Skein server + its database backends). */
export function cpuMicrosPerItem(use: CpuUse, groups: string[], items: number): number {
  const seconds = groups.reduce((s, g) => s + (use.cores[g] ?? 0), 0) * use.wallSeconds;
  return Math.round((seconds * 1e6) / items);
}

/** CPU seconds of every thread of a process (tid → seconds); threads that ended are missing. */
export function threadSeconds(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) out.set(Number(tid), procSeconds(`${pid}/task/${tid}`));
  } catch {
    // the process is gone
  }
  return out;
}

/** Per-thread CPU µs per item between two threadSeconds snapshots, busiest first ("main" for tid = pid). */
export function threadMicrosPerItem(pid: number, a: Map<number, number>, b: Map<number, number>, items: number): Record<string, number> {
  const rows = [...b].map(([tid, s]) => [tid === pid ? "main" : `t${tid}`, s - (a.get(tid) ?? 0)] as const);
  return Object.fromEntries(rows.filter(([, s]) => s > 0).sort((x, y) => y[1] - x[1]).map(([k, s]) => [k, Math.round((s * 1e6) / items)]));
}

// Node/V8 flags for the Skein server process (`npm start`, the e2e server, and the
// ingest benchmark's server, so the benchmark measures what ships).
import fs from "node:fs";
import os from "node:os";

/**
 * CPUs this process may use: the machine's (or its CPU set's), capped by a cgroup v2 CPU
 * quota (`cpu.max`: "<quota> <period>" or "max <period>"), which os.availableParallelism()
 * does not read — a container limited to 2 CPUs on a 16-core host counts as 2.
 */
export function availableCores(cpuMax = readCpuMax(), parallelism = os.availableParallelism()) {
  const m = /^(\d+)\s+(\d+)/.exec(cpuMax ?? "");
  if (!m) return parallelism;
  const quota = Math.ceil(Number(m[1]) / Number(m[2]));
  return quota > 0 ? Math.min(parallelism, quota) : parallelism;
}

function readCpuMax() {
  try {
    return fs.readFileSync("/sys/fs/cgroup/cpu.max", "utf8");
  } catch {
    return null;
  }
}

/**
 * On a machine with two cores or fewer, V8's parallel GC helper threads compete with
 * the ingest worker and the database for the same cores: `--single-threaded-gc` does
 * the same collections on the threads that allocate, for less CPU in all (ingest
 * benchmark, 2 cores: 3–8 µs less CPU per span; docs/adr/0007-two-core-server.md).
 * The price: a major GC of the server thread's heap no longer gets help from other
 * threads, so its pauses are longer; on two busy cores that help was mostly contention.
 */
export function serverNodeFlags(cores = availableCores()) {
  return cores <= 2 ? ["--single-threaded-gc"] : [];
}

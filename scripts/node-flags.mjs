// Node/V8 flags for the Skein server process (`npm start`, the e2e server, and the
// ingest benchmark's server, so the benchmark measures what ships).
import os from "node:os";

/**
 * On a machine with two cores or fewer, V8's parallel GC helper threads compete with
 * the ingest worker and the database for the same cores: `--single-threaded-gc` does
 * the same collections on the threads that allocate, for less CPU in all (ingest
 * benchmark, 2 cores: 3–8 µs less CPU per span; docs/adr/0007-two-core-server.md).
 * The price: a major GC of the server thread's heap no longer gets help from other
 * threads, so its pauses are longer; on two busy cores that help was mostly contention.
 */
export function serverNodeFlags(cores = os.availableParallelism()) {
  return cores <= 2 ? ["--single-threaded-gc"] : [];
}

// postgres.js 3.4.9 can throw from a setImmediate when connections are cut while
// queries are in flight (upstream porsager/postgres#1154, #1208; unreleased fix).
// Uncaught, that would kill the server; the pool recovers by itself, so we log
// and keep serving. Any other uncaught error still ends the process.
import { errorFields, logEvent } from "@/lib/log";

export function isPostgresJsInternalFault(err: unknown): boolean {
  return err instanceof TypeError && typeof err.stack === "string" && /node_modules[\\/]postgres[\\/]/.test(err.stack);
}

let installed = false;

export function installProcessGuard(): void {
  if (installed) return;
  installed = true;
  process.on("uncaughtException", (err) => {
    if (isPostgresJsInternalFault(err)) {
      logEvent("db.driver_fault_ignored", errorFields(err));
      return;
    }
    logEvent("process.uncaught", errorFields(err));
    // Stack frames only: the message may quote data.
    process.stderr.write(`${(err.stack ?? "").split("\n").slice(1, 12).join("\n")}\n`);
    process.exit(1);
  });
}

// COPY … FROM STDIN (text format) on PostgreSQL: value escaping and a postgres.js
// runner that cannot hang. Used by the ingest hot path (lib/db/span-writer.ts).
import type postgres from "postgres";

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;

function escapeChar(c: string): string {
  return c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r";
}

/** One field in COPY text format: \N for null; backslash, tab, newline and carriage return escaped. */
export function copyValue(v: string | null): string {
  if (v === null) return "\\N";
  return NEEDS_ESCAPE.test(v) ? v.replace(ESCAPED, escapeChar) : v;
}

/**
 * copyValue for JSON text (JSON.stringify output): it never holds a raw tab, newline or carriage
 * return (JSON escapes every control character), so only backslashes need doubling, and
 * `includes` finds none much faster than the regex scans a long attributes object.
 */
export function copyJson(v: string | null): string {
  if (v === null) return "\\N";
  return v.includes("\\") ? v.replaceAll("\\", "\\\\") : v;
}

/**
 * Runs `statement` (a `copy … from stdin`) on `sql` and streams `data` into it;
 * resolves after the server's CommandComplete. postgres.js 3.4.9 reports an error
 * raised after the stream has ended (a unique violation, a bad value) only through
 * the query's reject, which it ignores once the query has resolved to the stream,
 * so `finish` never fires: hooking `reject` before the query runs surfaces it.
 */
export async function copyInPostgres(
  sql: postgres.Sql | postgres.TransactionSql,
  statement: string,
  data: string | Uint8Array | Iterable<string | Uint8Array>,
): Promise<void> {
  let fail: (err: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {});
  const query = sql.unsafe(statement) as unknown as postgres.PendingQuery<postgres.Row[]> & { reject: (err: unknown) => void };
  const reject = query.reject;
  query.reject = (err: unknown) => {
    fail(err);
    reject(err);
  };
  const stream = await Promise.race([query.writable(), failed]);
  const done = new Promise<void>((resolve, rejectDone) => {
    stream.once("error", rejectDone);
    stream.once("finish", () => resolve());
  });
  done.catch(() => {});
  if (typeof data === "string" || data instanceof Uint8Array) stream.end(data);
  else {
    for (const chunk of data) {
      if (!stream.write(chunk)) await Promise.race([new Promise((r) => stream.once("drain", r)), failed]);
    }
    stream.end();
  }
  await Promise.race([done, failed]);
}

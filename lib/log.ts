// Skein's own log lines: an event name plus numbers and fixed identifiers only.
// Never pass request bodies, attribute values, status or error messages here
// (a database error message can quote the value it choked on).
type Field = string | number | boolean | null | undefined;

export function logEvent(event: string, fields: Record<string, Field> = {}): void {
  const parts = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === "string" ? JSON.stringify(v.slice(0, 64)) : String(v)}`);
  process.stdout.write(`${new Date().toISOString()} ${event}${parts.length ? " " + parts.join(" ") : ""}\n`);
}

/** Error class name and code: enough to diagnose, never the message. */
export function errorFields(err: unknown): Record<string, Field> {
  if (!err || typeof err !== "object") return { error: typeof err };
  const e = err as { name?: unknown; code?: unknown };
  return {
    error: typeof e.name === "string" ? e.name : "Error",
    code: typeof e.code === "string" || typeof e.code === "number" ? e.code : undefined,
  };
}

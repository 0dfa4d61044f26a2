// Writes from the editing forms (budgets, alert rules, report schedules): a refusal keeps
// the 400 body's field issues, so a form can show each message beside its field.
import { ApiError, withParams } from "./api";

export interface FieldIssue {
  path: string;
  message: string;
}

/** A refused write: the status, the message to show, and the per-field issues (on 400). */
export class IssuesError extends ApiError {
  constructor(
    status: number,
    message: string,
    readonly issues: FieldIssue[],
  ) {
    super(status, message);
  }
}

/** Messages that replace the server's own for some statuses (401: "sign in again …"). */
export type StatusMessages = Partial<Record<number, string>>;

/** Sends `body` as JSON to `path` in `project`; a refusal throws IssuesError. */
export async function sendWithIssues<T>(method: "POST" | "PATCH" | "DELETE", path: string, project: string, body?: unknown, messages: StatusMessages = {}): Promise<T> {
  const res = await fetch(withParams(path, { project }), {
    method,
    headers: { "content-type": "application/json", accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {}
  if (res.ok) return json as T;
  const b = (json ?? {}) as { error?: string; issues?: FieldIssue[] };
  const message = messages[res.status] ?? (b.error || `${res.status} ${res.statusText}`.trim());
  throw new IssuesError(res.status, message, Array.isArray(b.issues) ? b.issues : []);
}

/** POSTs a new item to `collection` (id null) or PATCHes item `id` in it. */
export function saveItem<T>(collection: string, id: number | null, project: string, body: unknown, messages?: StatusMessages): Promise<T> {
  return sendWithIssues<T>(id === null ? "POST" : "PATCH", id === null ? collection : `${collection}/${id}`, project, body, messages);
}

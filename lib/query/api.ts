// Browser-safe fetchers for the JSON API, and the TanStack Query keys that cache them.
import type { TraceDetail, TraceSummary } from "@/lib/db/traces";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type QueryParams = Record<string, string | number | undefined | null>;

export function withParams(path: string, params: QueryParams = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

async function handle<T>(res: Response): Promise<T> {
  if (res.status === 401 && typeof window !== "undefined" && !window.location.pathname.startsWith("/login")) {
    window.location.href = `/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`;
  }
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { error?: string; issues?: { path: string; message: string }[] };
      if (body.error) message = body.issues?.length ? `${body.error}: ${body.issues.map((i) => `${i.path} ${i.message}`).join("; ")}` : body.error;
    } catch {}
    throw new ApiError(res.status, message);
  }
  return (await res.json()) as T;
}

export async function apiGet<T>(path: string, params?: QueryParams): Promise<T> {
  return handle<T>(await fetch(withParams(path, params), { headers: { accept: "application/json" } }));
}

export async function apiSend<T>(method: "POST" | "PATCH" | "DELETE", path: string, body?: unknown, params?: QueryParams): Promise<T> {
  return handle<T>(
    await fetch(withParams(path, params), {
      method,
      headers: { "content-type": "application/json", accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

export interface TraceListResponse {
  items: TraceSummary[];
  nextCursor: string | null;
}

export const queryKeys = {
  me: () => ["me"] as const,
  projects: () => ["projects"] as const,
  traces: (project: string, params: QueryParams) => ["traces", project, params] as const,
  trace: (project: string, traceId: string) => ["trace", project, traceId] as const,
  ingestKeys: (project: string) => ["ingest-keys", project] as const,
  tokens: (project: string) => ["tokens", project] as const,
  users: () => ["users"] as const,
};

export function fetchTrace(project: string, traceId: string): Promise<TraceDetail> {
  return apiGet<TraceDetail>(`/api/traces/${traceId}`, { project });
}

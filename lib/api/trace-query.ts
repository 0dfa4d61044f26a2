// Query-string schema of GET /api/traces (also used by the UI to build URLs).
import { z } from "zod";
import { BadRequestError } from "@/lib/errors";
import { decodeCursor, TRACE_SORTS, type TraceListParams } from "@/lib/db/trace-list";

const csv = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

export const traceListQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  status: csv.pipe(z.array(z.enum(["ok", "error", "incomplete"]))).optional(),
  agent: z.string().max(256).optional(),
  model: z.string().max(256).optional(),
  service: z.string().max(256).optional(),
  environment: z.string().max(256).optional(),
  q: z.string().max(256).optional(),
  minCostUsd: z.coerce.number().nonnegative().optional(),
  minDurationMs: z.coerce.number().nonnegative().optional(),
  sort: z
    .string()
    .regex(new RegExp(`^-?(${TRACE_SORTS.join("|")})$`), `sort must be one of ${TRACE_SORTS.join(", ")}, optionally prefixed with -`)
    .default("-startTime"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(512).optional(),
  project: z.string().optional(),
});

export function parseTraceListQuery(url: URL, projectId: number): { params: TraceListParams; cursor: ReturnType<typeof decodeCursor> } {
  const raw = Object.fromEntries([...url.searchParams.entries()].filter(([, v]) => v !== ""));
  const q = traceListQuery.parse(raw);
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  if (q.cursor && !cursor) throw new BadRequestError("invalid cursor");
  const desc = q.sort.startsWith("-");
  return {
    params: {
      projectId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      status: q.status,
      agent: q.agent,
      model: q.model,
      service: q.service,
      environment: q.environment,
      q: q.q,
      minCostUsd: q.minCostUsd,
      minDurationMs: q.minDurationMs,
      sort: q.sort.replace(/^-/, "") as TraceListParams["sort"],
      desc,
      limit: q.limit,
    },
    cursor,
  };
}

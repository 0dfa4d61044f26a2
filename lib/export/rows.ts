// Streams every trace (or span) matching the trace-list filters, page by page
// over the keyset cursor, so memory stays constant however many rows there are.
import type { Querier } from "@/lib/db/client";
import { decodeCursor, listTraces, type TraceListParams } from "@/lib/db/trace-list";
import { listTraceSpans, type SpanView, type TraceSummary } from "@/lib/db/traces";

const PAGE = 1000;

export async function* exportTraces(q: Querier, params: Omit<TraceListParams, "limit">): AsyncGenerator<TraceSummary> {
  let cursor: ReturnType<typeof decodeCursor> = null;
  for (;;) {
    const page = await listTraces(q, { ...params, limit: PAGE }, cursor);
    yield* page.items;
    if (!page.nextCursor) return;
    cursor = decodeCursor(page.nextCursor);
  }
}

export type ExportedSpan = SpanView & { traceId: string };

export async function* exportSpans(q: Querier, params: Omit<TraceListParams, "limit">): AsyncGenerator<ExportedSpan> {
  for await (const t of exportTraces(q, params)) {
    for (const s of await listTraceSpans(q, params.projectId, t.traceId)) yield { traceId: t.traceId, ...s };
  }
}


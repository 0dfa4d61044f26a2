import { z } from "zod";
import { parseTraceListQuery } from "@/lib/api/trace-query";
import type { TraceListParams } from "@/lib/db/trace-list";
import { EXPORT_FORMATS, type ExportFormat } from "./formats";

/** An export request: the trace list's filters and sort (limit/cursor ignored) plus a format. */
export function parseExportQuery(url: URL, projectId: number): { format: ExportFormat; params: Omit<TraceListParams, "limit"> } {
  const format = z.enum(EXPORT_FORMATS).default("csv").parse(url.searchParams.get("format") ?? undefined);
  const listUrl = new URL(url);
  listUrl.searchParams.delete("format");
  listUrl.searchParams.delete("limit");
  listUrl.searchParams.delete("cursor");
  const { params } = parseTraceListQuery(listUrl, projectId);
  const { limit: _limit, ...rest } = params;
  return { format, params: rest };
}

export function exportFilename(kind: string, format: ExportFormat, params: { from?: Date; to?: Date }): string {
  const day = (d?: Date) => (d ? d.toISOString().slice(0, 16).replace(/[:T]/g, "") : "all");
  return `skein-${kind}-${day(params.from)}-${day(params.to)}.${format}`;
}

import { apiRoute } from "@/lib/http/api";
import { exportTraces } from "@/lib/export/rows";
import { CONTENT_TYPES, encodeRows, streamResponse, TRACE_CSV_COLUMNS } from "@/lib/export/formats";
import { exportFilename, parseExportQuery } from "@/lib/export/request";

export const dynamic = "force-dynamic";

export const GET = apiRoute("read", async ({ url, rt, project }) => {
  const { format, params } = parseExportQuery(url, (await project()).id);
  return streamResponse(encodeRows(exportTraces(rt.db, params), format, TRACE_CSV_COLUMNS), CONTENT_TYPES[format], exportFilename("traces", format, params));
});

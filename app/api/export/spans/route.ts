import { apiRoute } from "@/lib/http/api";
import { exportSpans } from "@/lib/export/rows";
import { CONTENT_TYPES, encodeRows, SPAN_CSV_COLUMNS, streamResponse } from "@/lib/export/formats";
import { exportFilename, parseExportQuery } from "@/lib/export/request";

export const dynamic = "force-dynamic";

export const GET = apiRoute("read", async ({ url, rt, project }) => {
  const { format, params } = parseExportQuery(url, (await project()).id);
  return streamResponse(encodeRows(exportSpans(rt.db, params), format, SPAN_CSV_COLUMNS), CONTENT_TYPES[format], exportFilename("spans", format, params));
});

// GET /api/export/cost-report?format=csv|json|pdf&from&to&groupBy=day,agent,model
// (plus the metrics filters agent, service, environment). Default: JSON grouped by day.
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { apiRoute } from "@/lib/http/api";
import { buildCostReport, COST_REPORT_FORMATS, costReportCsvColumns, groupByParam } from "@/lib/export/cost-report";
import { renderCostReportPdf } from "@/lib/export/cost-report-pdf";
import { parseOverviewQuery } from "@/lib/metrics/query-params";

export const dynamic = "force-dynamic";

const query = z.object({ format: z.enum(COST_REPORT_FORMATS).default("json"), groupBy: groupByParam });

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8", pdf: "application/pdf" } as const;

export const GET = apiRoute("read", async ({ url, rt, project }) => {
  const { format, groupBy } = query.parse({ format: url.searchParams.get("format") || undefined, groupBy: url.searchParams.get("groupBy") || undefined });
  const p = await project();
  const filter = parseOverviewQuery(url, p.id);
  const report = await buildCostReport(rt.db, { filter, groupBy, project: p });
  const day = (iso: string) => iso.slice(0, 16).replace(/[:T-]/g, "");
  const headers = {
    "content-type": CONTENT_TYPES[format],
    "content-disposition": `attachment; filename="skein-cost-report-${day(report.period.from)}-${day(report.period.to)}.${format}"`,
    "cache-control": "no-store",
  };
  if (format === "pdf") return new Response(new Uint8Array(await renderCostReportPdf(report)), { headers });
  if (format === "json") return new Response(`${JSON.stringify(report)}\n`, { headers });
  const cols = costReportCsvColumns(report.groupBy);
  const body = stringify([cols, ...report.rows.map((r) => cols.map((c) => r[c] ?? null))]);
  return new Response(body, { headers });
});

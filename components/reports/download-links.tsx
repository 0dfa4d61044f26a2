// CSV, JSON and PDF of exactly the report on screen: same period, grouping and project.
import { Download } from "lucide-react";
import { withParams, type QueryParams } from "@/lib/query/api";

const FORMATS = [
  { format: "csv", label: "CSV" },
  { format: "json", label: "JSON" },
  { format: "pdf", label: "PDF" },
] as const;

export function reportUrl(format: string, params: QueryParams): string {
  return withParams("/api/export/cost-report", { format, ...params });
}

export function DownloadLinks({ params }: { params: QueryParams }) {
  return (
    <div className="flex items-center gap-1.5" role="group" aria-label="Download the report">
      {FORMATS.map(({ format, label }) => (
        <a
          key={format}
          href={reportUrl(format, params)}
          download
          className="flex items-center gap-1.5 rounded-md border border-border px-2.5 py-1 hover:bg-surface-2"
          title={`Download this report as ${label}`}
        >
          <Download className="h-3.5 w-3.5" aria-hidden />
          {label}
        </a>
      ))}
    </div>
  );
}

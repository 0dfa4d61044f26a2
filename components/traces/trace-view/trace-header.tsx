import Link from "next/link";
import { ChevronLeft } from "lucide-react";
import type { TraceSummary, TraceDetail } from "@/lib/db/traces";
import { formatCount, formatDuration, formatTime, formatTokens, formatUsd, formatUsdExact } from "@/lib/format";
import { StatusPill } from "./status-pill";
import { CopyLinkButton, ExportJsonButton } from "./trace-actions";

function Stat({ label, value, title, danger }: { label: string; value: string; title?: string; danger?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-[11px] uppercase tracking-wide text-muted">{label}</dt>
      <dd className={danger ? "font-medium text-danger" : "font-medium"} title={title}>
        {value}
      </dd>
    </div>
  );
}

export function TraceHeader({ detail, backHref }: { detail: TraceDetail; backHref: string }) {
  const t: TraceSummary = detail.trace;
  const tokens = t.inputTokens + t.outputTokens;
  return (
    <header className="border-b border-border px-4 pb-3 pt-2">
      <Link href={backHref} className="inline-flex items-center gap-0.5 text-[12px] text-muted hover:text-foreground">
        <ChevronLeft className="h-3.5 w-3.5" aria-hidden />
        Traces
      </Link>
      <div className="mt-0.5 flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="min-w-0 truncate text-lg font-semibold" title={t.name}>
          {t.name || "(unnamed trace)"}
        </h1>
        <StatusPill status={t.status} />
        {t.agentName && (
          <span className="text-[13px] text-muted">
            agent <span className="text-foreground">{t.agentName}</span>
          </span>
        )}
        {t.serviceName && t.serviceName !== t.agentName && (
          <span className="text-[13px] text-muted">
            service <span className="text-foreground">{t.serviceName}</span>
          </span>
        )}
        <div className="ml-auto flex gap-2">
          <CopyLinkButton />
          <ExportJsonButton detail={detail} />
        </div>
      </div>
      <dl className="mt-2 flex flex-wrap gap-x-7 gap-y-2 text-[13px]">
        <Stat label="Start" value={formatTime(t.startTime)} title={t.startTime} />
        <Stat label="Duration" value={formatDuration(t.durationMs)} title={`${t.durationMs} ms`} />
        <Stat label="Cost" value={formatUsd(t.costUsd)} title={formatUsdExact(t.costUsd)} />
        <Stat
          label="Tokens"
          value={formatTokens(tokens)}
          title={`${t.inputTokens.toLocaleString("en-US")} input · ${t.outputTokens.toLocaleString("en-US")} output · ${t.cacheReadTokens.toLocaleString("en-US")} cache read`}
        />
        <Stat label="LLM calls" value={formatCount(t.llmCallCount)} />
        <Stat label="Errors" value={formatCount(t.errorCount)} danger={t.errorCount > 0} />
        <Stat label="Spans" value={formatCount(t.spanCount)} title={t.spanCount.toLocaleString("en-US")} />
        <Stat label="Trace id" value={t.traceId} />
      </dl>
    </header>
  );
}

"use client";

import { X } from "lucide-react";
import type { SpanView } from "@/lib/db/traces";
import type { TraceNode } from "@/lib/trace-tree/types";
import type { Failover } from "@/lib/trace-tree/failover";
import { failoverLabel } from "@/lib/trace-tree/failover";
import { formatDuration, formatTime } from "@/lib/format";
import { OperationIcon, operationLabel } from "./operation-icon";
import { StatusPill } from "./status-pill";
import { Fields, Section } from "./detail-parts";
import { SpanCost, SpanPrice } from "./span-price";
import { SpanAttributes, SpanEvents } from "./span-attributes";

const SPAN_KINDS = ["unspecified", "internal", "server", "client", "producer", "consumer"];

const tokens = (n: number | null) => (n === null ? undefined : n.toLocaleString("en-US"));

interface Props {
  node: TraceNode<SpanView>;
  traceStartMs: number;
  critical: boolean;
  failover: Failover | undefined;
  onClose: () => void;
  onSelect: (id: string) => void;
}

export function SpanDetailPanel({ node, traceStartMs, critical, failover, onClose, onSelect }: Props) {
  const s = node.span;
  const usageScope = s.usageScope === "aggregate" ? "aggregate (not billed again)" : s.usageScope === "call" ? "one provider call" : s.usageScope;
  return (
    <aside aria-label="Span details" className="flex w-[min(380px,38%)] min-w-[300px] shrink-0 flex-col overflow-y-auto border-l border-border bg-background">
      <div className="sticky top-0 z-10 flex items-start gap-2 border-b border-border bg-background px-4 py-2.5">
        <OperationIcon operation={s.operation} className="mt-1" />
        <div className="min-w-0 flex-1">
          <h2 className="break-words font-semibold leading-snug">{s.name}</h2>
          <p className="mt-0.5 font-mono text-[11px] text-muted">{s.spanId}</p>
        </div>
        <button type="button" onClick={onClose} aria-label="Close span details (Esc)" title="Close (Esc)" className="rounded p-1 text-muted hover:bg-surface-2 hover:text-foreground">
          <X className="h-4 w-4" />
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-2 px-4 py-2.5 text-[13px]">
        <StatusPill status={s.status} />
        {s.errorType && <span className="text-danger">error.type {s.errorType}</span>}
        {critical && <span className="rounded bg-surface-2 px-1.5 text-[11px] leading-5 text-muted">on the critical path</span>}
        {failover && (
          <button type="button" onClick={() => onSelect(failover.fallbackSpanId)} className="rounded bg-warning-soft px-1.5 text-[11px] leading-5 text-warning hover:underline">
            {failoverLabel(failover)}
          </button>
        )}
      </div>
      <Section title="Span">
        <Fields
          rows={[
            ["Operation", operationLabel(s.operation)],
            ["Provider", s.provider ?? undefined],
            ["Model", s.model ?? undefined],
            ["Agent", s.agentName ?? undefined],
            ["Tool", s.toolName ?? undefined],
            ["Start", node.startMs === 0 ? "at trace start" : `+${formatDuration(node.startMs)}`, formatTime(s.startTime)],
            ["Duration", formatDuration(s.durationMs), `${s.durationMs} ms`],
            ["Finish reasons", s.finishReasons?.length ? s.finishReasons.join(", ") : undefined],
            ["Usage scope", usageScope ?? undefined],
            ["Kind", SPAN_KINDS[s.kind] ?? String(s.kind)],
          ]}
        />
      </Section>
      <Section title="Tokens">
        <Fields
          rows={[
            ["Input", tokens(s.inputTokens)],
            ["Output", tokens(s.outputTokens)],
            ["Cache read", tokens(s.cacheReadTokens)],
            ["Cache write", tokens(s.cacheWriteTokens)],
            ["Reasoning", tokens(s.reasoningTokens)],
          ]}
        />
      </Section>
      <SpanCost span={s} />
      <SpanPrice span={s} />
      <SpanEvents span={s} spanStartEpochMs={traceStartMs + node.startMs} />
      <SpanAttributes span={s} />
    </aside>
  );
}

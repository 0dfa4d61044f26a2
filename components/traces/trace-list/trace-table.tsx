"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { ArrowDown, ArrowUp } from "lucide-react";
import { clsx } from "clsx";
import type { TraceSummary } from "@/lib/db/traces";
import { formatCount, formatDuration, formatTime, formatUsd, formatUsdExact } from "@/lib/format";
import { StatusPill } from "./status-pill";

export type SortField = "startTime" | "durationMs" | "costUsd";

interface Props {
  items: TraceSummary[];
  sort: string;
  onSort: (sort: string) => void;
  hrefFor: (traceId: string) => string;
  onOpen: (traceId: string) => void;
  /** Trace ids that arrived since the reader last looked (live mode). */
  fresh?: Set<string>;
}

function SortHeader({ field, label, sort, onSort, className }: { field: SortField; label: string; sort: string; onSort: (s: string) => void; className?: string }) {
  const current = sort.replace(/^-/, "") === field;
  const desc = sort.startsWith("-");
  const next = current ? (desc ? field : `-${field}`) : `-${field}`;
  return (
    <th scope="col" className={className} aria-sort={current ? (desc ? "descending" : "ascending") : "none"}>
      <button type="button" onClick={() => onSort(next)} className={clsx("inline-flex items-center gap-1 hover:text-foreground", current && "text-foreground")}>
        {label}
        {current && (desc ? <ArrowDown className="h-3 w-3" /> : <ArrowUp className="h-3 w-3" />)}
      </button>
    </th>
  );
}

export function TraceTable({ items, sort, onSort, hrefFor, onOpen, fresh }: Props) {
  const [selected, setSelected] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);
  const index = Math.min(selected, Math.max(0, items.length - 1));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) || e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key === "j" || e.key === "ArrowDown") setSelected((i) => Math.min(items.length - 1, i + 1));
      else if (e.key === "k" || e.key === "ArrowUp") setSelected((i) => Math.max(0, i - 1));
      else if (e.key === "Enter" && items[index] && el.tagName !== "A" && el.tagName !== "BUTTON") onOpen(items[index].traceId);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [items, index, onOpen]);

  useEffect(() => {
    body.current?.querySelector(`[data-row="${index}"]`)?.scrollIntoView({ block: "nearest" });
  }, [index]);

  return (
    <table className="w-full border-collapse text-[13px]">
      <thead className="sticky top-12 z-10 bg-surface text-left text-xs text-muted">
        <tr className="border-b border-border [&>th]:px-3 [&>th]:py-2 [&>th]:font-medium">
          <SortHeader field="startTime" label="Start" sort={sort} onSort={onSort} />
          <th scope="col">Name</th>
          <th scope="col">Agent</th>
          <th scope="col">Status</th>
          <SortHeader field="durationMs" label="Duration" sort={sort} onSort={onSort} className="text-right" />
          <th scope="col" className="text-right">
            Spans
          </th>
          <th scope="col" className="text-right">
            LLM calls
          </th>
          <th scope="col" className="text-right">
            Tokens in / out
          </th>
          <SortHeader field="costUsd" label="Cost" sort={sort} onSort={onSort} className="text-right" />
        </tr>
      </thead>
      <tbody ref={body}>
        {items.map((t, i) => (
          <tr
            key={t.traceId}
            data-row={i}
            aria-selected={i === index}
            onClick={() => setSelected(i)}
            className={clsx(
              "border-b border-border [&>td]:px-3 [&>td]:py-1.5",
              i === index ? "bg-accent-soft" : "hover:bg-surface",
              fresh?.has(t.traceId) && "animate-pulse",
            )}
          >
            <td className="whitespace-nowrap text-muted">{formatTime(t.startTime)}</td>
            <td className="max-w-[22rem] truncate">
              <Link href={hrefFor(t.traceId)} className="font-medium hover:text-accent hover:underline" title={t.name}>
                {t.name || <span className="text-muted">(unnamed)</span>}
              </Link>
              {t.serviceName && <span className="ml-2 text-xs text-muted">{t.serviceName}</span>}
            </td>
            <td className="max-w-[12rem] truncate">{t.agentName ?? <span className="text-muted">—</span>}</td>
            <td>
              <StatusPill status={t.status} />
              {t.errorCount > 0 && t.status !== "error" && (
                <span className="ml-1.5 text-xs text-danger" title="Errors inside the run that the agent recovered from">
                  {t.errorCount} err
                </span>
              )}
            </td>
            <td className="text-right">{formatDuration(t.durationMs)}</td>
            <td className="text-right">{t.spanCount}</td>
            <td className="text-right">{t.llmCallCount}</td>
            <td className="whitespace-nowrap text-right" title={`${t.inputTokens} input (${t.cacheReadTokens} cached), ${t.outputTokens} output`}>
              {formatCount(t.inputTokens)} / {formatCount(t.outputTokens)}
            </td>
            <td className="whitespace-nowrap text-right font-medium" title={formatUsdExact(t.costUsd)}>
              {formatUsd(t.costUsd)}
              {t.unpricedCallCount > 0 && (
                <span className="ml-1 text-xs font-normal text-warning" title={`${t.unpricedCallCount} call(s) to a model with no price: not included`}>
                  +unpriced
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

"use client";

// Fired alerts grouped by day, newest first. j/k or arrows move the selection, Enter opens
// the selected alert's traces.
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { clsx } from "clsx";
import { ArrowRight } from "lucide-react";
import { formatTime } from "@/lib/format";
import { groupByDay, relativeTime, traceLink, TYPE_LABELS, type Alert } from "./alert-model";
import { AlertIcon } from "./alert-style";
import { DeliveryList } from "./delivery-list";

interface Props {
  alerts: Alert[];
  project: string;
  now: Date;
  /** Keys of alerts that arrived with the latest poll. */
  fresh: ReadonlySet<string>;
  onOpen: (href: string) => void;
}

export function AlertTimeline({ alerts, project, now, fresh, onOpen }: Props) {
  const groups = useMemo(() => groupByDay(alerts, now), [alerts, now]);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const index = Math.max(0, alerts.findIndex((a) => a.key === selectedKey));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) || el.closest("dialog") || e.metaKey || e.ctrlKey || e.altKey) return;
      const move = (to: number) => {
        const a = alerts[Math.min(alerts.length - 1, Math.max(0, to))];
        if (a) setSelectedKey(a.key);
      };
      if (e.key === "j" || e.key === "ArrowDown") move(index + 1);
      else if (e.key === "k" || e.key === "ArrowUp") move(index - 1);
      else if (e.key === "Enter" && el.tagName !== "A" && el.tagName !== "BUTTON") {
        const href = traceLink(alerts[index]?.url ?? null, project);
        if (!href) return;
        onOpen(href);
      } else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [alerts, index, project, onOpen]);

  useEffect(() => {
    if (selectedKey) list.current?.querySelector(`[data-key="${CSS.escape(selectedKey)}"]`)?.scrollIntoView({ block: "nearest" });
  }, [selectedKey]);

  return (
    <ol ref={list} className="space-y-5" aria-label="Fired alerts, newest first">
      {groups.map((g) => (
        <li key={g.day}>
          <h3 className="sticky top-12 z-10 mb-2 bg-background/95 py-1 text-xs font-semibold uppercase tracking-wide text-muted backdrop-blur">{g.label}</h3>
          <ol className="space-y-2">
            {g.alerts.map((a) => {
              const selected = alerts[index]?.key === a.key;
              const href = traceLink(a.url, project);
              return (
                <li
                  key={a.key}
                  data-key={a.key}
                  data-testid="alert"
                  aria-current={selected ? "true" : undefined}
                  onClick={() => setSelectedKey(a.key)}
                  className={clsx(
                    "relative flex gap-3 rounded-lg border px-2.5 py-2.5",
                    // ring, not border colour: app/globals.css gives every element border-color: var(--border)
                    selected ? "bg-accent-soft/60 ring-1 ring-accent/50" : "hover:bg-surface",
                  )}
                >
                  <AlertIcon alert={a} />
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                      <p className="min-w-0 font-medium">
                        {a.state === "resolved" && <span className="mr-1.5 rounded bg-success-soft px-1.5 py-px text-[11px] font-medium text-success">resolved</span>}
                        {a.title}
                        {fresh.has(a.key) && <span className="ml-2 rounded bg-accent px-1.5 py-px align-middle text-[10px] font-semibold uppercase text-accent-foreground">new</span>}
                      </p>
                      <span className="whitespace-nowrap text-xs text-muted">
                        <time dateTime={a.firedAt} title={formatTime(a.firedAt)}>
                          {relativeTime(a.firedAt, now)}
                        </time>
                        <span aria-hidden> · </span>
                        {formatTime(a.firedAt)}
                      </span>
                    </div>
                    <div className="mt-0.5 flex flex-wrap items-center gap-x-3 text-xs text-muted">
                      <span>{TYPE_LABELS[a.type]}</span>
                      {href && (
                        <Link href={href} className="inline-flex items-center gap-0.5 text-accent hover:underline">
                          {/^\/traces\/[^/?]/.test(href) ? "View trace" : "View traces"} <ArrowRight className="h-3 w-3" aria-hidden />
                        </Link>
                      )}
                    </div>
                    <div className="mt-1.5">
                      <DeliveryList deliveries={a.deliveries} now={now} />
                    </div>
                  </div>
                </li>
              );
            })}
          </ol>
        </li>
      ))}
    </ol>
  );
}

"use client";

import { useEffect, useRef, useState } from "react";
import { CalendarClock, ChevronLeft, ChevronRight } from "lucide-react";
import { describeTimeRange, PRESETS, stepTimeRange } from "@/lib/time-range";
import { useTimeRange, useUrlState } from "./use-dashboard-params";

function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
}

export function TimeRangePicker() {
  const range = useTimeRange();
  const { set } = useUrlState();
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);

  const step = (dir: -1 | 1) => set({ ...stepTimeRange(range, dir), range: null, cursor: null });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key === "[") step(-1);
      else if (e.key === "]") step(1);
      else if (e.key === "Escape") setOpen(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  useEffect(() => {
    if (!open) return;
    const onClick = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onClick);
    return () => document.removeEventListener("mousedown", onClick);
  }, [open]);

  const openPanel = () => {
    setFrom(toLocalInput(range.from));
    setTo(toLocalInput(range.to));
    setError(null);
    setOpen((o) => !o);
  };

  const applyCustom = (e: React.FormEvent) => {
    e.preventDefault();
    const f = new Date(from);
    const t = new Date(to);
    if (Number.isNaN(f.getTime()) || Number.isNaN(t.getTime())) return setError("Enter both dates.");
    if (f >= t) return setError("The start must be before the end.");
    set({ from: f.toISOString(), to: t.toISOString(), range: null, cursor: null });
    setOpen(false);
  };

  return (
    <div className="relative flex items-center" ref={box}>
      <button type="button" onClick={() => step(-1)} title="Earlier window ( [ )" aria-label="Earlier window" className="rounded-l-md border border-border p-1.5 hover:bg-surface-2">
        <ChevronLeft className="h-4 w-4" />
      </button>
      <button
        type="button"
        onClick={openPanel}
        aria-expanded={open}
        aria-haspopup="dialog"
        className="flex h-[30px] items-center gap-1.5 border-y border-border px-2.5 text-sm hover:bg-surface-2"
      >
        <CalendarClock className="h-4 w-4 text-muted" aria-hidden />
        {describeTimeRange(range)}
      </button>
      <button type="button" onClick={() => step(1)} title="Later window ( ] )" aria-label="Later window" className="rounded-r-md border border-border p-1.5 hover:bg-surface-2">
        <ChevronRight className="h-4 w-4" />
      </button>
      {open && (
        <div role="dialog" aria-label="Time range" className="absolute right-0 top-10 z-30 w-72 rounded-lg border border-border bg-background p-3 shadow-lg">
          <div className="grid grid-cols-2 gap-1">
            {PRESETS.map((p) => (
              <button
                key={p.key}
                type="button"
                onClick={() => {
                  set({ range: p.key === "24h" ? null : p.key, from: null, to: null, cursor: null });
                  setOpen(false);
                }}
                className={`rounded-md px-2 py-1.5 text-left hover:bg-surface-2 ${range.preset === p.key ? "bg-accent-soft text-accent" : ""}`}
              >
                {p.label}
              </button>
            ))}
          </div>
          <form onSubmit={applyCustom} className="mt-3 space-y-2 border-t border-border pt-3">
            <label className="block text-xs text-muted">
              From
              <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} className="mt-0.5 block w-full rounded-md border border-border bg-background px-2 py-1 text-sm text-foreground" />
            </label>
            <label className="block text-xs text-muted">
              To
              <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} className="mt-0.5 block w-full rounded-md border border-border bg-background px-2 py-1 text-sm text-foreground" />
            </label>
            {error && <p className="text-xs text-danger">{error}</p>}
            <button type="submit" className="w-full rounded-md bg-accent px-2 py-1.5 font-medium text-accent-foreground">
              Apply custom range
            </button>
          </form>
        </div>
      )}
    </div>
  );
}

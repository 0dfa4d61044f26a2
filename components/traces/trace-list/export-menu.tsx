"use client";

import { useEffect, useRef, useState } from "react";
import { Download } from "lucide-react";
import { withParams, type QueryParams } from "@/lib/query/api";

const FORMATS = [
  { format: "csv", label: "CSV (spreadsheets)" },
  { format: "json", label: "JSON" },
  { format: "ndjson", label: "NDJSON (one trace per line)" },
] as const;

/** Downloads exactly the current view (same filters, time range, sort) from /api/export/traces. */
export function ExportMenu({ query }: { query: QueryParams }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);
  const { limit: _limit, cursor: _cursor, ...view } = query;
  return (
    <div className="relative" ref={box}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex items-center gap-1.5 rounded-md border border-border px-2.5 py-1 hover:bg-surface-2"
      >
        <Download className="h-4 w-4" aria-hidden /> Export
      </button>
      {open && (
        <div role="menu" className="absolute right-0 top-9 z-30 w-56 rounded-lg border border-border bg-background p-1 shadow-lg">
          {FORMATS.map((f) => (
            <a
              key={f.format}
              role="menuitem"
              href={withParams("/api/export/traces", { ...view, format: f.format })}
              download
              onClick={() => setOpen(false)}
              className="block rounded-md px-2 py-1.5 hover:bg-surface-2"
            >
              {f.label}
            </a>
          ))}
          <p className="px-2 py-1 text-xs text-muted">Every trace matching the current filters and time range.</p>
        </div>
      )}
    </div>
  );
}

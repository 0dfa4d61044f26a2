"use client";

import { useEffect, useRef, useState } from "react";
import { Search, X } from "lucide-react";
import { clsx } from "clsx";
import type { TraceFacets } from "@/lib/db/trace-list";

export const FILTER_KEYS = ["status", "agent", "service", "model", "environment", "q", "minCostUsd", "minDurationMs"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Partial<Record<FilterKey, string>>;

const STATUSES = ["ok", "error", "incomplete"] as const;

function Select({ label, value, options, onChange }: { label: string; value: string; options: string[]; onChange: (v: string) => void }) {
  return (
    <select
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      className={clsx("h-8 max-w-44 rounded-md border border-border bg-background px-2", value ? "text-foreground" : "text-muted")}
    >
      <option value="">{`Any ${label.toLowerCase()}`}</option>
      {value && !options.includes(value) && <option value={value}>{value}</option>}
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}

/** A text/number input that writes to the URL after the person pauses typing. */
function DebouncedInput(
  props: { value: string; onCommit: (v: string) => void; ref?: React.Ref<HTMLInputElement> } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "value" | "onChange">,
) {
  const { value, onCommit, ...rest } = props;
  const [draft, setDraft] = useState(value);
  const [synced, setSynced] = useState(value);
  if (synced !== value) {
    setSynced(value);
    setDraft(value);
  }
  useEffect(() => {
    if (draft === value) return;
    const t = setTimeout(() => onCommit(draft), 350);
    return () => clearTimeout(t);
  }, [draft, value, onCommit]);
  return <input {...rest} value={draft} onChange={(e) => setDraft(e.target.value)} />;
}

export function FilterBar({ filters, facets, onChange }: { filters: Filters; facets?: TraceFacets; onChange: (patch: Filters) => void }) {
  const search = useRef<HTMLInputElement>(null);
  const status = new Set((filters.status ?? "").split(",").filter(Boolean));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (e.key === "/" && !["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName)) {
        e.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const toggleStatus = (s: string) => {
    const next = new Set(status);
    if (next.has(s)) next.delete(s);
    else next.add(s);
    onChange({ status: [...next].join(",") });
  };
  const active = FILTER_KEYS.some((k) => filters[k]);

  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-border px-4 py-2" role="search">
      <div className="relative">
        <Search className="pointer-events-none absolute left-2 top-2 h-4 w-4 text-muted" aria-hidden />
        <DebouncedInput
          ref={search}
          type="search"
          aria-label="Search traces by name, agent or trace id"
          placeholder="Search name, agent, trace id   /"
          value={filters.q ?? ""}
          onCommit={(v) => onChange({ q: v })}
          className="h-8 w-64 rounded-md border border-border bg-background pl-8 pr-2"
        />
      </div>
      <div className="flex overflow-hidden rounded-md border border-border" role="group" aria-label="Status">
        {STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={status.has(s)}
            onClick={() => toggleStatus(s)}
            className={clsx("h-8 px-2.5 capitalize", status.has(s) ? "bg-accent-soft font-medium text-accent" : "hover:bg-surface-2")}
          >
            {s}
          </button>
        ))}
      </div>
      <Select label="Agent" value={filters.agent ?? ""} options={facets?.agents ?? []} onChange={(v) => onChange({ agent: v })} />
      <Select label="Service" value={filters.service ?? ""} options={facets?.services ?? []} onChange={(v) => onChange({ service: v })} />
      <Select label="Model" value={filters.model ?? ""} options={facets?.models ?? []} onChange={(v) => onChange({ model: v })} />
      {(facets?.environments.length ?? 0) > 0 && (
        <Select label="Environment" value={filters.environment ?? ""} options={facets?.environments ?? []} onChange={(v) => onChange({ environment: v })} />
      )}
      <label className="flex items-center gap-1 text-muted">
        cost ≥ $
        <DebouncedInput
          type="number"
          min={0}
          step="any"
          aria-label="Minimum cost in USD"
          value={filters.minCostUsd ?? ""}
          onCommit={(v) => onChange({ minCostUsd: v })}
          className="h-8 w-20 rounded-md border border-border bg-background px-2 text-foreground"
        />
      </label>
      <label className="flex items-center gap-1 text-muted">
        duration ≥
        <DebouncedInput
          type="number"
          min={0}
          step="any"
          aria-label="Minimum duration in milliseconds"
          value={filters.minDurationMs ?? ""}
          onCommit={(v) => onChange({ minDurationMs: v })}
          className="h-8 w-24 rounded-md border border-border bg-background px-2 text-foreground"
        />
        ms
      </label>
      {active && (
        <button
          type="button"
          onClick={() => onChange(Object.fromEntries(FILTER_KEYS.map((k) => [k, ""])))}
          className="flex h-8 items-center gap-1 rounded-md px-2 text-muted hover:bg-surface-2 hover:text-foreground"
        >
          <X className="h-4 w-4" aria-hidden /> Clear filters
        </button>
      )}
    </div>
  );
}

import type { RefObject } from "react";
import { Search, X } from "lucide-react";
import { formatTick, type TimeTicks } from "@/lib/trace-tree/time-axis";
import { GRID_COLUMNS, ROW_HEIGHT } from "./layout";

interface Props {
  ticks: TimeTicks;
  totalMs: number;
  query: string;
  onQuery: (q: string) => void;
  /** Enter in the search box: hand the keyboard back to the list. */
  onSubmit: () => void;
  matchCount: number | null;
  searchRef: RefObject<HTMLInputElement | null>;
  /** Measures the axis so bar labels can choose a side with room. */
  axisRef: (el: HTMLElement | null) => (() => void) | undefined;
}

export function ListHeader({ ticks, totalMs, query, onQuery, onSubmit, matchCount, searchRef, axisRef }: Props) {
  return (
    <div
      className="grid shrink-0 items-center overflow-hidden border-b border-border bg-surface text-[12px] text-muted [scrollbar-gutter:stable]"
      style={{ gridTemplateColumns: GRID_COLUMNS, height: ROW_HEIGHT + 6 }}
    >
      <label className="relative mx-1.5 flex min-w-0 items-center">
        <Search className="pointer-events-none absolute left-2 h-3.5 w-3.5" aria-hidden />
        <input
          ref={searchRef}
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              if (query) onQuery("");
              else e.currentTarget.blur();
              e.preventDefault();
            } else if (e.key === "Enter" || e.key === "ArrowDown") {
              e.preventDefault();
              onSubmit();
            }
          }}
          placeholder="Filter spans by name"
          aria-label="Filter spans by name"
          className={`h-6 w-full min-w-0 rounded border border-border bg-background pl-7 text-[12px] text-foreground placeholder:text-muted focus:border-accent focus:outline-none ${query ? "pr-28" : "pr-7"}`}
        />
        <span className="absolute right-1 flex items-center gap-1 text-[11px]">
          {matchCount !== null && <span className="pointer-events-none whitespace-nowrap">{formatMatches(matchCount)}</span>}
          {query ? (
            <button type="button" aria-label="Clear filter" onClick={() => onQuery("")} className="rounded p-0.5 hover:bg-surface-2 hover:text-foreground">
              <X className="h-3 w-3" />
            </button>
          ) : (
            <kbd className="pointer-events-none rounded border border-border px-1 font-sans">/</kbd>
          )}
        </span>
      </label>
      <div ref={axisRef} className="relative mx-3 h-full" aria-hidden>
        {ticks.ticks.map((t) => {
          const pct = totalMs > 0 ? (t / totalMs) * 100 : 0;
          const edge = pct > 92 ? "-translate-x-full" : pct > 0 ? "-translate-x-1/2" : "";
          return (
            <span key={t} className={`absolute bottom-1.5 whitespace-nowrap ${edge}`} style={{ left: `${pct}%` }}>
              {formatTick(t, ticks.stepMs)}
            </span>
          );
        })}
      </div>
      <div className="px-3 text-right">Cost</div>
    </div>
  );
}

function formatMatches(n: number): string {
  return n === 1 ? "1 match" : `${n.toLocaleString("en-US")} matches`;
}

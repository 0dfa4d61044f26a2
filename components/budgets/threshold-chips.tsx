"use client";

// Alert thresholds as removable chips (kept sorted and unique) plus a field to add one.
import { useState } from "react";
import { X } from "lucide-react";
import { clsx } from "clsx";
import { addThreshold, thresholdIssue } from "./budget-draft";

export function ThresholdChips({ value, onChange, error }: { value: number[]; onChange: (next: number[]) => void; error?: string }) {
  const [draft, setDraft] = useState("");
  const [local, setLocal] = useState<string | null>(null);
  const add = () => {
    const issue = thresholdIssue(draft);
    if (issue) return setLocal(issue);
    onChange(addThreshold(value, Number(draft)));
    setDraft("");
    setLocal(null);
  };
  const shown = local ?? error;
  return (
    <div>
      <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label="Alert thresholds">
        {value.map((t) => (
          <span key={t} className={clsx("flex items-center gap-0.5 rounded-full py-0.5 pl-2 pr-0.5 text-xs font-medium tabular-nums", t >= 100 ? "bg-danger-soft text-danger" : t >= 80 ? "bg-warning-soft text-warning" : "bg-accent-soft text-accent")}>
            {t} %
            <button type="button" onClick={() => onChange(value.filter((x) => x !== t))} aria-label={`Remove ${t} % threshold`} className="rounded-full p-0.5 hover:bg-background/60">
              <X className="h-3 w-3" aria-hidden />
            </button>
          </span>
        ))}
        <span className="flex items-center">
          <input
            aria-label="Add threshold (percent)"
            inputMode="numeric"
            value={draft}
            onChange={(e) => {
              setDraft(e.target.value);
              setLocal(null);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter" || e.key === ",") {
                e.preventDefault();
                if (draft.trim()) add();
              }
            }}
            placeholder="add %"
            aria-invalid={shown ? true : undefined}
            className={clsx("h-6 w-16 rounded-l-md border bg-background px-1.5 text-xs", shown ? "border-danger" : "border-border")}
          />
          <button type="button" onClick={add} disabled={!draft.trim()} className="h-6 rounded-r-md border border-l-0 border-border px-1.5 text-xs hover:bg-surface-2 disabled:opacity-50">
            Add
          </button>
        </span>
      </div>
      {shown && <p className="mt-0.5 text-xs text-danger">{shown}</p>}
    </div>
  );
}

"use client";

// "Matches 3 agents (support-bot, triage, …), $412 so far this month": what the
// scope being edited matches right now, re-asked 400 ms after the last keystroke.
import { useEffect, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { clsx } from "clsx";
import type { BudgetPeriod } from "@/lib/budgets/period";
import { budgetKeys, fetchPreview } from "./budget-api";
import { previewSentence } from "./budget-display";

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- compared by content, not identity
  }, [key, ms]);
  return v;
}

export function BudgetPreviewLine({
  project,
  body,
  ready,
  amountUsd,
}: {
  project: string;
  body: { period: BudgetPeriod; windowHours?: number; timezone: string; scope: object };
  /** False while the scope or period fields have client-side issues (no request is made). */
  ready: boolean;
  amountUsd: number | null;
}) {
  const debounced = useDebounced({ body, ready }, 400);
  const preview = useQuery({
    queryKey: budgetKeys.preview(project, debounced.body),
    queryFn: () => fetchPreview(project, debounced.body),
    enabled: debounced.ready,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
  const settling = JSON.stringify(debounced) !== JSON.stringify({ body, ready }) || preview.isFetching;

  let text: string;
  let tone: "muted" | "warning" | "danger" | "normal" = "normal";
  if (!ready) {
    text = "Fix the highlighted fields to see what this budget matches.";
    tone = "muted";
  } else if (preview.isError) {
    text = `Could not preview this scope: ${preview.error.message}`;
    tone = "danger";
  } else if (!preview.data) {
    text = "Checking what this scope matches…";
    tone = "muted";
  } else {
    const s = previewSentence(preview.data, debounced.body.period, debounced.body.windowHours ?? null, amountUsd);
    text = s.text;
    if (s.empty) tone = "warning";
  }
  return (
    <p
      aria-live="polite"
      data-testid="budget-preview"
      aria-busy={settling}
      className={clsx(
        "text-[13px] tabular-nums transition-opacity",
        settling && preview.data && "opacity-60",
        tone === "muted" && "text-muted",
        tone === "warning" && "text-warning",
        tone === "danger" && "text-danger",
      )}
    >
      {text}
    </p>
  );
}

"use client";

// "Applies to": agent, service, environment, model, provider, end user and metadata
// key = value rows. Free text, with the values seen in the last 30 days offered.
import { useQuery } from "@tanstack/react-query";
import { Plus, X } from "lucide-react";
import { clsx } from "clsx";
import { apiGet } from "@/lib/query/api";
import type { TraceFacets } from "@/lib/db/trace-list";
import { budgetKeys } from "./budget-api";
import type { BudgetDraft, ScopeField } from "./budget-draft";

const FIELDS: { key: ScopeField; label: string; placeholder: string; facet?: keyof TraceFacets; hint?: string }[] = [
  { key: "agent", label: "Agent", placeholder: "any agent", facet: "agents" },
  { key: "service", label: "Service", placeholder: "any service", facet: "services" },
  { key: "environment", label: "Environment", placeholder: "any environment", facet: "environments" },
  { key: "model", label: "Model", placeholder: "any model", facet: "models" },
  { key: "provider", label: "Provider", placeholder: "e.g. openai" },
  { key: "userId", label: "End user", placeholder: "any end user", hint: "The id your app sends; matched against its pseudonym." },
];

const DAY_MS = 86_400_000;

export function ScopeFields({
  draft,
  project,
  issues,
  onScope,
  onMetadata,
}: {
  draft: BudgetDraft;
  project: string;
  issues: Record<string, string>;
  onScope: (key: ScopeField, value: string) => void;
  onMetadata: (rows: BudgetDraft["metadata"]) => void;
}) {
  const facets = useQuery({
    queryKey: budgetKeys.facets(project),
    queryFn: () => apiGet<TraceFacets>("/api/traces/facets", { project, from: new Date(Date.now() - 30 * DAY_MS).toISOString() }),
    staleTime: 5 * 60_000,
  });
  const rows = draft.metadata;
  return (
    <div className="space-y-2">
      <div className="grid grid-cols-2 gap-x-3 gap-y-2">
        {FIELDS.map((f) => {
          const id = `budget-scope-${f.key}`;
          const error = issues[`scope.${f.key}`];
          const options = f.facet ? (facets.data?.[f.facet] ?? []) : [];
          return (
            <div key={f.key} className="min-w-0">
              <label htmlFor={id} className="block text-xs font-medium text-muted">
                {f.label}
              </label>
              <input
                id={id}
                name={`scope.${f.key}`}
                list={options.length ? `${id}-options` : undefined}
                value={draft.scope[f.key]}
                onChange={(e) => onScope(f.key, e.target.value)}
                placeholder={f.placeholder}
                maxLength={200}
                autoComplete="off"
                title={f.hint}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                className={clsx("mt-0.5 h-8 w-full rounded-md border bg-background px-2", error ? "border-danger" : "border-border")}
              />
              {options.length > 0 && (
                <datalist id={`${id}-options`}>
                  {options.map((o) => (
                    <option key={o} value={o} />
                  ))}
                </datalist>
              )}
              {error && (
                <p id={`${id}-error`} className="mt-0.5 text-xs text-danger">
                  {error}
                </p>
              )}
            </div>
          );
        })}
      </div>
      <fieldset>
        <legend className="text-xs font-medium text-muted">Metadata (span attribute = value)</legend>
        <ul className="mt-0.5 space-y-1.5">
          {rows.map((r, i) => {
            const error = issues[`scope.metadata.${i}`];
            const set = (patch: Partial<(typeof rows)[number]>) => onMetadata(rows.map((x, j) => (j === i ? { ...x, ...patch } : x)));
            return (
              <li key={i}>
                <div className="flex items-center gap-1.5">
                  <input
                    aria-label={`Metadata key ${i + 1}`}
                    name={`scope.metadata.${i}`}
                    value={r.key}
                    onChange={(e) => set({ key: e.target.value })}
                    placeholder="app.customer_tier"
                    maxLength={200}
                    aria-invalid={error ? true : undefined}
                    className={clsx("h-8 min-w-0 flex-1 rounded-md border bg-background px-2 font-mono text-xs", error ? "border-danger" : "border-border")}
                  />
                  <span className="text-muted">=</span>
                  <input
                    aria-label={`Metadata value ${i + 1}`}
                    name={`scope.metadata.${i}`}
                    value={r.value}
                    onChange={(e) => set({ value: e.target.value })}
                    placeholder="enterprise"
                    maxLength={200}
                    aria-invalid={error ? true : undefined}
                    className={clsx("h-8 min-w-0 flex-1 rounded-md border bg-background px-2", error ? "border-danger" : "border-border")}
                  />
                  <button
                    type="button"
                    onClick={() => onMetadata(rows.filter((_, j) => j !== i))}
                    aria-label={`Remove metadata row ${i + 1}`}
                    className="rounded-md p-1 text-muted hover:bg-surface-2 hover:text-foreground"
                  >
                    <X className="h-3.5 w-3.5" aria-hidden />
                  </button>
                </div>
                {error && <p className="mt-0.5 text-xs text-danger">{error}</p>}
              </li>
            );
          })}
        </ul>
        {issues["scope.metadata"] && <p className="mt-0.5 text-xs text-danger">{issues["scope.metadata"]}</p>}
        <button
          type="button"
          disabled={rows.length >= 10}
          onClick={() => onMetadata([...rows, { key: "", value: "" }])}
          className="mt-1.5 flex items-center gap-1 rounded-md border border-dashed border-border px-2 py-1 text-xs hover:bg-surface-2 disabled:opacity-50"
        >
          <Plus className="h-3 w-3" aria-hidden />
          Metadata
        </button>
      </fieldset>
    </div>
  );
}

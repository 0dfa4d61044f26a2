"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleAlert } from "lucide-react";
import { NewButton } from "@/components/ui/new-button";
import { ApiError } from "@/lib/query/api";
import { useProject, useUrlState } from "@/components/shell/use-dashboard-params";
import { budgetKeys, fetchBudgets, fetchStatus } from "@/components/budgets/budget-api";
import { BudgetCard, BudgetCardSkeleton } from "@/components/budgets/budget-card";
import { BudgetSheet } from "@/components/budgets/budget-sheet";
import { BudgetsEmpty } from "@/components/budgets/budgets-empty";

/** The open sheet lives in the URL (?budget=new or ?budget=<id>), so a link opens it. */
export function BudgetsClient({ canEdit }: { canEdit: boolean }) {
  const project = useProject();
  const { params, set } = useUrlState();
  const list = useQuery({ queryKey: budgetKeys.list(project), queryFn: () => fetchBudgets(project) });
  const status = useQuery({ queryKey: budgetKeys.status(project), queryFn: () => fetchStatus(project), refetchInterval: 15_000 });
  const open = canEdit ? params.get("budget") : null;
  const editing = open && open !== "new" ? list.data?.items.find((b) => String(b.id) === open) : undefined;
  const openSheet = (v: string | null) => set({ budget: v }, { replace: true });
  const items = list.data?.items ?? [];

  return (
    <div className="mx-auto max-w-[1600px] space-y-3 p-4">
      <header className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2">
        <div className="flex flex-wrap items-baseline gap-x-3">
          <h1 className="text-lg font-semibold">Budgets</h1>
          {items.length > 0 && <span className="text-muted">Spend against each budget in its current period · refreshed every 15 s</span>}
        </div>
        {canEdit && items.length > 0 && (
          <NewButton label="New budget" onClick={() => openSheet("new")} />
        )}
      </header>

      {list.isPending ? (
        <div className="grid gap-3 md:grid-cols-2 2xl:grid-cols-3" aria-busy="true" aria-label="Loading budgets">
          {[0, 1, 2].map((i) => (
            <BudgetCardSkeleton key={i} />
          ))}
        </div>
      ) : list.isError ? (
        <div role="alert" className="mx-auto mt-12 max-w-lg text-center">
          <CircleAlert className="mx-auto h-7 w-7 text-danger" aria-hidden />
          <h2 className="mt-3 text-base font-semibold">Could not load budgets</h2>
          <p className="mt-1 break-words text-muted">
            {list.error instanceof ApiError && list.error.status === 503
              ? "The database is unavailable; retry in a few seconds."
              : `The budgets API (/api/budgets) answered: ${list.error.message}`}
          </p>
          <button type="button" onClick={() => void list.refetch()} className="mt-4 rounded-md border border-border px-3 py-1.5 hover:bg-surface-2">
            Try again
          </button>
        </div>
      ) : items.length === 0 ? (
        <BudgetsEmpty canEdit={canEdit} onCreate={() => openSheet("new")} />
      ) : (
        <>
          {status.isError && (
            <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-danger">
              Could not load current spend ({status.error.message}); showing the budgets without it.
            </p>
          )}
          <div className="grid gap-3 md:grid-cols-2 2xl:grid-cols-3">
            {items.map((b) => (
              <BudgetCard
                key={b.id}
                budget={b}
                status={status.data?.items.find((s) => s.budgetId === b.id)}
                project={project}
                canEdit={canEdit}
                onEdit={(id) => openSheet(String(id))}
              />
            ))}
          </div>
        </>
      )}

      {open === "new" && list.data && <BudgetSheet key="new" project={project} onClose={() => openSheet(null)} />}
      {editing && <BudgetSheet key={editing.id} project={project} budget={editing} onClose={() => openSheet(null)} />}
    </div>
  );
}

// Budget fetchers for the page and the sheet. Writes keep the 400 body's field issues
// so the form can show each message beside its field.
import type { BudgetJson } from "@/lib/budgets/budget-input";
import type { BudgetStatusJson } from "@/lib/budgets/status";
import type { BudgetSeries } from "@/lib/budgets/series";
import type { BudgetPreview } from "@/lib/budgets/preview";
import { apiGet } from "@/lib/query/api";
import { sendWithIssues } from "@/lib/query/send-with-issues";

export type { BudgetJson, BudgetStatusJson, BudgetSeries, BudgetPreview };

export const budgetKeys = {
  list: (project: string) => ["budgets", project] as const,
  status: (project: string) => ["budgets", project, "status"] as const,
  series: (project: string, id: number, version: string) => ["budgets", project, "series", id, version] as const,
  preview: (project: string, body: unknown) => ["budgets", project, "preview", body] as const,
  facets: (project: string) => ["budgets", project, "facets"] as const,
};

export const fetchBudgets = (project: string) => apiGet<{ items: BudgetJson[] }>("/api/budgets", { project });
export const fetchStatus = (project: string) => apiGet<{ items: BudgetStatusJson[] }>("/api/budgets/status", { project });
export const fetchSeries = (project: string, id: number) => apiGet<BudgetSeries>(`/api/budgets/${id}/series`, { project });
export const fetchPreview = (project: string, body: unknown) => sendWithIssues<BudgetPreview>("POST", "/api/budgets/preview", project, body);
export const createBudget = (project: string, body: unknown) => sendWithIssues<BudgetJson>("POST", "/api/budgets", project, body);
export const updateBudget = (project: string, id: number, body: unknown) => sendWithIssues<BudgetJson>("PATCH", `/api/budgets/${id}`, project, body);
export const deleteBudget = (project: string, id: number) => sendWithIssues<{ ok: true }>("DELETE", `/api/budgets/${id}`, project);

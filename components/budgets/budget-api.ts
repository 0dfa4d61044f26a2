// Budget fetchers for the page and the sheet. Writes keep the 400 body's field issues
// so the form can show each message beside its field.
import type { BudgetJson } from "@/lib/budgets/budget-input";
import type { BudgetStatusJson } from "@/lib/budgets/status";
import type { BudgetSeries } from "@/lib/budgets/series";
import type { BudgetPreview } from "@/lib/budgets/preview";
import { ApiError, apiGet, withParams } from "@/lib/query/api";

export type { BudgetJson, BudgetStatusJson, BudgetSeries, BudgetPreview };

export interface FieldIssue {
  path: string;
  message: string;
}

/** A refused write: the status, the server's message, and per-field issues on 400. */
export class BudgetWriteError extends ApiError {
  constructor(
    status: number,
    message: string,
    readonly issues: FieldIssue[],
  ) {
    super(status, message);
  }
}

export const budgetKeys = {
  list: (project: string) => ["budgets", project] as const,
  status: (project: string) => ["budgets", project, "status"] as const,
  series: (project: string, id: number, version: string) => ["budgets", project, "series", id, version] as const,
  preview: (project: string, body: unknown) => ["budgets", project, "preview", body] as const,
  facets: (project: string) => ["budgets", project, "facets"] as const,
};

async function send<T>(method: "POST" | "PATCH" | "DELETE", path: string, project: string, body?: unknown): Promise<T> {
  const res = await fetch(withParams(path, { project }), {
    method,
    headers: { "content-type": "application/json", accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.ok) return (await res.json()) as T;
  let message = `${res.status} ${res.statusText}`.trim();
  let issues: FieldIssue[] = [];
  try {
    const b = (await res.json()) as { error?: string; issues?: FieldIssue[] };
    if (b.error) message = b.error;
    if (Array.isArray(b.issues)) issues = b.issues;
  } catch {}
  throw new BudgetWriteError(res.status, message, issues);
}

export const fetchBudgets = (project: string) => apiGet<{ items: BudgetJson[] }>("/api/budgets", { project });
export const fetchStatus = (project: string) => apiGet<{ items: BudgetStatusJson[] }>("/api/budgets/status", { project });
export const fetchSeries = (project: string, id: number) => apiGet<BudgetSeries>(`/api/budgets/${id}/series`, { project });
export const fetchPreview = (project: string, body: unknown) => send<BudgetPreview>("POST", "/api/budgets/preview", project, body);
export const createBudget = (project: string, body: unknown) => send<BudgetJson>("POST", "/api/budgets", project, body);
export const updateBudget = (project: string, id: number, body: unknown) => send<BudgetJson>("PATCH", `/api/budgets/${id}`, project, body);
export const deleteBudget = (project: string, id: number) => send<{ ok: true }>("DELETE", `/api/budgets/${id}`, project);

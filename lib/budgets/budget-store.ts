// Budgets CRUD: rows in micro-USD, JSON in USD. Webhook secrets are shown only to admins.
import { and, asc, eq, sql } from "drizzle-orm";
import { budgets } from "@/drizzle/schema";
import { NotFoundError } from "@/lib/errors";
import type { Db } from "@/lib/db/client";
import { maskChannels } from "@/lib/notify/channel-mask";
import { budgetInput, microToUsd, usdToMicro, type BudgetInput, type BudgetJson } from "./budget-input";

export type BudgetRow = typeof budgets.$inferSelect;

export function budgetToJson(r: BudgetRow, revealSecrets: boolean): BudgetJson {
  return {
    id: r.id,
    name: r.name,
    scope: r.scope,
    period: r.period,
    ...(r.period === "rolling" && r.windowHours !== null && { windowHours: r.windowHours }),
    timezone: r.timezone,
    amountUsd: microToUsd(r.amountMicroUsd),
    thresholds: r.thresholds,
    forecast: r.forecast,
    channels: maskChannels(r.channels, revealSecrets),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function toColumns(b: BudgetInput) {
  return {
    name: b.name,
    scope: b.scope,
    period: b.period,
    windowHours: b.period === "rolling" ? (b.windowHours ?? null) : null,
    timezone: b.timezone,
    amountMicroUsd: usdToMicro(b.amountUsd),
    thresholds: b.thresholds,
    forecast: b.forecast,
    channels: b.channels,
  };
}

export async function listBudgets(db: Db, projectId: number): Promise<BudgetRow[]> {
  return db.orm.select().from(budgets).where(eq(budgets.projectId, projectId)).orderBy(asc(budgets.id));
}

export async function getBudget(db: Db, projectId: number, id: number): Promise<BudgetRow> {
  const [row] = await db.orm
    .select()
    .from(budgets)
    .where(and(eq(budgets.projectId, projectId), eq(budgets.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("budget not found");
  return row;
}

export async function createBudget(db: Db, projectId: number, input: BudgetInput): Promise<BudgetRow> {
  const [row] = await db.orm
    .insert(budgets)
    .values({ projectId, ...toColumns(input) })
    .returning();
  if (!row) throw new Error("budget insert returned nothing");
  return row;
}

/** Merges the patch onto the stored budget and re-validates the whole (so cross-field rules hold). */
export async function updateBudget(db: Db, projectId: number, id: number, patch: Record<string, unknown>): Promise<BudgetRow> {
  const current = budgetToJson(await getBudget(db, projectId, id), true);
  const { id: _id, createdAt: _c, updatedAt: _u, ...editable } = current;
  const merged: Record<string, unknown> = { ...editable, ...patch };
  // Switching away from rolling drops the window unless the patch sets one explicitly.
  if (patch.period !== undefined && patch.period !== "rolling" && patch.windowHours === undefined) delete merged.windowHours;
  const next = budgetInput.parse(merged);
  const [row] = await db.orm
    .update(budgets)
    .set({ ...toColumns(next), updatedAt: sql`now()` })
    .where(and(eq(budgets.projectId, projectId), eq(budgets.id, id)))
    .returning();
  if (!row) throw new NotFoundError("budget not found");
  return row;
}

export async function deleteBudget(db: Db, projectId: number, id: number): Promise<void> {
  const rows = await db.orm
    .delete(budgets)
    .where(and(eq(budgets.projectId, projectId), eq(budgets.id, id)))
    .returning({ id: budgets.id });
  if (!rows[0]) throw new NotFoundError("budget not found");
}

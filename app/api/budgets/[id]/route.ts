import { apiRoute, jsonBody } from "@/lib/http/api";
import { NotFoundError } from "@/lib/errors";
import { budgetPatch } from "@/lib/budgets/budget-input";
import { budgetToJson, deleteBudget, getBudget, updateBudget } from "@/lib/budgets/budget-store";

export const dynamic = "force-dynamic";

function budgetId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) throw new NotFoundError("budget not found");
  return id;
}

export const GET = apiRoute("read", async ({ rt, project, params, principal }) => {
  const p = await project();
  return budgetToJson(await getBudget(rt.db, p.id, budgetId(params.id)), principal.role === "admin");
});

export const PATCH = apiRoute("write", async ({ req, rt, project, params }) => {
  const p = await project();
  const id = budgetId(params.id);
  return budgetToJson(await updateBudget(rt.db, p.id, id, await jsonBody(req, budgetPatch)), true);
});

export const DELETE = apiRoute("write", async ({ rt, project, params }) => {
  const p = await project();
  await deleteBudget(rt.db, p.id, budgetId(params.id));
  return { ok: true };
});

import { apiRoute, jsonBody } from "@/lib/http/api";
import { budgetInput } from "@/lib/budgets/budget-input";
import { budgetToJson, createBudget, listBudgets } from "@/lib/budgets/budget-store";

export const dynamic = "force-dynamic";

export const GET = apiRoute("read", async ({ rt, project, principal }) => {
  const p = await project();
  return { items: (await listBudgets(rt.db, p.id)).map((b) => budgetToJson(b, principal.role === "admin")) };
});

export const POST = apiRoute("write", async ({ req, rt, project }) => {
  const p = await project();
  const created = await createBudget(rt.db, p.id, await jsonBody(req, budgetInput));
  return Response.json(budgetToJson(created, true), { status: 201 });
});

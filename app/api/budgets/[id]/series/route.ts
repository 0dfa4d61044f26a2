import { apiRoute } from "@/lib/http/api";
import { NotFoundError } from "@/lib/errors";
import { getBudget } from "@/lib/budgets/budget-store";
import { budgetSeries } from "@/lib/budgets/series";

export const dynamic = "force-dynamic";

export const GET = apiRoute("read", async ({ rt, project, params }) => {
  const p = await project();
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) throw new NotFoundError("budget not found");
  return budgetSeries(rt.db, await getBudget(rt.db, p.id, id), rt.ingest.pseudonymKey);
});

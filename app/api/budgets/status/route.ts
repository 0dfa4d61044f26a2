import { apiRoute } from "@/lib/http/api";
import { listBudgets } from "@/lib/budgets/budget-store";
import { budgetState, statusJson } from "@/lib/budgets/status";

export const dynamic = "force-dynamic";

// Agents may call this with an API token before expensive work.
export const GET = apiRoute("read", async ({ rt, project }) => {
  const p = await project();
  const now = new Date();
  const items = [];
  for (const b of await listBudgets(rt.db, p.id)) items.push(statusJson(await budgetState(rt.db, b, now, rt.ingest.pseudonymKey)));
  return { items };
});

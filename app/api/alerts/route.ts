import { z } from "zod";
import { apiRoute } from "@/lib/http/api";
import { listAlerts } from "@/lib/budgets/alert-list";

export const dynamic = "force-dynamic";

const limit = z.coerce.number().int().min(1).max(500).default(100);

export const GET = apiRoute("read", async ({ rt, project, url }) => {
  const p = await project();
  return { items: await listAlerts(rt.db, p.id, limit.parse(url.searchParams.get("limit") ?? undefined)) };
});

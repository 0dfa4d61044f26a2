import { apiRoute } from "@/lib/http/api";
import { parseOverviewQuery } from "@/lib/metrics/query-params";
import { getOverview } from "@/lib/metrics/overview";
import { ensureRollupWorker } from "@/lib/metrics/rollup-worker";

export const dynamic = "force-dynamic";

export const GET = apiRoute("read", async ({ url, rt, project }) => {
  const filter = parseOverviewQuery(url, (await project()).id);
  ensureRollupWorker(rt.db);
  return getOverview(rt.db, filter);
});

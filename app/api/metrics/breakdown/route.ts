import { apiRoute } from "@/lib/http/api";
import { parseBreakdownQuery } from "@/lib/metrics/query-params";
import { getBreakdown } from "@/lib/metrics/breakdown";
import { ensureRollupWorker } from "@/lib/metrics/rollup-worker";

export const dynamic = "force-dynamic";

export const GET = apiRoute("read", async ({ url, rt, project }) => {
  const { filter, by } = parseBreakdownQuery(url, (await project()).id);
  ensureRollupWorker(rt.db);
  return getBreakdown(rt.db, filter, by);
});

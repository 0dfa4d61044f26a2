import { apiRoute } from "@/lib/http/api";
import { parseTimeseriesQuery } from "@/lib/metrics/query-params";
import { getTimeseries } from "@/lib/metrics/timeseries";
import { ensureRollupWorker } from "@/lib/metrics/rollup-worker";

export const dynamic = "force-dynamic";

export const GET = apiRoute("read", async ({ url, rt, project }) => {
  const query = parseTimeseriesQuery(url, (await project()).id);
  ensureRollupWorker(rt.db);
  return getTimeseries(rt.db, query);
});

import { apiRoute } from "@/lib/http/api";
import { parseTraceListQuery } from "@/lib/api/trace-query";
import { listTraces } from "@/lib/db/trace-list";

export const dynamic = "force-dynamic";

export const GET = apiRoute("read", async ({ url, rt, project }) => {
  const { params, cursor } = parseTraceListQuery(url, (await project()).id);
  return listTraces(rt.db, params, cursor);
});

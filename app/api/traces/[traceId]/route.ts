import { apiRoute } from "@/lib/http/api";
import { NotFoundError } from "@/lib/errors";
import { getTraceDetail } from "@/lib/db/traces";

export const dynamic = "force-dynamic";

export const GET = apiRoute("read", async ({ params, rt, project }) => {
  const traceId = (params.traceId ?? "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(traceId)) throw new NotFoundError("trace not found");
  const detail = await getTraceDetail(rt.db, (await project()).id, traceId);
  if (!detail) throw new NotFoundError("trace not found");
  return detail;
});

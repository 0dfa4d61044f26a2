import { z } from "zod";
import { apiRoute } from "@/lib/http/api";
import { traceFacets } from "@/lib/db/trace-list";

export const dynamic = "force-dynamic";

const query = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const GET = apiRoute("read", async ({ url, rt, project }) => {
  const q = query.parse({ from: url.searchParams.get("from") ?? undefined, to: url.searchParams.get("to") ?? undefined });
  return traceFacets(rt.db, (await project()).id, q.from ? new Date(q.from) : undefined, q.to ? new Date(q.to) : undefined);
});

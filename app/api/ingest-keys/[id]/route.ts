import { apiRoute } from "@/lib/http/api";
import { NotFoundError } from "@/lib/errors";
import { revokeIngestKey } from "@/lib/auth/ingest-keys";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute("write", async ({ params, rt, project }) => {
  const id = Number(params.id);
  if (!Number.isInteger(id) || !(await revokeIngestKey(rt.db, (await project()).id, id))) throw new NotFoundError("ingest key not found");
  return { ok: true };
});

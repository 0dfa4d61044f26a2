import { apiRoute } from "@/lib/http/api";
import { NotFoundError } from "@/lib/errors";
import { revokeApiToken } from "@/lib/auth/api-tokens";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute("write", async ({ params, rt, project }) => {
  const id = Number(params.id);
  if (!Number.isInteger(id) || !(await revokeApiToken(rt.db, (await project()).id, id))) throw new NotFoundError("API token not found");
  return { ok: true };
});

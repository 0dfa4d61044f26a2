import { z } from "zod";
import { apiRoute, jsonBody } from "@/lib/http/api";
import { ForbiddenError } from "@/lib/errors";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";

export const dynamic = "force-dynamic";

export const GET = apiRoute("read", async ({ rt, project }) => ({ items: await listApiTokens(rt.db, (await project()).id) }));

const body = z.object({ name: z.string().trim().min(1).max(100), role: z.enum(["admin", "viewer"]).default("viewer") });

export const POST = apiRoute("write", async ({ req, rt, project, principal }) => {
  if (principal.kind === "token") throw new ForbiddenError("API tokens cannot create API tokens");
  const { name, role } = await jsonBody(req, body);
  const p = await project();
  const created = await createApiToken(rt.db, { projectId: p.id, name, role, createdBy: principal.userId });
  return Response.json({ id: created.id, name, role, token: created.token, project: p.slug }, { status: 201 });
});

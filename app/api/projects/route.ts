import { z } from "zod";
import { apiRoute, jsonBody } from "@/lib/http/api";
import { ForbiddenError } from "@/lib/errors";
import { createProject, listProjects } from "@/lib/db/projects";

export const dynamic = "force-dynamic";

export const GET = apiRoute("read", async ({ rt, principal }) => {
  const all = await listProjects(rt.db);
  return { items: principal.kind === "token" ? all.filter((p) => p.id === principal.projectId) : all };
});

const body = z.object({
  name: z.string().trim().min(1).max(100),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, "lowercase letters, digits and dashes").optional(),
  retentionDays: z.number().int().min(1).max(3650).optional(),
});

export const POST = apiRoute("write", async ({ req, rt, principal }) => {
  if (principal.kind === "token") throw new ForbiddenError("API tokens cannot create projects");
  return Response.json(await createProject(rt.db, await jsonBody(req, body)), { status: 201 });
});

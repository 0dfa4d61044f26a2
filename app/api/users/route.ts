import { z } from "zod";
import { apiRoute, jsonBody } from "@/lib/http/api";
import { ForbiddenError } from "@/lib/errors";
import { createUser, listUsers } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

export const GET = apiRoute("read", async ({ rt, principal }) => {
  if (principal.kind === "token") throw new ForbiddenError("API tokens cannot list users");
  return { items: await listUsers(rt.db) };
});

const body = z.object({
  username: z.string().trim().regex(/^[A-Za-z0-9_.@-]{1,64}$/, "letters, digits and _ . @ - only"),
  password: z.string().min(8, "at least 8 characters").max(1024),
  role: z.enum(["admin", "viewer"]),
});

export const POST = apiRoute("write", async ({ req, rt, principal }) => {
  if (principal.kind === "token") throw new ForbiddenError("API tokens cannot create users");
  return Response.json(await createUser(rt.db, await jsonBody(req, body)), { status: 201 });
});

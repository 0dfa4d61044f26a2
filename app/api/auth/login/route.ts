import { z } from "zod";
import { apiRoute, checkSameOrigin, errorJson, jsonBody } from "@/lib/http/api";
import { checkCredentials, createSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import { sessionCookie } from "@/lib/http/cookies";

export const dynamic = "force-dynamic";

const body = z.object({ username: z.string().min(1).max(128), password: z.string().min(1).max(1024) });

export const POST = apiRoute("public", async ({ req, rt }) => {
  checkSameOrigin(req);
  const { username, password } = await jsonBody(req, body);
  const user = await checkCredentials(rt.db, username, password);
  if (!user) return errorJson(401, "wrong username or password");
  const { token, expiresAt } = await createSession(rt.db, user.userId);
  return Response.json(
    { user: { username: user.username, role: user.role } },
    { headers: { "set-cookie": sessionCookie(SESSION_COOKIE, token, expiresAt, req) } },
  );
});

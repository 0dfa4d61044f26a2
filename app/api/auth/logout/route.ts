import { apiRoute, checkSameOrigin, readCookie } from "@/lib/http/api";
import { deleteSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import { sessionCookie } from "@/lib/http/cookies";

export const dynamic = "force-dynamic";

export const POST = apiRoute("public", async ({ req, rt }) => {
  checkSameOrigin(req);
  const token = readCookie(req, SESSION_COOKIE);
  if (token) await deleteSession(rt.db, token);
  return Response.json({ ok: true }, { headers: { "set-cookie": sessionCookie(SESSION_COOKIE, "", new Date(0), req) } });
});

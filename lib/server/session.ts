// Server components' view of the signed-in user (pages redirect to /login without one).
import { cookies } from "next/headers";
import { resolveSession, SESSION_COOKIE, type SessionUser } from "@/lib/auth/sessions";
import { getRuntime } from "./runtime";

export async function currentUser(): Promise<SessionUser | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const rt = await getRuntime();
  return resolveSession(rt.db, token);
}

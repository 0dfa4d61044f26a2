import { and, eq, gt, lt } from "drizzle-orm";
import { sessions, users } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import { randomSecret, sha256Hex, verifyPassword } from "./secrets";

export const SESSION_COOKIE = "skein_session";
export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

export type Role = "admin" | "viewer";

export interface SessionUser {
  userId: number;
  username: string;
  role: Role;
}

/** Checks a username/password; equal work whether or not the user exists. */
export async function checkCredentials(db: Db, username: string, password: string): Promise<SessionUser | null> {
  const [user] = await db.orm.select().from(users).where(eq(users.username, username)).limit(1);
  const ok = await verifyPassword(password, user?.passwordHash ?? "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  return user && ok ? { userId: user.id, username: user.username, role: user.role } : null;
}

export async function createSession(db: Db, userId: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomSecret("", 32);
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.orm.insert(sessions).values({ tokenHash: sha256Hex(token), userId, expiresAt });
  // Opportunistic cleanup keeps the table small without a scheduler.
  await db.orm.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  return { token, expiresAt };
}

export async function resolveSession(db: Db, token: string): Promise<SessionUser | null> {
  const [row] = await db.orm
    .select({ userId: users.id, username: users.username, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256Hex(token)), gt(sessions.expiresAt, new Date())))
    .limit(1);
  return row ?? null;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.orm.delete(sessions).where(eq(sessions.tokenHash, sha256Hex(token)));
}

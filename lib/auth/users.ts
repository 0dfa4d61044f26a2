import { asc } from "drizzle-orm";
import { users } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { hashPassword } from "./secrets";
import type { Role } from "./sessions";

export async function listUsers(db: Db) {
  return db.orm
    .select({ id: users.id, username: users.username, role: users.role, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.id));
}

export async function createUser(db: Db, p: { username: string; password: string; role: Role }) {
  const rows = await db.orm
    .insert(users)
    .values({ username: p.username, passwordHash: await hashPassword(p.password), role: p.role })
    .onConflictDoNothing()
    .returning({ id: users.id, username: users.username, role: users.role, createdAt: users.createdAt });
  if (!rows[0]) throw new AppError(409, "a user with this name already exists");
  return rows[0];
}

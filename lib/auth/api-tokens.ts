import { and, desc, eq, isNull } from "drizzle-orm";
import { apiTokens } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import { randomSecret, sha256Hex } from "./secrets";
import type { Role } from "./sessions";

export const API_TOKEN_PREFIX = "sk_api_";

export interface ApiTokenPrincipal {
  tokenId: number;
  projectId: number;
  role: Role;
}

export async function createApiToken(db: Db, p: { projectId: number; name: string; role: Role; createdBy: number | null }) {
  const token = randomSecret(API_TOKEN_PREFIX);
  const [row] = await db.orm
    .insert(apiTokens)
    .values({ ...p, tokenHash: sha256Hex(token), tokenPrefix: token.slice(0, API_TOKEN_PREFIX.length + 4) })
    .returning({ id: apiTokens.id, createdAt: apiTokens.createdAt });
  return { token, id: row!.id, createdAt: row!.createdAt };
}

export async function resolveApiToken(db: Db, token: string): Promise<ApiTokenPrincipal | null> {
  const [row] = await db.orm
    .select({ tokenId: apiTokens.id, projectId: apiTokens.projectId, role: apiTokens.role })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256Hex(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  return row ?? null;
}

export async function listApiTokens(db: Db, projectId: number) {
  return db.orm
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.tokenPrefix,
      role: apiTokens.role,
      createdAt: apiTokens.createdAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.projectId, projectId))
    .orderBy(desc(apiTokens.id));
}

export async function revokeApiToken(db: Db, projectId: number, id: number): Promise<boolean> {
  const rows = await db.orm
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.projectId, projectId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

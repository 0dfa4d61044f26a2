import { and, desc, eq, isNull } from "drizzle-orm";
import { ingestKeys } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import { randomSecret, sha256Hex } from "./secrets";

export const INGEST_KEY_PREFIX = "sk_ingest_";

export interface ResolvedIngestKey {
  projectId: number;
  keyId: number;
}

/** Creates a key; the returned plaintext is shown once and never stored. */
export async function createIngestKey(db: Db, projectId: number, name: string, plaintext?: string) {
  const key = plaintext ?? randomSecret(INGEST_KEY_PREFIX);
  const [row] = await db.orm
    .insert(ingestKeys)
    .values({ projectId, name, keyHash: sha256Hex(key), keyPrefix: key.slice(0, INGEST_KEY_PREFIX.length + 4) })
    .onConflictDoNothing()
    .returning({ id: ingestKeys.id });
  return { key, id: row?.id ?? null };
}

// Every OTLP request authenticates; a short cache keeps that off the database.
// Revocation therefore takes effect within CACHE_MS (documented in the README).
const CACHE_MS = 30_000;
const NEGATIVE_CACHE_MS = 2_000;
const cache = new WeakMap<Db, Map<string, { value: ResolvedIngestKey | null; until: number }>>();

export function clearIngestKeyCache(db: Db): void {
  cache.delete(db);
}

export async function resolveIngestKey(db: Db, key: string): Promise<ResolvedIngestKey | null> {
  const hash = sha256Hex(key);
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const hit = perDb.get(hash);
  const now = Date.now();
  if (hit && hit.until > now) return hit.value;
  const [row] = await db.orm
    .select({ projectId: ingestKeys.projectId, keyId: ingestKeys.id })
    .from(ingestKeys)
    .where(and(eq(ingestKeys.keyHash, hash), isNull(ingestKeys.revokedAt)))
    .limit(1);
  const value = row ?? null;
  if (perDb.size > 10_000) perDb.clear();
  perDb.set(hash, { value, until: now + (value ? CACHE_MS : NEGATIVE_CACHE_MS) });
  return value;
}

/** Bearer token from an Authorization header value ("Bearer <key>", case-insensitive scheme). */
export function bearerToken(header: string | null): string | null {
  if (!header) return null;
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? null;
}

export async function listIngestKeys(db: Db, projectId: number) {
  return db.orm
    .select({
      id: ingestKeys.id,
      name: ingestKeys.name,
      prefix: ingestKeys.keyPrefix,
      createdAt: ingestKeys.createdAt,
      revokedAt: ingestKeys.revokedAt,
    })
    .from(ingestKeys)
    .where(eq(ingestKeys.projectId, projectId))
    .orderBy(desc(ingestKeys.id));
}

export async function revokeIngestKey(db: Db, projectId: number, id: number): Promise<boolean> {
  const rows = await db.orm
    .update(ingestKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(ingestKeys.id, id), eq(ingestKeys.projectId, projectId), isNull(ingestKeys.revokedAt)))
    .returning({ id: ingestKeys.id });
  clearIngestKeyCache(db);
  return rows.length > 0;
}

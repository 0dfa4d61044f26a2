// Test databases: each suite gets a fresh database on the local PostgreSQL
// (created and dropped here) or a fresh in-memory PGlite, migrated by openDb.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDb, type Db } from "@/lib/db/client";

export type Backend = "pglite" | "postgres";
export const BACKENDS: Backend[] = ["pglite", "postgres"];

export const ADMIN_DATABASE_URL = process.env.SKEIN_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestDb {
  db: Db;
  backend: Backend;
  /** postgres:// URL of the suite's own database (postgres backend only). */
  url?: string;
  name?: string;
  drop(): Promise<void>;
}

export function urlFor(name: string): string {
  const u = new URL(ADMIN_DATABASE_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDb(backend: Backend): Promise<TestDb> {
  if (backend === "pglite") {
    const db = await openDb({ dataDir: "memory://" });
    return { db, backend, drop: () => db.close() };
  }
  const name = `skein_t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(ADMIN_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = urlFor(name);
  const db = await openDb({ databaseUrl: url, poolSize: 4 });
  return {
    db,
    backend,
    url,
    name,
    async drop() {
      await db.close();
      const a = postgres(ADMIN_DATABASE_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

// A throwaway database for one benchmark run on the benchmark's PostgreSQL
// (BENCH_DATABASE_URL, else the tests' admin URL), dropped by the caller at the end.
import { randomBytes } from "node:crypto";
import postgres from "postgres";

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.SKEIN_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** One connection to ADMIN_URL's database, for creating and dropping scratch databases. */
export function adminClient(): postgres.Sql {
  return postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
}

export interface ScratchDatabase {
  name: string;
  /** postgres:// URL of the new database. */
  url: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(admin: postgres.Sql): Promise<ScratchDatabase> {
  const name = `skein_bench_${randomBytes(6).toString("hex")}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
    },
  };
}

// Opens the database: embedded PGlite (data under SKEIN_DATA_DIR) when
// DATABASE_URL is unset, PostgreSQL through postgres.js when it is set.
// Both are exposed as the same small interface: raw parameterized SQL for the
// hot paths (bulk unnest statements, COPY on PostgreSQL) and a drizzle instance for everything else.
import path from "node:path";
import fs from "node:fs";
import net from "node:net";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "@/drizzle/schema";
import { copyInPostgres } from "./copy";

export type Schema = typeof schema;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- both drivers' HKTs differ; queries only use the shared PgDatabase surface
export type Orm = PgDatabase<PgQueryResultHKT & any, Schema>;

export type Row = Record<string, unknown>;

export interface QueryOptions {
  /**
   * PostgreSQL: run as a named prepared statement, parsed and planned once per connection
   * (postgres.js runs every other query unnamed: a Parse + Describe round trip, then a
   * fresh plan, each time). Only for fixed statement text on hot paths: every distinct
   * text stays prepared on each pooled connection. PGlite ignores it.
   */
  prepare?: boolean;
}

/** COPY text, as one string, one UTF-8 buffer or consecutive buffers. */
export type CopyData = string | Uint8Array | readonly Uint8Array[];

export interface Querier {
  query<T extends Row = Row>(text: string, params?: unknown[], opts?: QueryOptions): Promise<T[]>;
  /**
   * PostgreSQL transactions only: runs `copy … from stdin` with `data` (COPY text format),
   * given whole or as consecutive pieces (sent in order, never joined).
   */
  copyIn?(statement: string, data: CopyData): Promise<void>;
}

export interface Db extends Querier {
  kind: "pglite" | "postgres";
  orm: Orm;
  transaction<T>(fn: (tx: Querier) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDbOptions {
  /** postgres://… ; when absent, PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory; "memory://" for an in-memory database (tests). */
  dataDir?: string;
  poolSize?: number;
}

export const MIGRATIONS_DIR = path.join(process.cwd(), "drizzle", "migrations");

export async function openDb(opts: OpenDbOptions): Promise<Db> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize ?? 10) : openPglite(opts.dataDir ?? ".skein");
}

async function openPglite(dataDir: string): Promise<Db> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const inMemory = dataDir.startsWith("memory://");
  const dir = inMemory ? dataDir : path.resolve(dataDir, "pgdata");
  if (!inMemory) fs.mkdirSync(dir, { recursive: true });
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  // pg_trgm backs the trace list's text search index (migration 0004).
  const pg = await PGlite.create(dir, { extensions: { pg_trgm } });
  const orm = drizzle(pg, { schema }) as unknown as Orm;
  await migrate(drizzle(pg), { migrationsFolder: MIGRATIONS_DIR });
  return {
    kind: "pglite",
    orm,
    async query<T extends Row>(text: string, params?: unknown[]) {
      return (await pg.query<T>(text, params)).rows;
    },
    transaction<T>(fn: (tx: Querier) => Promise<T>) {
      return pg.transaction((tx) =>
        fn({ query: async <R extends Row>(t: string, p?: unknown[]) => (await tx.query<R>(t, p)).rows }),
      );
    },
    close: () => pg.close(),
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Db> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  // Two clients: drizzle replaces a client's serializers (PERF.md), and the raw
  // hot path passes its own text-encoded arrays.
  const raw = postgres(url, { max: poolSize, onnotice: () => {}, connect_timeout: 5, ...noDelaySocket(url) });
  const ormClient = postgres(url, { max: 2, onnotice: () => {}, connect_timeout: 5 });
  const orm = drizzle(ormClient, { schema }) as unknown as Orm;
  // Several Skein processes may start at once against one PostgreSQL.
  const lockConn = await raw.reserve();
  try {
    await lockConn`select pg_advisory_lock(7230501)`;
    await migrate(drizzle(ormClient), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await lockConn`select pg_advisory_unlock(7230501)`.catch(() => {});
    lockConn.release();
  }
  return {
    kind: "postgres",
    orm,
    async query<T extends Row>(text: string, params?: unknown[], opts?: QueryOptions) {
      return (await raw.unsafe(text, params as never[], { prepare: opts?.prepare ?? false })) as unknown as T[];
    },
    async transaction<T>(fn: (tx: Querier) => Promise<T>) {
      return (await raw.begin((tx) =>
        fn({
          query: async <R extends Row>(t: string, p?: unknown[], o?: QueryOptions) =>
            (await tx.unsafe(t, p as never[], { prepare: o?.prepare ?? false })) as unknown as R[],
          copyIn: (statement: string, data: CopyData) => copyInPostgres(tx, statement, data),
        }),
      )) as T;
    },
    async close() {
      await Promise.all([raw.end({ timeout: 5 }), ormClient.end({ timeout: 5 })]);
    },
  };
}

/**
 * postgres.js never sets TCP_NODELAY, and Nagle + delayed ACK stall every COPY over
 * TCP by ~40–90 ms (PERF.md). For a single-host TCP URL this hands postgres.js a
 * socket that is still connecting, so its own connect timeout, error and close
 * handling stay as they are; unix sockets and multi-host URLs keep the default.
 */
function noDelaySocket(url: string): { socket?: (o: { host: string[]; port: number[] }) => net.Socket } {
  let single = false;
  try {
    const u = new URL(url);
    single = u.hostname !== "" && !u.hostname.includes(",") && !u.searchParams.has("host") && !u.searchParams.has("port");
  } catch {
    // A multi-host URL ("h1:5432,h2:5432") is not a WHATWG URL.
  }
  if (!single) return {};
  return {
    socket: (o) => {
      const host = o.host[0] ?? "localhost";
      const port = o.port[0] ?? 5432;
      const sock = net.connect({ host, port, noDelay: true });
      // postgres.js reads these for TLS servername and connection error messages.
      Object.assign(sock, { host, port });
      return sock;
    },
  };
}

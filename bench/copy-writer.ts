// Prototype write strategies for the spans statement of lib/db/span-writer.ts's
// writeSpanBatch, swapped in by intercepting that one statement on a postgres.js
// transaction (resources, trace summaries and dropped-key counters stay Skein's own).
// Used by bench/ingest-writers.ts and, with BENCH_WRITER, by bench/ingest-server.ts.
import postgres from "postgres";
import type { Db, Querier, Row } from "../lib/db/client";
import { COPY_COLUMNS, copyFromStdin, noDelayClient } from "./ingest-copy";

type Tx = postgres.TransactionSql;
/** Receives writeSpanBatch's spans-insert text and parameters; returns the inserted (trace_id, span_id) rows. */
export type SpansInsert = (tx: Tx, params: unknown[], original: string) => Promise<Row[]>;

function esc(v: string): string {
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r")) : v;
}

/** COPY text from writeSpanBatch's own parameters ([projectId, ...one text[] per column, in COPY_COLUMNS order]). */
export function copyText(params: unknown[]): string {
  const [projectId, ...cols] = params as [number, ...(string | null)[][]];
  const n = cols[0]?.length ?? 0;
  const lines: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    let line = String(projectId);
    for (const c of cols) {
      const v = c[i];
      line += v === null || v === undefined ? "\t\\N" : `\t${esc(v)}`;
    }
    lines[i] = line;
  }
  return lines.join("\n") + "\n";
}

export function copyInto(tx: Tx, table: string, text: string): Promise<void> {
  return copyFromStdin(tx, `copy ${table} (${COPY_COLUMNS.join(", ")}) from stdin`, [text]);
}

function allRows(params: unknown[]): Row[] {
  const [, traceIds, spanIds] = params as [number, string[], string[]];
  return traceIds.map((t, i) => ({ trace_id: t, span_id: spanIds[i] }));
}

/** COPY into a per-connection temp table, then INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING. */
export const viaStage: SpansInsert = async (tx, params) => {
  await tx.unsafe("create temp table if not exists spans_stage (like spans including defaults) on commit delete rows");
  await copyInto(tx, "spans_stage", copyText(params));
  return tx.unsafe("insert into spans select * from spans_stage on conflict do nothing returning trace_id, span_id");
};

/** COPY straight into spans: a re-sent batch would fail the request (no dedup). */
export const direct: SpansInsert = async (tx, params) => {
  await copyInto(tx, "spans", copyText(params));
  return allRows(params);
};

/**
 * COPY straight into spans inside a savepoint; a unique violation (a re-sent batch)
 * rolls the savepoint back and runs the original unnest … ON CONFLICT DO NOTHING.
 */
export const optimistic: SpansInsert = async (tx, params, original) => {
  try {
    await tx.savepoint((sp) => copyInto(sp, "spans", copyText(params)));
    return allRows(params);
  } catch (err) {
    if ((err as { code?: string }).code !== "23505") throw err;
    return tx.unsafe(original, params as never[]);
  }
};

export interface Intercept {
  spans?: SpansInsert;
  skipDroppedKeys?: boolean;
  skipTraces?: boolean;
}

export function interceptor(tx: Tx, v: Intercept): Querier {
  return {
    query: async <T extends Row>(text: string, params?: unknown[]) => {
      const head = text.trimStart();
      if (v.spans && head.startsWith("insert into spans")) return (await v.spans(tx, params ?? [], text)) as T[];
      if (v.skipDroppedKeys && head.startsWith("insert into dropped_keys")) return [] as T[];
      if (v.skipTraces && /^(with up as \(\s*)?insert into traces/.test(head)) return [] as T[];
      return (await tx.unsafe(text, (params ?? []) as never[])) as unknown as T[];
    },
  };
}

/** The local PostgreSQL's unix socket (Debian's default); BENCH_PG_SOCKET overrides it. */
export const PG_SOCKET = process.env.BENCH_PG_SOCKET ?? "/var/run/postgresql/.s.PGSQL.5432";

/** postgres.js over the unix socket, same database and user as `url` (no TCP stack, no Nagle). */
export function unixClient(url: string, max: number): postgres.Sql {
  const u = new URL(url);
  return postgres({ path: PG_SOCKET, database: u.pathname.slice(1), user: decodeURIComponent(u.username), max, onnotice: () => {} });
}

export type Transport = "tcp-nodelay" | "unix";

/** A Db whose transactions run on a separate postgres.js pool (TCP_NODELAY or unix socket), optionally with statements swapped. */
export function withWriterClient(db: Db, url: string, poolSize: number, transport: Transport, v: Intercept): Db {
  const sql = transport === "unix" ? unixClient(url, poolSize) : noDelayClient(url, poolSize);
  return {
    ...db,
    transaction: async <T>(fn: (tx: Querier) => Promise<T>) => (await sql.begin((tx) => fn(interceptor(tx, v)))) as T,
    close: async () => {
      await sql.end({ timeout: 5 });
      await db.close();
    },
  };
}

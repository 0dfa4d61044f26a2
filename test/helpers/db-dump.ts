// Whole-database evidence for the canary test: every row of every user table
// (both backends), and pg_dump output (PostgreSQL), labelled by table and column.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Querier } from "@/lib/db/client";
import type { Evidence } from "./canaries";

const run = promisify(execFile);

export interface TableScan {
  /** "schema.table" for every table read, partitions included. */
  tables: string[];
  rows: number;
  /** One entry per table column: all its values joined. */
  evidence: Evidence[];
}

const quote = (ident: string) => `"${ident.replaceAll('"', '""')}"`;

/** Reads every row of every table outside the system schemas (leaf tables: partitions hold all rows of their parent). */
export async function scanTables(q: Querier): Promise<TableScan> {
  const list = await q.query<{ schema: string; name: string }>(
    `select n.nspname as schema, c.relname as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'm')
        and n.nspname not in ('pg_catalog', 'information_schema')
        and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'
      order by 1, 2`,
  );
  const evidence: Evidence[] = [];
  let rows = 0;
  for (const { schema, name } of list) {
    const table = `${schema}.${name}`;
    const result = await q.query<{ j: string }>(`select row_to_json(t)::text as j from ${quote(schema)}.${quote(name)} t`);
    rows += result.length;
    const byColumn = new Map<string, string[]>();
    for (const { j } of result) {
      const row = JSON.parse(j) as Record<string, unknown>;
      for (const [column, value] of Object.entries(row)) {
        const texts = byColumn.get(column) ?? [];
        texts.push(typeof value === "string" ? value : JSON.stringify(value));
        byColumn.set(column, texts);
      }
    }
    for (const [column, texts] of byColumn) evidence.push({ where: `table ${table} column ${column}`, text: texts.join("\n") });
  }
  return { tables: list.map((t) => `${t.schema}.${t.name}`), rows, evidence };
}

export interface PgDumpCheck {
  ok: boolean;
  /** pg_dump and server versions, or why pg_dump cannot be used. */
  detail: string;
}

/** pg_dump refuses servers newer than itself; compares major versions. */
export async function checkPgDump(q: Querier): Promise<PgDumpCheck> {
  let version: string;
  try {
    version = (await run("pg_dump", ["--version"])).stdout.trim();
  } catch {
    return { ok: false, detail: "pg_dump is not installed" };
  }
  const dumpMajor = Number(/(\d+)\.\d+/.exec(version)?.[1] ?? NaN);
  const [row] = await q.query<{ v: string }>("select current_setting('server_version_num') as v");
  const serverMajor = Math.floor(Number(row?.v ?? NaN) / 10000);
  const detail = `${version}; server major ${serverMajor}`;
  return { ok: Number.isFinite(dumpMajor) && dumpMajor >= serverMajor, detail };
}

/** pg_dump of one database, split into evidence per COPY section (data) and the rest (DDL). */
export async function pgDump(databaseUrl: string, dataOnly: boolean): Promise<Evidence[]> {
  const args = [...(dataOnly ? ["--data-only"] : []), "--no-password", `--dbname=${databaseUrl}`];
  const { stdout } = await run("pg_dump", args, { maxBuffer: 512 * 1024 * 1024, env: { ...process.env, PGCONNECT_TIMEOUT: "5" } });
  if (!stdout.includes("PostgreSQL database dump")) throw new Error("pg_dump produced no dump");
  const label = dataOnly ? "pg_dump --data-only" : "pg_dump";
  const sections = new Map<string, string[]>();
  let current = `${label} (schema and statements)`;
  for (const line of stdout.split("\n")) {
    const copy = /^COPY (\S+)/.exec(line);
    if (copy) current = `${label} COPY ${copy[1]}`;
    const list = sections.get(current) ?? [];
    list.push(line);
    sections.set(current, list);
    if (line === "\\.") current = `${label} (schema and statements)`;
  }
  return [...sections].map(([where, lines]) => ({ where, text: lines.join("\n") }));
}

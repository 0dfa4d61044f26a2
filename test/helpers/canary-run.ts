// The canary test's moving parts: send a request in one encoding, decode it the
// way Skein does, and collect the whole database as evidence.
import { ExportTraceServiceResponseType } from "@/lib/otlp/trace-schema";
import { decodeJson } from "@/lib/otlp/decode-json";
import { decodeProtobuf } from "@/lib/otlp/decode-protobuf";
import type { TestDb } from "./db";
import type { TestServer } from "./server";
import type { CanaryRequest } from "./canary-payload";
import type { Evidence } from "./canaries";
import { checkPgDump, pgDump, scanTables, type PgDumpCheck, type TableScan } from "./db-dump";
import { toOtlpJson, toOtlpProtobuf } from "./otlp-model";

export const ENCODINGS = ["json", "protobuf"] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** The decoded request as text (bytes as base64), to check each canary reaches the filter. */
export function decodedText(encoding: Encoding, body: Buffer): string {
  const decoded = encoding === "json" ? decodeJson(body) : decodeProtobuf(body);
  return JSON.stringify(decoded, (_k, v: unknown) =>
    typeof v === "bigint" ? String(v) : v instanceof Uint8Array ? Buffer.from(v).toString("base64") : v,
  );
}

export interface SentResponse {
  encoding: Encoding;
  requestBody: Buffer;
  status: number;
  /** JSON body, or the protobuf body decoded to JSON. */
  body: Record<string, unknown>;
  raw: Buffer;
  headers: string;
}

export async function send(server: TestServer, encoding: Encoding, req: CanaryRequest): Promise<SentResponse> {
  const body = Buffer.from(encoding === "json" ? toOtlpJson(req.request) : toOtlpProtobuf(req.request));
  const res = await fetch(`${server.url}/v1/traces`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${server.ingestKey}`,
      "content-type": encoding === "json" ? "application/json" : "application/x-protobuf",
    },
    body,
  });
  const raw = Buffer.from(await res.arrayBuffer());
  const decoded =
    encoding === "json"
      ? (JSON.parse(raw.toString("utf8")) as Record<string, unknown>)
      : (ExportTraceServiceResponseType.toObject(ExportTraceServiceResponseType.decode(raw), { longs: Number }) as Record<string, unknown>);
  return { encoding, requestBody: body, status: res.status, body: decoded, raw, headers: JSON.stringify([...res.headers]) };
}

export interface DbEvidence {
  scan: TableScan;
  pgDump: PgDumpCheck | null;
  evidence: Evidence[];
}

/** Every row of every table, plus pg_dump (data-only and full) on PostgreSQL. */
export async function dumpDatabase(t: TestDb): Promise<DbEvidence> {
  const scan = await scanTables(t.db);
  const evidence = [...scan.evidence];
  let check: PgDumpCheck | null = null;
  if (t.backend === "postgres") {
    check = await checkPgDump(t.db);
    if (check.ok) evidence.push(...(await pgDump(t.url!, true)), ...(await pgDump(t.url!, false)));
  }
  return { scan, pgDump: check, evidence };
}

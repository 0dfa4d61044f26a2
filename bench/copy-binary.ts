// Prototype (not the shipped path): how much PostgreSQL CPU would COPY in binary format save
// over the text format the ingest writes, for the benchmark's own span rows? Each round COPYs
// the same rows as text and as binary into two projects of a scratch database (order
// alternating, a CHECKPOINT before each), and reports the backend's CPU per row (from /proc)
// and this process's encoding CPU per row. Run: npx tsx bench/copy-binary.ts (ROWS, ROUNDS).
import { openDb } from "../lib/db/client";
import { dayKey, ensurePartitions } from "../lib/db/partitions";
import { encodeSpanBatch, type SpanRow } from "../lib/db/span-writer";
import { copyInPostgres } from "../lib/db/copy";
import { cpuSnapshot } from "./cpu-usage";
import { BENCH_PREPARE_CONTEXT } from "./ingest-payload";
import { COPY_COLUMNS, noDelayClient } from "./ingest-copy";
import { decodeAndPrepare } from "./ingest-rows";
import { adminClient, createScratchDatabase } from "./scratch-db";

const ROWS = Number(process.env.ROWS ?? 200_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PER_COPY = 1024; // about what one grouped ingest transaction writes
const PG_EPOCH_US = 946_684_800_000_000n;

/** COPY BINARY encoder for span rows: big-endian fields, -1 length for NULL (PostgreSQL "COPY" docs, binary format). */
class BinaryRows {
  private buf = Buffer.allocUnsafe(1 << 20);
  private at = 0;
  private need(n: number) {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }
  header() {
    this.need(19);
    this.at += this.buf.write("PGCOPY\n\xff\r\n\0", this.at, "latin1");
    this.at = this.buf.writeInt32BE(0, this.buf.writeInt32BE(0, this.at));
  }
  trailer() {
    this.need(2);
    this.at = this.buf.writeInt16BE(-1, this.at);
  }
  count(n: number) {
    this.need(2);
    this.at = this.buf.writeInt16BE(n, this.at);
  }
  nil() {
    this.need(4);
    this.at = this.buf.writeInt32BE(-1, this.at);
  }
  text(s: string | null, prefix?: number) {
    if (s === null) return this.nil();
    const max = Buffer.byteLength(s) + 5;
    this.need(max + 4);
    const lenAt = this.at;
    this.at += 4;
    if (prefix !== undefined) this.at = this.buf.writeUInt8(prefix, this.at);
    this.at += this.buf.write(s, this.at, "utf8");
    this.buf.writeInt32BE(this.at - lenAt - 4, lenAt);
  }
  i2(v: number) {
    this.need(6);
    this.at = this.buf.writeInt16BE(v, this.buf.writeInt32BE(2, this.at));
  }
  i4(v: number | null) {
    if (v === null) return this.nil();
    this.need(8);
    this.at = this.buf.writeInt32BE(v, this.buf.writeInt32BE(4, this.at));
  }
  i8(v: bigint | number | null) {
    if (v === null) return this.nil();
    this.need(12);
    this.at = this.buf.writeBigInt64BE(BigInt(v), this.buf.writeInt32BE(8, this.at));
  }
  f8(v: number | null) {
    if (v === null) return this.nil();
    this.need(12);
    this.at = this.buf.writeDoubleBE(v, this.buf.writeInt32BE(8, this.at));
  }
  bool(v: boolean) {
    this.need(5);
    this.at = this.buf.writeUInt8(v ? 1 : 0, this.buf.writeInt32BE(1, this.at));
  }
  textArray(values: string[] | null) {
    if (values === null) return this.nil();
    const bytes = values.map((v) => Buffer.from(v, "utf8"));
    const size = (values.length ? 20 : 12) + bytes.reduce((n, b) => n + 4 + b.length, 0);
    this.need(size + 4);
    let at = this.buf.writeInt32BE(size, this.at);
    at = this.buf.writeInt32BE(values.length ? 1 : 0, at); // dimensions
    at = this.buf.writeInt32BE(0, at); // no NULL elements
    at = this.buf.writeInt32BE(25, at); // text
    if (values.length) at = this.buf.writeInt32BE(1, this.buf.writeInt32BE(values.length, at));
    for (const b of bytes) {
      at = this.buf.writeInt32BE(b.length, at);
      at += b.copy(this.buf, at);
    }
    this.at = at;
  }
  row(projectId: number, r: SpanRow) {
    this.count(COPY_COLUMNS.length);
    this.i4(projectId);
    this.text(r.traceId);
    this.text(r.spanId);
    this.text(r.parentSpanId);
    this.i8(r.startNs / 1000n - PG_EPOCH_US);
    this.i8(r.startNs);
    this.i8(r.durationNs);
    this.text(r.name);
    this.i2(r.kind);
    this.i2(r.statusCode);
    this.text(r.errorType);
    this.text(r.operation);
    this.text(r.provider);
    this.text(r.requestModel);
    this.text(r.responseModel);
    this.i4(r.inputTokens);
    this.i4(r.outputTokens);
    this.i4(r.cacheReadTokens);
    this.i4(r.cacheWriteTokens);
    this.i4(r.reasoningTokens);
    this.bool(r.billable);
    this.text(r.usageScope);
    this.i8(r.costPico);
    this.i4(r.priceId);
    this.f8(r.reportedCostUsd);
    this.text(r.agentName);
    this.text(r.toolName);
    this.text(r.conversationId);
    this.text(r.userId);
    this.text(r.serviceName);
    this.text(r.environment);
    this.text(r.resourceHash);
    this.textArray(r.finishReasons);
    this.text(r.attributes, 1); // jsonb binary: version 1, then the JSON text
    this.text(r.events, 1);
    this.i4(r.droppedKeyCount);
  }
  finish(): Buffer {
    return this.buf.subarray(0, this.at);
  }
}

function textPieces(projectId: number, rows: SpanRow[]): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < rows.length; i += PER_COPY) out.push(Buffer.from(encodeSpanBatch(projectId, { spans: rows.slice(i, i + PER_COPY), resources: new Map(), droppedKeys: new Map() }).copyData));
  return out;
}

function binaryPieces(projectId: number, rows: SpanRow[]): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < rows.length; i += PER_COPY) {
    const b = new BinaryRows();
    b.header();
    for (const r of rows.slice(i, i + PER_COPY)) b.row(projectId, r);
    b.trailer();
    out.push(Buffer.from(b.finish()));
  }
  return out;
}

async function main(): Promise<void> {
  const admin = adminClient();
  const scratch = await createScratchDatabase(admin);
  try {
    const db = await openDb({ databaseUrl: scratch.url, poolSize: 2 });
    const { rows } = decodeAndPrepare(BENCH_PREPARE_CONTEXT, ROWS, 512, Date.now() - 3_600_000);
    await ensurePartitions(db, new Set(rows.map((r) => dayKey(Number(r.startNs / 1_000_000n)))));
    const projects: number[] = [];
    for (let i = 0; i < 2 * ROUNDS + 1; i++) {
      const [p] = await db.query<{ id: number }>("insert into projects (slug, name) values ($1, $1) returning id", [`copy-${i}`]);
      projects.push(p!.id);
    }
    await db.close();
    const sql = noDelayClient(scratch.url);
    const [{ pid } = { pid: 0 }] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const cols = COPY_COLUMNS.join(", ");
    const results: Record<string, { pg: number[]; encode: number[]; rate: number[] }> = { text: { pg: [], encode: [], rate: [] }, binary: { pg: [], encode: [], rate: [] } };
    // Warm-up, and a check that binary stores the same as text.
    for (const p of textPieces(projects[0]!, rows.slice(0, 2000))) await copyInPostgres(sql, `copy spans (${cols}) from stdin`, [p]);
    for (const p of binaryPieces(projects[1]!, rows.slice(0, 2000))) await copyInPostgres(sql, `copy spans (${cols}) from stdin with (format binary)`, [p]);
    const same = await sql.unsafe(
      `select count(*)::int as n from (select ${cols.replace("project_id, ", "")} from spans where project_id = ${projects[0]} except select ${cols.replace("project_id, ", "")} from spans where project_id = ${projects[1]}) d`,
    );
    if (same[0]!.n !== 0) throw new Error(`binary COPY stored ${same[0]!.n} rows differently from text COPY`);
    await sql.unsafe(`delete from spans where project_id in (${projects[0]}, ${projects[1]})`);
    let next = 2;
    for (let round = 0; round < ROUNDS; round++) {
      for (const format of round % 2 ? (["binary", "text"] as const) : (["text", "binary"] as const)) {
        const project = projects[next++ % projects.length]!;
        const c0 = process.cpuUsage();
        const pieces = format === "text" ? textPieces(project, rows) : binaryPieces(project, rows);
        const c1 = process.cpuUsage(c0);
        await admin`checkpoint`;
        const a = cpuSnapshot([pid]);
        const t0 = performance.now();
        for (const p of pieces) await copyInPostgres(sql, `copy spans (${cols}) from stdin${format === "binary" ? " with (format binary)" : ""}`, [p]);
        const ms = performance.now() - t0;
        const b = cpuSnapshot([pid]);
        results[format]!.pg.push(((b.byPid.get(pid)! - a.byPid.get(pid)!) * 1e6) / rows.length);
        results[format]!.encode.push((c1.user + c1.system) / rows.length);
        results[format]!.rate.push(Math.round(rows.length / (ms / 1000)));
      }
    }
    await sql.end();
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(", ");
    console.log(`${rows.length} rows, ${PER_COPY} per COPY, ${ROUNDS} rounds`);
    for (const [k, r] of Object.entries(results)) console.log(`${k.padEnd(6)} backend CPU µs/row: ${fmt(r.pg)} | encode µs/row: ${fmt(r.encode)} | rows/s: ${r.rate.join(", ")}`);
  } finally {
    await scratch.drop();
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

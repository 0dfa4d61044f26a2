// Single-thread CPU cost of each ingest stage, in-process, on the benchmark's own
// GenAI-shaped requests (ingest-payload.ts): protobufjs decode alone, decode to OtlpSpans
// through protobufjs (the reference) and through the wire reader (shipped), + prepareBatch,
// + the write encoding (COPY bytes and trace summaries), and encodeRequest (all of it span by
// span, as the ingest worker runs it). No HTTP, no database: the CPU per span besides I/O.
// Run: npx tsx bench/ingest-cpu.ts   (ROUNDS, REQUESTS, BATCH env vars)
import { encodeSpanBatch } from "../lib/db/span-writer";
import { encodeRequest } from "../lib/ingest/encode";
import { prepareBatch } from "../lib/ingest/prepare";
import { decodeProtobuf, decodeProtobufReference } from "../lib/otlp/decode-protobuf";
import { ExportTraceServiceRequestType } from "../lib/otlp/trace-schema";
import { BENCH_PREPARE_CONTEXT, buildRequest } from "./ingest-payload";

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const REQUESTS = Number(process.env.REQUESTS ?? 40);
const BATCH = Number(process.env.BATCH ?? 512);

const ctx = BENCH_PREPARE_CONTEXT;

const startMs = Date.now() - 3_600_000;
const bodies = Array.from({ length: REQUESTS }, (_, i) => buildRequest({ index: i, spans: BATCH, startMs: startMs + i * 2000 }));
const spans = REQUESTS * BATCH;

const stages: [string, (body: Buffer) => unknown][] = [
  ["protobufjs decode", (b) => ExportTraceServiceRequestType.decode(b)],
  ["decode (protobufjs)", (b) => decodeProtobufReference(b)],
  ["decode (wire reader)", (b) => decodeProtobuf(b)],
  ["+ prepareBatch", (b) => prepareBatch(decodeProtobuf(b).spans, ctx)],
  ["+ encodeSpanBatch", (b) => encodeSpanBatch(1, prepareBatch(decodeProtobuf(b).spans, ctx))],
  // What a worker runs: the same work span by span (each span and row dropped once written).
  ["encodeRequest", (b) => encodeRequest({ body: b, contentType: "application/x-protobuf", contentEncoding: null, maxBytes: 1 << 30 }, 1, ctx)],
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

let sink: unknown;
// Process CPU time (all threads: GC helpers included) is steadier than wall time on a shared machine.
console.log(`${REQUESTS} requests × ${BATCH} spans, ${ROUNDS} rounds; µs per span: CPU median, CPU min, wall min`);
const fmt = (x: number) => x.toFixed(2).padStart(6);
for (const [label, run] of stages) {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let r = 0; r < ROUNDS + 1; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const b of bodies) sink = run(b);
    const c = process.cpuUsage(c0);
    if (r === 0) continue; // warm-up
    wall.push(((performance.now() - t0) * 1000) / spans);
    cpu.push((c.user + c.system) / spans);
  }
  console.log(`  ${label.padEnd(20)} ${fmt(median(cpu))} ${fmt(Math.min(...cpu))} ${fmt(Math.min(...wall))}`);
}
void sink;

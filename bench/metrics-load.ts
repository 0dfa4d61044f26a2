// Bulk loader for bench/metrics.ts: generates agent traces (8 spans each: an
// invoke_agent root, 3 billable LLM calls, 2 tools, 2 retrievals) evenly over a
// window and COPYs the span rows and the matching per-trace summaries straight
// into `spans` and `traces`, one COPY per day and table, on a TCP_NODELAY socket
// (PERF.md). The rows look like what ingest writes; the ingest path is bypassed.
import net from "node:net";
import { once } from "node:events";
import postgres from "postgres";
import { isoFromNs } from "../lib/db/span-writer";
import { createRng } from "@/lib/prng";

export const SPANS_PER_TRACE = 8;

const AGENTS = ["planner", "billing", "support", "triage", "research", "coder", "reviewer", "router", "summarizer", "sales", "ops", "qa"];
const SERVICES = ["agents-core", "agents-billing", "agents-support", "agents-dev"];
/** provider, model, pico-USD per input and output token, weight */
const MODELS: [string, string, number, number, number][] = [
  ["openai", "gpt-4o-mini", 150_000, 600_000, 30],
  ["openai", "gpt-4.1", 2_000_000, 8_000_000, 15],
  ["anthropic", "claude-sonnet-4-5", 3_000_000, 15_000_000, 20],
  ["anthropic", "claude-haiku-4-5", 1_000_000, 5_000_000, 15],
  ["gcp.gemini", "gemini-2.5-flash", 300_000, 2_500_000, 15],
  ["gcp.gemini", "gemini-2.5-pro", 1_250_000, 10_000_000, 5],
];
const MODEL_WEIGHT = MODELS.reduce((s, m) => s + m[4], 0);

export function noDelaySql(url: string): postgres.Sql {
  const u = new URL(url);
  // `socket` is a documented postgres.js option that its typings lack.
  const options = {
    max: 1,
    onnotice: () => {},
    socket: () =>
      new Promise<net.Socket>((resolve, reject) => {
        const sock = net.connect(Number(u.port || 5432), u.hostname);
        sock.setNoDelay(true);
        sock.once("connect", () => resolve(sock));
        sock.once("error", reject);
      }),
  };
  return postgres(url, options as postgres.Options<Record<string, postgres.PostgresType>>);
}

/** Deterministic numbers in [0, 1) (lib/prng.ts, mulberry32). */
function rng(seed: number): () => number {
  return createRng(seed).next;
}

const SPAN_COLUMNS =
  "project_id, trace_id, span_id, parent_span_id, start_time, start_ns, duration_ns, name, kind, status_code, operation, provider, request_model, response_model, input_tokens, output_tokens, cache_read_tokens, billable, cost_pico, price_id, agent_name, service_name, environment, attributes, dropped_key_count";
const TRACE_COLUMNS =
  "project_id, trace_id, start_time, min_start_ns, max_end_ns, root_span_id, root_key, root_status, root_duration_ns, first_key, first_name, service_name, environment, agent_key, agent_name, span_count, llm_call_count, llm_error_count, error_count, unpriced_count, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_pico, models";

const N = "\\N";
const MS_NS = 1_000_000n;

/** Span and trace COPY lines of one trace. */
function traceRows(projectId: number, i: number, startMs: number, r: () => number): { spans: string[]; trace: string } {
  const traceId = (0x5eed0000000000000000000000000000n + BigInt(i)).toString(16);
  const sid = (k: number) => (BigInt(i) * 16n + BigInt(k) + 1n).toString(16).padStart(16, "0");
  const agent = AGENTS[Math.floor(r() * AGENTS.length)]!;
  const service = SERVICES[AGENTS.indexOf(agent) % SERVICES.length]!;
  const env = r() < 0.85 ? "prod" : "staging";
  const incomplete = r() < 0.01;
  const rootStatus = r() < 0.08 ? 2 : 0;
  // Log-normal trace latency around 3 s, 20 ms … 10 min.
  const durMs = Math.min(600_000, Math.max(20, Math.exp(Math.log(3000) + (r() + r() + r() - 1.5) * 1.6)));
  const rootStart = BigInt(Math.floor(startMs)) * MS_NS + BigInt(Math.floor(r() * 1000)) * 1000n;
  const rootDur = BigInt(Math.floor(durMs * 1000)) * 1000n;
  const spans: string[] = [];
  let minStart = incomplete ? null : rootStart;
  let maxEnd = rootStart + rootDur;
  let input = 0;
  let output = 0;
  let cacheRead = 0;
  let cost = 0n;
  let llmErrors = 0;
  let errors = incomplete ? 0 : rootStatus === 2 ? 1 : 0;
  const models = new Set<string>();
  const common = `${agent}\t${service}\t${env}\t{}\t0`;
  const line = (k: number, parent: string | null, start: bigint, dur: bigint, name: string, status: number, op: string, llm: string) =>
    `${projectId}\t${traceId}\t${sid(k)}\t${parent ?? N}\t${isoFromNs(start)}\t${start}\t${dur}\t${name}\t${parent ? 3 : 1}\t${status}\t${op}\t${llm}\t${common}`;
  const noLlm = `${N}\t${N}\t${N}\t${N}\t${N}\t${N}\tf\t${N}\t${N}`;
  if (!incomplete) spans.push(line(0, null, rootStart, rootDur, `invoke_agent ${agent}`, rootStatus, "agent", noLlm));
  for (let k = 1; k < SPANS_PER_TRACE; k++) {
    const start = rootStart + (rootDur * BigInt(k)) / 10n + 1000n;
    const dur = rootDur / 12n;
    if (minStart === null || start < minStart) minStart = start;
    if (start + dur > maxEnd) maxEnd = start + dur;
    if (k <= 3) {
      let pick = r() * MODEL_WEIGHT;
      const m = MODELS.find((x) => (pick -= x[4]) < 0) ?? MODELS[0]!;
      const failed = r() < 0.05;
      const inp = failed ? 0 : 200 + Math.floor(r() * 8000);
      const out = failed ? 0 : 20 + Math.floor(r() * 1500);
      const cr = failed || r() < 0.5 ? 0 : Math.floor(inp / 2);
      const c = BigInt(inp - cr) * BigInt(m[2]) + BigInt(cr) * BigInt(m[2] / 10) + BigInt(out) * BigInt(m[3]);
      input += inp;
      output += out;
      cacheRead += cr;
      cost += c;
      models.add(m[1]);
      if (failed) {
        llmErrors++;
        errors++;
      }
      spans.push(line(k, sid(0), start, dur, `chat ${m[1]}`, failed ? 2 : 0, "llm", `${m[0]}\t${m[1]}\t${m[1]}\t${inp}\t${out}\t${cr}\tt\t${c}\t1`));
    } else {
      spans.push(line(k, sid(0), start, dur, k <= 5 ? "execute_tool lookup" : "retrieve documents", 0, k <= 5 ? "tool" : "retrieval", noLlm));
    }
  }
  const first = incomplete ? `1${minStart!.toString().padStart(20, "0")}${sid(1)}` : `0${rootStart.toString().padStart(20, "0")}${sid(0)}`;
  const root = incomplete ? `${N}\t${N}\t${N}\t${N}` : `${sid(0)}\t${first}\t${rootStatus}\t${rootDur}`;
  const agentCols = incomplete ? `${N}\t${N}` : `${first}\t${agent}`;
  const trace = [
    projectId,
    traceId,
    isoFromNs(minStart!),
    minStart,
    maxEnd,
    root,
    first,
    incomplete ? "chat" : `invoke_agent ${agent}`,
    service,
    env,
    agentCols,
    spans.length,
    3,
    llmErrors,
    errors,
    0,
    input,
    output,
    cacheRead,
    0,
    0,
    cost,
    `{${[...models].sort().join(",")}}`,
  ].join("\t");
  return { spans, trace };
}

async function copyLines(sql: postgres.Sql, statement: string, produce: (push: (line: string) => Promise<void>) => Promise<void>): Promise<void> {
  const stream = await sql.unsafe(statement).writable();
  let buf: string[] = [];
  const flush = async () => {
    if (buf.length === 0) return;
    const ok = stream.write(buf.join("\n") + "\n");
    buf = [];
    if (!ok) await once(stream, "drain");
  };
  await produce(async (line) => {
    buf.push(line);
    if (buf.length >= 5000) await flush();
  });
  await flush();
  stream.end();
  await once(stream, "finish");
}

export interface LoadResult {
  traces: number;
  spans: number;
  seconds: number;
}

/** Loads `traceCount` traces evenly over [fromMs, toMs), day by day (partitions must exist). */
export async function loadTraces(url: string, projectId: number, fromMs: number, toMs: number, traceCount: number, log: (s: string) => void): Promise<LoadResult> {
  const sql = noDelaySql(url);
  const r = rng(20261123);
  const t0 = Date.now();
  const step = (toMs - fromMs) / traceCount;
  let spans = 0;
  let i = 0;
  try {
    while (i < traceCount) {
      const dayEnd = Math.min(toMs, (Math.floor((fromMs + i * step) / 86_400_000) + 1) * 86_400_000);
      const traceLines: string[] = [];
      await copyLines(sql, `copy spans (${SPAN_COLUMNS}) from stdin`, async (push) => {
        for (; i < traceCount && fromMs + i * step < dayEnd; i++) {
          const rows = traceRows(projectId, i, fromMs + (i + r()) * step, r);
          for (const s of rows.spans) await push(s);
          spans += rows.spans.length;
          traceLines.push(rows.trace);
        }
      });
      await copyLines(sql, `copy traces (${TRACE_COLUMNS}) from stdin`, async (push) => {
        for (const l of traceLines) await push(l);
      });
      log(`loaded ${i} traces, ${spans} spans (${Math.round(spans / ((Date.now() - t0) / 1000))} spans/s)`);
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
  return { traces: traceCount, spans, seconds: (Date.now() - t0) / 1000 };
}

// Synthetic, deterministic agent traces for bench/traces.ts: SpanRow values shaped
// like what lib/ingest writes (invoke_agent roots, chat and execute_tool children),
// with skewed agent/service/model mixes so filters range from common to rare.
import type { SpanRow } from "../lib/db/span-writer";

/** mulberry32: fast, seedable, good enough for synthetic data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;

const HEX4 = Array.from({ length: 65536 }, (_, i) => i.toString(16).padStart(4, "0"));

function hex(r: Rand, words: number): string {
  let s = "";
  for (let i = 0; i < words; i++) s += HEX4[Math.floor(r() * 65536)]! + HEX4[Math.floor(r() * 65536)]!;
  return s;
}

interface Weighted<T> {
  cum: number[];
  items: T[];
}

function weighted<T>(entries: [T, number][]): Weighted<T> {
  const total = entries.reduce((a, [, w]) => a + w, 0);
  let acc = 0;
  return { items: entries.map(([v]) => v), cum: entries.map(([, w]) => (acc += w / total)) };
}

function pick<T>(r: Rand, w: Weighted<T>): T {
  const x = r();
  for (let i = 0; i < w.cum.length; i++) if (x < w.cum[i]!) return w.items[i]!;
  return w.items[w.items.length - 1]!;
}

/** Zipf-like weights 1/k^s for a list. */
function zipf<T>(items: T[], s: number): [T, number][] {
  return items.map((v, k) => [v, 1 / (k + 1) ** s]);
}

// 14 agents on a Zipf curve, plus one newly deployed agent with ~0.05 % of traces.
const AGENT_NAMES = [
  "support-agent", "research-agent", "code-reviewer", "billing-assistant", "triage-bot", "sql-analyst", "doc-writer",
  "planner", "scheduler", "summarizer", "translator", "onboarding-guide", "fraud-checker", "data-cleaner",
];
export const COMMON_AGENT = "support-agent";
export const RARE_AGENT = "legal-redliner";
const AGENT_ZIPF = zipf<string | null>(AGENT_NAMES, 1.1);
const AGENT_ZIPF_SUM = AGENT_ZIPF.reduce((a, [, w]) => a + w, 0);
// 5 % of traces have no agent (plain API calls).
const AGENTS = weighted<string | null>([
  ...AGENT_ZIPF.map(([v, w]): [string | null, number] => [v, (w / AGENT_ZIPF_SUM) * 0.9495]),
  [RARE_AGENT, 0.0005],
  [null, 0.05],
]);

export const RARE_SERVICE = "internal-tools";
const SERVICES = weighted<string>([
  ["api-gateway", 40], ["chat-backend", 25], ["worker", 15], ["batch-jobs", 10], ["support-portal", 8], [RARE_SERVICE, 2],
]);
export const RARE_ENVIRONMENT = "dev";
const ENVIRONMENTS = weighted<string>([["production", 85], ["staging", 14.95], [RARE_ENVIRONMENT, 0.05]]);

/** provider, model, µUSD per Mtok input/output/cache read (= pico-USD per token). */
export const MODELS: [string, string, number, number, number][] = [
  ["openai", "gpt-4o-mini", 150_000, 600_000, 75_000],
  ["anthropic", "claude-sonnet-4", 3_000_000, 15_000_000, 300_000],
  ["openai", "gpt-4o", 2_500_000, 10_000_000, 1_250_000],
  ["anthropic", "claude-3-5-haiku", 800_000, 4_000_000, 80_000],
  ["google", "gemini-2.0-flash", 100_000, 400_000, 25_000],
  ["openai", "gpt-4.1", 2_000_000, 8_000_000, 500_000],
  ["openai", "o3-mini", 1_100_000, 4_400_000, 550_000],
  ["google", "gemini-1.5-pro", 1_250_000, 5_000_000, 312_500],
  ["anthropic", "claude-opus-4", 15_000_000, 75_000_000, 1_500_000],
  ["cohere", "command-r-plus", 2_500_000, 10_000_000, 0],
  ["mistral", "mistral-large", 2_000_000, 6_000_000, 0],
  ["meta", "llama-3.1-70b", 880_000, 880_000, 0],
];
export const COMMON_MODEL = "gpt-4o-mini";
/** ~2 % of traces */
export const MID_MODEL = "command-r-plus";
/** The last model: a trial with ~0.05 % of picks. */
export const RARE_MODEL = "llama-3.1-70b";
const MODEL_ZIPF = zipf(MODELS.slice(0, -1).map((_, i) => i), 1.2);
const MODEL_ZIPF_SUM = MODEL_ZIPF.reduce((a, [, w]) => a + w, 0);
const MODEL_PICK = weighted([...MODEL_ZIPF.map(([i, w]): [number, number] => [i, (w / MODEL_ZIPF_SUM) * 0.9995]), [MODELS.length - 1, 0.0005]]);
const TOOLS = ["search_docs", "run_sql", "http_get", "read_file", "send_email", "create_ticket", "calculator", "lookup_user"];
const ENDPOINTS = ["chat", "complete", "embed", "batch"];

export interface GenContext {
  r: Rand;
  /** model index → prices.id in the bench database */
  priceIds: number[];
  /** Mean children per trace (spans per trace − 1). */
  meanChildren: number;
}

function lognormal(r: Rand, median: number, sigma: number): number {
  const u = Math.max(r(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
  return median * Math.exp(sigma * z);
}

/** Generated span plus its end time in ms, the order spans reach the database in. */
export interface GenSpan extends SpanRow {
  /** start_ns / 1000 (generated times are whole microseconds) */
  startUs: number;
  endMs: number;
}

const ROOT_ATTRS = new Map(AGENT_NAMES.concat(RARE_AGENT).map((a) => [a, `{"gen_ai.agent.id":"${a}-v3"}`]));
const CHAT_ATTRS = new Map(MODELS.map(([p]) => [p, `{"gen_ai.request.temperature":0.2,"gen_ai.request.max_tokens":2048,"server.address":"api.${p}.com"}`]));
const STOP = ["stop"];

/** Microseconds → ns as bigint (generated times are whole µs, so start_time loses nothing). */
const ns = (us: number) => BigInt(us) * 1000n;

/** One trace's spans starting at `startMs`: 3 % root errors, 1 % without root (incomplete). */
export function genTrace(g: GenContext, startMs: number, forceSpans?: number): GenSpan[] {
  const { r } = g;
  const traceId = hex(r, 4);
  const agent = pick(r, AGENTS);
  const service = pick(r, SERVICES);
  const environment = pick(r, ENVIRONMENTS);
  const userId = r() < 0.7 ? hex(r, 2) : null;
  const conversationId = r() < 0.4 ? hex(r, 3) : null;
  const resourceHash = `${service}/${environment}`;
  // Every span comes from this one literal, so all share one object shape (V8 keeps them fast).
  const blank = (spanId: string, parentSpanId: string | null, startUs: number, durUs: number): GenSpan => ({
    traceId, spanId, parentSpanId, startNs: ns(startUs), durationNs: ns(durUs), name: "", kind: 1, statusCode: 0,
    errorType: null, operation: "execute_tool", provider: null, requestModel: null, responseModel: null, inputTokens: null,
    outputTokens: null, cacheReadTokens: null, cacheWriteTokens: null, reasoningTokens: null, billable: false,
    usageScope: null, costPico: null, priceId: null, reportedCostUsd: null, agentName: agent, toolName: null,
    conversationId, userId, serviceName: service, environment, resourceHash, finishReasons: null, attributes: "{}",
    events: null, droppedKeyCount: 0, startUs, endMs: (startUs + durUs) / 1000,
  });
  const model = pick(r, MODEL_PICK);
  const fallback = r() < 0.2 ? pick(r, MODEL_PICK) : model;
  const failed = r() < 0.03;
  const incomplete = forceSpans === undefined && r() < 0.01;
  const children = forceSpans !== undefined ? forceSpans - 1 : 1 + Math.min(300, Math.round(-Math.log(Math.max(r(), 1e-12)) * (g.meanChildren - 1)));
  const rootUs = Math.round(forceSpans !== undefined ? 600_000_000 : Math.min(600_000_000, Math.max(20_000, lognormal(r, 4_000_000, 1))));
  const rootId = hex(r, 2);
  const rootStartUs = Math.floor(startMs * 1000);
  const out: GenSpan[] = [];
  if (!incomplete) {
    const s = blank(rootId, null, rootStartUs, rootUs);
    s.name = agent ? `invoke_agent ${agent}` : `POST /v1/${ENDPOINTS[Math.floor(r() * ENDPOINTS.length)]}`;
    s.kind = 2;
    s.statusCode = failed ? 2 : 0;
    s.errorType = failed ? "AgentError" : null;
    s.operation = agent ? "invoke_agent" : "http";
    s.attributes = agent ? ROOT_ATTRS.get(agent)! : `{"http.request.method":"POST"}`;
    out.push(s);
  }
  const slot = (rootUs * 0.98) / children;
  const lastChat = failed ? children - 1 : -1;
  for (let i = 0; i < children; i++) {
    const s = blank(hex(r, 2), rootId, rootStartUs + Math.round(rootUs * 0.01 + i * slot), Math.max(50, Math.round(slot * (0.3 + 0.65 * r()))));
    if (i === lastChat || r() < 0.55) {
      const mi = r() < 0.3 ? fallback : model;
      const [provider, m, pin, pout, pcache] = MODELS[mi]!;
      const input = Math.round(lognormal(r, 1200, 0.8));
      const error = i === lastChat || r() < 0.01;
      const output = error ? 0 : Math.round(lognormal(r, 250, 0.9));
      const cached = r() < 0.4 ? Math.round(input * 0.5) : 0;
      const priced = r() >= 0.05;
      s.name = `chat ${m}`;
      s.kind = 3;
      s.statusCode = error ? 2 : 0;
      s.errorType = error ? "rate_limit_exceeded" : null;
      s.operation = "chat";
      s.provider = provider;
      s.requestModel = m;
      s.responseModel = m;
      s.inputTokens = input;
      s.outputTokens = output;
      s.cacheReadTokens = cached;
      s.billable = true;
      s.usageScope = "call";
      s.costPico = priced ? BigInt((input - cached) * pin + output * pout + cached * pcache) : null;
      s.priceId = priced ? g.priceIds[mi]! : null;
      s.finishReasons = error ? null : STOP;
      s.attributes = CHAT_ATTRS.get(provider)!;
    } else {
      const tool = TOOLS[Math.floor(r() * TOOLS.length)]!;
      s.name = `execute_tool ${tool}`;
      s.toolName = tool;
      s.attributes = `{"gen_ai.tool.type":"function"}`;
    }
    out.push(s);
  }
  return out;
}

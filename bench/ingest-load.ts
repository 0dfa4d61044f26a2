// Benchmark child process: pre-encodes OTLP/protobuf requests, then POSTs them to
// /v1/traces over a few keep-alive connections and prints `BENCH {…}` with the
// spans acknowledged (HTTP 200 only, which Skein sends after COMMIT) per second.
// Config comes as JSON in BENCH_LOAD (see LoadConfig). Run by bench/ingest.ts.
import http from "node:http";
import { buildRequest } from "./ingest-payload";

export interface LoadConfig {
  url: string;
  ingestKey: string;
  /** Measured requests (warm-up requests come on top). */
  requests: number;
  spansPerRequest: number;
  concurrency: number;
  warmupRequests: number;
  startMs: number;
  /** Offset for the payload shape seed, so separate runs differ. */
  seedOffset: number;
}

export interface LoadResult {
  spansPerRequest: number;
  requestBytes: number;
  encodeSeconds: number;
  warmupSeconds: number;
  okRequests: number;
  failedRequests: number;
  failedStatuses: Record<string, number>;
  spansAcknowledged: number;
  seconds: number;
  spansPerSec: number;
  latencyMs: { p50: number; p95: number; max: number };
}

function post(agent: http.Agent, url: URL, key: string, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/x-protobuf",
          "content-length": body.length,
          authorization: `Bearer ${key}`,
        },
      },
      (res) => {
        res.resume(); // the ExportTraceServiceResponse body is not needed
        res.once("end", () => resolve(res.statusCode ?? 0));
        res.once("error", reject);
      },
    );
    req.once("error", reject);
    req.end(body);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function run(cfg: LoadConfig): Promise<LoadResult> {
  const t0 = performance.now();
  const bodies: Buffer[] = [];
  for (let i = 0; i < cfg.warmupRequests + cfg.requests; i++) {
    bodies.push(buildRequest({ index: cfg.seedOffset + i, spans: cfg.spansPerRequest, startMs: cfg.startMs + i * 2000 }));
  }
  const encodeSeconds = (performance.now() - t0) / 1000;
  const url = new URL("/v1/traces", cfg.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: cfg.concurrency });

  const t1 = performance.now();
  const warm = await Promise.all(bodies.slice(0, cfg.warmupRequests).map((b) => post(agent, url, cfg.ingestKey, b)));
  if (warm.some((s) => s !== 200)) throw new Error(`warm-up failed with HTTP ${warm.join(",")}`);
  const warmupSeconds = (performance.now() - t1) / 1000;

  const measured = bodies.slice(cfg.warmupRequests);
  const latencies: number[] = [];
  const failedStatuses: Record<string, number> = {};
  let next = 0;
  let ok = 0;
  process.stdout.write(`BENCH ${JSON.stringify({ phase: "measuring" })}\n`);
  const start = performance.now();
  async function worker(): Promise<void> {
    for (let i = next++; i < measured.length; i = next++) {
      const t = performance.now();
      const status = await post(agent, url, cfg.ingestKey, measured[i]!).catch(() => -1);
      latencies.push(performance.now() - t);
      if (status === 200) ok++;
      else failedStatuses[status] = (failedStatuses[status] ?? 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: cfg.concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const spansAcknowledged = ok * cfg.spansPerRequest;
  return {
    spansPerRequest: cfg.spansPerRequest,
    requestBytes: bodies[0]?.length ?? 0,
    encodeSeconds,
    warmupSeconds,
    okRequests: ok,
    failedRequests: measured.length - ok,
    failedStatuses,
    spansAcknowledged,
    seconds,
    spansPerSec: Math.round(spansAcknowledged / seconds),
    latencyMs: {
      p50: Math.round(percentile(latencies, 0.5)),
      p95: Math.round(percentile(latencies, 0.95)),
      max: Math.round(latencies[latencies.length - 1] ?? 0),
    },
  };
}

const raw = process.env.BENCH_LOAD;
if (!raw) {
  process.stderr.write("ingest-load: BENCH_LOAD (JSON config) is required; run `npm run bench:ingest`\n");
  process.exit(2);
}
run(JSON.parse(raw) as LoadConfig).then(
  (r) => process.stdout.write(`BENCH ${JSON.stringify(r)}\n`),
  (err: unknown) => {
    process.stderr.write(`ingest-load failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);

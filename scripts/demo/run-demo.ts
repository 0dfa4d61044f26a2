import { captureOtelDiagnostics } from "./diagnostics";
import { emitTrace } from "./emit";
import { DemoError } from "./errors";
import { FLEET } from "./fleet";
import type { DemoOptions } from "./options";
import { countSpans } from "./plan";
import { TrafficPlanner, type PlannedTrace } from "./planner";
import { preflight } from "./preflight";
import { createFleetSink, seededIdGenerator, type FleetSink } from "./sink";

export type { DemoOptions } from "./options";

export interface DemoSummary {
  traces: number;
  liveTraces: number;
  spans: number;
  services: string[];
  requests: { protobuf: number; json: number };
  elapsedMs: number;
  seed: number;
  outage: { start: string; end: string };
  openUrl: string;
  interrupted: boolean;
}

/** Flush after this many queued spans: keeps the queues small and in-flight requests under the exporters' limit. */
const FLUSH_EVERY_SPANS = 2048;

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

function send(sink: FleetSink, trace: PlannedTrace): number {
  emitTrace(sink.tracer(trace.service), trace.root, trace.baseMs);
  return countSpans(trace.root);
}

/** Sends a backfilled day of fleet traffic (and optionally live traffic) to Skein; throws DemoError on failure. */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const tracesUrl = `${options.url}/v1/traces`;
  const check = await preflight(tracesUrl, options.key);
  if (!check.ok) log(`[demo] warning: an empty OTLP request to ${tracesUrl} answered HTTP ${check.status}; sending anyway`);

  const planner = new TrafficPlanner(options.seed);
  const backfill = planner.backfill(options.traces, options.hours, options.endTime ?? Date.now());
  const sink = createFleetSink(FLEET, { tracesUrl, key: options.key, idGenerator: seededIdGenerator(planner.idRng) });
  const diagnostics = captureOtelDiagnostics(log);
  const services = new Set<string>();
  let spans = 0;
  let traces = 0;
  let liveTraces = 0;
  let pending = 0;
  let interrupted = false;

  log(`[demo] sending ${options.traces} traces over the last ${options.hours} h to ${tracesUrl} (seed ${options.seed})`);
  try {
    let nextProgress = 1;
    for (const trace of backfill.traces) {
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      const count = send(sink, trace);
      services.add(trace.service.serviceName);
      spans += count;
      pending += count;
      traces += 1;
      if (pending >= FLUSH_EVERY_SPANS) {
        await sink.flush();
        pending = 0;
      }
      if (traces * 10 >= nextProgress * options.traces) {
        if (nextProgress < 10) log(`[demo] ${nextProgress * 10}%  ${traces}/${options.traces} traces, ${spans} spans generated, ${sink.stats.exportedSpans} accepted`);
        nextProgress = Math.floor((traces * 10) / options.traces) + 1;
      }
    }
    await sink.flush();
    log(`[demo] ${interrupted ? "interrupted at" : "100%"}  ${traces}/${options.traces} traces, ${spans} spans generated, ${sink.stats.exportedSpans} accepted`);

    if (options.live && !interrupted) {
      const [minGap, maxGap] = options.liveIntervalMs ?? [2000, 6000];
      log("[demo] live: sending a trace every few seconds, Ctrl-C to stop");
      while (!options.signal?.aborted) {
        await sleep(planner.liveGapMs(minGap, maxGap), options.signal);
        if (options.signal?.aborted) break;
        const trace = planner.live(Date.now());
        const count = send(sink, trace);
        await sink.flush();
        services.add(trace.service.serviceName);
        spans += count;
        liveTraces += 1;
        log(`[demo] live: ${trace.service.serviceName} trace with ${count} spans (${liveTraces} sent)`);
      }
    }
  } finally {
    // After a failed export, don't wait out retries against a server that already said no.
    const shutdown = sink.shutdown();
    await (sink.stats.failure === null ? shutdown : Promise.race([shutdown, sleep(3000, undefined)]));
    diagnostics.stop();
  }

  const { stats } = sink;
  if (stats.failure !== null || stats.exportedSpans !== spans) {
    throw new DemoError("export", `Only ${stats.exportedSpans} of ${spans} spans were accepted by Skein.`);
  }
  if (diagnostics.rejectedSpans > 0) {
    throw new DemoError("rejected", `Skein rejected ${diagnostics.rejectedSpans} of ${spans} spans (see the partial-success messages above).`);
  }
  return {
    traces,
    liveTraces,
    spans,
    services: [...services].sort(),
    requests: { ...stats.requests },
    elapsedMs: Date.now() - started,
    seed: options.seed,
    outage: { start: new Date(backfill.outage.startMs).toISOString(), end: new Date(backfill.outage.endMs).toISOString() },
    openUrl: `${options.url}/`,
    interrupted,
  };
}

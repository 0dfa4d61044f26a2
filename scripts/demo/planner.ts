import type { ScenarioContext } from "./calls";
import { FLEET, RUNAWAY_SERVICE, type ServiceSpec } from "./fleet";
import type { SpanPlan } from "./plan";
import { createRng, type Rng } from "@/lib/prng";
import { createCallerPool, outageWindow, pickRunaways, scheduleStarts, type CallerPool, type TimeWindow } from "./traffic";

const HOUR_MS = 3_600_000;
/** Runs meant to fail; the outage adds a few more for the service without failover. */
const FAILURE_RATE = 0.035;

export interface PlannedTrace {
  service: ServiceSpec;
  /** Epoch ms of the root span's start. */
  baseMs: number;
  root: SpanPlan;
  runaway: boolean;
}

export interface Backfill {
  fromMs: number;
  endMs: number;
  outage: TimeWindow;
  traces: Iterable<PlannedTrace>;
}

function runawayService(): ServiceSpec {
  const service = FLEET.find((candidate) => candidate.serviceName === RUNAWAY_SERVICE);
  if (service === undefined) throw new Error(`runaway service ${RUNAWAY_SERVICE} is not in the fleet`);
  return service;
}

/** Decides, from one seed, which service runs when and what each run does. No I/O. */
export class TrafficPlanner {
  /** Stream for trace and span ids (consumed by the SDK while emitting). */
  readonly idRng: Rng;
  private readonly scheduleRng: Rng;
  private readonly trafficRng: Rng;
  private readonly callers: CallerPool;

  constructor(seed: number) {
    const root = createRng(seed);
    this.scheduleRng = root.fork("schedule");
    this.trafficRng = root.fork("traffic");
    this.callers = createCallerPool(root.fork("callers"));
    this.idRng = root.fork("ids");
  }

  private pickService(): ServiceSpec {
    return this.trafficRng.weighted(FLEET.map((service) => [service, service.weight] as const));
  }

  private plan(service: ServiceSpec, scheduledStartMs: number, latestEndMs: number, outage: TimeWindow | null, runaway: boolean): PlannedTrace {
    const rng = this.trafficRng;
    const context: ScenarioContext = {
      rng,
      caller: this.callers.next(rng),
      anthropicDown: (relMs) => outage !== null && scheduledStartMs + relMs >= outage.startMs && scheduledStartMs + relMs < outage.endMs,
      fail: !runaway && rng.chance(FAILURE_RATE),
      runaway,
    };
    const root = service.scenario(context);
    // Nothing may end in the future: late runs are pulled back so they finish by `latestEndMs`.
    return { service, baseMs: Math.min(scheduledStartMs, latestEndMs - root.endMs), root, runaway };
  }

  /** `count` runs over the `hours` before `endMs`, with one Anthropic outage and a few runaways. */
  backfill(count: number, hours: number, endMs: number): Backfill {
    const fromMs = endMs - hours * HOUR_MS;
    const starts = scheduleStarts(this.scheduleRng, count, fromMs, endMs);
    const outage = outageWindow(fromMs, endMs);
    const runaways = pickRunaways(this.scheduleRng, count);
    return { fromMs, endMs, outage, traces: this.planRuns(starts, runaways, endMs, outage) };
  }

  /** Lazy, so a day of traces is never all in memory at once. */
  private *planRuns(starts: readonly number[], runaways: ReadonlySet<number>, endMs: number, outage: TimeWindow): Generator<PlannedTrace> {
    for (const [index, start] of starts.entries()) {
      const runaway = runaways.has(index);
      yield this.plan(runaway ? runawayService() : this.pickService(), start, endMs, outage, runaway);
    }
  }

  /** One run that has just finished at `nowMs`. */
  live(nowMs: number): PlannedTrace {
    return this.plan(this.pickService(), nowMs, nowMs, null, false);
  }

  /** Pause before the next live run. */
  liveGapMs(minMs: number, maxMs: number): number {
    return this.trafficRng.range(minMs, maxMs);
  }
}

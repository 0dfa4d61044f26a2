import { MODELS, sampleCallDurationMs, sampleUsage, type ModelId, type ModelSpec, type Usage, type UsageRequest } from "./models";
import type { Rng } from "@/lib/prng";

/** Who a run is for; only identifier-shaped values, never content. */
export interface Caller {
  userId: string;
  tenant: string;
  tier: "free" | "pro" | "enterprise";
  region: "us" | "eu";
  conversationId: string;
}

export interface ScenarioContext {
  rng: Rng;
  caller: Caller;
  /** Whether the simulated Anthropic outage covers this moment (ms relative to the trace start). */
  anthropicDown(relMs: number): boolean;
  /** This run should end in failure (root status ERROR). */
  fail: boolean;
  /** This run should loop out of control (dozens of LLM calls). */
  runaway: boolean;
}

export type FinishKind = "stop" | "tool" | "length";

export type CallOutcome =
  | { ok: true; model: ModelSpec; startMs: number; endMs: number; usage: Usage; finish: FinishKind; responseId: string | null }
  | { ok: false; model: ModelSpec; startMs: number; endMs: number; errorType: string; httpStatus: number };

export interface CallRequest extends Omit<UsageRequest, "cacheWarm"> {
  model: ModelId;
  /** Model to fail over to when the primary provider is down. */
  fallback?: ModelId;
  finish: FinishKind;
  cacheWarm?: boolean;
}

const OUTAGE_FAILURE_RATE = 0.9;
const TRANSIENT_RATE_LIMIT_RATE = 0.008;

function failedCall(rng: Rng, model: ModelSpec, startMs: number, errorType: string, httpStatus: number, medianMs: number): CallOutcome {
  return { ok: false, model, startMs, endMs: startMs + Math.round(rng.logNormal(medianMs, 0.5)), errorType, httpStatus };
}

function outageFailure(rng: Rng, model: ModelSpec, startMs: number): CallOutcome {
  return rng.chance(0.7) ? failedCall(rng, model, startMs, "overloaded_error", 529, 900) : failedCall(rng, model, startMs, "503", 503, 180);
}

export function successfulCall(rng: Rng, model: ModelSpec, startMs: number, request: CallRequest): CallOutcome {
  const usage = sampleUsage(rng, model, { ...request, cacheWarm: request.cacheWarm ?? rng.chance(0.8) });
  const endMs = startMs + sampleCallDurationMs(rng, model, usage);
  const responseId = model.responseIdPrefix === "" ? null : model.responseIdPrefix + rng.alnum(24);
  return { ok: true, model, startMs, endMs, usage, finish: request.finish, responseId };
}

/** A call the provider refuses outright (used for runs that are meant to fail). */
export function refusedCall(c: ScenarioContext, modelId: ModelId, startMs: number, errorType: string, httpStatus: number): CallOutcome {
  return failedCall(c.rng, MODELS[modelId], startMs, errorType, httpStatus, 250);
}

/**
 * One logical model call as the client makes it: retries on a transient error,
 * and during the Anthropic outage fails, maybe retries, then fails over.
 * The last outcome is the successful one unless every option failed.
 */
export function planCalls(c: ScenarioContext, startMs: number, request: CallRequest): CallOutcome[] {
  const { rng } = c;
  const outcomes: CallOutcome[] = [];
  let t = startMs;
  let model = MODELS[request.model];

  if (model.provider === "anthropic" && c.anthropicDown(t) && rng.chance(OUTAGE_FAILURE_RATE)) {
    const attempts = rng.chance(0.6) ? 2 : 1;
    for (let i = 0; i < attempts; i++) {
      const failure = outageFailure(rng, model, t);
      outcomes.push(failure);
      t = failure.endMs + Math.round(rng.range(250, 1200));
    }
    if (request.fallback === undefined) return outcomes;
    model = MODELS[request.fallback];
  } else if (rng.chance(TRANSIENT_RATE_LIMIT_RATE)) {
    const failure = failedCall(rng, model, t, "rate_limit_exceeded", 429, 120);
    outcomes.push(failure);
    t = failure.endMs + Math.round(rng.range(500, 2000));
  }

  outcomes.push(successfulCall(rng, model, t, request));
  return outcomes;
}

export function lastOutcome(outcomes: readonly CallOutcome[]): CallOutcome {
  const last = outcomes[outcomes.length - 1];
  if (last === undefined) throw new Error("a model call produced no outcome");
  return last;
}

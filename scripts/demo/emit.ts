import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type HrTime, type Tracer } from "@opentelemetry/api";
import type { SpanKindName, SpanPlan } from "./plan";

const KINDS: Record<SpanKindName, SpanKind> = { internal: SpanKind.INTERNAL, client: SpanKind.CLIENT, server: SpanKind.SERVER };

/** Epoch milliseconds as an explicit HrTime, so backfilled spans carry their historical times. */
export function toHrTime(epochMs: number): HrTime {
  const whole = Math.floor(epochMs);
  const seconds = Math.floor(whole / 1000);
  const nanos = (whole - seconds * 1000) * 1_000_000 + Math.round((epochMs - whole) * 1_000_000);
  return nanos >= 1_000_000_000 ? [seconds + 1, nanos - 1_000_000_000] : [seconds, nanos];
}

function emitSpan(tracer: Tracer, plan: SpanPlan, baseMs: number, parent: Context): void {
  const span = tracer.startSpan(plan.name, { kind: KINDS[plan.kind], startTime: toHrTime(baseMs + plan.startMs), attributes: plan.attributes }, parent);
  const context = trace.setSpan(parent, span);
  for (const child of plan.children) emitSpan(tracer, child, baseMs, context);
  for (const event of plan.events) span.addEvent(event.name, event.attributes, toHrTime(baseMs + event.atMs));
  if (plan.error) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end(toHrTime(baseMs + plan.endMs));
}

/** Turns a planned trace into real SDK spans starting at `baseMs` (epoch ms). */
export function emitTrace(tracer: Tracer, root: SpanPlan, baseMs: number): void {
  emitSpan(tracer, root, baseMs, ROOT_CONTEXT);
}

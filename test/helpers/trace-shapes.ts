// A mid-sized agent trace for ordering and concurrency tests, and the check
// that two copies of it (different trace ids) ended up identical in the database.
import { expect } from "vitest";
import type { Querier } from "@/lib/db/client";
import { getTraceSummary, listTraceSpans } from "@/lib/db/traces";
import { hexId, int, postOtlp, str, type SpanSpec } from "./otlp-client";
import { shuffled } from "./hostile-bodies";
import type { TestServer } from "./server";

const SPAN_SALT = 7777;
const sid = (n: number) => hexId(n, 8, SPAN_SALT);

/**
 * root → 3 sub-agents → (3 chat calls + 2 tools) each: 19 spans, one failed chat call.
 * Span ids do not depend on the trace id, so two copies compare span by span.
 * With a seed the order is shuffled and the root moved last (children before root).
 */
export function agentTraceSpans(traceId: string, startNs: bigint, seed?: number): SpanSpec[] {
  const spans: SpanSpec[] = [
    {
      traceId,
      spanId: sid(0),
      name: "invoke_agent planner",
      startNs,
      durationNs: 9_000_000_123n,
      attributes: [str("gen_ai.operation.name", "invoke_agent"), str("gen_ai.agent.name", "planner")],
      status: 1,
    },
  ];
  let n = 1;
  for (let a = 0; a < 3; a++) {
    const agentId = sid(n++);
    const agentStart = startNs + BigInt(a) * 3_000_000_000n + 7n;
    spans.push({
      traceId,
      spanId: agentId,
      parentSpanId: sid(0),
      name: `invoke_agent worker-${a}`,
      startNs: agentStart,
      durationNs: 2_900_000_000n,
      attributes: [str("gen_ai.operation.name", "invoke_agent"), str("gen_ai.agent.name", `worker-${a}`)],
    });
    for (let c = 0; c < 3; c++) {
      const failed = a === 1 && c === 2;
      spans.push({
        traceId,
        spanId: sid(n++),
        parentSpanId: agentId,
        name: "chat gpt-4o-mini",
        startNs: agentStart + BigInt(c) * 500_000_000n + 1n,
        durationNs: 400_000_000n + BigInt(c),
        status: failed ? 2 : 0,
        attributes: [
          str("gen_ai.operation.name", "chat"),
          str("gen_ai.provider.name", "openai"),
          str("gen_ai.request.model", c === 1 ? "gpt-4.1" : "gpt-4o-mini"),
          int("gen_ai.usage.input_tokens", failed ? 0 : 100 * (a + 1) + c),
          int("gen_ai.usage.output_tokens", failed ? 0 : 10 * (a + 1) + c),
          int("gen_ai.usage.cache_read_input_tokens", c === 0 ? 50 : 0),
        ],
      });
    }
    for (let k = 0; k < 2; k++) {
      spans.push({
        traceId,
        spanId: sid(n++),
        parentSpanId: agentId,
        name: "execute_tool search",
        startNs: agentStart + 1_600_000_000n + BigInt(k) * 300_000_000n,
        durationNs: 200_000_000n,
        attributes: [str("gen_ai.operation.name", "execute_tool"), str("gen_ai.tool.name", "search")],
      });
    }
  }
  if (seed === undefined) return spans;
  const [root, ...rest] = spans;
  return [...shuffled(rest, seed), root!];
}

/** POSTs every body at once; returns the statuses in order (bodies consumed). */
export async function postInParallel(server: TestServer, bodies: Buffer[]): Promise<number[]> {
  const answers = await Promise.all(bodies.map((b) => postOtlp(server, b)));
  await Promise.all(answers.map((r) => r.arrayBuffer()));
  return answers.map((r) => r.status);
}

/** The two traces have the same summary (but their id) and the same spans. */
export async function expectSameTrace(db: Querier, projectId: number, refTraceId: string, testTraceId: string): Promise<void> {
  const ref = await getTraceSummary(db, projectId, refTraceId);
  const got = await getTraceSummary(db, projectId, testTraceId);
  expect(ref).not.toBeNull();
  expect(ref!.spanCount).toBe(19);
  expect(ref!.status).toBe("ok");
  expect(ref!.errorCount).toBe(1);
  expect({ ...got, traceId: refTraceId }).toEqual(ref);
  expect(await listTraceSpans(db, projectId, testTraceId)).toEqual(await listTraceSpans(db, projectId, refTraceId));
}

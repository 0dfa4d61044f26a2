import { refusedCall, type ScenarioContext } from "../calls";
import { GenAiAgent } from "../gen-ai";
import type { SpanPlan } from "../plan";

const LOOKUP_TOOLS = [
  ["search_orders", 220],
  ["lookup_customer", 140],
  ["get_shipping_status", 380],
] as const;

/** Customer support: optional triage, knowledge-base retrieval, tool loop on Claude with failover to GPT-4.1. */
export function supportAgent(c: ScenarioContext): SpanPlan {
  const { rng } = c;
  const agent = new GenAiAgent(c, "support-agent", 0, true);
  const prefix = rng.int(2800, 4200);
  let context = prefix + rng.int(300, 1500);

  if (rng.chance(0.4)) {
    agent.chat({ model: "claude-haiku-4-5", fallback: "gpt-4.1-mini", contextTokens: rng.int(700, 1300), answerTokens: rng.int(4, 30), cachedPrefixTokens: 0, finish: "stop" });
  }
  agent.retrieval("kb", 8);
  context += rng.int(1500, 4000);

  const failAt = c.fail ? rng.pick(["tool", "model"] as const) : null;
  const turns = rng.int(1, 3);
  for (let turn = 0; turn < turns; turn++) {
    const answer = rng.int(40, 160);
    agent.chat({ model: "claude-sonnet-4-5", fallback: "gpt-4.1", contextTokens: context, answerTokens: answer, cachedPrefixTokens: prefix, finish: "tool" });
    const [tool, medianMs] = rng.pick(LOOKUP_TOOLS);
    if (failAt === "tool" && turn === turns - 1) {
      agent.tool(tool, medianMs * 20, "TimeoutError");
      return agent.finish("TimeoutError");
    }
    agent.tool(tool, medianMs);
    context += answer + rng.int(300, 1500);
  }

  if (rng.chance(0.25)) {
    agent.chat({ model: "claude-sonnet-4-5", fallback: "gpt-4.1", contextTokens: context, answerTokens: rng.int(60, 140), cachedPrefixTokens: prefix, finish: "tool" });
    agent.tool("create_ticket", 450);
    context += rng.int(200, 600);
  }

  if (failAt === "model") {
    agent.failedChat(refusedCall(c, "claude-sonnet-4-5", agent.t, "invalid_request_error", 400));
    return agent.finish("invalid_request_error");
  }
  agent.chat({ model: "claude-sonnet-4-5", fallback: "gpt-4.1", contextTokens: context, answerTokens: rng.int(150, 600), cachedPrefixTokens: prefix, finish: "stop" });
  return agent.finish();
}

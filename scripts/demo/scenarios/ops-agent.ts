import { refusedCall, type ScenarioContext } from "../calls";
import { GenAiAgent } from "../gen-ai";
import type { SpanPlan } from "../plan";

/** Internal ops copilot on a self-hosted model that has no price (shows up as "unpriced"). */
export function opsAgent(c: ScenarioContext): SpanPlan {
  const { rng } = c;
  const agent = new GenAiAgent(c, "ops-agent", 0, true);
  let context = rng.int(1500, 3000);

  agent.retrieval("runbooks", 5);
  context += rng.int(1000, 3000);
  agent.chat({ model: "acme-internal-llm", contextTokens: context, answerTokens: rng.int(30, 90), cachedPrefixTokens: 0, finish: "tool" });
  agent.tool("query_metrics", 650);
  if (rng.chance(0.5)) agent.tool("get_recent_deploys", 240);
  context += rng.int(800, 2500);

  if (c.fail) {
    agent.failedChat(refusedCall(c, "acme-internal-llm", agent.t, "504", 504));
    return agent.finish("504");
  }
  agent.chat({ model: "acme-internal-llm", contextTokens: context, answerTokens: rng.int(150, 500), cachedPrefixTokens: 0, finish: "stop" });
  if (rng.chance(0.3)) {
    agent.chat({ model: "gpt-4o-mini", contextTokens: rng.int(800, 1600), answerTokens: rng.int(60, 160), cachedPrefixTokens: 0, finish: "stop" });
  }
  return agent.finish();
}

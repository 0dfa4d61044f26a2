import { refusedCall, type ScenarioContext } from "../calls";
import { GenAiAgent } from "../gen-ai";
import type { SpanPlan } from "../plan";

/** One web researcher: search, read a few pages, condense (Gemini Flash). */
function webResearcher(agent: GenAiAgent, failing: boolean): string | void {
  const { rng } = agent.c;
  let context = rng.int(1200, 2400);
  agent.chat({ model: "gemini-2.5-flash", contextTokens: context, answerTokens: rng.int(20, 60), cachedPrefixTokens: 900, finish: "tool" });
  agent.tool("web_search", 900);
  const pages = rng.int(1, 3);
  for (let page = 0; page < pages; page++) {
    if (failing && page === pages - 1) {
      agent.tool("fetch_page", 15_000, "TimeoutError");
      return "TimeoutError";
    }
    agent.tool("fetch_page", 700);
    context += rng.int(2000, 6000);
  }
  agent.chat({ model: "gemini-2.5-flash", contextTokens: context, answerTokens: rng.int(200, 600), cachedPrefixTokens: 900, finish: "stop" });
}

/** The runaway: the agent never converges and keeps calling the model with a growing context. */
function runawayLoop(agent: GenAiAgent): SpanPlan {
  const { rng } = agent.c;
  const iterations = rng.int(40, 80);
  let context = rng.int(5000, 8000);
  for (let i = 0; i < iterations; i++) {
    const answer = rng.int(80, 300);
    agent.chat({ model: "gpt-4.1", contextTokens: context, answerTokens: answer, cachedPrefixTokens: context * 0.9, finish: "tool" });
    agent.tool(rng.pick(["web_search", "fetch_page"]), 800);
    context += answer + rng.int(1200, 3500);
  }
  if (rng.chance(0.5)) return agent.finish("max_iterations_exceeded");
  agent.chat({ model: "gpt-4.1", contextTokens: context, answerTokens: rng.int(800, 2000), cachedPrefixTokens: context * 0.9, finish: "stop" });
  return agent.finish();
}

/** Deep research: o4-mini plans, parallel web-researcher sub-agents, a summarizer sub-agent writes up. */
export function researchAgent(c: ScenarioContext): SpanPlan {
  const { rng } = c;
  const agent = new GenAiAgent(c, "research-agent", 0, true);
  agent.chat({ model: "o4-mini", contextTokens: rng.int(1800, 3500), answerTokens: rng.int(150, 500), cachedPrefixTokens: 1500, finish: "tool" });
  if (c.runaway) return runawayLoop(agent);

  const failAt = c.fail ? rng.pick(["researcher", "summarizer"] as const) : null;
  const researchers = rng.int(1, 3);
  const fanOutAt = agent.t;
  for (let i = 0; i < researchers; i++) {
    const failing = failAt === "researcher" && i === 0;
    agent.subAgent("web-researcher", (researcher) => webResearcher(researcher, failing), fanOutAt + rng.int(0, 30));
    if (failing) return agent.finish("TimeoutError");
  }
  agent.pause();

  const contextTokens = rng.int(9000, 30000);
  agent.subAgent("summarizer-agent", (summarizer) => {
    if (failAt === "summarizer") {
      summarizer.failedChat(refusedCall(c, "claude-sonnet-4-5", summarizer.t, "invalid_request_error", 400));
      return "invalid_request_error";
    }
    // EU tenants stay on an EU-hosted model.
    if (c.caller.region === "eu") {
      summarizer.chat({ model: "mistral-large-latest", contextTokens, answerTokens: rng.int(600, 1500), cachedPrefixTokens: 0, finish: "stop" });
    } else {
      summarizer.chat({ model: "claude-sonnet-4-5", fallback: "gpt-4.1", contextTokens, answerTokens: rng.int(600, 1500), cachedPrefixTokens: 2500, finish: "stop" });
    }
  });
  return agent.finish(failAt === "summarizer" ? "invalid_request_error" : undefined);
}

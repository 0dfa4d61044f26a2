import type { ScenarioContext } from "../calls";
import type { ModelId } from "../models";
import { OpenInferenceAgent } from "../open-inference";
import type { SpanPlan } from "../plan";

/** Pull-request review bot instrumented with OpenInference (a Python/LangChain-style service). */
export function codeReviewAgent(c: ScenarioContext): SpanPlan {
  const { rng } = c;
  const agent = new OpenInferenceAgent(c, "CodeReviewAgent", "code-review-agent");
  const model: ModelId = rng.chance(0.7) ? "claude-sonnet-4-5" : "gpt-4.1";
  const fallback: ModelId | undefined = model === "claude-sonnet-4-5" ? "gpt-4.1" : undefined;
  const prefix = rng.int(3000, 5000);

  agent.tool("load_diff", 350);
  let context = prefix + rng.int(2000, 25_000);
  agent.retriever("RetrieveStyleGuide");
  context += rng.int(800, 2000);

  if (c.fail) {
    agent.tool("run_linter", 30_000, "subprocess.TimeoutExpired");
    return agent.finish("subprocess.TimeoutExpired");
  }
  if (rng.chance(0.6)) {
    agent.tool("run_linter", 4000);
    context += rng.int(300, 1500);
  }

  const passes = rng.int(1, 3);
  for (let pass = 0; pass < passes; pass++) {
    const answer = rng.int(200, 900);
    agent.llm({ model, fallback, contextTokens: context, answerTokens: answer, cachedPrefixTokens: prefix, finish: "tool" });
    const comments = rng.int(1, 4);
    for (let i = 0; i < comments; i++) agent.tool("post_review_comment", 260);
    context += answer + rng.int(100, 400);
  }
  agent.llm({ model, fallback, contextTokens: context, answerTokens: rng.int(100, 350), cachedPrefixTokens: prefix, finish: "stop" });
  agent.tool("submit_review", 300);
  return agent.finish();
}

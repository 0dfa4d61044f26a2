import type { ScenarioContext } from "../calls";
import { GenAiAgent } from "../gen-ai";
import type { SpanPlan } from "../plan";

/** Billing questions and refunds on GPT-4.1-mini, with a Claude Haiku refund-checker sub-agent. */
export function billingAgent(c: ScenarioContext): SpanPlan {
  const { rng } = c;
  const agent = new GenAiAgent(c, "billing-agent", 0, true);
  const prefix = rng.int(1800, 2600);
  let context = prefix + rng.int(200, 900);

  agent.chat({ model: "gpt-4.1-mini", contextTokens: context, answerTokens: rng.int(30, 90), cachedPrefixTokens: prefix, finish: "tool" });
  agent.tool("get_invoice", 160);
  context += rng.int(600, 1800);

  if (rng.chance(0.35)) {
    agent.subAgent("refund-checker", (checker) => {
      checker.chat({ model: "claude-haiku-4-5", fallback: "gpt-4o-mini", contextTokens: rng.int(1500, 3000), answerTokens: rng.int(20, 80), cachedPrefixTokens: 1200, finish: "tool" });
      checker.tool("check_refund_policy", 90);
      checker.chat({ model: "claude-haiku-4-5", fallback: "gpt-4o-mini", contextTokens: rng.int(2200, 3800), answerTokens: rng.int(30, 120), cachedPrefixTokens: 1200, finish: "stop" });
    });
    agent.chat({ model: "gpt-4.1-mini", contextTokens: context, answerTokens: rng.int(30, 80), cachedPrefixTokens: prefix, finish: "tool" });
    if (c.fail) {
      agent.tool("issue_refund", 9000, "PaymentGatewayTimeout");
      return agent.finish("PaymentGatewayTimeout");
    }
    agent.tool("issue_refund", 700);
    context += rng.int(200, 500);
  } else if (c.fail) {
    agent.tool("get_payment_methods", 200, "PermissionDenied");
    return agent.finish("PermissionDenied");
  }

  agent.chat({ model: "gpt-4.1-mini", contextTokens: context, answerTokens: rng.int(120, 400), cachedPrefixTokens: prefix, finish: "stop" });
  return agent.finish();
}

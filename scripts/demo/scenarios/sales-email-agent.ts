import { GenerateTextCall } from "../ai-sdk";
import type { ScenarioContext } from "../calls";
import { MODELS, type ModelId } from "../models";
import type { SpanPlan } from "../plan";

/** Outbound sales e-mail drafts, a Next.js app on the Vercel AI SDK. No failover: it fails during the Anthropic outage. */
export function salesEmailAgent(c: ScenarioContext): SpanPlan {
  const { rng, caller } = c;
  const modelId: ModelId = caller.region === "eu" ? "mistral-large-latest" : rng.chance(0.3) ? "claude-haiku-4-5" : "gpt-4.1-mini";
  const call = new GenerateTextCall(c, "sales-email", MODELS[modelId], {
    "ai.telemetry.metadata.agent": "sales-email-agent",
    "ai.telemetry.metadata.tenant": caller.tenant,
    "ai.telemetry.metadata.customer_tier": caller.tier,
    "ai.telemetry.metadata.userId": caller.userId,
    "ai.telemetry.metadata.sessionId": caller.conversationId,
  });
  const prefix = rng.int(1200, 2000);
  let context = prefix + rng.int(200, 800);

  if (!call.step({ contextTokens: context, answerTokens: rng.int(30, 80), cachedPrefixTokens: prefix, finish: "tool" })) {
    return call.finish("AI_RetryError");
  }
  if (c.fail) {
    call.toolCall("crm_lookup", 5000, "AI_ToolExecutionError");
    return call.finish("AI_ToolExecutionError");
  }
  call.toolCall("crm_lookup", 180);
  if (rng.chance(0.4)) call.toolCall("get_product_catalog", 120);
  context += rng.int(600, 2000);

  if (!call.step({ contextTokens: context, answerTokens: rng.int(250, 700), cachedPrefixTokens: prefix, finish: "stop" })) {
    return call.finish("AI_RetryError");
  }
  return call.finish();
}

import { lastOutcome, planCalls, type CallOutcome, type CallRequest, type ScenarioContext } from "./calls";
import { EMBEDDING_MODEL } from "./models";
import { closeAfterChildren, newSpan, type Attrs, type SpanPlan } from "./plan";

/** Spans in the OpenInference dialect (Arize Phoenix, LangChain-style names), for variety. */

const CHAT_CLASS: Record<string, string> = { anthropic: "ChatAnthropic", openai: "ChatOpenAI" };
const PROVIDER_EXCEPTION: Record<string, string> = { anthropic: "anthropic.InternalServerError", openai: "openai.APIStatusError" };

function exceptionEvent(span: SpanPlan, exceptionType: string): void {
  span.error = true;
  span.events.push({ name: "exception", atMs: span.endMs, attributes: { "exception.type": exceptionType, "exception.escaped": false } });
}

export function llmSpan(outcome: CallOutcome): SpanPlan {
  const { model } = outcome;
  const span = newSpan(CHAT_CLASS[model.provider] ?? "ChatModel", "internal", outcome.startMs, {
    "openinference.span.kind": "LLM",
    "llm.provider": model.provider,
    "llm.system": model.provider,
    "llm.request.model_name": model.id,
    "input.mime_type": "application/json",
  });
  span.endMs = outcome.endMs;
  if (!outcome.ok) {
    span.attributes["llm.model_name"] = model.id;
    exceptionEvent(span, PROVIDER_EXCEPTION[model.provider] ?? "APIError");
    return span;
  }
  const { usage } = outcome;
  const attrs: Attrs = {
    "llm.model_name": model.responseModel,
    "llm.response.model_name": model.responseModel,
    "output.mime_type": "application/json",
    "llm.token_count.prompt": usage.input,
    "llm.token_count.completion": usage.output,
    "llm.token_count.total": usage.input + usage.output,
  };
  if (usage.cacheRead > 0) attrs["llm.token_count.prompt_details.cache_read"] = usage.cacheRead;
  if (usage.cacheWrite > 0) attrs["llm.token_count.prompt_details.cache_write"] = usage.cacheWrite;
  if (usage.reasoning > 0) attrs["llm.token_count.completion_details.reasoning"] = usage.reasoning;
  Object.assign(span.attributes, attrs);
  return span;
}

/** An OpenInference AGENT span with LLM, TOOL and RETRIEVER children. */
export class OpenInferenceAgent {
  readonly span: SpanPlan;
  t: number;

  constructor(
    readonly c: ScenarioContext,
    className: string,
    agentName: string,
  ) {
    const { caller } = c;
    this.span = newSpan(className, "internal", 0, {
      "openinference.span.kind": "AGENT",
      "agent.name": agentName,
      "session.id": caller.conversationId,
      "user.id": caller.userId,
      // OpenInference carries user metadata as a JSON string; only identifier-shaped values here.
      metadata: JSON.stringify({ tenant: caller.tenant, customer_tier: caller.tier }),
      "tag.tags": ["code-review", caller.tier],
    });
    this.t = Math.round(c.rng.range(2, 20));
  }

  pause(minMs = 2, maxMs = 30): void {
    this.t += Math.round(this.c.rng.range(minMs, maxMs));
  }

  llm(request: CallRequest): CallOutcome {
    const outcomes = planCalls(this.c, this.t, request);
    for (const outcome of outcomes) this.span.children.push(llmSpan(outcome));
    const last = lastOutcome(outcomes);
    this.t = last.endMs;
    this.pause();
    return last;
  }

  tool(name: string, medianMs: number, exceptionType?: string): SpanPlan {
    const span = newSpan(name, "internal", this.t, { "openinference.span.kind": "TOOL", "tool.name": name });
    span.endMs = this.t + Math.max(2, Math.round(this.c.rng.logNormal(medianMs, 0.6)));
    if (exceptionType !== undefined) exceptionEvent(span, exceptionType);
    this.span.children.push(span);
    this.t = span.endMs;
    this.pause();
    return span;
  }

  retriever(name: string): SpanPlan {
    const { rng } = this.c;
    const span = newSpan(name, "internal", this.t, { "openinference.span.kind": "RETRIEVER" });
    const tokens = rng.int(20, 120);
    const embedding = newSpan("OpenAIEmbeddings", "internal", this.t + rng.int(1, 5), {
      "openinference.span.kind": "EMBEDDING",
      "embedding.model_name": EMBEDDING_MODEL.id,
      "llm.provider": EMBEDDING_MODEL.provider,
      "llm.token_count.prompt": tokens,
      "llm.token_count.total": tokens,
    });
    embedding.endMs = embedding.startMs + Math.round(rng.logNormal(110, 0.4));
    span.children.push(embedding);
    span.endMs = embedding.endMs + Math.round(rng.logNormal(60, 0.5));
    this.span.children.push(span);
    this.t = span.endMs;
    this.pause();
    return span;
  }

  finish(exceptionType?: string): SpanPlan {
    this.span.endMs = this.t;
    closeAfterChildren(this.span, Math.round(this.c.rng.range(1, 10)));
    if (exceptionType !== undefined) exceptionEvent(this.span, exceptionType);
    return this.span;
  }
}

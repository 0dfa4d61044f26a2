import { lastOutcome, planCalls, type CallOutcome, type CallRequest, type FinishKind, type ScenarioContext } from "./calls";
import { addUsage, NO_USAGE, type ModelSpec, type Usage } from "./models";
import { closeAfterChildren, newSpan, type Attrs, type SpanPlan } from "./plan";

/** Spans as the Vercel AI SDK (v6) emits them with experimental_telemetry on. */

const SDK_PROVIDER: Record<string, string> = { openai: "openai.chat", anthropic: "anthropic.messages", mistral_ai: "mistral.chat", "gcp.gemini": "google.generative-ai" };
const SDK_FINISH: Record<FinishKind, string> = { stop: "stop", tool: "tool-calls", length: "length" };

function sdkUsage(usage: Usage): Attrs {
  return {
    "ai.usage.inputTokens": usage.input,
    "ai.usage.outputTokens": usage.output,
    "ai.usage.totalTokens": usage.input + usage.output,
    "ai.usage.inputTokenDetails.noCacheTokens": usage.input - usage.cacheRead - usage.cacheWrite,
    "ai.usage.inputTokenDetails.cacheReadTokens": usage.cacheRead,
    "ai.usage.inputTokenDetails.cacheWriteTokens": usage.cacheWrite,
    "ai.usage.outputTokenDetails.textTokens": usage.output - usage.reasoning,
    "ai.usage.outputTokenDetails.reasoningTokens": usage.reasoning,
    "ai.usage.cachedInputTokens": usage.cacheRead,
    "ai.usage.reasoningTokens": usage.reasoning,
  };
}

function failWithException(span: SpanPlan, exceptionType: string): void {
  span.error = true;
  span.events.push({ name: "exception", atMs: span.endMs, attributes: { "exception.type": exceptionType } });
}

/** One `generateText` call: a wrapper span summing its doGenerate steps and tool calls. */
export class GenerateTextCall {
  readonly span: SpanPlan;
  t: number;
  usage: Usage = NO_USAGE;
  private readonly common: Attrs;
  private lastFinish: FinishKind = "stop";

  constructor(
    readonly c: ScenarioContext,
    readonly functionId: string,
    readonly model: ModelSpec,
    metadata: Attrs,
  ) {
    this.common = {
      "resource.name": functionId,
      "ai.telemetry.functionId": functionId,
      "ai.model.id": model.id,
      "ai.model.provider": SDK_PROVIDER[model.provider] ?? model.provider,
      "ai.settings.maxRetries": 2,
      ...metadata,
    };
    this.span = newSpan("ai.generateText", "internal", 0, {
      ...this.common,
      "ai.operationId": "ai.generateText",
      "operation.name": `ai.generateText ${functionId}`,
    });
    this.t = Math.round(c.rng.range(1, 8));
  }

  private doGenerateSpan(outcome: CallOutcome): SpanPlan {
    const { model } = outcome;
    const span = newSpan("ai.generateText.doGenerate", "client", outcome.startMs, {
      ...this.common,
      "ai.operationId": "ai.generateText.doGenerate",
      "operation.name": `ai.generateText.doGenerate ${this.functionId}`,
      "gen_ai.system": SDK_PROVIDER[model.provider] ?? model.provider,
      "gen_ai.request.model": model.id,
    });
    span.endMs = outcome.endMs;
    if (!outcome.ok) {
      failWithException(span, "AI_APICallError");
      return span;
    }
    const finish = SDK_FINISH[outcome.finish];
    Object.assign(span.attributes, {
      "ai.response.finishReason": finish,
      "ai.response.model": model.responseModel,
      "ai.response.id": `aitxt-${this.c.rng.alnum(24)}`,
      "gen_ai.response.model": model.responseModel,
      "gen_ai.response.finish_reasons": [finish],
      "gen_ai.usage.input_tokens": outcome.usage.input,
      "gen_ai.usage.output_tokens": outcome.usage.output,
      ...sdkUsage(outcome.usage),
    });
    return span;
  }

  /** One model step; returns false when every retry failed (the SDK then throws). */
  step(request: Omit<CallRequest, "model" | "fallback">): boolean {
    const outcomes = planCalls(this.c, this.t, { ...request, model: this.model.id });
    for (const outcome of outcomes) this.span.children.push(this.doGenerateSpan(outcome));
    const last = lastOutcome(outcomes);
    this.t = last.endMs + Math.round(this.c.rng.range(1, 10));
    if (!last.ok) return false;
    this.usage = addUsage(this.usage, last.usage);
    this.lastFinish = last.finish;
    return true;
  }

  toolCall(name: string, medianMs: number, exceptionType?: string): SpanPlan {
    const span = newSpan("ai.toolCall", "internal", this.t, {
      ...this.common,
      "ai.operationId": "ai.toolCall",
      "operation.name": `ai.toolCall ${this.functionId}`,
      "ai.toolCall.name": name,
      "ai.toolCall.id": `call_${this.c.rng.alnum(24)}`,
    });
    span.endMs = this.t + Math.max(2, Math.round(this.c.rng.logNormal(medianMs, 0.6)));
    if (exceptionType !== undefined) failWithException(span, exceptionType);
    this.span.children.push(span);
    this.t = span.endMs + Math.round(this.c.rng.range(1, 10));
    return span;
  }

  finish(exceptionType?: string): SpanPlan {
    this.span.endMs = this.t;
    closeAfterChildren(this.span, Math.round(this.c.rng.range(1, 6)));
    if (exceptionType !== undefined) {
      failWithException(this.span, exceptionType);
      return this.span;
    }
    Object.assign(this.span.attributes, { "ai.response.finishReason": SDK_FINISH[this.lastFinish], ...sdkUsage(this.usage) });
    return this.span;
  }
}

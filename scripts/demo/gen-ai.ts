import { lastOutcome, planCalls, type CallOutcome, type CallRequest, type ScenarioContext } from "./calls";
import { addUsage, EMBEDDING_MODEL, NO_USAGE, type Usage } from "./models";
import { closeAfterChildren, markError, newSpan, type Attrs, type SpanPlan } from "./plan";

/** Spans in the current OTel GenAI semantic conventions (gen_ai.*). */

function usageAttrs(usage: Usage, withCache: boolean): Attrs {
  const attrs: Attrs = {
    "gen_ai.usage.input_tokens": usage.input,
    "gen_ai.usage.output_tokens": usage.output,
  };
  if (withCache && usage.cacheRead > 0) attrs["gen_ai.usage.cache_read.input_tokens"] = usage.cacheRead;
  if (withCache && usage.cacheWrite > 0) attrs["gen_ai.usage.cache_creation.input_tokens"] = usage.cacheWrite;
  if (usage.reasoning > 0) attrs["gen_ai.usage.reasoning.output_tokens"] = usage.reasoning;
  return attrs;
}

export function chatSpan(outcome: CallOutcome): SpanPlan {
  const { model } = outcome;
  const span = newSpan(`chat ${model.id}`, "client", outcome.startMs, {
    "gen_ai.operation.name": "chat",
    "gen_ai.provider.name": model.provider,
    "gen_ai.request.model": model.id,
    "server.address": model.serverAddress,
    "server.port": 443,
    "gen_ai.request.max_tokens": 4096,
    "gen_ai.request.temperature": 0.2,
  });
  span.endMs = outcome.endMs;
  if (!outcome.ok) {
    span.attributes["http.response.status_code"] = outcome.httpStatus;
    return markError(span, outcome.errorType);
  }
  span.attributes["gen_ai.response.model"] = model.responseModel;
  if (outcome.responseId !== null) span.attributes["gen_ai.response.id"] = outcome.responseId;
  span.attributes["gen_ai.response.finish_reasons"] = [model.finishReasons[outcome.finish]];
  Object.assign(span.attributes, usageAttrs(outcome.usage, true));
  return span;
}

/** One agent invocation; children are appended in time order through its helpers. */
export class GenAiAgent {
  readonly span: SpanPlan;
  t: number;
  usage: Usage = NO_USAGE;
  private toolCallPrefix = "call_";

  constructor(
    readonly c: ScenarioContext,
    agentName: string,
    startMs: number,
    isRoot: boolean,
  ) {
    this.span = newSpan(`invoke_agent ${agentName}`, "internal", startMs, {
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.agent.name": agentName,
      "gen_ai.conversation.id": c.caller.conversationId,
    });
    if (isRoot) {
      this.span.attributes["user.id"] = c.caller.userId;
      this.span.attributes["ai.telemetry.metadata.tenant"] = c.caller.tenant;
      this.span.attributes["app.customer_tier"] = c.caller.tier;
    }
    this.t = startMs + Math.round(c.rng.range(2, 25));
  }

  /** Agent bookkeeping between steps. */
  pause(minMs = 3, maxMs = 40): void {
    this.t += Math.round(this.c.rng.range(minMs, maxMs));
  }

  chat(request: CallRequest): CallOutcome {
    const outcomes = planCalls(this.c, this.t, request);
    for (const outcome of outcomes) this.span.children.push(chatSpan(outcome));
    const last = lastOutcome(outcomes);
    if (last.ok) this.usage = addUsage(this.usage, last.usage);
    this.toolCallPrefix = last.model.provider === "anthropic" ? "toolu_01" : "call_";
    this.t = last.endMs;
    this.pause();
    return last;
  }

  /** Adds a failed call span as-is (a run that is meant to fail). */
  failedChat(outcome: CallOutcome): void {
    this.span.children.push(chatSpan(outcome));
    this.t = outcome.endMs;
    this.pause();
  }

  tool(name: string, medianMs: number, errorType?: string): SpanPlan {
    const span = newSpan(`execute_tool ${name}`, "internal", this.t, {
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": name,
      "gen_ai.tool.type": "function",
      "gen_ai.tool.call.id": this.toolCallPrefix + this.c.rng.alnum(22),
    });
    span.endMs = this.t + Math.max(2, Math.round(this.c.rng.logNormal(medianMs, 0.6)));
    if (errorType !== undefined) markError(span, errorType);
    this.span.children.push(span);
    this.t = span.endMs;
    this.pause();
    return span;
  }

  embeddings(parent: SpanPlan, tokens: number): SpanPlan {
    const span = newSpan(`embeddings ${EMBEDDING_MODEL.id}`, "client", this.t, {
      "gen_ai.operation.name": "embeddings",
      "gen_ai.provider.name": EMBEDDING_MODEL.provider,
      "gen_ai.request.model": EMBEDDING_MODEL.id,
      "gen_ai.response.model": EMBEDDING_MODEL.id,
      "gen_ai.embeddings.dimension.count": EMBEDDING_MODEL.dimensions,
      "gen_ai.usage.input_tokens": tokens,
      "server.address": EMBEDDING_MODEL.serverAddress,
    });
    span.endMs = this.t + Math.round(this.c.rng.logNormal(120, 0.4));
    parent.children.push(span);
    this.t = span.endMs;
    return span;
  }

  /** Vector search: embed the query, then look up the store. */
  retrieval(dataSource: string, topK: number): SpanPlan {
    const span = newSpan(`retrieval ${dataSource}`, "client", this.t, {
      "gen_ai.operation.name": "retrieval",
      "gen_ai.data_source.id": dataSource,
      "gen_ai.request.top_k": topK,
    });
    this.t += Math.round(this.c.rng.range(1, 6));
    this.embeddings(span, this.c.rng.int(12, 90));
    this.t += Math.round(this.c.rng.logNormal(45, 0.5));
    span.endMs = this.t;
    this.span.children.push(span);
    this.pause();
    return span;
  }

  /** A nested agent run (the body returns an error type if it failed); usage rolls up into this agent's aggregate. */
  subAgent(name: string, body: (agent: GenAiAgent) => string | void, startMs = this.t): GenAiAgent {
    const child = new GenAiAgent(this.c, name, startMs, false);
    const errorType = body(child);
    child.finish(errorType ?? undefined);
    this.span.children.push(child.span);
    this.usage = addUsage(this.usage, child.usage);
    this.t = Math.max(this.t, child.span.endMs);
    return child;
  }

  /** Closes the agent span with aggregate usage (never billed again: its children are). */
  finish(errorType?: string): SpanPlan {
    this.span.endMs = this.t;
    closeAfterChildren(this.span, Math.round(this.c.rng.range(1, 15)));
    if (this.usage.input > 0) Object.assign(this.span.attributes, usageAttrs(this.usage, false));
    if (errorType !== undefined) markError(this.span, errorType);
    return this.span;
  }
}

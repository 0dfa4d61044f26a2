// Who and what a span is about: agent, tool, conversation and end user
// (semconv.md section 1). Only metadata keys are read, never content keys.
import type { LayeredAttributes } from "./attribute-reader";
import type { OperationKind } from "./types";

const CONVERSATION_KEYS = [
  "gen_ai.conversation.id",
  "session.id",
  "langfuse.session.id",
  "traceloop.association.properties.session_id",
  "ai.telemetry.metadata.conversationId",
  "ai.telemetry.metadata.sessionId",
] as const;

const USER_KEYS = [
  "user.id",
  "langfuse.user.id",
  "traceloop.association.properties.user_id",
  "ai.telemetry.metadata.userId",
  "enduser.id",
] as const;

const AGENT_KEYS = ["gen_ai.agent.name", "agent.name"] as const;
const TOOL_KEYS = ["gen_ai.tool.name", "tool.name", "ai.toolCall.name"] as const;

export interface SpanIdentity {
  agentName: string | null;
  toolName: string | null;
  conversationId: string | null;
  userId: string | null;
}

export function resolveIdentity(attrs: LayeredAttributes, operation: OperationKind): SpanIdentity {
  const traceloopKind = attrs.get("traceloop.span.kind");
  return {
    agentName: resolveAgentName(attrs, operation, traceloopKind === "agent"),
    toolName:
      attrs.firstIdentifier(TOOL_KEYS) ??
      (traceloopKind === "tool" ? attrs.identifier("traceloop.entity.name") : null),
    conversationId: attrs.firstIdentifier(CONVERSATION_KEYS),
    userId: attrs.firstIdentifier(USER_KEYS),
  };
}

function resolveAgentName(
  attrs: LayeredAttributes,
  operation: OperationKind,
  traceloopAgent: boolean,
): string | null {
  const named = attrs.firstIdentifier(AGENT_KEYS);
  if (named !== null) return named;
  if (traceloopAgent) {
    const entity = attrs.identifier("traceloop.entity.name");
    if (entity !== null) return entity;
  }
  // Traceloop sets workflow.name on workflow spans too; only an agent span names an agent
  if (traceloopAgent || operation === "agent") {
    const workflow = attrs.identifier("traceloop.workflow.name");
    if (workflow !== null) return workflow;
  }
  return attrs.identifier("ai.telemetry.metadata.agent");
}

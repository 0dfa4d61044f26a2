// Why the model stopped (semconv.md section 1, "finish_reasons"), read from
// metadata keys before content is dropped; raw values, not normalized.
import type { AnyValue } from "@/lib/otlp/types";
import { toIdentifier, type LayeredAttributes } from "./attribute-reader";

/** A request yields one reason per choice; more than this is not a finish-reason list. */
const MAX_REASONS = 32;

const SINGLE_REASON_KEYS = ["ai.response.finishReason", "llm.finish_reason"] as const;

export function resolveFinishReasons(attrs: LayeredAttributes): string[] | null {
  const listed = toReasonList(attrs.get("gen_ai.response.finish_reasons"));
  if (listed !== null) return listed;
  for (const key of SINGLE_REASON_KEYS) {
    const reason = attrs.identifier(key);
    if (reason !== null) return [reason];
  }
  return indexedCompletionReasons(attrs);
}

function toReasonList(value: AnyValue | undefined): string[] | null {
  if (value === undefined) return null;
  if (!Array.isArray(value)) {
    const single = toIdentifier(value);
    return single === null ? null : [single];
  }
  const reasons: string[] = [];
  for (const item of value) {
    if (reasons.length === MAX_REASONS) break;
    const reason = typeof item === "string" ? toIdentifier(item) : null;
    if (reason !== null) reasons.push(reason);
  }
  return reasons.length > 0 ? reasons : null;
}

/** Legacy Traceloop: gen_ai.completion.{i}.finish_reason, one per choice, indexed from 0. */
function indexedCompletionReasons(attrs: LayeredAttributes): string[] | null {
  let reasons: string[] | null = null;
  for (let i = 0; i < MAX_REASONS; i++) {
    const value = attrs.get(`gen_ai.completion.${i}.finish_reason`);
    if (value === undefined) break;
    const reason = toIdentifier(value);
    if (reason !== null) (reasons ??= []).push(reason);
  }
  return reasons;
}

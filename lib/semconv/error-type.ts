// The span's error class (semconv.md section 1, "error_type"): never the
// error message, which is content.
import type { OtlpSpan } from "@/lib/otlp/types";
import { StatusCode } from "@/lib/otlp/types";
import { toIdentifier, type LayeredAttributes } from "./attribute-reader";

/** semconv's fallback error.type when the class is unknown. */
export const OTHER_ERROR = "_OTHER";

export function resolveErrorType(span: OtlpSpan, attrs: LayeredAttributes): string | null {
  const declared = attrs.identifier("error.type");
  if (declared !== null) return declared;
  for (const event of span.events) {
    if (event.name !== "exception") continue;
    const type = toIdentifier(event.attributes["exception.type"]);
    if (type !== null) return type;
  }
  if (span.status.code === StatusCode.ERROR) return OTHER_ERROR;
  const level = attrs.get("langfuse.observation.level");
  return level === "ERROR" ? OTHER_ERROR : null;
}

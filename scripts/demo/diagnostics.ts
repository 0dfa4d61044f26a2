import { diag, DiagLogLevel, type DiagLogger } from "@opentelemetry/api";

/** What the OTel SDK reported on its diagnostic channel (partial successes, deserialization problems). */
export interface OtelDiagnostics {
  rejectedSpans: number;
  partialSuccessMessages: Set<string>;
  warnings: number;
  stop(): void;
}

const MAX_PRINTED = 5;

function rejectedCount(value: unknown): number {
  const count = Number(typeof value === "object" && value !== null ? String(value) : value);
  return Number.isFinite(count) ? count : 0;
}

/** Captures OTel SDK warnings so Skein's partial-success answers (rejected spans) are never silent. */
export function captureOtelDiagnostics(log: (line: string) => void): OtelDiagnostics {
  const state: OtelDiagnostics = { rejectedSpans: 0, partialSuccessMessages: new Set(), warnings: 0, stop: () => diag.disable() };
  let printed = 0;
  const report = (message: string, args: unknown[]): void => {
    if (message.startsWith("Received Partial Success response")) {
      try {
        const partial = JSON.parse(String(args[0])) as { rejectedSpans?: unknown; errorMessage?: unknown };
        state.rejectedSpans += rejectedCount(partial.rejectedSpans);
        const text = typeof partial.errorMessage === "string" ? partial.errorMessage : "";
        if (text !== "" && !state.partialSuccessMessages.has(text)) {
          state.partialSuccessMessages.add(text);
          log(`[demo] Skein partial success: ${text}`);
        }
      } catch {
        state.warnings += 1;
      }
      return;
    }
    state.warnings += 1;
    // Only the SDK's own message; its arguments can hold response bodies.
    if (printed < MAX_PRINTED) {
      printed += 1;
      log(`[demo] otel: ${message}`);
    }
  };
  const logger: DiagLogger = {
    error: (message, ...args) => report(message, args),
    warn: (message, ...args) => report(message, args),
    info: () => undefined,
    debug: () => undefined,
    verbose: () => undefined,
  };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  return state;
}

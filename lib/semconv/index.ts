// Public surface of lib/semconv: one decoded span in, its normalized fields out.
export { normalizeSpan } from "./normalize";
export { normalizeProviderName, providerFromServerAddress } from "./provider";
export type { NormalizedSpan, OperationKind, UsageScope } from "./types";

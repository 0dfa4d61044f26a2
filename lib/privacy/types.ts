// What the privacy filter keeps of a span: the only span-derived data that may
// be written, queued or logged (besides NormalizedSpan fields).

/** A kept attribute value: scalars or short arrays of scalars; never nested objects or bytes. */
export type KeptValue = string | number | boolean | (string | number | boolean)[];

export type KeptAttributes = Record<string, KeptValue>;

export interface KeptEvent {
  name: string;
  timeUnixNano: bigint;
  /** Only allowlisted event attributes (exception.type, exception.escaped, gen_ai.evaluation.score.*). */
  attributes: KeptAttributes;
}

export interface FilteredSpan {
  /** Span name capped at 256 characters. */
  name: string;
  attributes: KeptAttributes;
  events: KeptEvent[];
  /** Dropped attribute/event keys by pattern (numeric segments collapsed to `*`) → count. */
  droppedKeys: Record<string, number>;
  /** Number of dropped keys that matched the content denylist or value tripwire (for the partialSuccess warning). */
  contentHits: number;
}

export interface FilteredResource {
  attributes: KeptAttributes;
  droppedKeys: Record<string, number>;
  contentHits: number;
}

/** What is kept of an instrumentation scope: name and version (capped), filtered attributes. */
export interface FilteredScope {
  name: string;
  version: string;
  attributes: KeptAttributes;
  droppedKeys: Record<string, number>;
  contentHits: number;
}

// Hand-made spans and a bigint-safe dump for the privacy tests.

import type { Attributes, OtlpEvent, OtlpSpan } from "../otlp/types";
import type { PrivacyOptions } from "./options";

export const testOptions: PrivacyOptions = { metadataPrefixes: ["app."] };

export interface SpanParts {
  name?: string;
  events?: { name: string; attributes?: Attributes }[];
  statusMessage?: string;
  resourceAttributes?: Attributes;
  scopeAttributes?: Attributes;
}

export function makeSpan(attributes: Attributes, parts: SpanParts = {}): OtlpSpan {
  const events: OtlpEvent[] = (parts.events ?? []).map((e, i) => ({
    name: e.name,
    timeUnixNano: 1_700_000_000_000_000_000n + BigInt(i),
    attributes: e.attributes ?? {},
  }));
  return {
    traceId: "0af7651916cd43dd8448eb211c80319c",
    spanId: "b7ad6b7169203331",
    parentSpanId: null,
    traceState: "",
    flags: 0,
    name: parts.name ?? "span",
    kind: 1,
    startTimeUnixNano: 1_700_000_000_000_000_000n,
    endTimeUnixNano: 1_700_000_001_000_000_000n,
    attributes,
    droppedAttributesCount: 0,
    events,
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: parts.statusMessage === undefined ? 0 : 2, message: parts.statusMessage ?? "" },
    resource: { attributes: parts.resourceAttributes ?? {} },
    scope: { name: "test", version: "1.0.0", attributes: parts.scopeAttributes ?? {} },
  };
}

/** JSON dump of filter output (bigints as strings), as it would be written. */
export function dump(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}


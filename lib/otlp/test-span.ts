// Hand-made OtlpSpan objects for tests (one builder for every suite).
import type { Attributes, OtlpEvent, OtlpSpan, StatusCodeValue } from "./types";

export interface TestSpanOptions {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string | null;
  name?: string;
  kind?: number;
  startNs?: bigint;
  durationNs?: bigint;
  statusCode?: StatusCodeValue;
  statusMessage?: string;
  events?: { name: string; attributes?: Attributes }[];
  scopeName?: string;
  scopeVersion?: string;
  scopeAttributes?: Attributes;
  resourceAttributes?: Attributes;
}

export function makeTestSpan(attributes: Attributes, o: TestSpanOptions = {}): OtlpSpan {
  const start = o.startNs ?? 1_700_000_000_000_000_000n;
  const events: OtlpEvent[] = (o.events ?? []).map((e, i) => ({ name: e.name, timeUnixNano: start + BigInt(i), attributes: e.attributes ?? {} }));
  return {
    traceId: o.traceId ?? "0af7651916cd43dd8448eb211c80319c",
    spanId: o.spanId ?? "b7ad6b7169203331",
    parentSpanId: o.parentSpanId ?? null,
    traceState: "",
    flags: 0,
    name: o.name ?? "span",
    kind: o.kind ?? 1,
    startTimeUnixNano: start,
    endTimeUnixNano: start + (o.durationNs ?? 1_000_000_000n),
    attributes,
    droppedAttributesCount: 0,
    events,
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: o.statusCode ?? 0, message: o.statusMessage ?? "" },
    resource: { attributes: o.resourceAttributes ?? {} },
    scope: { name: o.scopeName ?? "test", version: o.scopeVersion ?? "", attributes: o.scopeAttributes ?? {} },
  };
}

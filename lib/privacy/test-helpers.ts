// Hand-made spans and a bigint-safe dump for the privacy tests.

import type { Attributes, OtlpSpan } from "../otlp/types";
import { makeTestSpan } from "../otlp/test-span";
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
  return makeTestSpan(attributes, {
    ...parts,
    statusCode: parts.statusMessage === undefined ? 0 : 2,
    scopeVersion: "1.0.0",
  });
}

/** JSON dump of filter output (bigints as strings), as it would be written. */
export function dump(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}


import { describe, expect, it } from "vitest";
import type { Attributes } from "@/lib/otlp/types";
import { normalizeSpan } from "./normalize";
import { makeSpan } from "./test-helpers";

const reasonsOf = (attrs: Attributes) => normalizeSpan(makeSpan(attrs)).finishReasons;

describe("finishReasons", () => {
  it("gen_ai.response.finish_reasons first, raw values", () => {
    expect(
      reasonsOf({
        "gen_ai.response.finish_reasons": ["tool-calls", "stop"],
        "ai.response.finishReason": "length",
        "llm.finish_reason": "x",
      }),
    ).toEqual(["tool-calls", "stop"]);
  });

  it("then [ai.response.finishReason]", () => {
    expect(reasonsOf({ "ai.response.finishReason": "length", "llm.finish_reason": "x" })).toEqual(["length"]);
  });

  it("then [llm.finish_reason]", () => {
    expect(reasonsOf({ "llm.finish_reason": "stop", "gen_ai.completion.0.finish_reason": "x" })).toEqual(["stop"]);
  });

  it("then the legacy indexed gen_ai.completion.{i}.finish_reason keys", () => {
    expect(
      reasonsOf({
        "gen_ai.completion.0.finish_reason": "stop",
        "gen_ai.completion.0.content": "CANARY",
        "gen_ai.completion.1.finish_reason": "length",
        "gen_ai.completion.3.finish_reason": "gap-not-read",
      }),
    ).toEqual(["stop", "length"]);
  });

  it("accepts a single string, drops non-strings and empty lists fall through", () => {
    expect(reasonsOf({ "gen_ai.response.finish_reasons": "stop" })).toEqual(["stop"]);
    expect(reasonsOf({ "gen_ai.response.finish_reasons": ["stop", 3, ""] })).toEqual(["stop"]);
    expect(reasonsOf({ "gen_ai.response.finish_reasons": [], "llm.finish_reason": "stop" })).toEqual(["stop"]);
  });

  it("caps the list at 32 reasons", () => {
    expect(reasonsOf({ "gen_ai.response.finish_reasons": Array.from({ length: 40 }, () => "stop") })).toHaveLength(32);
  });

  it("is null when nothing reports a reason", () => {
    expect(reasonsOf({})).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { normalizeSpan } from "./normalize";
import { makeSpan } from "./test-helpers";

describe("errorType", () => {
  it("error.type first", () => {
    const span = makeSpan(
      { "error.type": "rate_limit_exceeded" },
      { statusCode: 2, events: [{ name: "exception", attributes: { "exception.type": "APIError" } }] },
    );
    expect(normalizeSpan(span).errorType).toBe("rate_limit_exceeded");
  });

  it("then exception.type of the first exception event, never its message", () => {
    const span = makeSpan(
      {},
      {
        statusCode: 2,
        events: [
          { name: "ai.stream.firstChunk", attributes: { "exception.type": "NotAnException" } },
          { name: "exception", attributes: { "exception.type": "AI_APICallError", "exception.message": "CANARY" } },
          { name: "exception", attributes: { "exception.type": "Second" } },
        ],
      },
    );
    expect(normalizeSpan(span).errorType).toBe("AI_APICallError");
  });

  it("then _OTHER when the status is ERROR", () => {
    const span = makeSpan({}, { statusCode: 2, events: [{ name: "exception", attributes: { "exception.message": "x" } }] });
    expect(normalizeSpan(span).errorType).toBe("_OTHER");
  });

  it("then _OTHER when the Langfuse level is ERROR", () => {
    expect(normalizeSpan(makeSpan({ "langfuse.observation.level": "ERROR" })).errorType).toBe("_OTHER");
    expect(normalizeSpan(makeSpan({ "langfuse.observation.level": "WARNING" })).errorType).toBeNull();
  });

  it("else null", () => {
    expect(normalizeSpan(makeSpan({}, { statusCode: 1 })).errorType).toBeNull();
    expect(normalizeSpan(makeSpan({})).errorType).toBeNull();
  });

  it("keeps a numeric error.type as its decimal string", () => {
    expect(normalizeSpan(makeSpan({ "error.type": 503 })).errorType).toBe("503");
  });
});

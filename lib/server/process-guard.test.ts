import { describe, expect, it } from "vitest";
import { isPostgresJsInternalFault } from "./process-guard";

describe("process guard", () => {
  it("recognises only postgres.js internal TypeErrors", () => {
    const fault = new TypeError("x");
    fault.stack = "TypeError: x\n    at nextWrite (/app/node_modules/postgres/src/connection.js:250:12)";
    expect(isPostgresJsInternalFault(fault)).toBe(true);
    const ours = new TypeError("x");
    ours.stack = "TypeError: x\n    at ingest (/app/lib/ingest/ingest.ts:10:1)";
    expect(isPostgresJsInternalFault(ours)).toBe(false);
    const other = new Error("x");
    other.stack = "Error: x\n    at (/app/node_modules/postgres/src/connection.js:1:1)";
    expect(isPostgresJsInternalFault(other)).toBe(false);
  });
});

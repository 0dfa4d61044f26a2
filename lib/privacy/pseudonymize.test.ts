import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { pseudonymizeUserId } from "./pseudonymize";

describe("pseudonymizeUserId", () => {
  it("is u_ plus the first 32 hex chars of HMAC-SHA256(key, id)", () => {
    const expected = "u_" + createHmac("sha256", "secret").update("user-0").digest("hex").slice(0, 32);
    expect(pseudonymizeUserId("user-0", "secret")).toBe(expected);
    expect(pseudonymizeUserId("user-0", "secret")).toMatch(/^u_[0-9a-f]{32}$/);
  });

  it("is deterministic per key, differs across ids and keys", () => {
    const a = pseudonymizeUserId("user-0", "k1");
    expect(pseudonymizeUserId("user-0", "k1")).toBe(a);
    expect(pseudonymizeUserId("user-1", "k1")).not.toBe(a);
    expect(pseudonymizeUserId("user-0", "k2")).not.toBe(a);
  });

  it("hashes unicode ids as UTF-8 and refuses an empty key without echoing the id", () => {
    expect(pseudonymizeUserId("Zoë", "k")).toBe(
      "u_" + createHmac("sha256", "k").update(Buffer.from("Zoë", "utf8")).digest("hex").slice(0, 32),
    );
    expect(() => pseudonymizeUserId("user-secret", "")).toThrow("pseudonymizeUserId: empty key");
  });
});

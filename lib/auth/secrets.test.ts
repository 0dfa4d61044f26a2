import { describe, expect, it } from "vitest";
import { hashPassword, randomSecret, sha256Hex, verifyPassword } from "./secrets";

describe("secrets", () => {
  it("verifies the right password and rejects others", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });

  it("salts each hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("makes distinct prefixed secrets and stable hashes", () => {
    const a = randomSecret("sk_");
    expect(a).toMatch(/^sk_[A-Za-z0-9_-]{32}$/);
    expect(a).not.toBe(randomSecret("sk_"));
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

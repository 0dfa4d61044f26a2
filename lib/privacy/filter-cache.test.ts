// The per-key classification cache of filter-attributes.ts and the per-batch pseudonym memo:
// both are speed-ups only, so results must not depend on what was classified or memoized before.
import { describe, expect, it } from "vitest";
import { filterResource } from "./filter-resource";
import { filterSpan } from "./filter-span";
import type { PrivacyOptions } from "./options";
import { pseudonymizeUserId, pseudonymizeUserIdMemo } from "./pseudonymize";
import { makeSpan } from "./test-helpers";

describe("key classification cache", () => {
  it("keeps tenant prefixes apart: the same key is metadata under one option set and dropped under another", () => {
    const withApp: PrivacyOptions = { metadataPrefixes: ["app."] };
    const withTeam: PrivacyOptions = { metadataPrefixes: ["team."] };
    const attrs = { "app.region": "eu", "team.name": "core" };
    for (let round = 0; round < 3; round++) {
      expect(filterSpan(makeSpan(attrs), withApp).attributes).toEqual({ "app.region": "eu" });
      expect(filterSpan(makeSpan(attrs), withTeam).attributes).toEqual({ "team.name": "core" });
    }
  });

  it("keeps span and resource surfaces apart (host.arch is kept on resources only)", () => {
    const opts: PrivacyOptions = { metadataPrefixes: [] };
    for (let round = 0; round < 2; round++) {
      expect(filterResource({ attributes: { "host.arch": "amd64" } }, opts).attributes).toEqual({ "host.arch": "amd64" });
      const span = filterSpan(makeSpan({ "host.arch": "amd64" }), opts);
      expect(span.attributes).toEqual({});
      expect(span.droppedKeys).toEqual({ "host.arch": 1 });
    }
  });

  it("gives the same answers past its size bound (thousands of distinct keys)", () => {
    const opts: PrivacyOptions = { metadataPrefixes: ["app."] };
    for (let i = 0; i < 10_000; i += 500) {
      const attrs: Record<string, number | string> = {};
      for (let k = i; k < i + 500; k++) attrs[`x.k${k}`] = k;
      attrs["gen_ai.input.messages"] = "[content]";
      attrs["app.tier"] = "gold";
      const f = filterSpan(makeSpan(attrs), opts);
      expect(Object.keys(f.attributes)).toHaveLength(501);
      expect(f.attributes["app.tier"]).toBe("gold");
      expect(f.contentHits).toBe(1);
      expect(f.droppedKeys).toEqual({ "gen_ai.input.messages": 1 });
    }
  });
});

describe("pseudonym memo", () => {
  it("returns what pseudonymizeUserId returns, per key, and holds nothing when not given a memo", () => {
    const memo = new Map<string, string>();
    for (const key of ["k1", "k2"]) {
      for (const id of ["alice", "bob", "alice", "", "ünï"]) {
        if (id === "") continue;
        expect(pseudonymizeUserIdMemo(id, key, memo)).toBe(pseudonymizeUserId(id, key));
      }
    }
    expect(memo.size).toBe(6);
    expect(pseudonymizeUserIdMemo("carol", "k1", undefined)).toBe(pseudonymizeUserId("carol", "k1"));
  });

  it("is shared by the filter through PrivacyOptions.pseudonyms", () => {
    const pseudonyms = new Map<string, string>();
    const f = filterSpan(makeSpan({ "user.id": "alice@example.com" }), { metadataPrefixes: [], userIdKey: "key", pseudonyms });
    expect(f.attributes["user.id"]).toBe(pseudonymizeUserId("alice@example.com", "key"));
    expect([...pseudonyms.values()]).toEqual([f.attributes["user.id"]]);
  });
});

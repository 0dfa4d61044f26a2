import { describe, expect, it } from "vitest";
import { serverNodeFlags } from "./node-flags.mjs";

describe("serverNodeFlags", () => {
  it("runs GC on the allocating threads on two cores or fewer, with V8's helpers above that", () => {
    expect(serverNodeFlags(1)).toEqual(["--single-threaded-gc"]);
    expect(serverNodeFlags(2)).toEqual(["--single-threaded-gc"]);
    expect(serverNodeFlags(3)).toEqual([]);
    expect(serverNodeFlags(16)).toEqual([]);
  });

  it("is a flag this Node accepts", async () => {
    const { execFileSync } = await import("node:child_process");
    const out = execFileSync(process.execPath, [...serverNodeFlags(2), "-e", "process.stdout.write('ok')"], { encoding: "utf8" });
    expect(out).toBe("ok");
  });
});

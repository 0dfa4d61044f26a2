import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { configuredWorkerCount, defaultWorkerCount } from "./pool";

describe("SKEIN_INGEST_WORKERS", () => {
  it("sets the worker count, 0 meaning the server thread; unset means cores − 1 (max 4)", () => {
    expect(configuredWorkerCount(parseEnv({ SKEIN_INGEST_WORKERS: "0" }))).toBe(0);
    expect(configuredWorkerCount(parseEnv({ SKEIN_INGEST_WORKERS: "3" }))).toBe(3);
    expect(configuredWorkerCount(parseEnv({}))).toBe(defaultWorkerCount());
  });

  it("rejects a negative or absurd count", () => {
    expect(() => parseEnv({ SKEIN_INGEST_WORKERS: "-1" })).toThrow();
    expect(() => parseEnv({ SKEIN_INGEST_WORKERS: "17" })).toThrow();
    expect(() => parseEnv({ SKEIN_INGEST_WORKERS: "two" })).toThrow();
  });
});

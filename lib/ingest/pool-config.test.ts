import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { parseEnv } from "@/lib/env";
import { availableCores } from "@/scripts/node-flags.mjs";
import { defaultWriteConcurrency } from "./ingest";
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

describe("SKEIN_INGEST_WRITERS default", () => {
  const pg = { kind: "postgres" } as Db;
  const cores = availableCores();
  it("is one per core, at most half the requests let in and the pool less 2, at least 2; PGlite 1", () => {
    expect(defaultWriteConcurrency({ kind: "pglite" } as Db, parseEnv({}))).toBe(1);
    expect(defaultWriteConcurrency(pg, parseEnv({}))).toBe(Math.max(2, Math.min(cores, 4)));
    expect(defaultWriteConcurrency(pg, parseEnv({ SKEIN_INGEST_CONCURRENCY: "64", SKEIN_DB_POOL: "40" }))).toBe(Math.max(2, Math.min(cores, 32)));
    expect(defaultWriteConcurrency(pg, parseEnv({ SKEIN_INGEST_CONCURRENCY: "64", SKEIN_DB_POOL: "3" }))).toBe(2);
    expect(defaultWriteConcurrency(pg, parseEnv({ SKEIN_INGEST_CONCURRENCY: "1" }))).toBe(2);
    expect(() => parseEnv({ SKEIN_INGEST_WRITERS: "0" })).toThrow();
  });
});

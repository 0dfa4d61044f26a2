// The ingest worker pool: results identical to the in-thread path, errors of the same
// class and text, a crashed worker fails only its own request (503) and the pool
// recovers, context snapshots follow the runtime's, and a pool that cannot start
// workers runs in the calling thread.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { ServiceUnavailableError } from "@/lib/errors";
import { OtlpDecodeError, PayloadTooLargeError, UnsupportedEncodingError, UnsupportedMediaTypeError } from "@/lib/otlp/errors";
import { randomRequest } from "@/lib/otlp/random-request";
import { BUILTIN_PRICES } from "@/lib/pricing/builtin-prices";
import { createPriceIndex } from "@/lib/pricing/match";
import type { ModelPrice } from "@/lib/pricing/types";
import { encodeRequest, type EncodedRequest } from "./encode";
import { IngestPool, IngestWorkerCrashedError } from "./pool";
import type { PrepareContext } from "./prepare";

const FIXTURES = path.resolve(__dirname, "../../../shared/fixtures/otlp");
const PROTOBUF = "application/x-protobuf";
const MAX = 64 * 1024 * 1024;

function contextOf(prices: readonly ModelPrice[]): { ctx: PrepareContext; load: () => Promise<ModelPrice[]> } {
  return {
    ctx: { privacy: { metadataPrefixes: ["app."], userIdKey: "pool-test-key" }, prices: createPriceIndex(prices), pseudonymKey: "pool-test-key" },
    load: () => Promise.resolve([...prices]),
  };
}

const { ctx, load } = contextOf(BUILTIN_PRICES);

function input(body: Buffer, contentType = PROTOBUF, contentEncoding: string | null = null) {
  return { body, contentType, contentEncoding, maxBytes: MAX };
}

/** The pool takes ownership of (detaches) the bodies it sends: give it a copy. */
const copy = (b: Buffer) => Buffer.from(b);

const pools: IngestPool[] = [];
function newPool(...args: ConstructorParameters<typeof IngestPool>): IngestPool {
  const p = new IngestPool(...args);
  pools.push(p);
  return p;
}
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

function fixtureBodies(): [string, Buffer, string][] {
  return fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".pb") || (f.endsWith(".json") && f !== "expected.json"))
    .map((f) => [f, fs.readFileSync(path.join(FIXTURES, f)), f.endsWith(".pb") ? PROTOBUF : "application/json"]);
}

describe("IngestPool", () => {
  it("takes back written requests' COPY buffers for later requests, and their results stay exact", async () => {
    const pool = newPool({ workers: 1 });
    // Bodies of different sizes, so spare buffers are sometimes too small and sometimes not.
    for (const [i, n] of [3, 1, 8, 2, 8, 8, 1, 5].entries()) {
      const body = Buffer.concat(Array.from({ length: n }, (_, k) => randomRequest(300 + i * 10 + k)));
      const got = await pool.run(input(copy(body)), 7, ctx, load);
      expect(got).toEqual(encodeRequest(input(body), 7, ctx));
      const data = got.batch!.copyData;
      pool.recycle(got.batch);
      expect(data.byteLength, "the bytes moved to the worker").toBe(0);
    }
    // A batch the pool did not hand out (made in this thread) is left alone.
    const own = encodeRequest(input(randomRequest(5)), 7, ctx).batch!;
    pool.recycle(own);
    expect(own.copyData.byteLength).toBeGreaterThan(0);
  });

  it("gives decoded bodies' buffers back to carry later bodies, and results stay exact", async () => {
    const pool = newPool({ workers: 1 });
    expect(pool.bodyBuffer(1000), "nothing given back yet").toBeUndefined();
    // Big bodies first, then smaller ones read into the same buffers (stale bytes past their end),
    // a body that fails to decode (its buffer comes back too) and one too big for any spare.
    const sizes = [40, 40, 3, 12, 1, 40, 90];
    let lent = 0;
    for (const [i, n] of sizes.entries()) {
      const body = Buffer.concat(Array.from({ length: n }, (_, k) => randomRequest(500 + i * 100 + k, { spans: 30 })));
      const into = pool.bodyBuffer(body.length);
      if (into) {
        lent++;
        expect(into.byteOffset).toBe(0);
        expect(into.buffer.byteLength).toBeGreaterThanOrEqual(body.length);
        body.copy(into);
      }
      const sent = into ?? copy(body);
      const got = await pool.run(input(sent), 7, ctx, load);
      expect(got).toEqual(encodeRequest(input(body), 7, ctx));
      expect(sent.byteLength, "the body moved to the worker").toBe(0);
    }
    expect(lent).toBeGreaterThanOrEqual(4);
    const bad = pool.bodyBuffer(100 * 1024)!;
    bad.fill(0xff);
    await expect(pool.run(input(bad), 7, ctx, load)).rejects.toBeInstanceOf(OtlpDecodeError);
    expect(pool.bodyBuffer(100 * 1024), "a failed request's body comes back too").toBeDefined();
  });

  it("gives exactly the in-thread result for every fixture and 40 random requests", async () => {
    const pool = newPool({ workers: 2 });
    const cases: [string, Buffer, string][] = [...fixtureBodies(), ...Array.from({ length: 40 }, (_, i): [string, Buffer, string] => [`random ${i}`, randomRequest(i + 1), PROTOBUF])];
    const results = await Promise.all(cases.map(([, body, type]) => pool.run(input(copy(body), type), 7, ctx, load)));
    expect(pool.runsInThread).toBe(false);
    cases.forEach(([name, body, type], i) => {
      const want: EncodedRequest = encodeRequest(input(body, type), 7, ctx);
      expect({ name, ...results[i] }).toEqual({ name, ...want });
    });
    // With the unnest parameters a database without COPY needs (PGlite), too.
    const unnest = await pool.run(input(copy(randomRequest(3))), 7, ctx, load, { unnest: true });
    expect(unnest.batch!.unnest!.length).toBe(1);
    expect(unnest).toEqual(encodeRequest(input(randomRequest(3)), 7, ctx, { unnest: true }));
    // The cases are not trivial: spans, rejects, content hits and fallback-relevant fields all occur.
    expect(results.some((r) => r.rejected > 0)).toBe(true);
    expect(results.some((r) => r.contentHits > 0)).toBe(true);
    expect(results.some((r) => r.repeats > 0 || r.batch?.droppedPatterns.length)).toBe(true);
  });

  it("decompresses in the worker and answers gzip and deflate bodies like the in-thread path", async () => {
    const pool = newPool({ workers: 1 });
    const body = randomRequest(99, { spans: 200 });
    for (const [enc, packed] of [["gzip", zlib.gzipSync(body)], ["deflate", zlib.deflateSync(body)], ["deflate", zlib.deflateRawSync(body)]] as const) {
      expect(await pool.run(input(copy(packed), PROTOBUF, enc), 1, ctx, load)).toEqual(encodeRequest(input(body), 1, ctx));
    }
  });

  it("throws the in-thread path's error classes and texts: 400, 413, 415", async () => {
    const pool = newPool({ workers: 1 });
    const cases: [Buffer, string, string | null, new (...a: never[]) => Error, number][] = [
      [Buffer.from("garbage \xff\xff not protobuf"), PROTOBUF, null, OtlpDecodeError, 400],
      [Buffer.from("{not json"), "application/json", null, OtlpDecodeError, 400],
      [zlib.gzipSync(Buffer.alloc(2 * 1024 * 1024)), PROTOBUF, "gzip", PayloadTooLargeError, 413],
      [Buffer.from("x"), PROTOBUF, "br", UnsupportedEncodingError, 415],
      [Buffer.from("x"), "text/plain", null, UnsupportedMediaTypeError, 415],
    ];
    for (const [body, type, enc, cls, status] of cases) {
      const small = { ...input(copy(body), type, enc), maxBytes: 1024 * 1024 };
      let inThread: unknown;
      try {
        encodeRequest({ ...small, body }, 1, ctx);
      } catch (err) {
        inThread = err;
      }
      const err = await pool.run(small, 1, ctx, load).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(cls);
      expect(inThread).toBeInstanceOf(cls);
      expect((err as Error).message).toBe((inThread as Error).message);
      expect((err as { status: number }).status).toBe(status);
    }
    // The worker survived all of that.
    expect((await pool.run(input(copy(randomRequest(5))), 1, ctx, load)).accepted).toBeGreaterThan(0);
  });

  it("a worker that dies mid-request fails that request with a retryable 503, and the next request gets a fresh worker", async () => {
    // A small heap: a 60k-span request runs it out of memory, a small one does not.
    const pool = newPool({ workers: 1, resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } });
    const small = randomRequest(3);
    expect((await pool.run(input(copy(small)), 1, ctx, load)).accepted).toBeGreaterThan(0);
    const big = randomRequest(4, { spans: 60_000 });
    const err = await pool.run(input(copy(big)), 1, ctx, load).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestWorkerCrashedError);
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect((err as ServiceUnavailableError).status).toBe(503);
    expect((err as ServiceUnavailableError).retryAfterSeconds).toBeGreaterThan(0);
    expect(pool.runsInThread).toBe(false);
    const again = await pool.run(input(copy(small)), 1, ctx, load);
    expect(again).toEqual(encodeRequest(input(small), 1, ctx));
  });

  it("stops a worker that holds a request too long: that request gets a 503, the next one a fresh worker", async () => {
    const pool = newPool({ workers: 1, taskTimeoutMs: 150 });
    const small = randomRequest(21);
    expect((await pool.run(input(copy(small)), 1, ctx, load)).accepted).toBeGreaterThan(0);
    const slow = randomRequest(22, { spans: 40_000 });
    await expect(pool.run(input(copy(slow)), 1, ctx, load)).rejects.toBeInstanceOf(IngestWorkerCrashedError);
    expect(await pool.run(input(copy(small)), 1, ctx, load)).toEqual(encodeRequest(input(small), 1, ctx));
  });

  it("sends a new context snapshot when the runtime swaps its PrepareContext (price reload)", async () => {
    const pool = newPool({ workers: 1 });
    const body = fs.readFileSync(path.join(FIXTURES, "openllmetry-openai-0.pb"));
    const before = await pool.run(input(copy(body)), 1, ctx, load);
    // Everything ten times as expensive.
    const pricier = contextOf(BUILTIN_PRICES.map((p) => ({ ...p, input: p.input * 10, output: p.output * 10 })));
    const after = await pool.run(input(copy(body)), 1, pricier.ctx, pricier.load);
    expect(after).toEqual(encodeRequest(input(body), 1, pricier.ctx));
    expect(after.batch!.copyData).not.toEqual(before.batch!.copyData);
    // The old context still works for requests that were already on their way.
    expect(await pool.run(input(copy(body)), 1, ctx, load)).toEqual(before);
  });

  it("a failing price load fails the request and is retried by the next one", async () => {
    const pool = newPool({ workers: 1 });
    const fresh = contextOf(BUILTIN_PRICES).ctx;
    const down = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    await expect(pool.run(input(copy(randomRequest(6))), 1, fresh, () => Promise.reject(down))).rejects.toBe(down);
    expect((await pool.run(input(copy(randomRequest(6))), 1, fresh, load)).accepted).toBeGreaterThan(0);
  });

  it("runs in the calling thread when no worker can start, and with workers: 0", async () => {
    // Too little heap to even load the worker's modules.
    const broken = newPool({ workers: 1, resourceLimits: { maxOldGenerationSizeMb: 1, maxYoungGenerationSizeMb: 1 } });
    const body = randomRequest(8);
    expect(await broken.run(input(copy(body)), 1, ctx, load)).toEqual(encodeRequest(input(body), 1, ctx));
    expect(broken.runsInThread).toBe(true);
    const none = newPool({ workers: 0 });
    expect(none.runsInThread).toBe(true);
    expect(await none.run(input(body), 1, ctx, load)).toEqual(encodeRequest(input(body), 1, ctx));
  });
});

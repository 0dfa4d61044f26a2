// Differential test of the hand-written wire reader against protobufjs (decode-protobuf.ts,
// the reference): the same DecodedRequest for fixtures, SDK-made and random requests, and
// for hand-made edge encodings; and for corrupted bytes, either both fail or both agree.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createRng } from "@/lib/prng";
import { decodeProtobufReference } from "./decode-protobuf";
import { OtlpDecodeError } from "./errors";
import { randomRequest, randomRequestObject } from "./random-request";
import { ExportTraceServiceRequestType } from "./trace-schema";
import type { DecodedRequest } from "./types";
import { decodeProtobufWire } from "./wire-reader";

const FIXTURES = path.resolve(__dirname, "../../../shared/fixtures/otlp");

type Outcome = { ok: true; value: DecodedRequest } | { ok: false; error: unknown };

function attempt(decode: (b: Buffer) => DecodedRequest, body: Buffer): Outcome {
  try {
    return { ok: true, value: decode(body) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Same result, or both fail with OtlpDecodeError. */
function expectSame(body: Buffer, label: string): Outcome {
  const ref = attempt(decodeProtobufReference, body);
  const wire = attempt(decodeProtobufWire, body);
  if (ref.ok && wire.ok) expect(wire.value, label).toEqual(ref.value);
  else {
    expect({ label, ok: wire.ok }).toEqual({ label, ok: ref.ok });
    if (!wire.ok) expect(wire.error).toBeInstanceOf(OtlpDecodeError);
  }
  return ref;
}

// --- hand encoding, for shapes protobufjs never writes (repeats, unknown fields, groups)
function varint(n: number | bigint): number[] {
  let v = BigInt(n);
  if (v < 0n) v += 1n << 64n;
  const out: number[] = [];
  while (v > 0x7fn) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
const key = (field: number, wt: number) => varint(field * 8 + wt);
const ld = (field: number, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([...key(field, 2), ...varint(body.length)]), body]);
};
const vi = (field: number, n: number | bigint) => Buffer.from([...key(field, 0), ...varint(n)]);
const str = (field: number, s: string) => ld(field, Buffer.from(s));
const f64 = (field: number, n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return Buffer.concat([Buffer.from(key(field, 1)), b]);
};
const f32 = (field: number, n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return Buffer.concat([Buffer.from(key(field, 5)), b]);
};
const dbl = (field: number, n: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(n);
  return Buffer.concat([Buffer.from(key(field, 1)), b]);
};
const group = (field: number, ...parts: Buffer[]) => Buffer.concat([Buffer.from(key(field, 3)), ...parts, Buffer.from(key(field, 4))]);
const hex = (h: string) => Buffer.from(h, "hex");
const TRACE = hex("0af7651916cd43dd8448eb211c80319c");
const SPAN = hex("b7ad6b7169203331");

const kv = (k: string, ...value: Buffer[]) => Buffer.concat([str(1, k), ...value.map((v) => ld(2, v))]);
const spanWith = (...fields: Buffer[]) => Buffer.concat([ld(1, TRACE), ld(2, SPAN), vi(6, 2), f64(7, 1_700_000_000_000_000_001n), f64(8, 1_700_000_000_500_000_000n), ...fields]);
const request = (...spans: Buffer[]) => ld(1, ld(1, ld(1, kv("service.name", str(1, "svc")))), ld(2, ld(1, str(1, "scope")), ...spans.map((s) => ld(2, s))));

function nestedArray(depth: number, leaf: Buffer): Buffer {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = ld(5, ld(1, v));
  return v;
}

const EDGE_CASES: [string, Buffer][] = [
  ["plain span", request(spanWith(str(5, "chat"), ld(9, kv("a", str(1, "x")))))],
  ["repeated scalars: last wins, also back to default", request(spanWith(str(5, "first"), str(5, ""), vi(6, 3), vi(6, 0), str(5, "last"), vi(6, 4)))],
  ["AnyValue oneof: last member wins", request(spanWith(ld(9, kv("k", Buffer.concat([str(1, "s"), vi(3, 7), dbl(4, 1.5), vi(2, 1)])))))],
  ["KeyValue.value repeated: merged", request(spanWith(ld(9, kv("k", str(1, "a"), vi(3, 9)), kv("arr", ld(5, ld(1, str(1, "x"))), ld(5, ld(1, vi(3, 2)))))))],
  ["arrayValue repeated inside one AnyValue: merged", request(spanWith(ld(9, kv("k", Buffer.concat([ld(5, ld(1, str(1, "a"))), str(1, "b"), ld(5, ld(1, str(1, "c")))])))))],
  ["kvlist then string: the string, kvlist still checked", request(spanWith(ld(9, kv("k", Buffer.concat([ld(6, ld(1, kv("n", vi(3, 1)))), str(1, "s")])))))],
  ["status repeated: merged", request(spanWith(ld(15, str(2, "m1"), vi(3, 2)), ld(15, vi(3, 1))))],
  ["resource after the spans, repeated: merged", ld(1, ld(2, ld(2, spanWith(str(5, "s")))), ld(1, ld(1, kv("a", str(1, "1")))), ld(1, ld(1, kv("b", str(1, "2")), kv("a", str(1, "3")))))],
  ["scope after the spans", ld(1, ld(2, ld(2, spanWith(str(5, "s"))), ld(1, str(1, "late"), str(2, "1.0"))))],
  ["unknown fields of every wire type, and groups", request(spanWith(vi(99, 5), f64(98, 1n), f32(97, 3), str(96, "x"), group(95, vi(1, 1), group(2, str(3, "y"))), ld(9, Buffer.concat([kv("k", str(1, "v")), vi(50, 1)]))))],
  ["known fields with the wrong wire type are skipped", request(spanWith(vi(5, 1), str(6, "x"), vi(7, 1), str(16, "abcd"), f32(9, 1), ld(9, kv("k", vi(1, 1), str(3, "z")))))],
  ["negative and large ints", request(spanWith(ld(9, kv("neg", vi(3, -5n)), kv("big", vi(3, 2n ** 53n + 3n)), kv("max", vi(3, 2n ** 63n - 1n)), kv("min", vi(3, -(2n ** 63n))))))],
  ["negative kind and status code, flags", request(spanWith(vi(6, -1n), ld(15, vi(3, -2n)), f32(16, 0xffffffff)))],
  ["bytes values and empty AnyValue and missing value", request(spanWith(ld(9, kv("b", ld(7, hex("00ff10"))), kv("e", Buffer.alloc(0)), str(1, "novalue"), kv("__proto__", str(1, "p")))))],
  ["bad ids rejected; links with bad ids dropped", request(spanWith(ld(13, ld(1, TRACE), ld(2, SPAN), f32(6, 1)), ld(13, ld(1, hex("00")), ld(2, SPAN)), ld(13, ld(1, TRACE), ld(2, SPAN), ld(4, kv("la", str(1, "x"))))), Buffer.concat([ld(1, hex("0011")), ld(2, SPAN)]), Buffer.concat([ld(1, TRACE), ld(2, Buffer.alloc(8))]), Buffer.concat([ld(1, TRACE), ld(2, SPAN), ld(4, hex("01"))]))],
  ["events", request(spanWith(ld(11, f64(1, 5n), str(2, "exception"), ld(3, kv("exception.type", str(1, "E")))), ld(11)))],
  ["values nested past the depth cap decode as null", request(spanWith(ld(9, kv("deep", nestedArray(40, str(1, "x"))), kv("ok", nestedArray(31, str(1, "y"))), kv("edge", nestedArray(32, str(1, "z"))))))],
  ["nesting past protobufjs' limit fails", request(spanWith(ld(9, kv("deep", nestedArray(60, str(1, "x"))))))],
  ["group with a mismatched end tag fails", request(spanWith(Buffer.from([...key(95, 3), ...key(96, 4)])))],
  ["end group without start fails", request(spanWith(Buffer.from(key(95, 4))))],
  ["wire type 6 fails", request(spanWith(Buffer.from(key(95, 6))))],
  ["field number 0 fails", request(spanWith(vi(0, 1)))],
  ["length past the end fails", Buffer.from([0x0a, 0x7f, 0x0a])],
  ["empty body", Buffer.alloc(0)],
];

describe("decodeProtobufWire ≡ protobufjs", () => {
  it("decodes every fixture identically", () => {
    const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".pb"));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const r = expectSame(fs.readFileSync(path.join(FIXTURES, f)), f);
      expect(r.ok && r.value.spans.length).toBeGreaterThan(0);
    }
  });

  it("decodes 300 random requests identically", () => {
    for (let seed = 1; seed <= 300; seed++) expectSame(randomRequest(seed), `seed ${seed}`);
  });

  it.each(EDGE_CASES)("edge: %s", (label, body) => {
    expectSame(body, label);
  });

  it("the edge cases cover both outcomes", () => {
    const outcomes = EDGE_CASES.map(([, b]) => attempt(decodeProtobufReference, b).ok);
    expect(outcomes).toContain(true);
    expect(outcomes).toContain(false);
  });

  it("agrees on corrupted bytes: truncations, flipped bytes, spliced garbage", () => {
    const r = createRng(2026);
    let failures = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const good = randomRequest(seed + 1000, { spans: 8 });
      for (let m = 0; m < 10; m++) {
        const bad = Buffer.from(good);
        const mode = m % 4;
        let body: Buffer;
        if (mode === 0) body = bad.subarray(0, r.int(0, bad.length - 1));
        else if (mode === 1) {
          for (let k = r.int(1, 3); k > 0; k--) bad[r.int(0, bad.length - 1)] = r.int(0, 255);
          body = bad;
        } else if (mode === 2) {
          const at = r.int(0, bad.length);
          body = Buffer.concat([bad.subarray(0, at), Buffer.from(r.hex(r.int(1, 12) * 2), "hex"), bad.subarray(at)]);
        } else {
          const at = r.int(0, bad.length - 1);
          bad[at] = bad[at]! ^ (1 << r.int(0, 7));
          body = bad;
        }
        if (!expectSame(body, `seed ${seed} mutation ${m}`).ok) failures++;
      }
    }
    expect(failures).toBeGreaterThan(100); // the corruptions really do break things
  });

  it("accepts a Uint8Array view into a larger buffer", () => {
    const body = randomRequest(7);
    const big = new Uint8Array(body.length + 20);
    big.set(body, 10);
    expect(decodeProtobufWire(big.subarray(10, 10 + body.length))).toEqual(decodeProtobufReference(body));
  });

  it("recalls repeated keys, names and short values by their bytes without mixing them up", () => {
    // 3000 distinct keys and values against 1024 cache slots: many share a slot. Pairs that
    // differ in one byte, non-ASCII, invalid UTF-8 and the length limits (128-byte keys,
    // 48-byte values) are in there too. Decoded three times: a string is kept from its second
    // sighting, so the third pass is served from the cache.
    const texts = Array.from({ length: 3000 }, (_, i) => `k.${i}`);
    texts.push("gen_ai.usage.input_tokens", "gen_ai.usage.input_tokenz", "modèle", "模型", "a".repeat(128), "a".repeat(129), "v".repeat(48), "v".repeat(49));
    const bytes = (t: string) => ({ stringValue: t });
    const spans = texts.map((t, i) => ({
      traceId: Buffer.alloc(16, 1),
      spanId: Buffer.from(i.toString(16).padStart(16, "0"), "hex"),
      name: texts[(i * 7) % texts.length],
      startTimeUnixNano: "1000",
      endTimeUnixNano: "2000",
      attributes: [
        { key: t, value: bytes(texts[(i + 1) % texts.length]!) },
        { key: texts[(i * 13) % texts.length], value: { bytesValue: Buffer.from([0xff, 0xfe, i & 255]) } },
      ],
    }));
    const request = { resourceSpans: [{ scopeSpans: [{ spans }] }] };
    const body = Buffer.from(ExportTraceServiceRequestType.encode(request).finish());
    // Invalid UTF-8 in a key: replaced the same way on every pass.
    const bad = Buffer.from(ExportTraceServiceRequestType.encode({ resourceSpans: [{ scopeSpans: [{ spans: [{ ...spans[0], attributes: [{ key: "k\u00e9", value: bytes("x") }] }] }] }] }).finish());
    bad[bad.indexOf(Buffer.from("k\u00e9")) + 1] = 0xc3;
    bad[bad.indexOf(Buffer.from("k\u00e9")) + 2] = 0x28;
    for (let pass = 0; pass < 3; pass++) {
      expect(decodeProtobufWire(body)).toEqual(decodeProtobufReference(body));
      expect(decodeProtobufWire(bad)).toEqual(decodeProtobufReference(bad));
    }
  });

  it("decodes big random requests identically (a Uint8Array from protobufjs' writer, too)", () => {
    for (const seed of [11, 12]) {
      const bytes = ExportTraceServiceRequestType.encode(randomRequestObject(seed, { spans: 3000 })).finish();
      expect(decodeProtobufWire(bytes)).toEqual(decodeProtobufReference(bytes));
    }
  });
});

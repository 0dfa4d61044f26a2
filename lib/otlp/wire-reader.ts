// OTLP/protobuf ExportTraceServiceRequest decoded straight from the wire into the
// DecodedRequest that decode-protobuf.ts builds from protobufjs' messages (docs/adr/0005).
// No intermediate message objects, Longs or byte slices: ids go to hex, times to bigint,
// attributes into their maps, in one pass over the bytes.
//
// It follows protobufjs 8 (the reference, kept in decode-protobuf.ts and compared in
// wire-reader.test.ts) wherever the result could differ: a singular message field that
// repeats is merged (parsed as if its payloads were concatenated), scalars take their last
// value, the AnyValue oneof takes its last member, a field with an unexpected wire type is
// skipped as unknown, and everything protobufjs would read is read and checked (varint,
// length and tag limits, end-group matching, nesting deeper than 100), also where the
// result is thrown away (link attributes, values nested past MAX_ANY_VALUE_DEPTH).
import { OtlpDecodeError } from "./errors";
import { MAX_ANY_VALUE_DEPTH, RejectReason, SpanCollector, clampKind, clampStatusCode, setAttribute } from "./span-rules";
import type { AnyValue, Attributes, DecodedRequest, OtlpEvent, OtlpLink, OtlpResource, OtlpScope, OtlpSpan } from "./types";

/** protobufjs' Reader.recursionLimit: deeper messages fail the request. */
const RECURSION_LIMIT = 100;

const VARINT = 0;
const I64 = 1;
const LEN = 2;
const I32 = 5;

/** Malformed input; turned into OtlpDecodeError at the top. */
class WireError extends Error {}

/** Buffer's own slicers (what protobufjs calls for strings); not in Node's typings. */
interface FastBuffer extends Buffer {
  utf8Slice(start: number, end: number): string;
  hexSlice(start: number, end: number): string;
}

function fail(): never {
  throw new WireError();
}

class Reader {
  readonly view: DataView;
  pos = 0;
  /** End of the message being read (protobufjs narrows its reader the same way). */
  len: number;
  /** End of the payload found by the last sub() call. */
  subEnd = 0;

  constructor(readonly buf: FastBuffer) {
    this.len = buf.length;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  // --- varints, with protobufjs' limits

  /** A field tag: at most 5 bytes, the 5th holding 4 bits. */
  tag(): number {
    const buf = this.buf;
    let pos = this.pos;
    if (this.len - pos < 5) return this.varint32NearEnd();
    let b = buf[pos++]!;
    let v = b & 127;
    if (b < 128) return ((this.pos = pos), v);
    b = buf[pos++]!;
    v |= (b & 127) << 7;
    if (b < 128) return ((this.pos = pos), v);
    b = buf[pos++]!;
    v |= (b & 127) << 14;
    if (b < 128) return ((this.pos = pos), v);
    b = buf[pos++]!;
    v |= (b & 127) << 21;
    if (b < 128) return ((this.pos = pos), v);
    b = buf[pos]!;
    this.pos = pos + 1;
    if (b < 128 && (b & 112) === 0) return (v | (b << 28)) >>> 0;
    return fail();
  }

  /** A length prefix: at most 5 bytes, the 5th at most 7. */
  size(): number {
    const buf = this.buf;
    let pos = this.pos;
    if (this.len - pos < 5) return this.varint32NearEnd();
    let b = buf[pos++]!;
    let v = b & 127;
    if (b < 128) return ((this.pos = pos), v);
    b = buf[pos++]!;
    v |= (b & 127) << 7;
    if (b < 128) return ((this.pos = pos), v);
    b = buf[pos++]!;
    v |= (b & 127) << 14;
    if (b < 128) return ((this.pos = pos), v);
    b = buf[pos++]!;
    v |= (b & 127) << 21;
    if (b < 128) return ((this.pos = pos), v);
    b = buf[pos]!;
    this.pos = pos + 1;
    if (b > 7) return fail();
    return (v | (b << 28)) >>> 0;
  }

  /** An unsigned 32-bit varint; longer encodings are read to 10 bytes and truncated. */
  uint32(): number {
    const buf = this.buf;
    let pos = this.pos;
    if (this.len - pos < 5) return this.varint32NearEnd();
    let b = buf[pos++]!;
    let v = b & 127;
    if (b < 128) return ((this.pos = pos), v);
    b = buf[pos++]!;
    v |= (b & 127) << 7;
    if (b < 128) return ((this.pos = pos), v);
    b = buf[pos++]!;
    v |= (b & 127) << 14;
    if (b < 128) return ((this.pos = pos), v);
    b = buf[pos++]!;
    v |= (b & 127) << 21;
    if (b < 128) return ((this.pos = pos), v >>> 0);
    b = buf[pos++]!;
    v = (v | ((b & 15) << 28)) >>> 0;
    if (b < 128) return ((this.pos = pos), v);
    for (let i = 0; i < 5; i++) {
      if (pos >= this.len) return ((this.pos = pos), fail());
      if (buf[pos++]! < 128) return ((this.pos = pos), v);
    }
    this.pos = pos;
    return fail();
  }

  /** protobufjs reads at most 4 bytes of a varint that starts within 5 bytes of the end. */
  private varint32NearEnd(): number {
    if (this.pos >= this.len) return fail();
    let v = 0;
    for (let i = 0; i < 4; i++) {
      if (this.pos >= this.len) return fail();
      const b = this.buf[this.pos++]!;
      v = (v | ((b & 127) << (i * 7))) >>> 0;
      if (b < 128) return v;
    }
    return fail();
  }

  /** An int64 varint as decode-protobuf.ts reads protobufjs' Long: high (signed) · 2^32 + low. */
  int64(): number {
    const buf = this.buf;
    let lo = 0;
    let hi = 0;
    let i = 0;
    if (this.len - this.pos > 4) {
      for (; i < 4; i++) {
        const b = buf[this.pos++]!;
        lo = (lo | ((b & 127) << (i * 7))) >>> 0;
        if (b < 128) return lo;
      }
      const b = buf[this.pos++]!;
      lo = (lo | ((b & 127) << 28)) >>> 0;
      hi = (b & 127) >> 4;
      if (b < 128) return hi * 4294967296 + lo;
    } else {
      for (; i < 4; i++) {
        if (this.pos >= this.len) return fail();
        const b = buf[this.pos++]!;
        lo = (lo | ((b & 127) << (i * 7))) >>> 0;
        if (b < 128) return lo;
      }
      return fail();
    }
    const checked = this.len - this.pos <= 4;
    for (i = 0; i < 5; i++) {
      if (checked && this.pos >= this.len) return fail();
      const b = buf[this.pos++]!;
      hi = (hi | ((b & 127) << (i * 7 + 3))) >>> 0;
      if (b < 128) return (hi | 0) * 4294967296 + lo;
    }
    return fail();
  }

  bool(): boolean {
    let v = false;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.len) return fail();
      const b = this.buf[this.pos++]!;
      if (b & 127) v = true;
      if (b < 128) return v;
    }
    return v;
  }

  fixed32(): number {
    if (this.pos + 4 > this.len) return fail();
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  fixed64(): bigint {
    if (this.pos + 8 > this.len) return fail();
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }

  double(): number {
    if (this.pos + 8 > this.len) return fail();
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** Reads a length prefix and leaves pos at the payload's start; its end goes to subEnd. */
  sub(): number {
    const n = this.size();
    const end = this.pos + n;
    if (end > this.len) return fail();
    this.subEnd = end;
    return this.pos;
  }

  /** Moves past a length-delimited payload (a string or bytes nobody keeps). */
  skipDelimited(): void {
    this.sub();
    this.pos = this.subEnd;
  }

  /** `recent`: strings that repeat (attribute keys, span names, values) come from it: see RecentStrings. */
  string(recent?: RecentStrings): string {
    const start = this.sub();
    this.pos = this.subEnd;
    return recent ? recent.get(this.buf, start, this.subEnd) : this.buf.utf8Slice(start, this.subEnd);
  }

  /** protobufjs' skipType: unknown fields and known ones with an unexpected wire type. */
  skipType(wireType: number, depth: number, field: number): void {
    if (depth > RECURSION_LIMIT) fail();
    if (field === 0) fail();
    switch (wireType) {
      case VARINT:
        do {
          if (this.pos >= this.len) fail();
        } while (this.buf[this.pos++]! & 128);
        return;
      case I64:
        if (this.pos + 8 > this.len) fail();
        this.pos += 8;
        return;
      case LEN:
        this.skipDelimited();
        return;
      case 3:
        for (;;) {
          const t = this.tag();
          const nested = t >>> 3;
          const wt = t & 7;
          if (!nested) fail();
          if (wt === 4) {
            if (nested !== field) fail();
            return;
          }
          this.skipType(wt, depth + 1, nested);
        }
      case I32:
        if (this.pos + 4 > this.len) fail();
        this.pos += 4;
        return;
      default:
        fail();
    }
  }
}

/**
 * Decodes an OTLP/protobuf ExportTraceServiceRequest. Throws OtlpDecodeError if undecodable.
 * With `onSpan`, each accepted span goes there as soon as it is read (and the result's
 * `spans` stays empty), so a caller can process spans without holding them all.
 */
export function decodeProtobufWire(input: Uint8Array, onSpan?: (span: OtlpSpan) => void): DecodedRequest {
  const buf = (Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength)) as FastBuffer;
  const out = new SpanCollector(onSpan);
  forgetOldValues(Date.now());
  try {
    readRequest(new Reader(buf), out);
  } catch (err) {
    if (err instanceof WireError || err instanceof RangeError) {
      throw new OtlpDecodeError("request body is not a valid OTLP/protobuf ExportTraceServiceRequest");
    }
    throw err;
  }
  return out.result();
}

// --- messages. `q` is protobufjs' nesting depth (the request is 0). Each reader is
// entered with pos at the payload's start and end = its end; it narrows len to end
// while reading (so nothing reads past the payload) and leaves pos at end.

function enter(r: Reader, q: number, end: number): number {
  if (q > RECURSION_LIMIT) fail();
  const outer = r.len;
  r.len = end;
  return outer;
}

function readRequest(r: Reader, out: SpanCollector): void {
  while (r.pos < r.len) {
    const t = r.tag();
    const f = t >>> 3;
    const wt = t & 7;
    if (f === 1 && wt === LEN) {
      r.sub();
      readResourceSpans(r, 1, r.subEnd, out);
    } else r.skipType(wt, 0, f);
  }
}

function readResourceSpans(r: Reader, q: number, end: number, out: SpanCollector): void {
  const outer = enter(r, q, end);
  // Filled wherever the resource field comes (and merged if it repeats); spans share it.
  const resource: OtlpResource = { attributes: {} };
  while (r.pos < end) {
    const t = r.tag();
    const f = t >>> 3;
    const wt = t & 7;
    if (f === 1 && wt === LEN) {
      r.sub();
      readResource(r, q + 1, r.subEnd, resource);
    } else if (f === 2 && wt === LEN) {
      r.sub();
      readScopeSpans(r, q + 1, r.subEnd, resource, out);
    } else if (f === 3 && wt === LEN) r.skipDelimited(); // schema_url
    else r.skipType(wt, q, f);
  }
  r.len = outer;
}

/*
 * A resource or scope field may come after some of its spans (or twice): its attributes are
 * then merged into a new object, never the one earlier spans hold, so that whatever is cached
 * per attributes object (normalization's lookups, prepare's resource hash and kept scope
 * attributes) is made afresh for the spans that follow.
 */
function readResource(r: Reader, q: number, end: number, resource: OtlpResource): void {
  const outer = enter(r, q, end);
  const attributes: Attributes = { ...resource.attributes };
  while (r.pos < end) {
    const t = r.tag();
    const f = t >>> 3;
    const wt = t & 7;
    if (f === 1 && wt === LEN) {
      r.sub();
      readKeyValue(r, q + 1, r.subEnd, 0, attributes);
    } else if (f === 2 && wt === VARINT) r.uint32(); // dropped_attributes_count
    else r.skipType(wt, q, f);
  }
  resource.attributes = attributes;
  r.len = outer;
}

function readScopeSpans(r: Reader, q: number, end: number, resource: OtlpResource, out: SpanCollector): void {
  const outer = enter(r, q, end);
  const scope: OtlpScope = { name: "", version: "", attributes: {} };
  while (r.pos < end) {
    const t = r.tag();
    const f = t >>> 3;
    const wt = t & 7;
    if (f === 2 && wt === LEN) {
      r.sub();
      readSpan(r, q + 1, r.subEnd, resource, scope, out);
    } else if (f === 1 && wt === LEN) {
      r.sub();
      readScope(r, q + 1, r.subEnd, scope);
    } else if (f === 3 && wt === LEN) r.skipDelimited(); // schema_url
    else r.skipType(wt, q, f);
  }
  r.len = outer;
}

function readScope(r: Reader, q: number, end: number, scope: OtlpScope): void {
  const outer = enter(r, q, end);
  const attributes: Attributes = { ...scope.attributes };
  while (r.pos < end) {
    const t = r.tag();
    const f = t >>> 3;
    const wt = t & 7;
    if (f === 1 && wt === LEN) scope.name = r.string();
    else if (f === 2 && wt === LEN) scope.version = r.string();
    else if (f === 3 && wt === LEN) {
      r.sub();
      readKeyValue(r, q + 1, r.subEnd, 0, attributes);
    } else if (f === 4 && wt === VARINT) r.uint32();
    else r.skipType(wt, q, f);
  }
  scope.attributes = attributes; // a new object also when only the name or version came (see above)
  r.len = outer;
}

function isAllZero(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== 0) return false;
  return true;
}

/** Lowercase hex of the id at [start, end) if it has `size` bytes and is not all zero; otherwise null. */
function hexId(buf: FastBuffer, start: number, end: number, size: number): string | null {
  return end - start === size && !isAllZero(buf, start, end) ? buf.hexSlice(start, end) : null;
}

function readSpan(r: Reader, q: number, end: number, resource: OtlpResource, scope: OtlpScope, out: SpanCollector): void {
  const outer = enter(r, q, end);
  const buf = r.buf;
  let traceS = 0;
  let traceE = 0;
  let spanS = 0;
  let spanE = 0;
  let parentS = 0;
  let parentE = 0;
  let traceState = "";
  let name = "";
  let kind = 0;
  let start = 0n;
  let endTime = 0n;
  const attributes: Attributes = {};
  let droppedAttributesCount = 0;
  let events: OtlpEvent[] | null = null;
  let droppedEventsCount = 0;
  let links: OtlpLink[] | null = null;
  let droppedLinksCount = 0;
  let statusCode = 0;
  let statusMessage = "";
  let flags = 0;
  while (r.pos < end) {
    const t = r.tag();
    const f = t >>> 3;
    const wt = t & 7;
    switch (f) {
      case 9:
        if (wt !== LEN) break;
        r.sub();
        readKeyValue(r, q + 1, r.subEnd, 0, attributes);
        continue;
      case 1:
        if (wt !== LEN) break;
        traceS = r.sub();
        traceE = r.pos = r.subEnd;
        continue;
      case 2:
        if (wt !== LEN) break;
        spanS = r.sub();
        spanE = r.pos = r.subEnd;
        continue;
      case 3:
        if (wt !== LEN) break;
        traceState = r.string();
        continue;
      case 4:
        if (wt !== LEN) break;
        parentS = r.sub();
        parentE = r.pos = r.subEnd;
        continue;
      case 5:
        if (wt !== LEN) break;
        name = r.string(recentValues);
        continue;
      case 6:
        if (wt !== VARINT) break;
        kind = r.uint32() | 0;
        continue;
      case 7:
        if (wt !== I64) break;
        start = r.fixed64();
        continue;
      case 8:
        if (wt !== I64) break;
        endTime = r.fixed64();
        continue;
      case 10:
        if (wt !== VARINT) break;
        droppedAttributesCount = r.uint32();
        continue;
      case 11:
        if (wt !== LEN) break;
        r.sub();
        (events ??= []).push(readEvent(r, q + 1, r.subEnd));
        continue;
      case 12:
        if (wt !== VARINT) break;
        droppedEventsCount = r.uint32();
        continue;
      case 13: {
        if (wt !== LEN) break;
        r.sub();
        const link = readLink(r, q + 1, r.subEnd);
        if (link) (links ??= []).push(link);
        continue;
      }
      case 14:
        if (wt !== VARINT) break;
        droppedLinksCount = r.uint32();
        continue;
      case 15: {
        if (wt !== LEN) break;
        // Status: merged if it repeats, so each field keeps its last value.
        const statusEnd = (r.sub(), r.subEnd);
        const o = enter(r, q + 1, statusEnd);
        while (r.pos < statusEnd) {
          const st = r.tag();
          const sf = st >>> 3;
          const swt = st & 7;
          if (sf === 2 && swt === LEN) statusMessage = r.string();
          else if (sf === 3 && swt === VARINT) statusCode = r.uint32() | 0;
          else r.skipType(swt, q + 1, sf);
        }
        r.len = o;
        continue;
      }
      case 16:
        if (wt !== I32) break;
        flags = r.fixed32();
        continue;
    }
    r.skipType(wt, q, f);
  }
  r.len = outer;

  const traceId = hexId(buf, traceS, traceE, 16);
  if (traceId === null) return out.reject(RejectReason.traceId);
  const spanId = hexId(buf, spanS, spanE, 8);
  if (spanId === null) return out.reject(RejectReason.spanId);
  let parentSpanId: string | null = null;
  if (parentE !== parentS) {
    if (parentE - parentS !== 8) return out.reject(RejectReason.parentSpanId);
    if (!isAllZero(buf, parentS, parentE)) parentSpanId = buf.hexSlice(parentS, parentE);
  }
  const span: OtlpSpan = {
    traceId,
    spanId,
    parentSpanId,
    traceState,
    flags,
    name,
    kind: clampKind(kind),
    startTimeUnixNano: start,
    endTimeUnixNano: endTime,
    attributes,
    droppedAttributesCount,
    events: events ?? [],
    droppedEventsCount,
    links: links ?? [],
    droppedLinksCount,
    status: { code: clampStatusCode(statusCode), message: statusMessage },
    resource,
    scope,
  };
  out.accept(span);
}

function readEvent(r: Reader, q: number, end: number): OtlpEvent {
  const outer = enter(r, q, end);
  let time = 0n;
  let name = "";
  const attributes: Attributes = {};
  while (r.pos < end) {
    const t = r.tag();
    const f = t >>> 3;
    const wt = t & 7;
    if (f === 1 && wt === I64) time = r.fixed64();
    else if (f === 2 && wt === LEN) name = r.string();
    else if (f === 3 && wt === LEN) {
      r.sub();
      readKeyValue(r, q + 1, r.subEnd, 0, attributes);
    } else if (f === 4 && wt === VARINT) r.uint32();
    else r.skipType(wt, q, f);
  }
  r.len = outer;
  return { timeUnixNano: time, name, attributes };
}

/** A link, or null when its ids are unusable (the span stays valid); its attributes are checked, not kept. */
function readLink(r: Reader, q: number, end: number): OtlpLink | null {
  const outer = enter(r, q, end);
  let traceS = 0;
  let traceE = 0;
  let spanS = 0;
  let spanE = 0;
  let flags = 0;
  while (r.pos < end) {
    const t = r.tag();
    const f = t >>> 3;
    const wt = t & 7;
    if (f === 1 && wt === LEN) {
      traceS = r.sub();
      traceE = r.pos = r.subEnd;
    } else if (f === 2 && wt === LEN) {
      spanS = r.sub();
      spanE = r.pos = r.subEnd;
    } else if (f === 3 && wt === LEN) r.skipDelimited(); // trace_state
    else if (f === 4 && wt === LEN) {
      r.sub();
      readKeyValue(r, q + 1, r.subEnd, 0, null);
    } else if (f === 5 && wt === VARINT) r.uint32();
    else if (f === 6 && wt === I32) flags = r.fixed32();
    else r.skipType(wt, q, f);
  }
  r.len = outer;
  const traceId = hexId(r.buf, traceS, traceE, 16);
  const spanId = hexId(r.buf, spanS, spanE, 8);
  return traceId !== null && spanId !== null ? { traceId, spanId, flags } : null;
}

/**
 * One KeyValue into `into` (null: read and check only). `vdepth` is decode-protobuf.ts's
 * AnyValue depth; a repeated value field is merged.
 */
function readKeyValue(r: Reader, q: number, end: number, vdepth: number, into: Attributes | null): void {
  const outer = enter(r, q, end);
  let key = "";
  let valueS = -1;
  let valueE = -1;
  let more: number[] | null = null;
  while (r.pos < end) {
    const t = r.tag();
    const f = t >>> 3;
    const wt = t & 7;
    if (f === 1 && wt === LEN) {
      if (into) key = r.string(recentKeys);
      else r.skipDelimited();
    } else if (f === 2 && wt === LEN) {
      const s = r.sub();
      if (valueS < 0) {
        valueS = s;
        valueE = r.subEnd;
      } else (more ??= []).push(s, r.subEnd);
      r.pos = r.subEnd;
    } else r.skipType(wt, q, f);
  }
  r.len = outer;
  const value = valueS < 0 ? null : readAnyValue(r, q + 1, valueS, valueE, more, vdepth, into !== null);
  if (into) setAttribute(into, key, value);
}

/*
 * Strings seen lately, by a hash of their bytes. A span's ~10 attribute keys are the same few
 * dozen strings request after request, and so are span names and short values (operation,
 * provider, model). Decoding each afresh made a new string, and a key was then hashed and
 * looked up in V8's string table when it became a property name (~5 % of the ingest worker
 * in perf). A hit compares the bytes and returns the string made before (for keys, the
 * internalized one). Hand-written: no library caches strings by their UTF-8 bytes.
 * The caches live only in this thread's memory, like the request being decoded: nothing in
 * them is written, logged or sent anywhere. Values can be short content (a one-line prompt)
 * before the allowlist drops it, so the value cache is emptied at least once a minute
 * (forgetOldValues) rather than holding a string until its slot is wanted again.
 */
class RecentStrings {
  private readonly bytes: (Uint8Array | undefined)[];
  private readonly strings: string[];
  /** The hash last seen per slot: a string is kept from its second sighting on. */
  private readonly seen: Int32Array;

  constructor(
    private readonly slots: number, // a power of two
    private readonly maxBytes: number,
    private readonly internalize: boolean,
  ) {
    this.bytes = new Array<Uint8Array | undefined>(slots).fill(undefined);
    this.strings = new Array<string>(slots).fill("");
    this.seen = new Int32Array(slots);
  }

  clear(): void {
    this.bytes.fill(undefined);
    this.strings.fill("");
    this.seen.fill(0);
  }

  get(buf: FastBuffer, s: number, e: number): string {
    const n = e - s;
    if (n === 0 || n > this.maxBytes) return buf.utf8Slice(s, e);
    // The length and a few bytes at both ends and the middle, not every byte: enough to tell
    // apart the strings that repeat, and a collision only costs a miss (bytes are compared in full).
    let h = Math.imul(n, 0x9e3779b1);
    h = Math.imul(h ^ buf[s]!, 0x01000193);
    h = Math.imul(h ^ buf[s + (n >> 1)]!, 0x01000193);
    h = Math.imul(h ^ buf[e - 1]!, 0x01000193);
    if (n > 3) {
      h = Math.imul(h ^ buf[s + 1]!, 0x01000193);
      h = Math.imul(h ^ buf[e - 2]!, 0x01000193);
      h = Math.imul(h ^ buf[e - 3]!, 0x01000193);
    }
    h ^= h >>> 15;
    const mask = this.slots - 1;
    // Two ways per set, so two hot strings that hash alike do not evict each other.
    const set = h & mask & ~1;
    for (let way = set; way < set + 2; way++) {
      const cached = this.bytes[way];
      if (cached !== undefined && cached.length === n) {
        let i = 0;
        while (i < n && cached[i] === buf[s + i]) i++;
        if (i === n) return this.strings[way]!;
      }
    }
    let str = buf.utf8Slice(s, e);
    // Seen once: not kept yet, so one-off values (ids) never push out the strings that repeat.
    const door = (h >>> 7) & mask;
    if (this.seen[door] !== h) {
      this.seen[door] = h;
      return str;
    }
    if (this.internalize) {
      // A property name is internalized; taking it back from an object gives that string.
      const holder: Record<string, true> = {};
      holder[str] = true;
      str = Object.keys(holder)[0] ?? str;
    }
    this.bytes[set + 1] = this.bytes[set];
    this.strings[set + 1] = this.strings[set]!;
    this.bytes[set] = Uint8Array.prototype.slice.call(buf, s, e);
    this.strings[set] = str;
    return str;
  }
}

const recentKeys = new RecentStrings(1024, 128, true);
const recentValues = new RecentStrings(1024, 48, false);
const FORGET_VALUES_MS = 60_000;
let valuesSince = Date.now();

function forgetOldValues(now: number): void {
  if (now - valuesSince < FORGET_VALUES_MS) return;
  recentValues.clear();
  valuesSince = now;
}

const NONE = 0;
const STRING = 1;
const BOOL = 2;
const INT = 3;
const DOUBLE = 4;
const ARRAY = 5;
const KVLIST = 6;
const BYTES = 7;

/**
 * An AnyValue from its payload(s) [s, e) (+ `more` when the field repeated). Returns the
 * value decode-protobuf.ts would give, or null when not `build`ing (checked only).
 */
function readAnyValue(r: Reader, q: number, s: number, e: number, more: number[] | null, vdepth: number, build: boolean): AnyValue {
  if (q > RECURSION_LIMIT) fail();
  const resume = r.pos;
  const outer = r.len;
  let kind = NONE;
  let str = "";
  let num = 0;
  let bool = false;
  let bytesS = 0;
  let bytesE = 0;
  let arrays: number[] | null = null;
  let kvlists: number[] | null = null;
  // protobufjs clears the other members when one is set: an arrayValue or kvlistValue
  // merges only with directly repeated ones. Cleared payloads were still read (checked).
  let clearedArrays: number[] | null = null;
  let clearedKvlists: number[] | null = null;
  for (let k = -2; ; k += 2) {
    const start = k < 0 ? s : more![k]!;
    const end = k < 0 ? e : more![k + 1]!;
    r.pos = start;
    r.len = end;
    while (r.pos < end) {
      const t = r.tag();
      const f = t >>> 3;
      const wt = t & 7;
      let member = NONE;
      if (f === 1 && wt === LEN) {
        member = STRING;
        if (build) str = r.string(recentValues);
        else r.skipDelimited();
      } else if (f === 3 && wt === VARINT) {
        member = INT;
        num = r.int64();
      } else if (f === 4 && wt === I64) {
        member = DOUBLE;
        num = r.double();
      } else if (f === 2 && wt === VARINT) {
        member = BOOL;
        bool = r.bool();
      } else if (f === 5 && wt === LEN) {
        member = ARRAY;
        (arrays ??= []).push(r.sub(), r.subEnd);
        r.pos = r.subEnd;
      } else if (f === 6 && wt === LEN) {
        member = KVLIST;
        (kvlists ??= []).push(r.sub(), r.subEnd);
        r.pos = r.subEnd;
      } else if (f === 7 && wt === LEN) {
        member = BYTES;
        bytesS = r.sub();
        bytesE = r.pos = r.subEnd;
      } else {
        r.skipType(wt, q, f);
        continue;
      }
      kind = member;
      if (arrays !== null && member !== ARRAY) {
        (clearedArrays ??= []).push(...arrays);
        arrays = null;
      }
      if (kvlists !== null && member !== KVLIST) {
        (clearedKvlists ??= []).push(...kvlists);
        kvlists = null;
      }
    }
    if (more === null || k + 2 >= more.length) break;
  }
  if (clearedArrays !== null) readArrayValues(r, q + 1, clearedArrays, vdepth + 1, false);
  if (clearedKvlists !== null) readKvLists(r, q + 1, clearedKvlists, vdepth + 1, false);
  // The value's own nested payloads: built within the depth cap, otherwise only checked.
  const nestedBuild = build && vdepth < MAX_ANY_VALUE_DEPTH;
  let value: AnyValue = null;
  if (arrays !== null) {
    const items = readArrayValues(r, q + 1, arrays, vdepth + 1, nestedBuild);
    if (nestedBuild) value = items;
  }
  if (kvlists !== null) {
    const attrs = readKvLists(r, q + 1, kvlists, vdepth + 1, nestedBuild);
    if (nestedBuild) value = { kvlist: attrs! };
  }
  r.pos = resume;
  r.len = outer;
  if (!build) return null;
  switch (kind) {
    case STRING:
      return str;
    case INT:
    case DOUBLE:
      return num;
    case BOOL:
      return bool;
    case BYTES:
      // A copy, so the span does not keep the whole request buffer alive.
      return new Uint8Array(r.buf.subarray(bytesS, bytesE));
    default:
      return value;
  }
}

/** ArrayValue payloads (merged): their values in order. */
function readArrayValues(r: Reader, q: number, ranges: number[], vdepth: number, build: boolean): AnyValue[] {
  const items: AnyValue[] = [];
  for (let k = 0; k < ranges.length; k += 2) {
    const end = ranges[k + 1]!;
    r.pos = ranges[k]!;
    const outer = enter(r, q, end);
    while (r.pos < end) {
      const t = r.tag();
      const f = t >>> 3;
      const wt = t & 7;
      if (f === 1 && wt === LEN) {
        const s = r.sub();
        const e = r.subEnd;
        r.pos = e;
        const v = readAnyValue(r, q + 1, s, e, null, vdepth, build);
        if (build) items.push(v);
      } else r.skipType(wt, q, f);
    }
    r.len = outer;
  }
  return items;
}

/** KeyValueList payloads (merged) into one attribute map (null when only checking). */
function readKvLists(r: Reader, q: number, ranges: number[], vdepth: number, build: boolean): Attributes | null {
  const attrs: Attributes | null = build ? {} : null;
  for (let k = 0; k < ranges.length; k += 2) {
    const end = ranges[k + 1]!;
    r.pos = ranges[k]!;
    const outer = enter(r, q, end);
    while (r.pos < end) {
      const t = r.tag();
      const f = t >>> 3;
      const wt = t & 7;
      if (f === 1 && wt === LEN) {
        r.sub();
        readKeyValue(r, q + 1, r.subEnd, vdepth, attrs);
      } else r.skipType(wt, q, f);
    }
    r.len = outer;
  }
  return attrs;
}

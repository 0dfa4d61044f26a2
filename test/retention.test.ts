// Old data leaves cheaply: whole day partitions are dropped, shorter per-project
// retention deletes that project's rows, recent data stays.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyRetention } from "@/lib/retention";
import { createProject } from "@/lib/db/projects";
import { ingestDecoded } from "@/lib/ingest/ingest";
import type { OtlpSpan } from "@/lib/otlp/types";
import { makeTestSpan } from "@/lib/otlp/test-span";
import { BACKENDS, createTestDb, type TestDb } from "./helpers/db";
import { startTestServer, type TestServer } from "./helpers/server";

const DAY = 86_400_000;
const now = new Date("2026-11-23T12:00:00Z");

function span(traceId: string, daysAgo: number): OtlpSpan {
  const startNs = BigInt(now.getTime() - daysAgo * DAY) * 1_000_000n;
  return makeTestSpan({}, { traceId, spanId: traceId.slice(0, 16), name: "run", startNs, durationNs: 1_000_000n, resourceAttributes: { "service.name": "svc" } });
}

describe.each(BACKENDS)("retention on %s", (backend) => {
  let t: TestDb;
  let server: TestServer;
  beforeAll(async () => {
    t = await createTestDb(backend);
    server = await startTestServer(t.db);
  });
  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  it("drops old day partitions and honours shorter project retention", async () => {
    const short = await createProject(t.db, { name: "Short", retentionDays: 3 });
    const ctx = server.runtime.ingest;
    const ids = (n: number) => n.toString(16).padStart(32, "a");
    await ingestDecoded(t.db, server.runtime.defaultProjectId, { spans: [span(ids(1), 40), span(ids(2), 10), span(ids(3), 0)], rejectedSpans: 0, rejectReasons: [] }, ctx);
    await ingestDecoded(t.db, short.id, { spans: [span(ids(4), 10), span(ids(5), 1)], rejectedSpans: 0, rejectReasons: [] }, ctx);

    const r = await applyRetention(t.db, now);
    expect(r).not.toBeNull();
    expect(r!.droppedDays).toEqual(["20261014"]);
    const left = await t.db.query<{ trace_id: string }>(`select trace_id from spans order by trace_id`);
    expect(left.map((x) => x.trace_id)).toEqual([ids(2), ids(3), ids(5)]);
    const traces = await t.db.query<{ trace_id: string }>(`select trace_id from traces order by trace_id`);
    expect(traces.map((x) => x.trace_id)).toEqual([ids(2), ids(3), ids(5)]);
    // A second run has nothing to do, and ingest into a dropped day recreates its partition.
    expect((await applyRetention(t.db, now))!.droppedDays).toEqual([]);
    await ingestDecoded(t.db, server.runtime.defaultProjectId, { spans: [span(ids(6), 40)], rejectedSpans: 0, rejectReasons: [] }, ctx);
    expect(await t.db.query(`select 1 from spans where trace_id = $1`, [ids(6)])).toHaveLength(1);
  });
});

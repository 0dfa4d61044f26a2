// A million-trace CSV export streams in constant memory: the heap stays within a
// few MB of where it started while 1,000,000 rows (~100 MB of CSV) go through,
// where buffering them would need hundreds of MB. PostgreSQL only: the rows are
// generated server-side in seconds (1M ingested spans would take minutes here).
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportTracesRoute } from "@/app/api/export/traces/route";
import { createTestDb, type TestDb } from "./helpers/db";
import { startTestServer, type TestServer } from "./helpers/server";
import { installRuntime } from "./helpers/runtime";

const ROWS = 1_000_000;
const MB = 1024 * 1024;

// A full collection on demand, so the samples measure what is retained, not garbage awaiting collection.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

describe("a 1M-row export on postgres", () => {
  let t: TestDb;
  let server: TestServer;
  let restore: () => void;
  let token: string;

  beforeAll(async () => {
    t = await createTestDb("postgres");
    server = await startTestServer(t.db);
    restore = installRuntime(server.runtime);
    const pid = server.runtime.defaultProjectId;
    await t.db.query(
      `insert into traces (project_id, trace_id, start_time, min_start_ns, max_end_ns, root_span_id, root_key, root_status, root_duration_ns,
                           first_key, first_name, service_name, agent_name, span_count, llm_call_count, llm_error_count, error_count, unpriced_count,
                           input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_pico, models)
       select $1, lpad(to_hex(i), 32, '0'), ts, ns, ns + 2500000000, lpad(to_hex(i), 16, '0'), lpad(ns::text, 20, '0') || lpad(to_hex(i), 16, '0'), 1, 2500000000,
              '0' || lpad(ns::text, 20, '0'), 'agent run "' || i || '", step ' || (i % 7), 'svc-' || (i % 5), 'agent-' || (i % 11), 5, 2, 0, 0, 0,
              1200, 300, 0, 0, 0, 1234567::int8 * i, '{gpt-4.1}'
         from generate_series(1, $2::int) as i,
              lateral (select timestamptz '2026-10-01T00:00:00Z' + i * interval '2 second' as ts) a,
              lateral (select (extract(epoch from a.ts) * 1e9)::int8 as ns) b`,
      [pid, ROWS],
    );
    // What autovacuum would have done by now on a real server: without statistics the
    // planner sorts the whole table for every page.
    await t.db.query("analyze traces");
    const { createApiToken } = await import("@/lib/auth/api-tokens");
    token = (await createApiToken(t.db, { projectId: pid, name: "x", role: "viewer", createdBy: null })).token;
  }, 120_000);
  afterAll(async () => {
    restore?.();
    await server?.close();
    await t?.drop();
  });

  it("streams every row while the heap stays flat", async () => {
    const res = await exportTracesRoute(
      new Request("http://skein.test/api/export/traces?format=csv&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z", { headers: { authorization: `Bearer ${token}` } }),
      {} as { params: Promise<Record<string, string>> },
    );
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const heap = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.external; // external: Buffer and ArrayBuffer contents live outside the JS heap
    };
    const start = heap();
    let peak = start;
    let bytes = 0;
    let lines = 0;
    let chunks = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
      if (++chunks % 100 === 0) peak = Math.max(peak, heap());
    }
    expect(lines).toBe(ROWS + 1); // header + one line per trace (names hold no newline here)
    expect(bytes).toBeGreaterThan(100 * MB);
    expect(chunks).toBeGreaterThan(1000);
    // Buffering would retain > 100 MB of text (and far more as row objects).
    expect((peak - start) / MB).toBeLessThan(16);
  }, 300_000);
});

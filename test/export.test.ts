// Data exports: CSV that a standard parser reads back exactly (quotes, commas,
// newlines), JSON and NDJSON, the trace list's filters, and true streaming
// (rows are fetched page by page as the client reads, never all at once).
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportTracesRoute } from "@/app/api/export/traces/route";
import { GET as exportSpansRoute } from "@/app/api/export/spans/route";
import { GET as listTracesRoute } from "@/app/api/traces/route";
import { ingestDecoded } from "@/lib/ingest/ingest";
import { exportTraces } from "@/lib/export/rows";
import { encodeRows, TRACE_CSV_COLUMNS } from "@/lib/export/formats";
import type { Querier, Row } from "@/lib/db/client";
import type { OtlpSpan } from "@/lib/otlp/types";
import { makeTestSpan } from "@/lib/otlp/test-span";
import { BACKENDS, createTestDb, type TestDb } from "./helpers/db";
import { startTestServer, type TestServer } from "./helpers/server";
import { installRuntime } from "./helpers/runtime";
import { fixtureFiles, postFixture } from "./helpers/fixtures";

const noParams = {} as { params: Promise<Record<string, string>> };
const ALL = "from=2000-01-01T00:00:00Z";
const TRICKY_NAME = 'say "hi", then\nstop; 100% = ok';
const MANY = 2500;

function rootSpan(i: number, name: string): OtlpSpan {
  return makeTestSpan(
    { "gen_ai.agent.name": "bulk-agent" },
    {
      traceId: (0xe0000000 + i).toString(16).padStart(32, "0"),
      spanId: (i + 1).toString(16).padStart(16, "0"),
      name,
      startNs: BigInt(Date.UTC(2026, 10, 20, 0, 0, 0) + i * 1000) * 1_000_000n,
      durationNs: 5_000_000n,
      resourceAttributes: { "service.name": "bulk" },
    },
  );
}

describe.each(BACKENDS)("exports on %s", (backend) => {
  let t: TestDb;
  let server: TestServer;
  let restore: () => void;
  let token: string;
  const get = async (route: typeof exportTracesRoute, path: string) =>
    route(new Request(`http://skein.test${path}`, { headers: { authorization: `Bearer ${token}` } }), noParams);

  beforeAll(async () => {
    t = await createTestDb(backend);
    server = await startTestServer(t.db);
    restore = installRuntime(server.runtime);
    for (const f of fixtureFiles()) expect((await postFixture(server, f)).status).toBe(200);
    const spans = [rootSpan(0, TRICKY_NAME), ...Array.from({ length: MANY }, (_, i) => rootSpan(i + 1, `bulk run ${i + 1}`))];
    await ingestDecoded(t.db, server.runtime.defaultProjectId, { spans, rejectedSpans: 0, rejectReasons: [] }, server.runtime.ingest);
    const { createApiToken } = await import("@/lib/auth/api-tokens");
    token = (await createApiToken(t.db, { projectId: server.runtime.defaultProjectId, name: "x", role: "viewer", createdBy: null })).token;
  });
  afterAll(async () => {
    restore?.();
    await server?.close();
    await t?.drop();
  });

  it("writes CSV a standard parser reads back: header, every trace, tricky names intact, costs that add up", async () => {
    const res = await get(exportTracesRoute, `/api/export/traces?format=csv&${ALL}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="skein-traces-.*\.csv"/);
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...TRACE_CSV_COLUMNS]);
    expect(rows).toHaveLength(fixtureFiles().length + MANY + 1);
    expect(rows.filter((r) => r.name === TRICKY_NAME)).toHaveLength(1);
    // The cost column sums to the same total the trace list reports.
    let listed = 0;
    let cursor: string | null = null;
    do {
      const page = (await (
        await listTracesRoute(
          new Request(`http://skein.test/api/traces?${ALL}&limit=500${cursor ? `&cursor=${cursor}` : ""}`, { headers: { authorization: `Bearer ${token}` } }),
          noParams,
        )
      ).json()) as { items: { costUsd: number }[]; nextCursor: string | null };
      listed += page.items.reduce((a, i) => a + i.costUsd, 0);
      cursor = page.nextCursor;
    } while (cursor);
    const csvTotal = rows.reduce((a, r) => a + Number(r.costUsd), 0);
    expect(csvTotal).toBeGreaterThan(0);
    expect(csvTotal).toBeCloseTo(listed, 10);
  });

  it("applies the trace list's filters, and writes JSON and NDJSON", async () => {
    const json = (await (await get(exportTracesRoute, `/api/export/traces?format=json&${ALL}&agent=billing-agent`)).json()) as { agentName: string }[];
    expect(json).toHaveLength(2);
    expect(json.every((r) => r.agentName === "billing-agent")).toBe(true);
    const nd = await (await get(exportTracesRoute, `/api/export/traces?format=ndjson&${ALL}&status=incomplete`)).text();
    const lines = nd.trim().split("\n").map((l) => JSON.parse(l) as { traceId: string });
    expect(lines.map((l) => l.traceId)).toEqual(["5b8efff798038103d269b633813fc60c"]);
    const empty = await (await get(exportTracesRoute, `/api/export/traces?format=json&${ALL}&agent=nobody`)).json();
    expect(empty).toEqual([]);
    expect((await get(exportTracesRoute, `/api/export/traces?format=xlsx`)).status).toBe(400);
  });

  it("exports the spans of the matching traces", async () => {
    const rows = parse(await (await get(exportSpansRoute, `/api/export/spans?format=csv&${ALL}&agent=billing-agent`)).text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(16);
    expect(rows.filter((r) => r.billable === "true")).toHaveLength(8);
    expect(JSON.stringify(rows)).not.toMatch(/canary/i);
  });

  it("streams: reading the first rows fetches one page, not the whole result", async () => {
    let queries = 0;
    const counting: Querier = {
      query: <T extends Row>(text: string, params?: unknown[]) => {
        queries++;
        return t.db.query<T>(text, params);
      },
    };
    const params = { projectId: server.runtime.defaultProjectId, from: new Date("2000-01-01"), sort: "startTime" as const, desc: true };
    const chunks = encodeRows(exportTraces(counting, params), "csv", TRACE_CSV_COLUMNS);
    const lines = (c: IteratorResult<string>) => (c.done ? 0 : (c.value.match(/\n/g) ?? []).length);
    // The header, then the first batch of rows: one page query so far.
    let read = lines(await chunks.next()) + lines(await chunks.next());
    expect(read).toBeGreaterThan(20);
    expect(queries).toBe(1);
    for await (const c of chunks) read += lines({ done: false, value: c });
    // Every trace once (the tricky name holds one newline), plus the header.
    expect(read).toBe(fixtureFiles().length + MANY + 1 + 1 + 1);
    expect(queries).toBe(Math.ceil((fixtureFiles().length + MANY + 1) / 1000));
  });
});

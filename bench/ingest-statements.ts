// The write transaction statement by statement: one connection, one 512-span request
// after another, each statement awaited on its own (no pipelining), so each figure is
// that statement's round trip plus PostgreSQL's work. Requests are the ingest
// benchmark's own, encoded as the worker encodes them. The first 20 warm up.
// Run: npx tsx bench/ingest-statements.ts   (N = requests, default 150; SETUP_SQL = statements,
// separated by ";", run on the scratch database first, e.g. to try an index change)
import { openDb, type Querier } from "../lib/db/client";
import { ensurePartitions } from "../lib/db/partitions";
import { writeEncodedBatches } from "../lib/db/span-writer";
import { encodeRequest } from "../lib/ingest/encode";
import { BENCH_PREPARE_CONTEXT, buildRequest } from "./ingest-payload";
import { adminClient, createScratchDatabase } from "./scratch-db";

const N = Number(process.env.N ?? 150);
const WARMUP = 20;

async function main(): Promise<void> {
  const admin = adminClient();
  const scratch = await createScratchDatabase(admin);
  const db = await openDb({ databaseUrl: scratch.url, poolSize: 1 });
  try {
    const startMs = Date.now() - 3_600_000;
    const requests = Array.from({ length: N }, (_, i) =>
      encodeRequest({ body: buildRequest({ index: i, spans: 512, startMs: startMs + i * 2000 }), contentType: "application/x-protobuf", contentEncoding: null, maxBytes: 1 << 30 }, 1, BENCH_PREPARE_CONTEXT),
    );
    await ensurePartitions(db, requests.flatMap((r) => r.startDays));
    for (const sql of (process.env.SETUP_SQL ?? "").split(";").filter((x) => x.trim())) await db.query(sql);
    const ms = new Map<string, number>();
    const add = (label: string, v: number) => ms.set(label, (ms.get(label) ?? 0) + v);
    let spans = 0;
    const storedResources = new Set<string>();
    for (const [i, r] of requests.entries()) {
      const measured = i >= WARMUP;
      const t0 = performance.now();
      await db.transaction(async (tx) => {
        let chain: Promise<unknown> = Promise.resolve();
        const timed = <T>(label: string, run: () => Promise<T>): Promise<T> => {
          const p = chain.then(async () => {
            const s = performance.now();
            const v = await run();
            if (measured) add(label, performance.now() - s);
            return v;
          });
          chain = p.catch(() => {});
          return p;
        };
        const label = (text: string) => text.trim().replace(/\s+/g, " ").slice(0, 40);
        const q: Querier = {
          query: (text, params, opts) => timed(label(text), () => tx.query(text, params, opts)),
          copyIn: (statement, data) => timed("copy spans … from stdin", () => tx.copyIn!(statement, data)),
        };
        // As the group writer writes a request on its own: COPY without a savepoint, resources
        // already committed skipped.
        await writeEncodedBatches(q, [r.batch!], { copy: "abort", storedResources });
      });
      for (const h of r.batch!.resourceHashes) storedResources.add(h);
      if (measured) {
        add("transaction (begin … commit)", performance.now() - t0);
        spans += r.batch!.spanCount;
      }
    }
    console.log(`${N - WARMUP} requests of 512 spans, one connection, statements awaited one by one (µs per span):`);
    for (const [k, v] of [...ms].sort((a, b) => b[1] - a[1])) console.log(`${((v * 1000) / spans).toFixed(2).padStart(8)}  ${k}`);
  } finally {
    await db.close();
    await scratch.drop();
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

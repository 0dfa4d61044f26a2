import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/db";
import { ANALYZE_EVERY_MS, refreshStatistics } from "./statistics";

const reltuples = async (t: TestDb) => Number((await t.db.query<{ n: number }>(`select reltuples::float8 as n from pg_class where relname = 'projects'`))[0]?.n);

describe("planner statistics on PGlite", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb("pglite");
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("analyzes at the first call, then only when writes happened and the interval has passed", async () => {
    await t.db.query(`insert into projects (slug, name) select 'p' || i, 'p' || i from generate_series(1, 50) i`);
    expect(await reltuples(t)).toBeLessThan(1); // never analyzed: the planner thinks the table is empty
    const t0 = 1_000_000;
    expect(await refreshStatistics(t.db, true, t0)).toBe(true);
    expect(await reltuples(t)).toBeGreaterThanOrEqual(50);
    expect(await refreshStatistics(t.db, true, t0 + 1_000)).toBe(false); // too soon
    expect(await refreshStatistics(t.db, false, t0 + ANALYZE_EVERY_MS + 1)).toBe(true); // the write noted before
    expect(await refreshStatistics(t.db, false, t0 + 3 * ANALYZE_EVERY_MS)).toBe(false); // nothing new
  });
});

// First-start setup, idempotent on every start: default project, instance
// secrets, built-in prices, the bootstrap ingest key and the admin user.
// Generated secrets are printed once (the only time they exist in plaintext).
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { ingestKeys, prices, projects, settings, users } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import { createIngestKey } from "@/lib/auth/ingest-keys";
import { hashPassword, randomSecret, sha256Hex, verifyPassword } from "@/lib/auth/secrets";
import { BUILTIN_PRICES } from "@/lib/pricing/builtin-prices";

export const DEFAULT_PROJECT_SLUG = "default";

export interface BootstrapOptions {
  ingestKey?: string;
  adminPassword?: string;
  /** Where to print generated secrets (stdout in production). */
  print?: (line: string) => void;
}

export interface BootstrapResult {
  projectId: number;
  pseudonymKey: string;
  /** Plaintext secrets generated on this start (for tests); empty after the first start. */
  generated: { ingestKey?: string; adminPassword?: string };
}

async function ensureSetting(db: Db, key: string, make: () => string): Promise<string> {
  await db.orm.insert(settings).values({ key, value: make() }).onConflictDoNothing();
  const [row] = await db.orm.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  if (!row) throw new Error(`setting ${key} missing after insert`);
  return row.value;
}

export async function seedBuiltinPrices(db: Db): Promise<void> {
  if (BUILTIN_PRICES.length === 0) return;
  await db.orm
    .insert(prices)
    .values(
      BUILTIN_PRICES.map((p) => ({
        provider: p.provider,
        model: p.model,
        input: p.input,
        output: p.output,
        cacheRead: p.cacheRead ?? null,
        cacheWrite: p.cacheWrite ?? null,
        reasoning: p.reasoning ?? null,
        effectiveFrom: new Date(p.effectiveFrom),
        effectiveTo: p.effectiveTo ? new Date(p.effectiveTo) : null,
        source: "builtin" as const,
      })),
    )
    .onConflictDoNothing();
}

export async function bootstrap(db: Db, opts: BootstrapOptions): Promise<BootstrapResult> {
  const print = opts.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  await db.orm.insert(projects).values({ slug: DEFAULT_PROJECT_SLUG, name: "Default project" }).onConflictDoNothing();
  const [project] = await db.orm.select({ id: projects.id }).from(projects).where(eq(projects.slug, DEFAULT_PROJECT_SLUG));
  if (!project) throw new Error("default project missing after insert");
  const pseudonymKey = await ensureSetting(db, "pseudonym_key", () => randomBytes(32).toString("hex"));
  await seedBuiltinPrices(db);

  const generated: BootstrapResult["generated"] = {};

  if (opts.ingestKey) {
    const [existing] = await db.orm
      .select({ id: ingestKeys.id })
      .from(ingestKeys)
      .where(eq(ingestKeys.keyHash, sha256Hex(opts.ingestKey)));
    if (!existing) await createIngestKey(db, project.id, "SKEIN_INGEST_KEY", opts.ingestKey);
  } else {
    const [{ n } = { n: 0 }] = await db.orm
      .select({ n: sql<number>`count(*)::int` })
      .from(ingestKeys)
      .where(eq(ingestKeys.projectId, project.id));
    if (n === 0) {
      const { key } = await createIngestKey(db, project.id, "generated at first start");
      generated.ingestKey = key;
    }
  }

  const [admin] = await db.orm.select().from(users).where(and(eq(users.username, "admin")));
  if (opts.adminPassword) {
    if (!admin) {
      await db.orm.insert(users).values({ username: "admin", passwordHash: await hashPassword(opts.adminPassword), role: "admin" }).onConflictDoNothing();
    } else if (!(await verifyPassword(opts.adminPassword, admin.passwordHash))) {
      await db.orm.update(users).set({ passwordHash: await hashPassword(opts.adminPassword) }).where(eq(users.id, admin.id));
    }
  } else if (!admin) {
    const password = randomSecret("", 12);
    await db.orm.insert(users).values({ username: "admin", passwordHash: await hashPassword(password), role: "admin" }).onConflictDoNothing();
    generated.adminPassword = password;
  }

  if (generated.ingestKey || generated.adminPassword) {
    print("");
    print("==================== Skein first start ====================");
    if (generated.ingestKey) print(`  Ingest key (default project): ${generated.ingestKey}`);
    if (generated.adminPassword) print(`  Admin login: admin / ${generated.adminPassword}`);
    print("  Shown once: store them now (only hashes are kept).");
    print("===========================================================");
    print("");
  }
  return { projectId: project.id, pseudonymKey, generated };
}

// The only reader of process.env: zod-checked configuration.
import { z } from "zod";

/** An on/off variable: "1"/"true" or "0"/"false", off by default. */
const flag = () =>
  z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true");

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SKEIN_DATA_DIR: z.string().default(".skein"),
  SKEIN_INGEST_KEY: z.string().min(8).optional(),
  SKEIN_ADMIN_PASSWORD: z.string().min(8).optional(),
  /** Largest accepted OTLP request body after decompression (semconv.md recommends 64 MiB). */
  SKEIN_MAX_BODY_BYTES: z.coerce.number().int().positive().default(64 * 1024 * 1024),
  /** Ingest requests processed at once per process; more get 503 + Retry-After. */
  SKEIN_INGEST_CONCURRENCY: z.coerce.number().int().positive().default(8),
  /** Worker threads that decode and prepare OTLP requests (0 = in the server thread); default cores − 1, at most 4. */
  SKEIN_INGEST_WORKERS: z.coerce.number().int().min(0).max(16).optional(),
  /**
   * Ingest write transactions at once per process (PostgreSQL; PGlite has one); requests
   * ready while all are busy are written together. Default: the number of cores, at most
   * half of SKEIN_INGEST_CONCURRENCY and SKEIN_DB_POOL − 2, at least 2.
   */
  SKEIN_INGEST_WRITERS: z.coerce.number().int().positive().max(64).optional(),
  /** An ingest request still waiting on the database after this long gets 503 + Retry-After. */
  SKEIN_INGEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Extra user-metadata attribute prefixes kept after the value-shape filter (comma-separated). */
  SKEIN_METADATA_PREFIXES: z.string().default("app."),
  /** Log one line per accepted OTLP request (counts only). */
  SKEIN_LOG_REQUESTS: flag(),
  /** Print stack frames (never messages) of unexpected API errors. */
  SKEIN_DEBUG_STACKS: flag(),
  /** Base URL people open Skein at (e.g. https://skein.example.com); makes links in alerts and reports absolute. */
  SKEIN_PUBLIC_URL: z.string().url().optional(),
  /** SMTP server for e-mail channels: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://host:465. */
  SKEIN_SMTP_URL: z.string().url().optional(),
  /** Sender of e-mail alerts and reports. */
  SKEIN_SMTP_FROM: z.string().min(3).default("Skein <skein@localhost>"),
  /** postgres.js pool size. */
  SKEIN_DB_POOL: z.coerce.number().int().positive().default(10),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Parses a given environment (tests build their own). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return schema.parse(source);
}

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
      throw new Error(`Invalid configuration in environment variables: ${fields}`);
    }
    cached = parsed.data;
  }
  return cached;
}

export function metadataPrefixes(e: Env = env()): string[] {
  return e.SKEIN_METADATA_PREFIXES.split(",").map((s) => s.trim()).filter(Boolean);
}

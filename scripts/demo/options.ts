import { DemoError } from "./errors";
import { hashString } from "@/lib/prng";

export interface DemoOptions {
  /** Skein's origin, without a trailing slash; exporters post to `${url}/v1/traces`. */
  url: string;
  /** Ingest key, sent as `Authorization: Bearer <key>`. */
  key: string;
  /** How much history to backfill. */
  hours: number;
  /** Traces in the backfill. */
  traces: number;
  seed: number;
  /** After the backfill, keep sending a trace every few seconds until `signal` aborts. */
  live: boolean;
  /** Epoch ms the backfill ends at (default: now); fixing it makes a run fully reproducible. */
  endTime?: number;
  /** Pause between live traces, in ms. */
  liveIntervalMs?: readonly [min: number, max: number];
  /** Stops live mode (or the backfill) early. */
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export const USAGE = `Usage: npm run demo -- [options]

Sends a realistic day of AI-agent traffic to a running Skein over OTLP/HTTP.

  --url <url>      Skein origin (env SKEIN_URL, default http://localhost:3000)
  --key <key>      ingest key (env SKEIN_INGEST_KEY, required)
  --hours <n>      hours of history to backfill (default 24)
  --traces <n>     traces in the backfill (default ~1500 per 24 h)
  --seed <s>       PRNG seed, number or text (default: random, printed at the end)
  --end <iso>      backfill ends at this time instead of now
  --live           after the backfill, keep sending a trace every few seconds until Ctrl-C
  -h, --help       show this help`;

const DEFAULT_URL = "http://localhost:3000";
const TRACES_PER_HOUR = 1500 / 24;

export type ParsedArgs = { help: true } | { help: false; options: DemoOptions };

function positive(flag: string, raw: string, max: number): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) throw new DemoError("usage", `${flag} must be a number between 0 and ${max}`);
  return value;
}

function parseSeed(raw: string): number {
  return /^\d+$/.test(raw) ? Number(BigInt(raw) % 4294967296n) : hashString(raw);
}

/** Reads flags (`--flag value` or `--flag=value`) and the SKEIN_* environment. */
export function parseDemoArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, randomSeed: number): ParsedArgs {
  const values = new Map<string, string>();
  let live = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "-h" || arg === "--help") return { help: true };
    if (arg === "--live") {
      live = true;
      continue;
    }
    const match = /^--(url|key|hours|traces|seed|end)(?:=(.*))?$/.exec(arg);
    if (match === null) throw new DemoError("usage", `unknown argument ${JSON.stringify(arg)} (try --help)`);
    const name = match[1] ?? "";
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === "") throw new DemoError("usage", `--${name} needs a value`);
    values.set(name, value);
  }

  const key = values.get("key") ?? env.SKEIN_INGEST_KEY ?? "";
  if (key === "") throw new DemoError("usage", "No ingest key: set SKEIN_INGEST_KEY or pass --key <key> (Skein prints one on first start).");
  const url = (values.get("url") ?? env.SKEIN_URL ?? DEFAULT_URL).replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]/.test(url)) throw new DemoError("usage", "SKEIN_URL / --url must be an http(s) URL");

  const hoursRaw = values.get("hours");
  const hours = hoursRaw === undefined ? 24 : positive("--hours", hoursRaw, 24 * 90);
  const tracesRaw = values.get("traces");
  const traces = tracesRaw === undefined ? Math.max(1, Math.round(hours * TRACES_PER_HOUR)) : Math.round(positive("--traces", tracesRaw, 1_000_000));
  const seedRaw = values.get("seed");
  const endRaw = values.get("end");
  const endTime = endRaw === undefined ? undefined : Date.parse(endRaw);
  if (endTime !== undefined && !Number.isFinite(endTime)) throw new DemoError("usage", "--end must be an ISO-8601 time");

  return {
    help: false,
    options: { url, key, hours, traces, live, seed: seedRaw === undefined ? randomSeed >>> 0 : parseSeed(seedRaw), ...(endTime === undefined ? {} : { endTime }) },
  };
}

import type { Caller } from "./calls";
import type { Rng } from "@/lib/prng";

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** Relative request rate at a UTC hour: a quiet night, a European and a larger American peak. */
export function diurnalRate(utcHour: number): number {
  const bump = (center: number, width: number): number => {
    const distance = Math.min(Math.abs(utcHour - center), 24 - Math.abs(utcHour - center));
    return Math.exp(-(distance * distance) / (2 * width * width));
  };
  return 0.08 + 0.6 * bump(10, 2.5) + 1.0 * bump(16.5, 3);
}

/** `count` trace start times in [fromMs, toMs), sorted, following the diurnal curve. */
export function scheduleStarts(rng: Rng, count: number, fromMs: number, toMs: number): number[] {
  const maxRate = 1.7;
  const starts: number[] = [];
  while (starts.length < count) {
    const t = rng.range(fromMs, toMs);
    const hour = (t % (24 * HOUR_MS)) / HOUR_MS;
    if (rng.next() * maxRate < diurnalRate(hour)) starts.push(Math.floor(t));
  }
  return starts.sort((a, b) => a - b);
}

export interface TimeWindow {
  startMs: number;
  endMs: number;
}

/** ~40 minutes of Anthropic outage, at the busiest time of the window so it is easy to spot. */
export function outageWindow(fromMs: number, toMs: number): TimeWindow {
  const length = Math.min(40 * MINUTE_MS, (toMs - fromMs) / 3);
  let startMs = fromMs + length;
  let busiest = -1;
  for (let t = fromMs + length; t <= toMs - 2 * length; t += 5 * MINUTE_MS) {
    const rate = diurnalRate(((t + length / 2) % (24 * HOUR_MS)) / HOUR_MS);
    if (rate > busiest) {
      busiest = rate;
      startMs = t;
    }
  }
  return { startMs, endMs: startMs + length };
}

/** A few runaway runs: about one per 500 traces, at least one once there are 50. */
export function pickRunaways(rng: Rng, traceCount: number): Set<number> {
  const count = traceCount < 50 ? 0 : Math.max(1, Math.round(traceCount / 500));
  const picked = new Set<number>();
  while (picked.size < count) picked.add(Math.floor(rng.range(0.05, 0.9) * traceCount));
  return picked;
}

interface Tenant {
  id: string;
  tier: Caller["tier"];
  region: Caller["region"];
  users: number;
  weight: number;
}

const TENANTS: readonly Tenant[] = [
  { id: "acme-retail", tier: "enterprise", region: "us", users: 40, weight: 5 },
  { id: "globex", tier: "pro", region: "us", users: 18, weight: 3 },
  { id: "initech", tier: "pro", region: "us", users: 12, weight: 2 },
  { id: "umbrella-eu", tier: "enterprise", region: "eu", users: 25, weight: 3 },
  { id: "hooli", tier: "free", region: "us", users: 30, weight: 2 },
  { id: "soylent-eu", tier: "free", region: "eu", users: 15, weight: 1 },
  { id: "wayne-ent", tier: "enterprise", region: "us", users: 20, weight: 2 },
];

export interface CallerPool {
  next(rng: Rng): Caller;
}

/** End users per tenant; a few heavy users, and follow-up runs that continue a conversation. */
export function createCallerPool(rng: Rng): CallerPool {
  const users = new Map<string, string[]>();
  for (const tenant of TENANTS) {
    users.set(tenant.id, Array.from({ length: tenant.users }, () => `usr_${rng.hex(10)}`));
  }
  const lastConversation = new Map<string, string>();
  return {
    next(draw) {
      const tenant = draw.weighted(TENANTS.map((t) => [t, t.weight] as const));
      const pool = users.get(tenant.id) ?? [];
      // Squaring skews towards the first users: some people use the agents far more than others.
      const userId = pool[Math.floor(draw.next() * draw.next() * pool.length)] ?? `usr_${draw.hex(10)}`;
      const previous = lastConversation.get(userId);
      const conversationId = previous !== undefined && draw.chance(0.35) ? previous : `conv_${draw.hex(16)}`;
      lastConversation.set(userId, conversationId);
      return { userId, tenant: tenant.id, tier: tenant.tier, region: tenant.region, conversationId };
    },
  };
}

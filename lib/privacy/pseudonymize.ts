import { createHmac } from "node:crypto";

const PSEUDONYM_PREFIX = "u_";
const PSEUDONYM_HEX_CHARS = 32;

/**
 * Keyed, deterministic pseudonym of an end-user id. Searching applies the same function to the
 * typed raw id, so lookups work without ever storing the raw value.
 */
export function pseudonymizeUserId(rawId: string, key: string): string {
  if (key.length === 0) throw new Error("pseudonymizeUserId: empty key");
  const digest = createHmac("sha256", key).update(rawId, "utf8").digest("hex");
  return PSEUDONYM_PREFIX + digest.slice(0, PSEUDONYM_HEX_CHARS);
}

/**
 * pseudonymizeUserId through a caller-owned memo (one per batch: a request's spans repeat the
 * same few user ids, and an HMAC costs microseconds). Entries are keyed by key and id.
 */
export function pseudonymizeUserIdMemo(rawId: string, key: string, memo: Map<string, string> | undefined): string {
  if (!memo) return pseudonymizeUserId(rawId, key);
  const k = `${key}\u0000${rawId}`;
  let p = memo.get(k);
  if (p === undefined) memo.set(k, (p = pseudonymizeUserId(rawId, key)));
  return p;
}

// Canaries: one unique marker per content position, and the search that finds
// any of them (raw, hex-encoded or base64-encoded) in collected evidence.
import { randomBytes } from "node:crypto";

export interface Canary {
  position: string;
  value: string;
  /** The random part; searched for on its own so a partly reshaped canary is still found. */
  hex: string;
}

/** Text that must hold no canary, with a label saying where it came from (never printed whole). */
export interface Evidence {
  where: string;
  text: string;
}

export interface Leak {
  position: string;
  where: string;
  form: "text" | "hex" | "base64";
}

export class CanaryRegistry {
  private readonly byPosition = new Map<string, Canary>();

  /** A fresh identifier-shaped canary: the worst case for value-shape filters. */
  make(position: string): string {
    if (this.byPosition.has(position)) throw new Error(`duplicate canary position: ${position}`);
    const hex = randomBytes(8).toString("hex");
    const slug = position
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 48);
    const value = `CANARY-${slug}-${hex}`;
    this.byPosition.set(position, { position, value, hex });
    return value;
  }

  all(): Canary[] {
    return [...this.byPosition.values()];
  }

  positions(): string[] {
    return [...this.byPosition.keys()];
  }
}

interface Needle {
  form: Leak["form"];
  text: string;
  /** true: matched against the lowercased evidence. */
  folded: boolean;
}

function needlesOf(c: Canary): Needle[] {
  const bytes = Buffer.from(c.value, "utf8");
  // the whole value first: removing only the random part would leave a stray-looking prefix
  return [
    { form: "text", text: c.value.toLowerCase(), folded: true },
    { form: "text", text: c.hex, folded: true },
    { form: "hex", text: bytes.toString("hex"), folded: true },
    { form: "base64", text: bytes.toString("base64"), folded: false },
  ];
}

/** Every (position, where) pair whose canary occurs in the evidence, in any of its forms. */
export function findLeaks(canaries: readonly Canary[], evidence: readonly Evidence[]): Leak[] {
  const leaks: Leak[] = [];
  const seen = new Set<string>();
  for (const e of evidence) {
    const folded = e.text.toLowerCase();
    for (const c of canaries) {
      for (const n of needlesOf(c)) {
        if (!(n.folded ? folded : e.text).includes(n.text)) continue;
        const id = `${c.position}\u0000${e.where}`;
        if (seen.has(id)) continue;
        seen.add(id);
        leaks.push({ position: c.position, where: e.where, form: n.form });
      }
    }
  }
  return leaks;
}

const STRAY_RE = /canary[\w.-]{0,80}/gi;
const STRAY_HEX = Buffer.from("CANARY").toString("hex");

/**
 * Canary-like text not explained by any registered canary (e.g. one cut short
 * before its random part): the generic "CANARY" prefix, as text or hex.
 * Returns "where: token" labels; the token is the test's own marker, never stored data.
 */
export function findStrayCanaries(canaries: readonly Canary[], evidence: readonly Evidence[]): string[] {
  const all = canaries.flatMap(needlesOf);
  const out: string[] = [];
  for (const e of evidence) {
    let raw = e.text;
    for (const n of all) if (!n.folded) raw = raw.split(n.text).join(" ");
    let folded = raw.toLowerCase();
    for (const n of all) if (n.folded) folded = folded.split(n.text).join(" ");
    for (const m of folded.matchAll(STRAY_RE)) out.push(`${e.where}: ${m[0]}`);
    if (folded.includes(STRAY_HEX)) out.push(`${e.where}: hex-encoded CANARY`);
  }
  return out;
}

/** position → "where (form)" labels, for readable assertion messages. */
export function leaksByPosition(leaks: readonly Leak[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const l of leaks) {
    const list = map.get(l.position) ?? [];
    list.push(`${l.where} (${l.form})`);
    map.set(l.position, list);
  }
  return map;
}

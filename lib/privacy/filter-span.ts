// filterSpan: the only path from a decoded span to anything that is written, queued or logged.

import type { Attributes, OtlpEvent, OtlpSpan } from "../otlp/types";
import type { PrivacyOptions } from "./options";
import type { FilteredSpan, KeptEvent } from "./types";
import { KEPT_EVENTS } from "./allowlist";
import { CONTENT_EVENTS, isContentKey } from "./denylist";
import { DropCounter } from "./drop-counter";
import { filterAttributes, newKeptAttributes } from "./filter-attributes";
import { dropPattern, safeValue, tripsContentWire } from "./value-shape";

export const MAX_NAME_CHARS = 256;

export function filterSpan(span: OtlpSpan, opts: PrivacyOptions): FilteredSpan {
  const drops = new DropCounter();
  const attributes = newKeptAttributes();
  filterAttributes(span.attributes, "span", opts, attributes, drops);
  const events = filterEvents(span.events, drops);
  // status.message is never read: the AI SDK copies error messages into it
  return {
    name: capName(span.name),
    attributes,
    events,
    droppedKeys: drops.droppedKeys,
    contentHits: drops.contentHits,
  };
}

/** Caps a name at 256 UTF-16 units without leaving half a surrogate pair. */
export function capName(name: string): string {
  if (name.length <= MAX_NAME_CHARS) return name;
  const cut = name.slice(0, MAX_NAME_CHARS);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

function filterEvents(events: OtlpEvent[], drops: DropCounter): KeptEvent[] {
  const kept: KeptEvent[] = [];
  for (const event of events) {
    const allowed = KEPT_EVENTS.get(event.name);
    if (allowed === undefined) {
      const hit = CONTENT_EVENTS.has(event.name) || carriesContent(event.attributes);
      drops.dropPattern(`event:${dropPattern(event.name)}`, hit);
      continue;
    }
    const attributes = newKeptAttributes();
    for (const key of Object.keys(event.attributes)) {
      const value = event.attributes[key] ?? null;
      const safe = allowed.has(key) ? safeValue(value) : undefined;
      if (safe !== undefined) attributes[key] = safe;
      else drops.drop(key, isContentKey(key) || tripsContentWire(value));
    }
    kept.push({ name: event.name, timeUnixNano: event.timeUnixNano, attributes });
  }
  return kept;
}

function carriesContent(attributes: Attributes): boolean {
  for (const key of Object.keys(attributes)) {
    if (isContentKey(key) || tripsContentWire(attributes[key] ?? null)) return true;
  }
  return false;
}

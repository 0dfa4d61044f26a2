// Tallies what the filter dropped: key patterns and counts only, never values.

import { dropPattern } from "./value-shape";

/** Distinct patterns recorded per span/resource; the rest are tallied under "*". */
export const MAX_DROP_PATTERNS = 128;

export class DropCounter {
  readonly droppedKeys: Record<string, number> = {};
  contentHits = 0;
  private patterns = 0;

  /** Records one dropped key (or `event:<name>` pattern); `contentHit` feeds the partialSuccess warning. */
  drop(key: string, contentHit: boolean): void {
    this.dropPattern(dropPattern(key), contentHit);
  }

  /** Records an already-safe pattern (e.g. `event:*`) without reshaping it. */
  dropPattern(pattern: string, contentHit: boolean): void {
    if (contentHit) this.contentHits++;
    // own-property check: a pattern like "constructor" must not read Object.prototype
    if (Object.hasOwn(this.droppedKeys, pattern)) {
      this.droppedKeys[pattern] = (this.droppedKeys[pattern] ?? 0) + 1;
    } else if (this.patterns < MAX_DROP_PATTERNS) {
      this.droppedKeys[pattern] = 1;
      this.patterns++;
    } else {
      this.droppedKeys["*"] = (this.droppedKeys["*"] ?? 0) + 1;
    }
  }
}

const KEYS: [string, string][] = [
  ["↑ ↓ / j k", "move"],
  ["← →", "collapse / expand"],
  ["Enter", "details"],
  ["Esc", "close"],
  ["/", "filter"],
];

/** Footer: what is on screen and the keys that drive it. */
export function KeyHints({ spanCount, criticalCount }: { spanCount: number; criticalCount: number }) {
  return (
    <footer className="flex h-7 shrink-0 items-center gap-4 overflow-hidden whitespace-nowrap border-t border-border bg-surface px-4 text-[11px] text-muted">
      <span>
        {spanCount.toLocaleString("en-US")} spans · <span className="mr-1 inline-block h-2 w-3 rounded-sm bg-bar-critical align-middle" />
        critical path ({criticalCount.toLocaleString("en-US")})
      </span>
      <span className="ml-auto flex gap-3">
        {KEYS.map(([k, label]) => (
          <span key={k}>
            <kbd className="rounded border border-border bg-background px-1 font-sans">{k}</kbd> {label}
          </span>
        ))}
      </span>
    </footer>
  );
}

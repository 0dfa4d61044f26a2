import type { SpanView } from "@/lib/db/traces";
import { formatDuration } from "@/lib/format";
import { Section } from "./detail-parts";

function show(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value) ?? String(value);
}

/** Attribute keys wrap at their dots and underscores rather than mid-word. */
function BreakableKey({ name }: { name: string }) {
  const parts = name.split(/(?<=[._])/);
  return parts.map((part, i) => (
    <span key={i}>
      {part}
      {i < parts.length - 1 && <wbr />}
    </span>
  ));
}

function KeyValues({ entries }: { entries: [string, unknown][] }) {
  return (
    <table className="w-full table-fixed text-[12px]">
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k} className="border-t border-border first:border-t-0 align-top">
            <th scope="row" className="w-[45%] break-words py-1 pr-2 text-left font-mono font-normal text-muted">
              <BreakableKey name={k} />
            </th>
            <td className="break-all py-1 font-mono">{show(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SpanAttributes({ span }: { span: SpanView }) {
  const entries = Object.entries(span.attributes).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Section title="Kept attributes" aside={`${entries.length}`}>
      {entries.length === 0 ? <p className="text-[13px] text-muted">None kept.</p> : <KeyValues entries={entries} />}
      <p className="mt-2 text-[12px] text-muted">
        {span.droppedKeyCount > 0
          ? `${span.droppedKeyCount.toLocaleString("en-US")} ${span.droppedKeyCount === 1 ? "attribute was" : "attributes were"} dropped by the privacy filter. `
          : "No attributes were dropped. "}
        Content — prompts, completions, tool arguments and results, messages — is never stored.
      </p>
    </Section>
  );
}

/** Events with their time from the span start; event time is nanoseconds since the epoch. */
export function SpanEvents({ span, spanStartEpochMs }: { span: SpanView; spanStartEpochMs: number }) {
  if (span.events.length === 0) return null;
  return (
    <Section title="Events" aside={`${span.events.length}`}>
      <ol className="space-y-2">
        {span.events.map((ev, i) => {
          const offset = eventOffsetMs(ev.timeUnixNano, spanStartEpochMs);
          const attrs = Object.entries(ev.attributes);
          return (
            <li key={i} className="text-[13px]">
              <div className="flex items-baseline justify-between gap-2">
                <span className="break-all font-medium">{ev.name}</span>
                {offset !== null && <span className="shrink-0 text-[12px] text-muted">+{formatDuration(offset)}</span>}
              </div>
              {attrs.length > 0 && (
                <div className="mt-1">
                  <KeyValues entries={attrs} />
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </Section>
  );
}

function eventOffsetMs(timeUnixNano: string, spanStartEpochMs: number): number | null {
  if (!/^\d+$/.test(timeUnixNano)) return null;
  // Nanoseconds since the epoch exceed 2^53; microseconds still fit a double exactly.
  const micros = Number(BigInt(timeUnixNano) / 1000n);
  return Math.max(0, micros / 1000 - spanStartEpochMs);
}

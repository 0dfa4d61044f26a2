"use client";

import { useQuery } from "@tanstack/react-query";
import { apiGet } from "@/lib/query/api";
import { formatCount, formatTime } from "@/lib/format";
import { ErrorNote, Section } from "./section";

interface DroppedKey {
  pattern: string;
  count: number;
  lastSeen: string;
}

export function DroppedKeysSection({ project }: { project: string }) {
  const list = useQuery({ queryKey: ["dropped-keys", project], queryFn: () => apiGet<{ items: DroppedKey[] }>("/api/dropped-keys", { project }) });
  return (
    <Section
      title="What the privacy filter dropped"
      description="Attribute and event keys your agents sent that Skein did not store (patterns and counts only — values are never kept or shown)."
    >
      {list.isPending ? (
        <div className="h-16 animate-pulse rounded bg-surface-2" />
      ) : list.isError ? (
        <ErrorNote error={list.error} />
      ) : list.data.items.length === 0 ? (
        <p className="text-muted">Nothing dropped yet.</p>
      ) : (
        <div className="max-h-80 overflow-y-auto">
          <table className="w-full text-[13px]">
            <thead className="sticky top-0 bg-background text-left text-xs text-muted">
              <tr className="[&>th]:py-1.5 [&>th]:font-medium">
                <th>Key pattern</th>
                <th className="text-right">Times dropped</th>
                <th className="text-right">Last seen</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((k) => (
                <tr key={k.pattern} className="border-t border-border [&>td]:py-1">
                  <td className="font-mono text-xs">{k.pattern}</td>
                  <td className="text-right" title={String(k.count)}>
                    {formatCount(k.count)}
                  </td>
                  <td className="text-right text-muted">{formatTime(k.lastSeen, false)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

"use client";

import { useCallback, useState } from "react";

const EMPTY: ReadonlySet<string> = new Set();

/**
 * Collapsed span ids. While a search is active a separate set is used, starting fully expanded so
 * every match shows; clearing the search restores the reader's earlier collapse state.
 */
export function useCollapsed(searchKey: string | null) {
  const [normal, setNormal] = useState<ReadonlySet<string>>(EMPTY);
  const [searching, setSearching] = useState<{ key: string; ids: ReadonlySet<string> }>({ key: "", ids: EMPTY });
  const collapsed = searchKey === null ? normal : searching.key === searchKey ? searching.ids : EMPTY;

  const update = useCallback(
    (fn: (prev: ReadonlySet<string>) => ReadonlySet<string>) => {
      if (searchKey === null) setNormal(fn);
      else setSearching((prev) => ({ key: searchKey, ids: fn(prev.key === searchKey ? prev.ids : EMPTY) }));
    },
    [searchKey],
  );

  const toggle = useCallback(
    (id: string) =>
      update((prev) => {
        const next = new Set(prev);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [update],
  );

  const setCollapsed = useCallback(
    (id: string, value: boolean) =>
      update((prev) => {
        if (prev.has(id) === value) return prev;
        const next = new Set(prev);
        if (value) next.add(id);
        else next.delete(id);
        return next;
      }),
    [update],
  );

  const expand = useCallback(
    (ids: readonly string[]) => update((prev) => (ids.some((id) => prev.has(id)) ? new Set([...prev].filter((id) => !ids.includes(id))) : prev)),
    [update],
  );

  return { collapsed, toggle, setCollapsed, expand };
}

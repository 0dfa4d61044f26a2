"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { resolveTimeRange } from "@/lib/time-range";

export const DEFAULT_PROJECT = "default";

/** The current project slug (`?project=`, default "default"). */
export function useProject(): string {
  return useSearchParams().get("project") ?? DEFAULT_PROJECT;
}

/** URL-held state: read params and write a patch (null removes a key). */
export function useUrlState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const set = useCallback(
    (patch: Record<string, string | null | undefined>, opts: { replace?: boolean; pathname?: string } = {}) => {
      const next = new URLSearchParams(params.toString());
      for (const [k, v] of Object.entries(patch)) {
        if (v === null || v === undefined || v === "") next.delete(k);
        else next.set(k, v);
      }
      const qs = next.toString();
      const url = `${opts.pathname ?? pathname}${qs ? `?${qs}` : ""}`;
      if (opts.replace) router.replace(url, { scroll: false });
      else router.push(url, { scroll: false });
    },
    [params, router, pathname],
  );
  return { params, set };
}

/** The shared time range; recomputed when the URL changes (a preset's "now" is the time of that render). */
export function useTimeRange() {
  const params = useSearchParams();
  const key = `${params.get("range")}|${params.get("from")}|${params.get("to")}`;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- recompute only when the range params change
  return useMemo(() => resolveTimeRange(params), [key]);
}

/** Keeps project and time range when linking between pages. */
export function useCarriedParams(): string {
  const params = useSearchParams();
  const keep = new URLSearchParams();
  for (const k of ["project", "range", "from", "to"]) {
    const v = params.get(k);
    if (v) keep.set(k, v);
  }
  const s = keep.toString();
  return s ? `?${s}` : "";
}

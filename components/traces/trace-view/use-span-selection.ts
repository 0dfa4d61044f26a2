"use client";

import { useEffect, useState } from "react";
import { useSearchParams } from "next/navigation";

const URL_WRITE_DELAY_MS = 150;

/**
 * The selected span, mirrored to `?span=` so a link reproduces the view. Writes go through
 * history.replaceState (which Next.js syncs into useSearchParams) rather than router.replace, so
 * holding `j` does not refetch the page's server payload on every step; they are also debounced
 * because browsers throttle rapid history updates.
 */
export function useSpanSelection() {
  const urlSpan = useSearchParams().get("span");
  const [selectedId, setSelectedId] = useState<string | null>(urlSpan);
  const [panelOpen, setPanelOpen] = useState(urlSpan !== null);

  // Follow the URL when it changes from outside (back/forward, a pasted link).
  const [seenUrlSpan, setSeenUrlSpan] = useState(urlSpan);
  if (urlSpan !== seenUrlSpan) {
    setSeenUrlSpan(urlSpan);
    if (urlSpan !== selectedId) {
      setSelectedId(urlSpan);
      setPanelOpen(urlSpan !== null);
    }
  }

  useEffect(() => {
    const timer = setTimeout(() => {
      const params = new URLSearchParams(window.location.search);
      if (params.get("span") === selectedId) return;
      if (selectedId === null) params.delete("span");
      else params.set("span", selectedId);
      const qs = params.toString();
      window.history.replaceState(null, "", `${window.location.pathname}${qs ? `?${qs}` : ""}`);
    }, URL_WRITE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [selectedId]);

  return { selectedId, setSelectedId, panelOpen, setPanelOpen };
}

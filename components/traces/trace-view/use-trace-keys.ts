"use client";

import { useEffect, useEffectEvent } from "react";
import type { NavKey } from "@/lib/trace-tree/navigation";

const KEYS: Record<string, NavKey> = {
  ArrowDown: "down",
  j: "down",
  ArrowUp: "up",
  k: "up",
  ArrowLeft: "left",
  ArrowRight: "right",
  Home: "first",
  End: "last",
};

export interface TraceKeyHandlers {
  onNavigate: (key: NavKey) => void;
  onOpen: () => void;
  onClose: () => void;
  onFocusSearch: () => void;
}

/** Page-wide keys for the trace view; ignored while typing in a field or when a modifier is held. */
export function useTraceKeys(handlers: TraceKeyHandlers) {
  const onKeyDown = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey) return;
    const el = e.target instanceof HTMLElement ? e.target : null;
    if (el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName))) return;
    const nav = KEYS[e.key];
    if (nav) handlers.onNavigate(nav);
    else if (e.key === "/") handlers.onFocusSearch();
    else if (e.key === "Escape") handlers.onClose();
    // Enter on a focused button or link keeps its own meaning.
    else if (e.key === "Enter" && !(el && ["BUTTON", "A"].includes(el.tagName))) handlers.onOpen();
    else return;
    e.preventDefault();
  });

  useEffect(() => {
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}

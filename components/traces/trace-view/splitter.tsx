"use client";

import type { RefObject } from "react";

const MIN = 0.2;
const MAX = 0.7;

/** Drag handle between the tree and the waterfall; the position is a fraction of the list width. */
export function Splitter({ boxRef, fraction, onChange }: { boxRef: RefObject<HTMLDivElement | null>; fraction: number; onChange: (f: number) => void }) {
  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    const box = boxRef.current?.getBoundingClientRect();
    if (!box) return;
    e.preventDefault();
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => onChange(Math.min(MAX, Math.max(MIN, (ev.clientX - box.left) / box.width)));
    const up = () => {
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", up);
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", up);
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize span names"
      aria-valuenow={Math.round(fraction * 100)}
      aria-valuemin={MIN * 100}
      aria-valuemax={MAX * 100}
      onPointerDown={onPointerDown}
      className="absolute inset-y-0 z-10 w-1.5 -translate-x-1/2 cursor-col-resize hover:bg-accent/30 active:bg-accent/40"
      style={{ left: "var(--tree-w)" }}
    />
  );
}

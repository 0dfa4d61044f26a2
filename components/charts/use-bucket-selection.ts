"use client";

// Click a bucket to open it, drag across buckets to zoom: one gesture model for every time chart.
import { useRef, useState } from "react";
import type { MouseHandlerDataParam } from "recharts";

export interface BucketHandlers {
  /** A click on one bucket; `group` is the stacked segment under the pointer, if any. */
  onBucketClick?: (index: number, group: string | null) => void;
  /** A drag from one bucket to another (indexes in drag order). */
  onZoom?: (fromIndex: number, toIndex: number) => void;
}

interface Drag {
  a: number;
  b: number;
  group: string | null;
}

function bucketIndex(state: MouseHandlerDataParam): number | null {
  const raw = state.activeTooltipIndex ?? state.activeIndex;
  if (raw === null || raw === undefined) return null;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

export function useBucketSelection({ onBucketClick, onZoom }: BucketHandlers) {
  const [drag, setDrag] = useState<Drag | null>(null);
  // A bar segment's mousedown fires before the chart's (event bubbling), naming the group.
  const pendingGroup = useRef<string | null>(null);

  const chartHandlers = {
    onMouseDown: (state: MouseHandlerDataParam, e: React.MouseEvent) => {
      const group = pendingGroup.current;
      pendingGroup.current = null;
      const i = bucketIndex(state);
      if (i === null || e.button !== 0) return;
      setDrag({ a: i, b: i, group });
    },
    onMouseMove: (state: MouseHandlerDataParam) => {
      if (!drag) return;
      const i = bucketIndex(state);
      if (i !== null && i !== drag.b) setDrag({ ...drag, b: i });
    },
    onMouseUp: () => {
      if (!drag) return;
      setDrag(null);
      if (drag.a === drag.b) onBucketClick?.(drag.a, drag.group);
      else onZoom?.(drag.a, drag.b);
    },
    onMouseLeave: () => setDrag(null),
  };

  const markGroup = (name: string) => () => {
    pendingGroup.current = name;
  };

  return { chartHandlers, drag: drag && drag.a !== drag.b ? drag : null, markGroup };
}

"use client";

import { useQueryClient } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";

export function RefreshButton() {
  const client = useQueryClient();
  return (
    <button type="button" onClick={() => void client.invalidateQueries()} aria-label="Refresh" title="Refresh" className="rounded-md p-1.5 hover:bg-surface-2">
      <RefreshCw className="h-4 w-4" />
    </button>
  );
}

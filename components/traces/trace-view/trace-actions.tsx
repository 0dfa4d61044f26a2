"use client";

import { useState } from "react";
import { Check, Download, Link2 } from "lucide-react";
import type { TraceDetail } from "@/lib/db/traces";

const BUTTON = "inline-flex items-center gap-1.5 rounded-md border border-border bg-background px-2.5 py-1 text-[13px] hover:bg-surface-2";

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API needs a secure context; plain-http self-hosting falls back to a hidden textarea.
    const area = document.createElement("textarea");
    area.value = text;
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

export function CopyLinkButton() {
  const [copied, setCopied] = useState(false);
  const onClick = async () => {
    if (await copyText(window.location.href)) {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    }
  };
  return (
    <button type="button" onClick={onClick} className={BUTTON} title="Copy a link to this trace (with the selected span)">
      {copied ? <Check className="h-3.5 w-3.5 text-success" aria-hidden /> : <Link2 className="h-3.5 w-3.5" aria-hidden />}
      {copied ? "Copied" : "Copy link"}
    </button>
  );
}

export function ExportJsonButton({ detail }: { detail: TraceDetail }) {
  const onClick = () => {
    const blob = new Blob([JSON.stringify(detail, null, 2)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = `trace-${detail.trace.traceId}.json`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <button type="button" onClick={onClick} className={BUTTON} title="Download the trace and its spans as JSON">
      <Download className="h-3.5 w-3.5" aria-hidden />
      Export JSON
    </button>
  );
}

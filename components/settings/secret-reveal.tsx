"use client";

import { useState } from "react";
import { Check, Copy } from "lucide-react";

/** A secret shown exactly once, with a copy button and optional ready-to-paste lines. */
export function SecretReveal({ label, secret, snippet, onDone }: { label: string; secret: string; snippet?: string; onDone: () => void }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (what: string, text: string) => {
    await navigator.clipboard?.writeText(text).catch(() => {});
    setCopied(what);
  };
  return (
    <div role="status" className="mt-3 rounded-md border border-warning bg-warning-soft p-3">
      <p className="font-medium">{label} — copy it now, it will not be shown again.</p>
      <div className="mt-2 flex items-center gap-2">
        <code data-testid="new-secret" className="flex-1 overflow-x-auto rounded bg-background px-2 py-1 font-mono text-xs">
          {secret}
        </code>
        <button type="button" onClick={() => void copy("secret", secret)} className="flex items-center gap-1 rounded-md border border-border bg-background px-2 py-1">
          {copied === "secret" ? <Check className="h-4 w-4" /> : <Copy className="h-4 w-4" />} Copy
        </button>
      </div>
      {snippet && (
        <>
          <pre className="mt-2 overflow-x-auto rounded bg-background p-2 text-xs">{snippet}</pre>
          <button type="button" onClick={() => void copy("snippet", snippet)} className="mt-1 text-xs underline">
            {copied === "snippet" ? "Copied" : "Copy these lines"}
          </button>
        </>
      )}
      <div>
        <button type="button" onClick={onDone} className="mt-2 rounded-md bg-accent px-3 py-1 text-accent-foreground">
          Done
        </button>
      </div>
    </div>
  );
}

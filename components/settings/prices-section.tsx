"use client";

// Settings › Prices: the price table every span is priced from (built-in rows and the
// ones added here), and, for admins, a form to add a price. A new price applies to
// spans that arrive after it; spans already stored keep their cost (no re-pricing yet).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { useEffect, useId, useMemo, useState } from "react";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { HydratedFieldset } from "@/components/ui/hydrated";
import { IconButton } from "@/components/ui/icon-button";
import type { PriceJson } from "@/lib/db/price-admin";
import { EMPTY_PRICE_DRAFT, priceDraftBody, priceDraftProblem, type PriceDraft } from "@/lib/pricing/price-draft";
import { apiGet, apiSend } from "@/lib/query/api";
import { ErrorNote, Section } from "./section";

const PRICES_KEY = ["prices"] as const;

const usd = (v: number | null) => (v === null ? "—" : `$${v}`);
const day = (iso: string) => iso.slice(0, 10);

export function PricesSection({ canEdit }: { canEdit: boolean }) {
  const client = useQueryClient();
  const id = useId();
  const list = useQuery({ queryKey: PRICES_KEY, queryFn: () => apiGet<{ items: PriceJson[] }>("/api/prices") });
  const [filter, setFilter] = useState("");
  const [draft, setDraft] = useState<PriceDraft>(EMPTY_PRICE_DRAFT);
  const [added, setAdded] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => apiSend<PriceJson>("POST", "/api/prices", priceDraftBody(draft, new Date())),
    onSuccess: (p) => {
      setDraft(EMPTY_PRICE_DRAFT);
      const from = new Date(p.effectiveFrom);
      setAdded(
        from.getTime() > Date.now()
          ? `Added ${p.provider} / ${p.model}. Calls from ${from.toLocaleDateString()} on are priced with it; calls already stored keep their cost.`
          : `Added ${p.provider} / ${p.model}. Calls that arrive from now on are priced with it; calls already stored keep their cost.`,
      );
      void client.invalidateQueries({ queryKey: PRICES_KEY });
    },
  });
  const [deleting, setDeleting] = useState<number | null>(null);
  const remove = useMutation({
    mutationFn: (id: number) => apiSend<{ ok: true }>("DELETE", `/api/prices/${id}`),
    onSuccess: () => {
      setDeleting(null);
      void client.invalidateQueries({ queryKey: PRICES_KEY });
    },
  });
  const pendingDelete = deleting === null ? undefined : list.data?.items.find((p) => p.id === deleting);
  const rows = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const items = list.data?.items ?? [];
    return f ? items.filter((p) => `${p.provider} ${p.model}`.toLowerCase().includes(f)) : items;
  }, [list.data, filter]);
  // The sections above load after the browser has scrolled to #prices and push it down: scroll again once the list is here.
  const loaded = list.isSuccess;
  useEffect(() => {
    if (loaded && window.location.hash === "#prices") document.getElementById("prices")?.scrollIntoView({ block: "start" });
  }, [loaded]);
  const field = (k: keyof PriceDraft, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <label className="flex flex-col gap-0.5 text-xs text-muted" htmlFor={`${id}-${k}`}>
      {label}
      <input
        id={`${id}-${k}`}
        value={draft[k]}
        onChange={(e) => {
          setDraft({ ...draft, [k]: e.target.value });
          setInvalid(null);
          if (create.error) create.reset();
        }}
        className="h-8 rounded-md border border-border bg-background px-2 text-sm text-foreground"
        {...props}
      />
    </label>
  );
  return (
    <Section id="prices" title="Prices" description="USD per million tokens. Every LLM call is priced when it arrives, from the row for its model in effect at its start.">
      {canEdit && (
        <form
          noValidate
          aria-label="Add a price"
          className="mb-4 grid grid-cols-2 gap-2 sm:grid-cols-4 sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            setAdded(null);
            const p = priceDraftProblem(draft);
            setInvalid(p);
            if (!p) create.mutate();
          }}
        >
          <HydratedFieldset>
            {field("provider", "Provider", { required: true, placeholder: "openai", maxLength: 64 })}
            <div className="col-span-2">{field("model", "Model", { required: true, placeholder: "gpt-4o", maxLength: 200 })}</div>
            {field("effectiveFrom", "From (empty = today)", { type: "date", title: "A local date; empty = today" })}
            {field("input", "Input $", { required: true, inputMode: "decimal", placeholder: "2.5" })}
            {field("output", "Output $", { required: true, inputMode: "decimal", placeholder: "10" })}
            {field("cacheRead", "Cache read $", { inputMode: "decimal", placeholder: "optional" })}
            {field("cacheWrite", "Cache write $", { inputMode: "decimal", placeholder: "optional" })}
            <button
              type="submit"
              disabled={create.isPending}
              className="col-span-2 h-8 justify-self-end whitespace-nowrap rounded-md bg-accent px-3 font-medium text-accent-foreground disabled:opacity-60 sm:col-span-4"
            >
              {create.isPending ? "Adding…" : "Add price"}
            </button>
          </HydratedFieldset>
        </form>
      )}
      {invalid ? (
        <p role="alert" className="mb-3 rounded-md bg-danger-soft px-3 py-2 text-danger">
          {invalid}
        </p>
      ) : (
        <ErrorNote error={create.error} />
      )}
      {added && (
        <p role="status" className="mb-3 rounded-md bg-surface-2 px-3 py-2">
          {added}
        </p>
      )}
      <div className="mb-2 flex items-center gap-2">
        <input
          type="search"
          aria-label="Filter prices"
          placeholder="Filter by provider or model"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="h-8 w-72 rounded-md border border-border bg-background px-2"
        />
        <span className="text-muted tabular-nums">{list.data ? `${rows.length} of ${list.data.items.length}` : ""}</span>
      </div>
      <ErrorNote error={list.error} />
      <ErrorNote error={remove.error} />
      {pendingDelete && (
        <div className="mb-2 rounded-md border border-danger/40 bg-danger-soft px-3 py-2">
          <ConfirmDelete
            label={`Delete the price of ${pendingDelete.model}?`}
            question={`Delete the price of ${pendingDelete.provider} / ${pendingDelete.model} (since ${day(pendingDelete.effectiveFrom)})? Calls already priced with it keep their cost.`}
            pending={remove.isPending}
            onDelete={() => remove.mutate(pendingDelete.id)}
            onKeep={() => setDeleting(null)}
          />
        </div>
      )}
      <div className="max-h-96 overflow-auto rounded-md border border-border">
        <table className="w-full text-left text-[13px] tabular-nums">
          <thead className="sticky top-0 bg-surface-2 text-xs text-muted">
            <tr>
              <th className="whitespace-nowrap px-2 py-1.5 font-medium">Provider</th>
              <th className="whitespace-nowrap px-2 py-1.5 font-medium">Model</th>
              <th className="whitespace-nowrap px-2 py-1.5 text-right font-medium">Input</th>
              <th className="whitespace-nowrap px-2 py-1.5 text-right font-medium">Output</th>
              <th className="whitespace-nowrap px-2 py-1.5 text-right font-medium">Cache read</th>
              <th className="whitespace-nowrap px-2 py-1.5 text-right font-medium">Cache write</th>
              <th className="whitespace-nowrap px-2 py-1.5 text-right font-medium">Effective</th>
              <th className="whitespace-nowrap px-2 py-1.5 font-medium">Source</th>
              {canEdit && (
                <th className="px-2 py-1.5">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {rows.map((p) => (
              <tr key={p.id}>
                <td className="whitespace-nowrap px-2 py-1">{p.provider}</td>
                <td className="px-2 py-1 font-mono text-xs break-all">{p.model}</td>
                <td className="whitespace-nowrap px-2 py-1 text-right">{usd(p.inputUsdPerMtok)}</td>
                <td className="whitespace-nowrap px-2 py-1 text-right">{usd(p.outputUsdPerMtok)}</td>
                <td className="whitespace-nowrap px-2 py-1 text-right">{usd(p.cacheReadUsdPerMtok)}</td>
                <td className="whitespace-nowrap px-2 py-1 text-right">{usd(p.cacheWriteUsdPerMtok)}</td>
                <td className="whitespace-nowrap px-2 py-1 text-right">
                  {p.effectiveTo ? `${day(p.effectiveFrom)} → ${day(p.effectiveTo)}` : `since ${day(p.effectiveFrom)}`}
                </td>
                <td className="whitespace-nowrap px-2 py-1">{p.source === "user" ? "custom" : "built-in"}</td>
                {canEdit && (
                  <td className="whitespace-nowrap px-2 py-0.5 text-right">
                    {p.source === "user" && (
                      <IconButton icon={Trash2} tone="danger" label={`Delete the price of ${p.model}`} title="Delete this price" onClick={() => setDeleting(p.id)} />
                    )}
                  </td>
                )}
              </tr>
            ))}
            {list.data && rows.length === 0 && (
              <tr>
                <td colSpan={canEdit ? 9 : 8} className="px-2 py-6 text-center text-muted">
                  No price matches “{filter}”.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

"use client";

// Create or edit a budget in a side sheet. Issues show beside their fields: the
// browser's own checks once a field was left (or on save), and the server's 400
// issues until that field changes. The preview line says what the scope matches now.
import { useMemo, useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { clsx } from "clsx";
import { ChannelEditor } from "@/components/channels/channel-editor";
import { Modal } from "@/components/ui/modal";
import type { BudgetPeriod } from "@/lib/budgets/period";
import { IssuesError, type FieldIssue } from "@/lib/query/send-with-issues";
import { budgetKeys, createBudget, deleteBudget, updateBudget, type BudgetJson } from "./budget-api";
import { browserTimeZone, draftFrom, draftIssues, parseNumber, previewBody, toBody, type BudgetDraft } from "./budget-draft";
import { BudgetPreviewLine } from "./budget-preview-line";
import { ScopeFields } from "./scope-fields";
import { ThresholdChips } from "./threshold-chips";

const PERIODS: { value: BudgetPeriod; label: string }[] = [
  { value: "day", label: "Day" },
  { value: "week", label: "Week" },
  { value: "month", label: "Month" },
  { value: "rolling", label: "Rolling" },
];

/** Paths the form shows beside a field; any other server issue is listed above the buttons. */
function fieldPath(path: string): string {
  if (/^thresholds\.\d+$/.test(path)) return "thresholds";
  if (/^scope\.metadata\./.test(path)) return "scope.metadata";
  return path;
}

const SHOWN = /^(name|amountUsd|windowHours|timezone|thresholds|scope\.(agent|service|environment|model|provider|userId|metadata(\.\d+)?)|channels\.\d+\.(url|secret|to))$/;

function valueAt(body: unknown, path: string): unknown {
  let v: unknown = body;
  for (const p of path.split(".")) v = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return [];
  }
}

export function BudgetSheet({ project, budget, onClose }: { project: string; budget?: BudgetJson; onClose: () => void }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<BudgetDraft>(() => draftFrom(budget));
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<{ issues: FieldIssue[]; body: unknown } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const zones = useMemo(() => timeZones(), []);
  const browserZone = useMemo(() => browserTimeZone(), []);

  const body = toBody(draft);
  const local = draftIssues(draft);
  const issues: Record<string, string> = {};
  for (const [path, message] of Object.entries(local)) if (submitted || touched.has(path)) issues[path] = message;
  const general: string[] = [];
  for (const i of server?.issues ?? []) {
    // A server issue stands until the person changes that field.
    if (JSON.stringify(valueAt(body, i.path)) !== JSON.stringify(valueAt(server?.body, i.path))) continue;
    const p = fieldPath(i.path);
    if (SHOWN.test(p)) issues[p] ??= i.message;
    else general.push(i.path ? `${i.path}: ${i.message}` : i.message);
  }

  const done = () => {
    void client.invalidateQueries({ queryKey: budgetKeys.list(project) });
    onClose();
  };
  const save = useMutation({
    mutationFn: (b: typeof body) => (budget ? updateBudget(project, budget.id, b) : createBudget(project, b)),
    onSuccess: done,
    onError: (err, b) => {
      if (err instanceof IssuesError && err.status === 400) {
        setServer({ issues: err.issues, body: b });
        requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
      }
    },
  });
  const remove = useMutation({ mutationFn: () => deleteBudget(project, budget?.id ?? 0), onSuccess: done });

  const set = (patch: Partial<BudgetDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(local).length > 0) {
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
      return;
    }
    save.mutate(body);
  };
  const previewReady = !Object.keys(local).some((k) => k === "windowHours" || k === "timezone" || k.startsWith("scope."));
  const amount = parseNumber(draft.amount);
  const writeError = save.error && !(save.error instanceof IssuesError && save.error.status === 400) ? save.error : remove.error;

  const err = (path: string, id: string) =>
    issues[path] ? (
      <p id={`${id}-error`} className="mt-0.5 text-xs text-danger">
        {issues[path]}
      </p>
    ) : null;
  /** id, name (the API path, which the form's blur handler marks as touched), look and ARIA state of the input for `path`. */
  const control = (path: string, id: string, className?: string) => ({
    id,
    name: path,
    className: clsx("mt-0.5 h-8 w-full rounded-md border bg-background px-2", issues[path] ? "border-danger" : "border-border", className),
    ...(issues[path] ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {}),
  });

  return (
    <Modal
      placement="right"
      title={budget ? `Edit “${budget.name}”` : "New budget"}
      description="Spend in a scope over a period, with alerts as it crosses thresholds."
      onClose={onClose}
      footer={
        <div className="space-y-2.5">
          <BudgetPreviewLine project={project} body={previewBody(draft)} ready={previewReady} amountUsd={Number.isFinite(amount) && amount > 0 ? amount : null} />
          {(general.length > 0 || writeError) && (
            <div role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-xs text-danger">
              {writeError && <p>{writeError.message}</p>}
              {general.map((g) => (
                <p key={g}>{g}</p>
              ))}
            </div>
          )}
          {confirmDelete && budget ? (
            <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Confirm delete">
              <p className="flex-1 text-[13px]">Delete “{budget.name}” and its alert history?</p>
              <button type="button" onClick={() => setConfirmDelete(false)} className="h-8 rounded-md border border-border px-3 hover:bg-surface-2">
                Keep
              </button>
              <button type="button" autoFocus disabled={remove.isPending} onClick={() => remove.mutate()} className="h-8 rounded-md bg-danger px-3 font-medium text-background disabled:opacity-60">
                {remove.isPending ? "Deleting…" : "Delete budget"}
              </button>
            </div>
          ) : (
            <div className="flex items-center gap-2">
              {budget && (
                <button type="button" onClick={() => setConfirmDelete(true)} className="h-8 rounded-md px-2 text-danger hover:bg-danger-soft">
                  Delete
                </button>
              )}
              <span className="flex-1" />
              <button type="button" onClick={onClose} className="h-8 rounded-md border border-border px-3 hover:bg-surface-2">
                Cancel
              </button>
              <button type="submit" form="budget-form" disabled={save.isPending} className="h-8 rounded-md bg-accent px-3 font-medium text-accent-foreground disabled:opacity-60">
                {save.isPending ? "Saving…" : budget ? "Save changes" : "Create budget"}
              </button>
            </div>
          )}
        </div>
      }
    >
      <form
        id="budget-form"
        ref={formRef}
        noValidate
        onSubmit={submit}
        onBlur={(e) => {
          const name = (e.target as EventTarget as Element).getAttribute("name");
          if (name && !touched.has(name)) setTouched((t) => new Set(t).add(name));
        }}
        className="space-y-5"
      >
        <div className="space-y-3">
          <div>
            <label htmlFor="budget-name" className="block text-xs font-medium text-muted">
              Name
            </label>
            <input
              {...control("name", "budget-name")}
              data-autofocus
              value={draft.name}
              onChange={(e) => set({ name: e.target.value })}
              placeholder="e.g. Monthly OpenAI, Support bot per day"
              maxLength={200}
            />
            {err("name", "budget-name")}
          </div>

          <div className="grid grid-cols-[minmax(0,10rem)_1fr] gap-3">
            <div>
              <label htmlFor="budget-amount" className="block text-xs font-medium text-muted">
                Amount (USD)
              </label>
              <div className="relative">
                <span className="pointer-events-none absolute left-2 top-[9px] text-muted">$</span>
                <input {...control("amountUsd", "budget-amount", "pl-5 tabular-nums")} inputMode="decimal" value={draft.amount} onChange={(e) => set({ amount: e.target.value })} placeholder="1000" />
              </div>
              {err("amountUsd", "budget-amount")}
            </div>
            <fieldset>
              <legend className="text-xs font-medium text-muted">Period</legend>
              <div className="mt-0.5 inline-flex rounded-md border border-border p-0.5">
                {PERIODS.map((p) => (
                  <label
                    key={p.value}
                    className={clsx(
                      "cursor-pointer rounded px-2.5 py-1 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-accent",
                      draft.period === p.value ? "bg-accent-soft font-medium text-accent" : "hover:bg-surface-2",
                    )}
                  >
                    <input type="radio" name="period" value={p.value} checked={draft.period === p.value} onChange={() => set({ period: p.value })} className="sr-only" />
                    {p.label}
                  </label>
                ))}
              </div>
            </fieldset>
          </div>

          <div className="grid grid-cols-2 gap-3">
            {draft.period === "rolling" && (
              <div>
                <label htmlFor="budget-window" className="block text-xs font-medium text-muted">
                  Window (hours)
                </label>
                <input {...control("windowHours", "budget-window", "tabular-nums")} inputMode="numeric" value={draft.windowHours} onChange={(e) => set({ windowHours: e.target.value })} />
                {err("windowHours", "budget-window") ?? <p className="mt-0.5 text-xs text-muted">Spend in the last N hours, at every moment.</p>}
              </div>
            )}
            <div className={draft.period === "rolling" ? undefined : "col-span-2 max-w-xs"}>
              <label htmlFor="budget-timezone" className="block text-xs font-medium text-muted">
                Time zone
              </label>
              <input
                {...control("timezone", "budget-timezone")}
                list="budget-timezones"
                value={draft.timezone}
                onChange={(e) => set({ timezone: e.target.value })}
                autoComplete="off"
                spellCheck={false}
              />
              <datalist id="budget-timezones">
                {zones.map((z) => (
                  <option key={z} value={z} />
                ))}
              </datalist>
              {err("timezone", "budget-timezone") ?? (
                <p className="mt-0.5 text-xs text-muted">
                  {draft.period === "rolling" ? "Used for the chart's hours and days." : "Days, weeks (Monday first) and months start at local midnight."}
                  {draft.timezone !== browserZone && (
                    <>
                      {" "}
                      <button type="button" onClick={() => set({ timezone: browserZone })} className="text-accent hover:underline">
                        Use {browserZone}
                      </button>
                    </>
                  )}
                </p>
              )}
            </div>
          </div>

          <div>
            <p className="text-xs font-medium text-muted">Alert at</p>
            <div className="mt-1">
              <ThresholdChips value={draft.thresholds} onChange={(thresholds) => set({ thresholds })} error={issues.thresholds} />
            </div>
          </div>

          <label className={clsx("flex items-start gap-2", draft.period === "rolling" && "opacity-60")}>
            <input
              type="checkbox"
              name="forecast"
              checked={draft.period !== "rolling" && draft.forecast}
              disabled={draft.period === "rolling"}
              onChange={(e) => set({ forecast: e.target.checked })}
              className="mt-0.5 accent-[var(--accent)]"
            />
            <span>
              Forecast alert
              <span className="block text-xs text-muted">
                {draft.period === "rolling"
                  ? "Not available for rolling windows: they have no end to project to."
                  : "Also alert when the spend rate so far would pass the amount by the end of the period."}
              </span>
            </span>
          </label>
        </div>

        <section aria-labelledby="budget-scope-heading" className="space-y-2">
          <div>
            <h3 id="budget-scope-heading" className="font-semibold">
              Applies to
            </h3>
            <p className="text-xs text-muted">Leave everything empty to count the whole project. Filled fields must all match.</p>
          </div>
          <ScopeFields
            draft={draft}
            project={project}
            issues={issues}
            onScope={(k, v) => setDraft((d) => ({ ...d, scope: { ...d.scope, [k]: v } }))}
            onMetadata={(metadata) => set({ metadata })}
          />
        </section>

        <section aria-labelledby="budget-channels-heading" className="space-y-2">
          <div>
            <h3 id="budget-channels-heading" className="font-semibold">
              Channels
            </h3>
            <p className="text-xs text-muted">Each threshold fires once per period, to every channel, with retries.</p>
          </div>
          <ChannelEditor
            value={draft.channels}
            onChange={(channels) => set({ channels })}
            errors={Object.fromEntries(Object.entries(issues).flatMap(([k, v]) => (k.startsWith("channels.") ? [[k.slice("channels.".length), v]] : [])))}
            idPrefix="budget-channel"
            namePrefix="channels."
          />
        </section>
      </form>
    </Modal>
  );
}

"use client";

// Create or edit an alert rule. The kind decides which fields show; checks run as the
// person types, and a 400's issues appear beside the fields they name.
import { useId, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { clsx } from "clsx";
import { ChannelEditor } from "@/components/channels/channel-editor";
import { alertKeys, IssuesError, saveRule, useScopeFacets } from "./alerts-api";
import {
  describeRule,
  draftFromRule,
  errorsUnder,
  issuesToErrors,
  KIND_INFO,
  payloadFromDraft,
  RULE_KINDS,
  SCOPE_KEYS,
  validateDraft,
  withKind,
  type FieldErrors,
  type Rule,
  type RuleDraft,
  type ScopeKey,
} from "./rule-model";
import { Modal } from "@/components/ui/modal";

const KNOWN_FIELDS = /^(name|kind|threshold|windowMinutes|minTraces|enabled|scope\.\w+|channels\.\d+\.\w+)$/;
const SCOPE_LABEL: Record<ScopeKey, string> = { agent: "Agent", service: "Service", environment: "Environment", model: "Model" };
const FACET: Record<ScopeKey, "agents" | "services" | "environments" | "models"> = { agent: "agents", service: "services", environment: "environments", model: "models" };

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-0.5 text-xs text-danger">
      {message}
    </p>
  );
}

export function RuleDialog({ project, rule, onClose }: { project: string; rule?: Rule; onClose: () => void }) {
  const uid = useId();
  const client = useQueryClient();
  const [draft, setDraft] = useState<RuleDraft>(() => draftFromRule(rule));
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const facets = useScopeFacets(project, true);

  const local = validateDraft(draft);
  const shown = (path: string): string | undefined => {
    if (serverErrors[path]) return serverErrors[path];
    const msg = local[path];
    if (!msg) return undefined;
    if (path.startsWith("channels.")) return submitted || msg !== "required" ? msg : undefined;
    return submitted || touched.has(path) ? msg : undefined;
  };
  const channelErrors: Record<string, string> = {};
  for (const k of Object.keys({ ...errorsUnder(local, "channels"), ...errorsUnder(serverErrors, "channels") })) {
    const m = shown(`channels.${k}`);
    if (m) channelErrors[k] = m;
  }

  /** Applies a change to one field and drops the server's complaint about it. */
  const edit = (path: string, next: RuleDraft) => {
    setDraft(next);
    setTouched((t) => (t.has(path) ? t : new Set(t).add(path)));
    setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== path && !k.startsWith(`${path}.`) && KNOWN_FIELDS.test(k))));
  };

  const save = useMutation({
    mutationFn: () => saveRule(project, rule?.id ?? null, payloadFromDraft(draft)),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: alertKeys.rules(project) });
      onClose();
    },
    onError: (err) => {
      if (err instanceof IssuesError && err.issues.length) {
        setServerErrors(issuesToErrors(err.issues));
        requestAnimationFrame(() => document.querySelector<HTMLElement>(`[id^="${CSS.escape(uid)}"][aria-invalid="true"]`)?.focus());
      }
    },
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(local).length > 0) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('dialog [aria-invalid="true"]')?.focus());
      return;
    }
    save.mutate();
  };

  const info = KIND_INFO[draft.kind];
  const payload = payloadFromDraft(draft);
  const formLevel = Object.entries(serverErrors).filter(([k]) => !KNOWN_FIELDS.test(k));
  const id = (f: string) => `${uid}-${f}`;
  const input = (f: string, props: React.InputHTMLAttributes<HTMLInputElement> & { "data-autofocus"?: boolean }, className = "w-full") => (
    <input
      id={id(f)}
      aria-invalid={shown(f) ? true : undefined}
      aria-describedby={shown(f) ? id(`${f}-error`) : undefined}
      className={clsx("h-8 rounded-md border border-border bg-background px-2", shown(f) && "border-danger ring-1 ring-danger", className)}
      {...props}
    />
  );
  const numberField = (f: "threshold" | "windowMinutes" | "minTraces", label: string, prefix: string | null, suffix: string | null, props: React.InputHTMLAttributes<HTMLInputElement>) => (
    <div>
      <label htmlFor={id(f)} className="mb-1 block text-xs font-medium">
        {label}
      </label>
      <div className="flex items-center gap-1.5">
        {prefix && <span className="text-muted">{prefix}</span>}
        {input(f, { type: "number", inputMode: "decimal", step: "any", value: draft[f], onChange: (e) => edit(f, { ...draft, [f]: e.target.value }), ...props }, "w-32")}
        {suffix && <span className="text-muted">{suffix}</span>}
      </div>
      <FieldError id={id(`${f}-error`)} message={shown(f)} />
    </div>
  );

  return (
    <Modal
      title={rule ? `Edit “${rule.name}”` : "New alert rule"}
      description="Fires once per trace, model or window episode and sends to every channel below."
      onClose={onClose}
      footer={
        <div className="flex items-center justify-end gap-2">
          {save.isError && !(save.error instanceof IssuesError && save.error.issues.length) && (
            <p role="alert" className="mr-auto text-danger">
              {save.error.message}
            </p>
          )}
          <button type="button" onClick={onClose} className="rounded-md border border-border px-3 py-1.5 hover:bg-surface-2">
            Cancel
          </button>
          <button type="submit" form={id("form")} disabled={save.isPending} className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-foreground disabled:opacity-60">
            {save.isPending ? "Saving…" : rule ? "Save rule" : "Create rule"}
          </button>
        </div>
      }
    >
      <form id={id("form")} noValidate onSubmit={submit} className="space-y-5">
        <div>
          <label htmlFor={id("name")} className="mb-1 block text-xs font-medium">
            Name
          </label>
          {input("name", { value: draft.name, maxLength: 200, placeholder: "e.g. Runaway support agent", "data-autofocus": true, onChange: (e) => edit("name", { ...draft, name: e.target.value }) })}
          <FieldError id={id("name-error")} message={shown("name")} />
        </div>

        <fieldset>
          <legend className="mb-1.5 text-xs font-medium">Fires when</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {RULE_KINDS.map((k) => (
              <label
                key={k}
                className={clsx(
                  "flex cursor-pointer gap-2 rounded-md border px-2.5 py-2 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-accent",
                  draft.kind === k ? "border-accent bg-accent-soft ring-1 ring-accent" : "border-border hover:bg-surface",
                )}
              >
                <input type="radio" name={id("kind")} value={k} checked={draft.kind === k} onChange={() => edit("kind", withKind(draft, k))} className="mt-0.5 accent-[var(--accent)]" />
                <span>
                  <span className="block font-medium">{KIND_INFO[k].label}</span>
                  <span className="block text-xs text-muted">{KIND_INFO[k].help}</span>
                </span>
              </label>
            ))}
          </div>
          <FieldError id={id("kind-error")} message={shown("kind")} />
        </fieldset>

        {draft.kind !== "unpriced_model" && (
          <div className="flex flex-wrap gap-x-6 gap-y-3">
            {draft.kind === "trace_cost" && numberField("threshold", "Cost of one trace above", "$", null, { min: 0 })}
            {draft.kind === "error_rate" && numberField("threshold", "Failed traces above", null, "%", { min: 0, max: 100 })}
            {draft.kind === "p95_latency" && numberField("threshold", "p95 trace duration above", null, "ms", { min: 0 })}
            {info.windowed && numberField("windowMinutes", "Over the last", null, "minutes", { min: 5, max: 1440, step: 1, inputMode: "numeric" })}
            {info.windowed && numberField("minTraces", "Only with at least", null, "traces in the window", { min: 1, step: 1, inputMode: "numeric" })}
          </div>
        )}

        <fieldset>
          <legend className="mb-1.5 text-xs font-medium">
            Scope <span className="font-normal text-muted">— leave empty to watch every trace</span>
          </legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {SCOPE_KEYS.map((k) => {
              const f = `scope.${k}`;
              return (
                <div key={k}>
                  <label htmlFor={id(f)} className="mb-0.5 block text-xs text-muted">
                    {SCOPE_LABEL[k]}
                  </label>
                  {input(f, {
                    value: draft.scope[k],
                    placeholder: `any ${k}`,
                    list: id(`${k}-options`),
                    autoComplete: "off",
                    maxLength: 200,
                    onChange: (e) => edit(f, { ...draft, scope: { ...draft.scope, [k]: e.target.value } }),
                  })}
                  <datalist id={id(`${k}-options`)}>
                    {(facets.data?.[FACET[k]] ?? []).map((v) => (
                      <option key={v} value={v} />
                    ))}
                  </datalist>
                  <FieldError id={id(`${f}-error`)} message={shown(f)} />
                </div>
              );
            })}
          </div>
        </fieldset>

        <p className="rounded-md bg-surface-2 px-3 py-2 text-xs" aria-live="polite">
          <span className="text-muted">Reads as: </span>
          <span className="font-medium">{describeRule(payload)}</span>
          <span className="text-muted">
            {Object.entries(payload.scope).length
              ? ` · for ${Object.entries(payload.scope)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(", ")}`
              : " · for every trace"}
          </span>
        </p>

        <fieldset>
          <legend className="mb-1.5 text-xs font-medium">Channels</legend>
          <ChannelEditor value={draft.channels} onChange={(channels) => edit("channels", { ...draft, channels })} errors={channelErrors} idPrefix={id("channel")} />
        </fieldset>

        <label className="flex items-center gap-2">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => edit("enabled", { ...draft, enabled: e.target.checked })} className="accent-[var(--accent)]" />
          Enabled <span className="text-xs text-muted">(a disabled rule keeps its history but does not fire)</span>
        </label>

        {formLevel.length > 0 && (
          <div role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-danger">
            {formLevel.map(([k, m]) => (
              <p key={k}>{k ? `${k}: ${m}` : m}</p>
            ))}
          </div>
        )}
      </form>
    </Modal>
  );
}

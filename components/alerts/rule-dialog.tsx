"use client";

// Create or edit an alert rule. The kind decides which fields show; checks run as the
// person types, and a 400's issues appear beside the fields they name.
import { useQueryClient } from "@tanstack/react-query";
import { ChannelEditor } from "@/components/channels/channel-editor";
import { FieldError, FieldInput, FormDialog, RadioCards } from "@/components/ui/form-dialog";
import { useDraftForm } from "@/components/ui/use-draft-form";
import { alertKeys, saveRule, useScopeFacets } from "./alerts-api";
import { describeRule, draftFromRule, KIND_INFO, payloadFromDraft, RULE_KINDS, SCOPE_KEYS, validateDraft, withKind, type Rule, type RuleDraft, type ScopeKey } from "./rule-model";

const KNOWN_FIELDS = /^(name|kind|threshold|windowMinutes|minTraces|enabled|scope\.\w+|channels\.\d+\.\w+)$/;
const SCOPE_LABEL: Record<ScopeKey, string> = { agent: "Agent", service: "Service", environment: "Environment", model: "Model" };
const FACET: Record<ScopeKey, "agents" | "services" | "environments" | "models"> = { agent: "agents", service: "services", environment: "environments", model: "models" };
const KIND_OPTIONS = RULE_KINDS.map((k) => ({ value: k, ...KIND_INFO[k] }));

export function RuleDialog({ project, rule, onClose }: { project: string; rule?: Rule; onClose: () => void }) {
  const client = useQueryClient();
  const form = useDraftForm<RuleDraft>({
    initial: () => draftFromRule(rule),
    validate: validateDraft,
    knownFields: KNOWN_FIELDS,
    save: (d) => saveRule(project, rule?.id ?? null, payloadFromDraft(d)),
    onSaved: () => {
      void client.invalidateQueries({ queryKey: alertKeys.rules(project) });
      onClose();
    },
  });
  const { draft, edit, id } = form;
  const facets = useScopeFacets(project, true);

  const info = KIND_INFO[draft.kind];
  const payload = payloadFromDraft(draft);
  const numberField = (f: "threshold" | "windowMinutes" | "minTraces", label: string, prefix: string | null, suffix: string | null, props: Omit<React.InputHTMLAttributes<HTMLInputElement>, "form">) => (
    <div>
      <label htmlFor={id(f)} className="mb-1 block text-xs font-medium">
        {label}
      </label>
      <div className="flex items-center gap-1.5">
        {prefix && <span className="text-muted">{prefix}</span>}
        <FieldInput form={form} field={f} type="number" inputMode="decimal" step="any" value={draft[f]} onChange={(e) => edit(f, { ...draft, [f]: e.target.value })} {...props} className="w-32" />
        {suffix && <span className="text-muted">{suffix}</span>}
      </div>
      <FieldError form={form} field={f} />
    </div>
  );

  return (
    <FormDialog
      form={form}
      title={rule ? `Edit “${rule.name}”` : "New alert rule"}
      description="Fires once per trace, model or window episode and sends to every channel below."
      submitLabel={rule ? "Save rule" : "Create rule"}
      onClose={onClose}
    >
      <div>
        <label htmlFor={id("name")} className="mb-1 block text-xs font-medium">
          Name
        </label>
        <FieldInput form={form} field="name" value={draft.name} maxLength={200} placeholder="e.g. Runaway support agent" data-autofocus onChange={(e) => edit("name", { ...draft, name: e.target.value })} />
        <FieldError form={form} field="name" />
      </div>

      <fieldset>
        <legend className="mb-1.5 text-xs font-medium">Fires when</legend>
        <RadioCards name={id("kind")} options={KIND_OPTIONS} value={draft.kind} onChange={(k) => edit("kind", withKind(draft, k))} />
        <FieldError form={form} field="kind" />
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
                <FieldInput
                  form={form}
                  field={f}
                  value={draft.scope[k]}
                  placeholder={`any ${k}`}
                  list={id(`${k}-options`)}
                  autoComplete="off"
                  maxLength={200}
                  onChange={(e) => edit(f, { ...draft, scope: { ...draft.scope, [k]: e.target.value } })}
                />
                <datalist id={id(`${k}-options`)}>
                  {(facets.data?.[FACET[k]] ?? []).map((v) => (
                    <option key={v} value={v} />
                  ))}
                </datalist>
                <FieldError form={form} field={f} />
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
        <ChannelEditor value={draft.channels} onChange={(channels) => edit("channels", { ...draft, channels })} errors={form.channelErrors} idPrefix={id("channel")} />
      </fieldset>

      <label className="flex items-center gap-2">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => edit("enabled", { ...draft, enabled: e.target.checked })} className="accent-[var(--accent)]" />
        Enabled <span className="text-xs text-muted">(a disabled rule keeps its history but does not fire)</span>
      </label>
    </FormDialog>
  );
}

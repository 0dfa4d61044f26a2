"use client";

// Alert rules: what each watches, where it sends, whether it is firing. Admins toggle,
// edit and delete (delete asks first, in place).
import { useState } from "react";
import { Pencil, Trash2, Webhook } from "lucide-react";
import { CHANNEL_ICONS } from "@/components/channels/channel-editor";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { IconButton } from "@/components/ui/icon-button";
import { Switch } from "@/components/ui/switch";
import { describeRule, KIND_INFO, scopeEntries, type Rule } from "./rule-model";
import { useRuleMutations } from "./alerts-api";

function StateBadge({ rule }: { rule: Rule }) {
  if (!rule.enabled) return <span className="rounded-full bg-surface-2 px-2 py-0.5 text-[11px] font-medium text-muted">off</span>;
  return rule.state === "firing" ? (
    <span className="inline-flex items-center gap-1 rounded-full bg-danger-soft px-2 py-0.5 text-[11px] font-medium text-danger">
      <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-danger" aria-hidden />
      firing
    </span>
  ) : (
    <span className="rounded-full bg-success-soft px-2 py-0.5 text-[11px] font-medium text-success">ok</span>
  );
}

export function RuleList({ rules, project, canEdit, onEdit }: { rules: Rule[]; project: string; canEdit: boolean; onEdit: (rule: Rule) => void }) {
  const { toggle, remove } = useRuleMutations(project);
  const [confirming, setConfirming] = useState<number | null>(null);
  const error = toggle.error ?? remove.error;
  return (
    <div>
      {error && (
        <p role="alert" className="mb-2 rounded-md bg-danger-soft px-3 py-2 text-danger">
          {error.message}
        </p>
      )}
      <table className="w-full text-[13px]">
        <thead className="text-left text-xs text-muted">
          <tr className="border-b border-border [&>th]:px-2 [&>th]:py-1.5 [&>th]:font-medium">
            <th scope="col">Rule</th>
            <th scope="col">Scope</th>
            <th scope="col">Channels</th>
            <th scope="col">State</th>
            <th scope="col">Enabled</th>
            {canEdit && (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => {
            const scope = scopeEntries(r.scope);
            return (
              <tr key={r.id} data-testid="rule" className="border-b border-border align-top [&>td]:px-2 [&>td]:py-2">
                <td>
                  <div className="font-medium">{r.name}</div>
                  <div className="text-xs text-muted" title={KIND_INFO[r.kind]?.help}>
                    {describeRule(r)}
                  </div>
                </td>
                <td>
                  {scope.length === 0 ? (
                    <span className="text-xs text-muted">all traces</span>
                  ) : (
                    <div className="flex flex-wrap gap-1">
                      {scope.map((s) => (
                        <span key={s.key} className="max-w-48 truncate rounded bg-surface-2 px-1.5 py-0.5 text-xs" title={`${s.key} = ${s.value}`}>
                          <span className="text-muted">{s.key}</span> {s.value}
                        </span>
                      ))}
                    </div>
                  )}
                </td>
                <td>
                  {r.channels.length === 0 ? (
                    <span className="text-xs text-muted">none</span>
                  ) : (
                    <span className="inline-flex items-center gap-1 text-muted" title={r.channels.map((c) => c.type).join(", ")}>
                      {r.channels.map((c, i) => {
                        const Icon = CHANNEL_ICONS[c.type] ?? Webhook;
                        return <Icon key={i} className="h-3.5 w-3.5" aria-label={c.type} />;
                      })}
                    </span>
                  )}
                </td>
                <td>
                  <StateBadge rule={r} />
                </td>
                <td>
                  {canEdit ? (
                    <Switch checked={r.enabled} label={`${r.enabled ? "Disable" : "Enable"} “${r.name}”`} onChange={(enabled) => toggle.mutate({ id: r.id, enabled })} />
                  ) : (
                    <span className="text-xs text-muted">{r.enabled ? "yes" : "no"}</span>
                  )}
                </td>
                {canEdit && (
                  <td className="whitespace-nowrap text-right">
                    {confirming === r.id ? (
                      <ConfirmDelete
                        label={`Delete “${r.name}”?`}
                        question="Delete this rule and its history?"
                        onDelete={() => {
                          setConfirming(null);
                          remove.mutate(r.id);
                        }}
                        onKeep={() => setConfirming(null)}
                      />
                    ) : (
                      <span className="inline-flex gap-0.5">
                        <IconButton icon={Pencil} label={`Edit “${r.name}”`} title="Edit" onClick={() => onEdit(r)} />
                        <IconButton icon={Trash2} label={`Delete “${r.name}”`} title="Delete" tone="danger" onClick={() => setConfirming(r.id)} />
                      </span>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

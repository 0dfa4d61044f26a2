"use client";

// The "Alert rules" tab: the list, its empty/loading/error states, and the create/edit dialog.
import { useState } from "react";
import { CircleAlert } from "lucide-react";
import { NewButton } from "@/components/ui/new-button";
import { SkeletonRows } from "@/components/ui/skeleton-rows";
import { useRules } from "./alerts-api";
import { RuleList } from "./rule-list";
import { RuleDialog } from "./rule-dialog";
import type { Rule } from "./rule-model";

export function RulesPanel({ project, canEdit }: { project: string; canEdit: boolean }) {
  const rules = useRules(project);
  const [editing, setEditing] = useState<{ rule?: Rule } | null>(null);

  return (
    <section aria-labelledby="rules-heading" className="space-y-3">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="rules-heading" className="font-semibold">
            Alert rules
          </h2>
          <p className="text-muted">
            Besides budgets: a runaway trace, error rate or p95 latency over a window, a model without a price.
            {!canEdit && " Only admins can create or change rules."}
          </p>
        </div>
        {canEdit && rules.data !== null && (
          <NewButton label="New rule" onClick={() => setEditing({})} />
        )}
      </header>

      {rules.isPending ? (
        <SkeletonRows label="Loading alert rules" count={3} rowClassName="h-12" />
      ) : rules.isError ? (
        <div role="alert" className="rounded-md bg-danger-soft p-4 text-danger">
          <CircleAlert className="mr-1.5 inline h-4 w-4" aria-hidden />
          Could not load alert rules (/api/alert-rules): {rules.error.message}
          <button type="button" className="ml-3 underline" onClick={() => void rules.refetch()}>
            Retry
          </button>
        </div>
      ) : rules.data === null ? (
        <p className="rounded-md border border-dashed border-border p-4 text-muted">This server does not offer alert rules yet (GET /api/alert-rules answered 404).</p>
      ) : rules.data.length === 0 ? (
        <div className="rounded-lg border border-dashed border-border p-6 text-center">
          <p className="font-medium">No alert rules yet</p>
          <p className="mt-1 text-muted">
            A rule such as “Trace cost &gt; $5.00” catches a runaway agent on the first expensive run, long before a monthly budget notices.
          </p>
          {canEdit && (
            <button type="button" onClick={() => setEditing({})} className="mt-3 rounded-md bg-accent px-3 py-1.5 font-medium text-accent-foreground">
              Create the first rule
            </button>
          )}
        </div>
      ) : (
        <RuleList rules={rules.data} project={project} canEdit={canEdit} onEdit={(rule) => setEditing({ rule })} />
      )}

      {editing && <RuleDialog key={editing.rule?.id ?? "new"} project={project} rule={editing.rule} onClose={() => setEditing(null)} />}
    </section>
  );
}

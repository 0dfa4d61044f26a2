// No budgets yet: what a budget does, and how to get one.
import { Wallet } from "lucide-react";
import { NewButton } from "@/components/ui/new-button";

export function BudgetsEmpty({ canEdit, onCreate }: { canEdit: boolean; onCreate: () => void }) {
  return (
    <div className="mx-auto mt-10 max-w-xl rounded-lg border border-dashed border-border px-6 py-8 text-center">
      <Wallet className="mx-auto h-7 w-7 text-muted" aria-hidden />
      <h2 className="mt-3 text-base font-semibold">No budgets yet</h2>
      <p className="mt-1.5 text-muted">
        A budget watches spend over a day, a week, a month or a rolling window: for the whole project, or one agent, model, service,
        environment, end user or metadata value. It alerts your webhook, Slack or e-mail when spend crosses 50 %, 80 % and 100 % of the
        amount (or thresholds you choose), and can warn early when the forecast says the period will end over it.
      </p>
      <p className="mt-1.5 text-muted">
        Scripts can ask <code className="rounded bg-surface-2 px-1 font-mono text-xs">GET /api/budgets/status</code> before expensive work.
      </p>
      {canEdit ? (
        <NewButton label="New budget" onClick={onCreate} className="mt-4" />
      ) : (
        <p className="mt-4 rounded-md bg-surface-2 px-3 py-2 text-[13px]">You have a viewer account: ask an admin to create a budget.</p>
      )}
    </div>
  );
}

// What to show when nothing has fired: what fires alerts and where to set them up.
import Link from "next/link";
import { BellOff } from "lucide-react";

export function AlertsEmpty({ budgetsHref, onRules }: { budgetsHref: string; onRules: () => void }) {
  return (
    <div className="mx-auto max-w-2xl py-14">
      <BellOff className="h-7 w-7 text-muted" aria-hidden />
      <h2 className="mt-3 text-base font-semibold">No alerts have fired yet</h2>
      <p className="mt-1 text-muted">An alert fires, and goes to its channels within a minute, when:</p>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-muted">
        <li>
          a <span className="text-foreground">budget</span> crosses one of its thresholds (50 %, 80 %, 100 % by default), or its forecast runs past the amount;
        </li>
        <li>
          an <span className="text-foreground">alert rule</span> matches: a single trace costs more than a limit, the error rate or p95 latency over a window goes
          above a limit, or a model without a price shows up.
        </li>
      </ul>
      <p className="mt-2 text-muted">Each alert is listed here with every delivery attempt to its webhooks, Slack or e-mail.</p>
      <div className="mt-4 flex flex-wrap gap-2">
        <Link href={budgetsHref} className="rounded-md border border-border px-3 py-1.5 hover:bg-surface-2">
          Set up a budget
        </Link>
        <button type="button" onClick={onRules} className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-foreground">
          Create an alert rule
        </button>
      </div>
    </div>
  );
}

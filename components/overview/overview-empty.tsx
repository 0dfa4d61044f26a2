// What the overview says when the window has no traffic: how to send some, or where the traffic is.
import Link from "next/link";
import { Inbox } from "lucide-react";
import { formatTime } from "@/lib/format";

interface Props {
  /** The project's most recent trace start (ISO): null when it never received one, undefined while checking. */
  latestStart: string | null | undefined;
  filtered: boolean;
  origin: string;
  project: string;
  settingsHref: string;
  onShowLatest: (latestStart: string) => void;
  onClearFilters: () => void;
}

function Onboarding({ origin, project, settingsHref }: { origin: string; project: string; settingsHref: string }) {
  return (
    <div className="mx-auto max-w-2xl py-12" data-testid="overview-onboarding">
      <Inbox className="h-7 w-7 text-muted" aria-hidden />
      <h2 className="mt-3 text-base font-semibold">No traces in this project yet</h2>
      <p className="mt-1 text-muted">
        Spend, latency and success rates appear here once your agents send traces. Point their OpenTelemetry exporter at Skein with an ingest key for
        this project (create one in{" "}
        <Link href={settingsHref} className="text-accent underline">
          Settings
        </Link>
        ):
      </p>
      <pre className="mt-3 overflow-x-auto rounded-lg border border-border bg-surface p-3 text-xs leading-relaxed">
        {`export OTEL_EXPORTER_OTLP_ENDPOINT=${origin}
export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer%20<your ingest key>"
export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf`}
      </pre>
      <p className="mt-4 text-muted">Or fill it with a day of realistic demo traffic from six agents:</p>
      <pre className="mt-2 overflow-x-auto rounded-lg border border-border bg-surface p-3 text-xs leading-relaxed">
        {`SKEIN_URL=${origin} SKEIN_INGEST_KEY=<ingest key of “${project}”> npm run demo`}
      </pre>
      <p className="mt-4 text-xs text-muted">Only content-free span metadata is stored: never prompts, completions or tool payloads.</p>
    </div>
  );
}

export function OverviewEmpty({ latestStart, filtered, origin, project, settingsHref, onShowLatest, onClearFilters }: Props) {
  if (filtered) {
    return (
      <div className="py-16 text-center">
        <h2 className="text-base font-semibold">Nothing matches these filters in this time range</h2>
        <p className="mt-1 text-muted">Widen the time range (press [ to step back) or clear the filters.</p>
        <button type="button" onClick={onClearFilters} className="mt-4 rounded-md border border-border px-3 py-1.5 hover:bg-surface-2">
          Clear filters
        </button>
      </div>
    );
  }
  if (latestStart === undefined) {
    return <div className="mx-auto mt-12 h-40 max-w-2xl animate-pulse rounded-lg bg-surface-2" aria-busy="true" aria-label="Checking for traces" />;
  }
  if (latestStart === null) return <Onboarding origin={origin} project={project} settingsHref={settingsHref} />;
  return (
    <div className="py-16 text-center" data-testid="overview-empty-range">
      <Inbox className="mx-auto h-7 w-7 text-muted" aria-hidden />
      <h2 className="mt-3 text-base font-semibold">No traces in this time range</h2>
      <p className="mt-1 text-muted">
        The latest trace of this project started <span className="text-foreground">{formatTime(latestStart, false)}</span>.
      </p>
      <div className="mt-4 flex justify-center gap-2">
        <button type="button" onClick={() => onShowLatest(latestStart)} className="rounded-md border border-border bg-accent-soft px-3 py-1.5 font-medium text-accent hover:bg-surface-2">
          Show the 24 hours before it
        </button>
      </div>
    </div>
  );
}

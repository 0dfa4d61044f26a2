// Scheduled cost reports as notices for the delivery queue (lib/notify/outbox.ts):
// the cost report of the run's period (built by lib/export/cost-report), summed up
// for the webhook and Slack, and e-mailed with the PDF attached (rendered only for
// e-mail channels, once per notice). Content-free: names of agents and models, counts
// and money only.
import type { BudgetChannelJson } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import { buildCostReport, type CostReport, type CostReportGroupKey, type CostReportTopItem } from "@/lib/export/cost-report";
import { renderCostReportPdf } from "@/lib/export/cost-report-pdf";
import { absoluteUrl, slackEscape, slackLink, usd, type EmailMessage, type Notice } from "@/lib/notify/notice";
import type { Loader } from "@/lib/notify/outbox";
import { groupByParam } from "./report-params";
import { CADENCE_LABELS, periodLabel, type Cadence } from "./schedule-period";

export interface ReportRunFacts {
  runId: number;
  manual: boolean;
  firedAt: Date;
  periodStart: Date;
  periodEnd: Date;
  schedule: { id: number; name: string; cadence: Cadence; timezone: string; groupBy: CostReportGroupKey };
  project: { id: number; slug: string; name: string };
}

export interface ReportWebhookBody {
  type: "report.cost";
  runId: number;
  manual: boolean;
  scheduleId: number;
  scheduleName: string;
  cadence: Cadence;
  timezone: string;
  periodStart: string;
  periodEnd: string;
  totalCostUsd: number;
  costPerSuccessfulTraceUsd: number | null;
  wastedCostUsd: number;
  traceCount: number;
  successRate: number | null;
  topAgents: { name: string; costUsd: number }[];
  topModels: { name: string; costUsd: number }[];
  unpricedCallCount: number;
  url: string;
  pdfUrl: string;
  firedAt: string;
}

const FACTS_SQL = `
select r.id::text as run_id, r.manual, r.created_at, r.period_start, r.period_end,
       s.id as schedule_id, s.name, s.cadence, s.timezone, s.group_by, s.channels,
       p.id as project_id, p.slug, p.name as project_name
  from report_runs r
  join report_schedules s on s.project_id = r.project_id and s.id = r.schedule_id
  join projects p on p.id = r.project_id
 where r.project_id = $1 and r.id = $2::int8`;

interface FactsRow {
  run_id: string;
  manual: boolean;
  created_at: unknown;
  period_start: unknown;
  period_end: unknown;
  schedule_id: number;
  name: string;
  cadence: Cadence;
  timezone: string;
  group_by: CostReportGroupKey;
  channels: BudgetChannelJson[] | string;
  project_id: number;
  slug: string;
  project_name: string;
}

const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

export async function loadRunFacts(db: Db, projectId: number, runId: string): Promise<{ facts: ReportRunFacts; channels: BudgetChannelJson[] } | null> {
  const [r] = await db.query<FactsRow & Record<string, unknown>>(FACTS_SQL, [projectId, runId]);
  if (!r) return null;
  return {
    channels: typeof r.channels === "string" ? (JSON.parse(r.channels) as BudgetChannelJson[]) : r.channels,
    facts: {
      runId: Number(r.run_id),
      manual: r.manual,
      firedAt: toDate(r.created_at),
      periodStart: toDate(r.period_start),
      periodEnd: toDate(r.period_end),
      schedule: { id: r.schedule_id, name: r.name, cadence: r.cadence, timezone: r.timezone, groupBy: r.group_by },
      project: { id: r.project_id, slug: r.slug, name: r.project_name },
    },
  };
}

function periodQuery(f: ReportRunFacts): URLSearchParams {
  const qs = new URLSearchParams();
  qs.set("project", f.project.slug);
  qs.set("from", f.periodStart.toISOString());
  qs.set("to", f.periodEnd.toISOString());
  const g = groupByParam([f.schedule.groupBy]);
  if (g) qs.set("groupBy", g);
  return qs;
}

/** The /reports page showing this run's period and grouping. */
export function reportPageUrl(f: ReportRunFacts, publicUrl = ""): string {
  return absoluteUrl(`/reports?${periodQuery(f).toString()}`, publicUrl);
}

/** The PDF of the same report (the export API; needs a signed-in browser or an API token). */
export function reportPdfUrl(f: ReportRunFacts, publicUrl = ""): string {
  const qs = periodQuery(f);
  qs.set("groupBy", f.schedule.groupBy);
  return absoluteUrl(`/api/export/cost-report?format=pdf&${qs.toString()}`, publicUrl);
}

/** "Weekly cost report · 16–22 Nov 2026" (the period in the schedule's zone). */
export function reportTitle(f: ReportRunFacts): string {
  const period = periodLabel({ start: f.periodStart, end: f.periodEnd }, f.schedule.timezone, f.schedule.cadence);
  return `${CADENCE_LABELS[f.schedule.cadence]} cost report · ${period}`;
}

const top = (items: readonly CostReportTopItem[], n: number) => items.slice(0, n).map((i) => ({ name: i.key, costUsd: i.costUsd }));
const pct = (r: number | null) => (r === null ? "n/a" : `${(r * 100).toFixed(1)} %`);
const money = (v: number | null) => (v === null ? "n/a" : usd(v));

export function reportWebhookBody(f: ReportRunFacts, r: CostReport, publicUrl?: string): ReportWebhookBody {
  const t = r.totals;
  return {
    type: "report.cost",
    runId: f.runId,
    manual: f.manual,
    scheduleId: f.schedule.id,
    scheduleName: f.schedule.name,
    cadence: f.schedule.cadence,
    timezone: f.schedule.timezone,
    periodStart: f.periodStart.toISOString(),
    periodEnd: f.periodEnd.toISOString(),
    totalCostUsd: t.totalCostUsd,
    costPerSuccessfulTraceUsd: t.costPerSuccessfulTraceUsd,
    wastedCostUsd: t.wastedCostUsd,
    traceCount: t.traceCount,
    successRate: t.successRate,
    topAgents: top(r.topAgents, 5),
    topModels: top(r.topModels, 5),
    unpricedCallCount: t.unpricedCallCount,
    url: reportPageUrl(f, publicUrl),
    pdfUrl: reportPdfUrl(f, publicUrl),
    firedAt: f.firedAt.toISOString(),
  };
}

const list = (items: { name: string; costUsd: number }[]) => items.map((i) => `${i.name} ${usd(i.costUsd)}`).join(", ");

/** The figures as lines (Slack and e-mail share them). */
function summaryLines(b: ReportWebhookBody): string[] {
  return [
    `Total cost: ${usd(b.totalCostUsd)}`,
    `Traces: ${b.traceCount.toLocaleString("en-US")} (success ${pct(b.successRate)})`,
    `Cost per successful trace: ${money(b.costPerSuccessfulTraceUsd)}`,
    `Wasted spend (failed traces): ${usd(b.wastedCostUsd)}`,
    ...(b.unpricedCallCount > 0 ? [`Unpriced LLM calls (not in the cost): ${b.unpricedCallCount.toLocaleString("en-US")}`] : []),
  ];
}

export function reportSlackText(f: ReportRunFacts, b: ReportWebhookBody): string {
  const head = `*${slackEscape(reportTitle(f))}* — "${slackEscape(f.schedule.name)}", project ${slackEscape(f.project.name)} (${slackEscape(f.schedule.timezone)})${f.manual ? " · sent manually" : ""}`;
  const tops = [
    ...(b.topAgents.length ? [`Top agents: ${slackEscape(list(b.topAgents.slice(0, 3)))}`] : []),
    ...(b.topModels.length ? [`Top models: ${slackEscape(list(b.topModels.slice(0, 3)))}`] : []),
  ];
  const links = `${slackLink(b.url, "Open report")}${slackLink(b.pdfUrl, "PDF")}`.trim();
  return [head, ...summaryLines(b), ...tops, ...(links ? [links] : [])].join("\n");
}

/** "23 Nov 2026, 00:00" in the zone. */
const localTime = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(d);

const fileDay = (d: Date) => d.toISOString().slice(0, 16).replace(/[:T-]/g, "");

export function reportEmailText(f: ReportRunFacts, b: ReportWebhookBody): string {
  const absolute = /^https?:\/\//.test(b.url);
  return [
    `${reportTitle(f)} for project ${f.project.name}.`,
    `Schedule "${f.schedule.name}"${f.manual ? " (sent manually)" : ""}.`,
    `Period: ${localTime(f.periodStart, f.schedule.timezone)} to ${localTime(f.periodEnd, f.schedule.timezone)} ${f.schedule.timezone} (traces started in it).`,
    "",
    ...summaryLines(b),
    ...(b.topAgents.length ? [`Top agents: ${list(b.topAgents)}`] : []),
    ...(b.topModels.length ? [`Top models: ${list(b.topModels)}`] : []),
    "",
    "The full report is attached as a PDF.",
    ...(absolute ? [`Open in Skein: ${b.url}`] : []),
  ].join("\n");
}

/** The notice for one run; the PDF is rendered on the first email() call and reused. */
export function reportNotice(f: ReportRunFacts, r: CostReport, publicUrl?: string): Notice {
  const b = reportWebhookBody(f, r, publicUrl);
  let mail: Promise<EmailMessage> | undefined;
  return {
    webhook: { ...b },
    slackText: reportSlackText(f, b),
    email() {
      mail ??= renderCostReportPdf(r).then((pdf) => ({
        subject: `[Skein] ${reportTitle(f)}`,
        text: reportEmailText(f, b),
        attachments: [{ filename: `skein-cost-report-${fileDay(f.periodStart)}-${fileDay(f.periodEnd)}.pdf`, contentType: "application/pdf", content: pdf }],
      }));
      // A failed render is not memoized: the next attempt renders again.
      mail.catch(() => {
        mail = undefined;
      });
      return mail;
    },
  };
}

export const loadReportNotice: Loader = async (db, projectId, refId, opts) => {
  const loaded = await loadRunFacts(db, projectId, refId);
  if (!loaded) return null;
  const { facts } = loaded;
  const report = await buildCostReport(db, {
    filter: { projectId, from: facts.periodStart, to: facts.periodEnd },
    groupBy: [facts.schedule.groupBy],
    project: facts.project,
  });
  return { channels: loaded.channels, notice: reportNotice(facts, report, opts.publicUrl) };
};

// The cost report as an A4 PDF (pdfkit, vectors only, standard fonts): title, project,
// period, summary, cost-over-time chart, top agents and models, unpriced usage, prices
// used, the grouped rows, and "Page N of M" on every page.
import PDFDocument from "pdfkit";
import { formatUsd } from "@/lib/format";
import { COST_REPORT_TITLE, type CostReport, type CostReportRow, type CostReportTopItem } from "./cost-report";
import { drawCostChart } from "./pdf-cost-chart";
import { drawTable, sectionTitle, type PdfColumn } from "./pdf-table";

type Doc = InstanceType<typeof PDFDocument>;

/** Money as the PDF prints it (exported so tests can look for the same text). */
export const pdfUsd = (usd: number | null): string => (usd === null ? "n/a" : formatUsd(usd));
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const pct = (r: number | null) => (r === null ? "n/a" : `${(r * 100).toFixed(1)} %`);
/** "2026-01-01 00:00 UTC". */
export const pdfTime = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

// Standard PDF fonts are WinAnsi; keep names printable rather than garbled.
const safe = (s: string) => s.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, "?");

function header(doc: Doc, r: CostReport): void {
  doc.font("Helvetica-Bold").fontSize(20).fillColor("black").text(COST_REPORT_TITLE);
  doc.moveDown(0.3).font("Helvetica").fontSize(10);
  const line = (label: string, value: string) => {
    doc.font("Helvetica-Bold").text(`${label}: `, { continued: true }).font("Helvetica").text(value);
  };
  line("Project", `${safe(r.project.name)} (${safe(r.project.slug)})`);
  line("Period", `${pdfTime(r.period.from)} to ${pdfTime(r.period.to)} (traces started in [from, to))`);
  line("Generated", pdfTime(r.generatedAt));
}

function summary(doc: Doc, r: CostReport): void {
  const t = r.totals;
  const rows: [string, string][] = [
    ["Total cost", pdfUsd(t.totalCostUsd)],
    ["Cost per successful transaction", pdfUsd(t.costPerSuccessfulTraceUsd)],
    ["Wasted spend (failed traces)", pdfUsd(t.wastedCostUsd)],
    ["Traces", int(t.traceCount)],
    ["Successful traces", `${int(t.successCount)} (${pct(t.successRate)} of traces with a root)`],
    ["LLM calls", int(t.llmCallCount)],
    ["Input tokens (incl. cache reads)", int(t.inputTokens)],
    ["Output tokens", int(t.outputTokens)],
    ["Unpriced LLM calls (not in the cost)", int(t.unpricedCallCount)],
  ];
  drawTable(doc, "Summary", [{ header: "Figure", weight: 3 }, { header: "Value", weight: 3 }], rows);
}

const TOP_COLS: PdfColumn[] = [
  { header: "Name", weight: 4 },
  { header: "Traces", weight: 1.4, align: "right" },
  { header: "LLM calls", weight: 1.4, align: "right" },
  { header: "Success", weight: 1.3, align: "right" },
  { header: "Cost", weight: 1.6, align: "right" },
  { header: "Per success", weight: 1.6, align: "right" },
  { header: "Tokens in / out", weight: 2.4, align: "right" },
];

function topRows(items: readonly CostReportTopItem[]): string[][] {
  return items.map((i) => [
    safe(i.key) + (i.unpriced ? " *" : ""),
    int(i.traces),
    int(i.llmCalls),
    pct(i.successRate),
    // Never a silent $0 for usage that had no price at all.
    i.unpriced && i.costUsd === 0 ? "unpriced" : pdfUsd(i.costUsd),
    i.unpriced && i.costUsd === 0 ? "unpriced" : pdfUsd(i.costPerSuccessfulTraceUsd),
    `${int(i.inputTokens)} / ${int(i.outputTokens)}`,
  ]);
}

function groupedTable(doc: Doc, r: CostReport): void {
  const keyCols: PdfColumn[] = r.groupBy.map((k) => ({ header: k === "day" ? "Day (UTC)" : k === "agent" ? "Agent" : "Model", weight: k === "day" ? 2 : 3 }));
  const cols: PdfColumn[] = [
    ...keyCols,
    { header: "Traces", weight: 1.3, align: "right" },
    { header: "Successful", weight: 1.4, align: "right" },
    { header: "Cost", weight: 1.6, align: "right" },
    { header: "Wasted", weight: 1.6, align: "right" },
    { header: "Tokens in / out", weight: 2.6, align: "right" },
    { header: "Unpriced", weight: 1.2, align: "right" },
  ];
  const cells = (row: CostReportRow) => [
    ...r.groupBy.map((k) => safe(row[k] ?? "")),
    int(row.traces),
    int(row.successfulTraces),
    pdfUsd(row.costUsd),
    pdfUsd(row.wastedCostUsd),
    `${int(row.inputTokens)} / ${int(row.outputTokens)}`,
    int(row.unpricedCalls),
  ];
  const title = r.groupBy.length ? `Cost by ${r.groupBy.join(", ")}` : "Cost for the period";
  drawTable(doc, title, cols, r.rows.map(cells));
}

function pageNumbers(doc: Doc): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would otherwise make pdfkit add a page.
    doc.page.margins.bottom = 0;
    doc.font("Helvetica").fontSize(8).fillColor("black");
    const y = doc.page.height - 32;
    doc.text(COST_REPORT_TITLE, doc.page.margins.left, y, { lineBreak: false });
    const label = `Page ${i + 1} of ${range.count}`;
    doc.text(label, doc.page.width - doc.page.margins.right - 120, y, { width: 120, align: "right", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** Renders the report to a PDF file's bytes. */
export function renderCostReportPdf(r: CostReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 50, bottom: 56, left: 50, right: 50 },
    bufferPages: true,
    info: { Title: `${COST_REPORT_TITLE}: ${safe(r.project.name)}`, Creator: "Skein", CreationDate: new Date(r.generatedAt) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  header(doc, r);
  summary(doc, r);
  sectionTitle(doc, "Cost over time");
  drawCostChart(doc, r.series);
  drawTable(doc, "Top agents by cost", TOP_COLS, topRows(r.topAgents));
  drawTable(doc, "Top models by cost", TOP_COLS, topRows(r.topModels));
  if (r.topAgents.some((i) => i.unpriced) || r.topModels.some((i) => i.unpriced)) {
    doc.moveDown(0.3).font("Helvetica-Oblique").fontSize(8).text("* some LLM calls had no price; their tokens are not in the cost (see Unpriced usage).");
  }
  drawTable(
    doc,
    "Unpriced usage",
    [{ header: "Provider", weight: 2 }, { header: "Model", weight: 4 }, { header: "Calls", weight: 1.4, align: "right" }, { header: "Input tokens", weight: 2, align: "right" }, { header: "Output tokens", weight: 2, align: "right" }],
    r.unpriced.map((u) => [safe(u.provider || "(none)"), safe(u.model || "(none)"), int(u.calls), int(u.inputTokens), int(u.outputTokens)]),
    "Every LLM call in this period matched a price.",
  );
  drawTable(
    doc,
    "Prices used (USD per 1M tokens)",
    [
      { header: "Provider", weight: 1.6 },
      { header: "Model", weight: 3 },
      { header: "Input", weight: 1.2, align: "right" },
      { header: "Output", weight: 1.2, align: "right" },
      { header: "Cache read", weight: 1.3, align: "right" },
      { header: "Effective from", weight: 1.8, align: "right" },
      { header: "Source", weight: 1, align: "right" },
    ],
    r.prices.map((p) => [
      safe(p.provider),
      safe(p.model),
      String(p.inputUsdPerMtok),
      String(p.outputUsdPerMtok),
      p.cacheReadUsdPerMtok === null ? "-" : String(p.cacheReadUsdPerMtok),
      p.effectiveFrom.slice(0, 10),
      p.source,
    ]),
    "No LLM call in this period was priced.",
  );
  groupedTable(doc, r);
  pageNumbers(doc);
  doc.end();
  return done;
}

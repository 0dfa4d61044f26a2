// The cost-over-time chart of the PDF report, drawn as vectors: bars of cost per bucket
// (light grey, outlined) with the wasted part in dark grey, axes, "nice" gridlines and
// labels, and a legend. Greys and outlines only, so it reads in black and white.
import type PDFDocument from "pdfkit";
import type { CostReport } from "./cost-report";

type Doc = InstanceType<typeof PDFDocument>;

const LIGHT = "#c4c4c4";
const DARK = "#505050";

/** The smallest 1/2/5 × 10^k step giving at most `ticks` intervals up to `max`. */
export function niceStep(max: number, ticks = 4): number {
  if (!(max > 0)) return 1;
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

function bucketLabel(iso: string, interval: string): string {
  if (interval === "1mo") return iso.slice(0, 7);
  if (interval === "1d" || interval === "1w") return iso.slice(0, 10);
  return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

const INTERVAL_NAMES: Record<string, string> = { "1m": "minute", "5m": "5 minutes", "15m": "15 minutes", "1h": "hour", "6h": "6 hours", "1d": "day", "1w": "week", "1mo": "month" };

/** Draws the chart at the current position, `height` points tall, and moves below it. */
export function drawCostChart(doc: Doc, series: CostReport["series"], height = 190): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const top = doc.y;
  const axisW = 52;
  const x0 = left + axisW;
  const plotW = width - axisW - 4;
  const plotTop = top + 16;
  const plotH = height - 16 - 30;
  const y0 = plotTop + plotH;
  const buckets = series.buckets;
  const max = Math.max(0, ...buckets.map((b) => b.costUsd));
  const step = niceStep(max);
  const yMax = max > 0 ? Math.ceil(max / step) * step : 1;
  const yOf = (v: number) => y0 - (v / yMax) * plotH;

  doc.font("Helvetica").fontSize(8).fillColor("black");
  doc.text(`USD per ${INTERVAL_NAMES[series.interval] ?? series.interval} (UTC)`, left, top, { lineBreak: false });

  // Gridlines and y labels, all with the step's decimals.
  const exp = Math.floor(Math.log10(step));
  const mantissa = step / 10 ** exp;
  const decimals = Math.max(0, -exp + (Math.abs(mantissa - Math.round(mantissa)) > 1e-6 ? 1 : 0));
  const axisUsd = (v: number) => `$${v.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals })}`;
  for (let v = 0; v <= yMax + step / 2; v += step) {
    const y = yOf(v);
    doc.moveTo(x0, y).lineTo(x0 + plotW, y).lineWidth(0.3).strokeColor("#b0b0b0").dash(2, { space: 2 }).stroke().undash();
    doc.fillColor("black").text(axisUsd(v), left, y - 3.5, { width: axisW - 6, align: "right", lineBreak: false });
  }

  // Bars: cost (light, outlined), wasted part (dark) from the baseline.
  const n = Math.max(1, buckets.length);
  const slot = plotW / n;
  const barW = Math.max(0.5, slot * 0.78);
  buckets.forEach((b, i) => {
    if (!(b.costUsd > 0)) return;
    const x = x0 + i * slot + (slot - barW) / 2;
    const yTop = yOf(b.costUsd);
    doc.rect(x, yTop, barW, y0 - yTop).fill(LIGHT);
    if (barW >= 2) doc.rect(x, yTop, barW, y0 - yTop).lineWidth(0.4).strokeColor("black").stroke();
    if (b.wastedCostUsd > 0) {
      const yW = yOf(Math.min(b.wastedCostUsd, b.costUsd));
      doc.rect(x, yW, barW, y0 - yW).fill(DARK);
    }
  });

  // Axes.
  doc.moveTo(x0, plotTop).lineTo(x0, y0).lineTo(x0 + plotW, y0).lineWidth(0.8).strokeColor("black").stroke();

  // X labels: about six, evenly spaced, with tick marks.
  const every = Math.max(1, Math.ceil(n / 6));
  doc.font("Helvetica").fontSize(7.5).fillColor("black");
  for (let i = 0; i < buckets.length; i += every) {
    const b = buckets[i];
    if (!b) continue;
    const cx = x0 + i * slot + slot / 2;
    doc.moveTo(cx, y0).lineTo(cx, y0 + 3).lineWidth(0.5).strokeColor("black").stroke();
    doc.text(bucketLabel(b.start, series.interval), cx - 40, y0 + 5, { width: 80, align: "center", lineBreak: false });
  }

  // Legend.
  const ly = y0 + 18;
  doc.rect(x0, ly, 9, 7).fillAndStroke(LIGHT, "black");
  doc.fillColor("black").text("Cost", x0 + 13, ly, { lineBreak: false });
  doc.rect(x0 + 50, ly, 9, 7).fill(DARK);
  doc.fillColor("black").text("Wasted spend (failed traces)", x0 + 63, ly, { lineBreak: false });

  doc.x = left;
  doc.y = top + height;
}

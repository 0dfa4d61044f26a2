// A plain table for pdfkit documents: bold header on a light grey band, thin rules,
// cells clipped to one line with an ellipsis, and continuation across pages with the
// header (and the table title, marked "continued") repeated. Greys only: prints in B/W.
import type PDFDocument from "pdfkit";

export interface PdfColumn {
  header: string;
  /** Share of the table width (relative to the other columns). */
  weight: number;
  align?: "left" | "right";
}

const ROW_H = 14;
const FONT_SIZE = 8.5;
const PAD = 3;

type Doc = InstanceType<typeof PDFDocument>;

/** Space left on the page before the bottom margin. */
export function spaceLeft(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom - doc.y;
}

export function sectionTitle(doc: Doc, title: string): void {
  if (spaceLeft(doc) < 60) doc.addPage();
  doc.moveDown(0.6).font("Helvetica-Bold").fontSize(12).fillColor("black").text(title, doc.page.margins.left, doc.y);
  doc.moveDown(0.3);
}

function drawRow(doc: Doc, cols: readonly PdfColumn[], widths: number[], cells: readonly string[], header: boolean): void {
  const left = doc.page.margins.left;
  const width = widths.reduce((a, w) => a + w, 0);
  const y = doc.y;
  if (header) doc.rect(left, y, width, ROW_H).fill("#e4e4e4");
  doc.font(header ? "Helvetica-Bold" : "Helvetica").fontSize(FONT_SIZE).fillColor("black");
  let x = left;
  cols.forEach((c, i) => {
    const w = widths[i] ?? 0;
    doc.text(cells[i] ?? "", x + PAD, y + 3.5, { width: w - 2 * PAD, align: c.align ?? "left", lineBreak: false, ellipsis: true, height: ROW_H });
    x += w;
  });
  doc
    .moveTo(left, y + ROW_H)
    .lineTo(left + width, y + ROW_H)
    .lineWidth(header ? 0.8 : 0.3)
    .strokeColor(header ? "black" : "#9a9a9a")
    .stroke();
  doc.x = left;
  doc.y = y + ROW_H;
}

/** Draws a table under `title`; when a page fills up it continues on the next with the header repeated. */
export function drawTable(doc: Doc, title: string, cols: readonly PdfColumn[], rows: readonly (readonly string[])[], empty = "None in this period."): void {
  sectionTitle(doc, title);
  if (rows.length === 0) {
    doc.font("Helvetica-Oblique").fontSize(9).fillColor("black").text(empty);
    return;
  }
  const total = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const sum = cols.reduce((a, c) => a + c.weight, 0);
  const widths = cols.map((c) => (total * c.weight) / sum);
  const headers = cols.map((c) => c.header);
  if (spaceLeft(doc) < 3 * ROW_H) {
    doc.addPage();
    sectionTitle(doc, title);
  }
  drawRow(doc, cols, widths, headers, true);
  for (const r of rows) {
    if (spaceLeft(doc) < ROW_H) {
      doc.addPage();
      sectionTitle(doc, `${title} (continued)`);
      drawRow(doc, cols, widths, headers, true);
    }
    drawRow(doc, cols, widths, r, false);
  }
}

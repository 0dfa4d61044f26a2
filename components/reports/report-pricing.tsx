// Unpriced usage (left out of every cost) and the price rows the period was priced with.
import Link from "next/link";
import type { PriceJson } from "@/lib/db/price-admin";
import type { UnpricedUsage } from "@/lib/export/cost-report-sql";
import { formatCount } from "@/lib/format";
import { ReportTable, type ReportColumn } from "./report-table";

const perM = (usd: number | null) => (usd === null ? "—" : `$${usd.toLocaleString("en-US", { maximumFractionDigits: 4 })}`);
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "—");

const UNPRICED: ReportColumn<UnpricedUsage>[] = [
  { label: "Provider", render: (u) => u.provider || "—" },
  { label: "Model", render: (u) => <span className="font-mono text-xs">{u.model || "(none)"}</span>, title: (u) => u.model },
  { label: "Calls", align: "right", render: (u) => u.calls.toLocaleString("en-US") },
  { label: "Input tokens", align: "right", render: (u) => formatCount(u.inputTokens), title: (u) => u.inputTokens.toLocaleString("en-US") },
  { label: "Output tokens", align: "right", render: (u) => formatCount(u.outputTokens), title: (u) => u.outputTokens.toLocaleString("en-US") },
];

const PRICES: ReportColumn<PriceJson>[] = [
  { label: "Provider", render: (p) => p.provider },
  { label: "Model", render: (p) => <span className="font-mono text-xs">{p.model}</span>, title: (p) => p.model },
  { label: "Input", align: "right", render: (p) => perM(p.inputUsdPerMtok) },
  { label: "Output", align: "right", render: (p) => perM(p.outputUsdPerMtok) },
  { label: "Cache read", align: "right", render: (p) => perM(p.cacheReadUsdPerMtok) },
  { label: "Cache write", align: "right", render: (p) => perM(p.cacheWriteUsdPerMtok) },
  { label: "Effective", align: "right", render: (p) => `${day(p.effectiveFrom)} → ${p.effectiveTo ? day(p.effectiveTo) : "now"}` },
  { label: "Source", render: (p) => (p.source === "user" ? "custom" : "built-in") },
];

export function ReportPricing({ unpriced, prices, settingsHref }: { unpriced: UnpricedUsage[]; prices: PriceJson[]; settingsHref: string }) {
  return (
    <div className="grid gap-3 2xl:grid-cols-2">
      <ReportTable
        title="Unpriced usage"
        subtitle={
          unpriced.length ? (
            <>
              These calls matched no price and are not in any cost.{" "}
              <Link href={`${settingsHref}#prices`} className="text-accent underline">
                Add prices in Settings
              </Link>
            </>
          ) : undefined
        }
        columns={UNPRICED}
        rows={unpriced}
        rowKey={(u) => `${u.provider}\u0000${u.model}`}
        emptyText="Every LLM call in this period had a price."
      />
      <ReportTable title="Prices used" subtitle="USD per million tokens" columns={PRICES} rows={prices} rowKey={(p) => String(p.id)} emptyText="No priced calls in this period." />
    </div>
  );
}

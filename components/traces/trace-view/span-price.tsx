import type { SpanView } from "@/lib/db/traces";
import { formatUsd, formatUsdExact } from "@/lib/format";
import { Fields, Section } from "./detail-parts";

/** µUSD per million tokens → "$2.50 / Mtok". */
export function perMtok(microUsd: number | null): string | undefined {
  if (microUsd === null) return undefined;
  const usd = microUsd / 1e6;
  return `$${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 4 })} / Mtok`;
}

export function SpanCost({ span }: { span: SpanView }) {
  if (span.billable) {
    return (
      <Section title="Cost">
        {span.costUsd === null ? (
          <p className="text-[13px] italic text-muted">unpriced — no price matches this model</p>
        ) : (
          <p className="text-base font-semibold" title={formatUsdExact(span.costUsd)}>
            {formatUsd(span.costUsd)}
            {formatUsdExact(span.costUsd) !== formatUsd(span.costUsd) && <span className="ml-2 text-[12px] font-normal text-muted">{formatUsdExact(span.costUsd)}</span>}
          </p>
        )}
      </Section>
    );
  }
  return (
    <Section title="Cost">
      <p className="text-[13px] text-muted">
        {span.usageScope === "aggregate"
          ? "aggregate (not billed again) — the usage on this span sums its child calls, which carry the cost."
          : "Not a billable call: no cost of its own."}
      </p>
    </Section>
  );
}

export function SpanPrice({ span }: { span: SpanView }) {
  if (!span.billable) return null;
  const p = span.price;
  return (
    <Section title="Price used">
      {p === null && span.costUsd !== null ? (
        <p className="text-[13px] text-muted">Priced when it arrived with a price that has since been deleted; its cost stays as it was.</p>
      ) : p === null ? (
        <p className="text-[13px] text-muted">unpriced — no price matches this model. A price added under Settings › Prices applies to calls that arrive after it; this one stays unpriced.</p>
      ) : (
        <Fields
          rows={[
            ["Model", `${p.provider} / ${p.model}`],
            ["Input", perMtok(p.input), `${p.input} µUSD per million tokens`],
            ["Output", perMtok(p.output), `${p.output} µUSD per million tokens`],
            ["Cache read", perMtok(p.cacheRead)],
            ["Cache write", perMtok(p.cacheWrite)],
            ["Effective from", p.effectiveFrom.slice(0, 10), p.effectiveFrom],
          ]}
        />
      )}
    </Section>
  );
}

import { ArrowUpDown, Binary, Bot, Circle, Gauge, Search, ShieldCheck, Sparkles, Workflow, Wrench, type LucideIcon } from "lucide-react";
import { clsx } from "clsx";

const ICONS: Record<string, { icon: LucideIcon; label: string }> = {
  agent: { icon: Bot, label: "Agent" },
  llm: { icon: Sparkles, label: "LLM call" },
  embedding: { icon: Binary, label: "Embedding" },
  tool: { icon: Wrench, label: "Tool" },
  retrieval: { icon: Search, label: "Retrieval" },
  rerank: { icon: ArrowUpDown, label: "Rerank" },
  workflow: { icon: Workflow, label: "Workflow" },
  guardrail: { icon: ShieldCheck, label: "Guardrail" },
  evaluator: { icon: Gauge, label: "Evaluator" },
};
const OTHER = { icon: Circle, label: "Span" };

export function operationLabel(operation: string): string {
  return (ICONS[operation] ?? OTHER).label;
}

export function OperationIcon({ operation, className }: { operation: string; className?: string }) {
  const { icon: Icon, label } = ICONS[operation] ?? OTHER;
  return (
    <Icon
      aria-label={label}
      role="img"
      className={clsx("h-3.5 w-3.5 shrink-0", operation === "llm" || operation === "embedding" || operation === "rerank" ? "text-accent" : "text-muted", className)}
    />
  );
}

// Alerts raised by the canary traffic, delivered to real receivers (webhook,
// Slack, SMTP): their payloads, e-mails and the /api/alerts listing are
// evidence for the canary search.
import type { TestDb } from "./db";
import type { TestServer } from "./server";
import type { Evidence } from "./canaries";
import { startReceiver, startSmtp, SECRET } from "./alerts";
import { createBudget } from "@/lib/budgets/budget-store";
import { budgetInput } from "@/lib/budgets/budget-input";
import { createRule } from "@/lib/alerts/rule-store";
import { ruleInput } from "@/lib/alerts/rule-input";
import { runBudgetPass } from "@/lib/budgets/worker";
import { listAlerts } from "@/lib/budgets/alert-list";

export interface AlertEvidence {
  evidence: Evidence[];
  /** Types of the webhook payloads received (proves the alerts really fired). */
  webhookTypes: string[];
  emails: number;
}

export async function raiseAlerts(t: TestDb, server: TestServer): Promise<AlertEvidence> {
  const rx = await startReceiver();
  const smtp = await startSmtp();
  try {
    const projectId = server.runtime.defaultProjectId;
    const channels = [
      { type: "webhook" as const, url: rx.url, secret: SECRET },
      { type: "slack" as const, url: rx.url },
      { type: "email" as const, to: "probe@example.com" },
    ];
    await createBudget(t.db, projectId, budgetInput.parse({ name: "probe budget", period: "day", amountUsd: 0.000001, forecast: true, channels }));
    const rules = [
      { kind: "trace_cost", threshold: 0.000001 },
      { kind: "p95_latency", threshold: 0.001, minTraces: 1 },
      { kind: "error_rate", threshold: 0.01, minTraces: 1 },
      { kind: "unpriced_model" },
    ];
    for (const r of rules) await createRule(t.db, projectId, ruleInput.parse({ name: `probe ${r.kind}`, channels, ...r }));
    await runBudgetPass(t.db, { mail: { url: smtp.url, from: "Skein <skein@test>" }, publicUrl: "https://skein.example.com" });
    const alerts = await listAlerts(t.db, projectId, 500);
    return {
      evidence: [
        ...rx.received.map((r, i) => ({ where: `alert delivery #${i + 1} (webhook/slack body)`, text: r.body })),
        ...smtp.messages.map((m, i) => ({ where: `alert e-mail #${i + 1}`, text: `${m.mail.subject ?? ""}\n${m.mail.text ?? ""}` })),
        { where: "GET /api/alerts", text: JSON.stringify(alerts) },
      ],
      webhookTypes: rx.received.map((r) => (JSON.parse(r.body) as { type?: string }).type).filter((v): v is string => v !== undefined),
      emails: smtp.messages.length,
    };
  } finally {
    await rx.close();
    await smtp.close();
  }
}

// Which loader builds the notice of each kind of queued delivery.
import { loadBudgetNotice } from "@/lib/budgets/deliver";
import { loadRuleNotice } from "@/lib/alerts/notice";
import { loadReportNotice } from "@/lib/reports/schedule-notice";
import type { Loader, Source } from "./outbox";

export const LOADERS: Record<Source, Loader> = { budget: loadBudgetNotice, rule: loadRuleNotice, report: loadReportNotice };

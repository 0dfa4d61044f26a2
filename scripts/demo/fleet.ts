import type { ScenarioContext } from "./calls";
import type { Attrs, SpanPlan } from "./plan";
import { billingAgent } from "./scenarios/billing-agent";
import { codeReviewAgent } from "./scenarios/code-review-agent";
import { opsAgent } from "./scenarios/ops-agent";
import { researchAgent } from "./scenarios/research-agent";
import { salesEmailAgent } from "./scenarios/sales-email-agent";
import { supportAgent } from "./scenarios/support-agent";

export type Protocol = "protobuf" | "json";

/** One instrumented service: its own tracer provider, resource and OTLP exporter. */
export interface ServiceSpec {
  serviceName: string;
  version: string;
  environment: "production" | "staging";
  /** protobuf → exporter-trace-otlp-proto, json → exporter-trace-otlp-http. */
  protocol: Protocol;
  scope: { name: string; version: string };
  resource: Attrs;
  /** Share of the day's traffic. */
  weight: number;
  scenario: (c: ScenarioContext) => SpanPlan;
}

export const FLEET: readonly ServiceSpec[] = [
  { serviceName: "support-bot", version: "3.8.1", environment: "production", protocol: "protobuf", scope: { name: "@acme/agent-runtime", version: "2.4.0" }, resource: { "cloud.provider": "aws", "cloud.region": "us-east-1" }, weight: 34, scenario: supportAgent },
  { serviceName: "billing-service", version: "1.14.0", environment: "production", protocol: "json", scope: { name: "@acme/agent-runtime", version: "2.4.0" }, resource: { "cloud.provider": "aws", "cloud.region": "us-east-1" }, weight: 16, scenario: billingAgent },
  { serviceName: "research-assistant", version: "0.9.3", environment: "production", protocol: "protobuf", scope: { name: "@acme/agent-runtime", version: "2.4.0" }, resource: { "cloud.provider": "gcp", "cloud.region": "us-central1" }, weight: 11, scenario: researchAgent },
  { serviceName: "code-review-bot", version: "2.1.0", environment: "production", protocol: "json", scope: { name: "openinference.instrumentation.langchain", version: "0.1.52" }, resource: { "openinference.project.name": "code-review" }, weight: 15, scenario: codeReviewAgent },
  { serviceName: "sales-email", version: "5.2.7", environment: "production", protocol: "json", scope: { name: "ai", version: "6.0.0" }, resource: { "cloud.provider": "vercel", "cloud.region": "iad1" }, weight: 16, scenario: salesEmailAgent },
  { serviceName: "ops-copilot", version: "0.3.0", environment: "staging", protocol: "protobuf", scope: { name: "@acme/agent-runtime", version: "2.5.0-rc.1" }, resource: { "k8s.namespace.name": "ops", "k8s.deployment.name": "ops-copilot" }, weight: 8, scenario: opsAgent },
];

/** Runaway loops happen in the research assistant. */
export const RUNAWAY_SERVICE = "research-assistant";

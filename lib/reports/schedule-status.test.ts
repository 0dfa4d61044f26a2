import { describe, expect, it } from "vitest";
import type { ScheduleDeliveryJson, ScheduleRunJson } from "./schedule-input";
import { runStatus } from "./schedule-status";

const d = (channelIndex: number, channelType: string, attempt: number, status: ScheduleDeliveryJson["status"], httpStatus: number | null = null, error: string | null = null): ScheduleDeliveryJson => ({
  channelIndex,
  channelType,
  attempt,
  status,
  httpStatus,
  error,
  createdAt: "2026-11-30T00:00:00.000Z",
  nextAttemptAt: null,
});
const run = (deliveries: ScheduleDeliveryJson[]): ScheduleRunJson => ({ runId: 1, periodStart: "", periodEnd: "", manual: false, createdAt: "", deliveries });

describe("last run status", () => {
  it("summarises the latest attempt of each channel", () => {
    expect(runStatus(undefined)).toMatchObject({ state: "none", text: "No report sent yet" });
    expect(runStatus(run([d(0, "webhook", 1, "ok", 200), d(1, "email", 1, "ok", 250)]))).toEqual({
      state: "ok",
      text: "Delivered to all 2",
      detail: ["Webhook: delivered (HTTP 200)", "E-mail: delivered (SMTP 250)"],
    });
    // A failed first attempt followed by a pending retry is still sending.
    expect(runStatus(run([d(0, "webhook", 1, "failed", 500, "http error"), d(0, "webhook", 2, "pending"), d(1, "slack", 1, "ok", 200)]))).toMatchObject({
      state: "pending",
      text: "Sending… 1 of 2 delivered",
      detail: ["Webhook: retrying (attempt 2)", "Slack: delivered (HTTP 200)"],
    });
    expect(runStatus(run([d(0, "webhook", 5, "failed", 500, "http error"), d(1, "email", 1, "failed", null, "smtp not configured")]))).toMatchObject({
      state: "failed",
      text: "0 of 2 delivered · Webhook: http error, E-mail: smtp not configured",
      detail: ["Webhook: failed after 5 attempts (http error, HTTP 500)", "E-mail: failed after 1 attempt (smtp not configured)"],
    });
  });
});

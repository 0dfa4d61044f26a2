import { describe, expect, it } from "vitest";
import { tracesHref } from "./traces-href";

describe("tracesHref", () => {
  it("opens the trace list on a bucket's window and group, keeping the project", () => {
    expect(
      tracesHref({
        project: "acme",
        window: { from: "2025-03-12T13:00:00.000Z", to: "2025-03-12T14:00:00.000Z" },
        group: { by: "model", key: "gpt-4.1" },
      }),
    ).toBe("/traces?project=acme&from=2025-03-12T13%3A00%3A00.000Z&to=2025-03-12T14%3A00%3A00.000Z&model=gpt-4.1");
  });
  it("keeps the page's range and the filters the trace list knows (not provider)", () => {
    expect(
      tracesHref({ project: "default", window: { range: "7d" }, filters: { service: "api", provider: "openai" }, group: { by: "agent", key: "support agent" } }),
    ).toBe("/traces?project=default&range=7d&service=api&agent=support+agent");
  });
  it("does not filter by the catch-all 'other' group", () => {
    expect(tracesHref({ project: "p", window: { range: "1h" }, group: { by: "model", key: "other" } })).toBe("/traces?project=p&range=1h");
  });
});

// Which message the rule and schedule dialogs show beside each field
// (components/ui/field-errors.ts): their own checks, and a 400's issues.
import { describe, expect, it } from "vitest";
import { afterEdit, channelErrors, errorsUnder, issuesToErrors, visibleError, type ErrorState } from "@/components/ui/field-errors";

const state = (over: Partial<ErrorState>): ErrorState => ({ local: {}, server: {}, touched: new Set(), submitted: false, ...over });

describe("issues from a 400", () => {
  it("keys messages by path, first message wins, and splits out a channel list's errors", () => {
    const e = issuesToErrors([
      { path: "threshold", message: "a percent: at most 100" },
      { path: "threshold", message: "second" },
      { path: "channels.1.url", message: "must be an http(s) URL" },
      { path: "", message: "invalid request" },
    ]);
    expect(e.threshold).toBe("a percent: at most 100");
    expect(e[""]).toBe("invalid request");
    expect(errorsUnder(e, "channels")).toEqual({ "1.url": "must be an http(s) URL" });
    expect(issuesToErrors(undefined)).toEqual({});
  });
});

describe("visibleError", () => {
  it("shows the form's own check once the field was edited or a save tried", () => {
    const local = { name: "required" };
    expect(visibleError("name", state({ local }))).toBeUndefined();
    expect(visibleError("name", state({ local, touched: new Set(["name"]) }))).toBe("required");
    expect(visibleError("name", state({ local, submitted: true }))).toBe("required");
    expect(visibleError("timezone", state({ local, submitted: true }))).toBeUndefined();
  });

  it("puts the server's issue first, shown at once", () => {
    expect(visibleError("name", state({ local: { name: "required" }, server: { name: "taken" } }))).toBe("taken");
    expect(visibleError("channels", state({ server: { channels: "add at least one channel" } }))).toBe("add at least one channel");
  });

  it("shows a channel field's problem at once, but 'required' only after a save was tried", () => {
    const local = { "channels.0.url": "must be an http(s) URL", "channels.1.to": "required", channels: "add at least one channel" };
    expect(visibleError("channels.0.url", state({ local }))).toBe("must be an http(s) URL");
    expect(visibleError("channels.1.to", state({ local }))).toBeUndefined();
    expect(visibleError("channels.1.to", state({ local, submitted: true }))).toBe("required");
    // The list itself is a field like any other.
    expect(visibleError("channels", state({ local }))).toBeUndefined();
    expect(visibleError("channels", state({ local, touched: new Set(["channels"]) }))).toBe("add at least one channel");
  });
});

describe("channelErrors", () => {
  it("keys the visible channel errors as the channel editor takes them", () => {
    const s = state({ local: { "channels.0.url": "must be an http(s) URL", "channels.1.to": "required", name: "required" }, server: { "channels.2.secret": "too short" } });
    expect(channelErrors(s)).toEqual({ "0.url": "must be an http(s) URL", "2.secret": "too short" });
    expect(channelErrors({ ...s, submitted: true })).toEqual({ "0.url": "must be an http(s) URL", "1.to": "required", "2.secret": "too short" });
  });
});

describe("afterEdit", () => {
  it("drops the server's complaints about the edited field, those under it, and those no field shows", () => {
    const known = /^(name|timezone|channels(\.\d+\.\w+)?)$/;
    const server = { name: "taken", timezone: "unknown", channels: "empty", "channels.0.url": "bad", "": "invalid request" };
    expect(afterEdit(server, "name", known)).toEqual({ timezone: "unknown", channels: "empty", "channels.0.url": "bad" });
    expect(afterEdit(server, "channels", known)).toEqual({ name: "taken", timezone: "unknown" });
  });
});

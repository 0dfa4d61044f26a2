// The forms' write helper: the request it makes, and what a refusal carries.
import { afterEach, describe, expect, it, vi } from "vitest";
import { IssuesError, saveItem, sendWithIssues } from "./send-with-issues";

const answer = (status: number, body: unknown, statusText = "") =>
  new Response(body === undefined ? null : typeof body === "string" ? body : JSON.stringify(body), { status, statusText, headers: { "content-type": "application/json" } });

function stubFetch(res: Response) {
  const fetchMock = vi.fn(async (_input: string, _init?: RequestInit) => res);
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as IssuesError);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("sendWithIssues", () => {
  it("sends the body as JSON to the path in the project and returns the answer", async () => {
    const fetchMock = stubFetch(answer(201, { id: 7 }));
    expect(await sendWithIssues("POST", "/api/things", "my proj", { name: "x" })).toEqual({ id: 7 });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("/api/things?project=my+proj");
    expect(init).toMatchObject({ method: "POST", body: '{"name":"x"}' });
    expect(new Headers(init?.headers).get("content-type")).toBe("application/json");
  });

  it("sends no body when there is none (DELETE)", async () => {
    const fetchMock = stubFetch(answer(200, { ok: true }));
    await sendWithIssues("DELETE", "/api/things/1", "p");
    expect(fetchMock.mock.calls[0]![1]?.body).toBeUndefined();
  });

  it("keeps a 400's field issues and the server's message", async () => {
    stubFetch(answer(400, { error: "invalid request", issues: [{ path: "name", message: "required" }] }));
    const err = await refusal(sendWithIssues("PATCH", "/api/things/1", "p", {}));
    expect(err).toBeInstanceOf(IssuesError);
    expect(err).toMatchObject({ status: 400, message: "invalid request", issues: [{ path: "name", message: "required" }] });
  });

  it("uses the status line when the body says nothing, and a given message for its status", async () => {
    stubFetch(answer(502, "<html>", "Bad Gateway"));
    expect(await refusal(sendWithIssues("POST", "/api/things", "p", {}))).toMatchObject({ status: 502, message: "502 Bad Gateway", issues: [] });
    stubFetch(answer(401, { error: "unauthorized" }));
    expect(await refusal(sendWithIssues("POST", "/api/things", "p", {}, { 401: "Sign in again" }))).toMatchObject({ status: 401, message: "Sign in again" });
    stubFetch(answer(404, { error: "not found", issues: "nope" }));
    expect(await refusal(sendWithIssues("POST", "/api/things", "p", {}, { 401: "Sign in again" }))).toMatchObject({ status: 404, message: "not found", issues: [] });
  });
});

describe("saveItem", () => {
  it("POSTs a new item to the collection and PATCHes an existing one", async () => {
    const fetchMock = stubFetch(answer(201, { id: 1 }));
    await saveItem("/api/things", null, "p", { a: 1 });
    expect(fetchMock.mock.calls[0]![0]).toBe("/api/things?project=p");
    expect(fetchMock.mock.calls[0]![1]?.method).toBe("POST");
    const patchMock = stubFetch(answer(200, { id: 4 }));
    await saveItem("/api/things", 4, "p", { a: 1 });
    expect(patchMock.mock.calls[0]![0]).toBe("/api/things/4?project=p");
    expect(patchMock.mock.calls[0]![1]?.method).toBe("PATCH");
  });
});

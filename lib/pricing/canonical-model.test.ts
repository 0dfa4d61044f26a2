import { describe, expect, it } from "vitest";
import { canonicalModel, firstPartyProvider } from "./canonical-model";

describe("canonicalModel", () => {
  it.each<[string, string[]]>([
    ["gpt-4o", ["gpt-4o"]],
    ["GPT-4o-Mini", ["gpt-4o-mini"]],
    ["openai/gpt-4o", ["gpt-4o"]],
    ["gpt-4o-2024-08-06", ["gpt-4o-2024-08-06", "gpt-4o"]],
    ["gpt-4o-mini-2024-07-18", ["gpt-4o-mini-2024-07-18", "gpt-4o-mini"]],
    ["claude-3-5-sonnet-20241022", ["claude-3-5-sonnet-20241022", "claude-3-5-sonnet", "claude-sonnet-3-5"]],
    ["claude-sonnet-4-5-20250929", ["claude-sonnet-4-5-20250929", "claude-sonnet-4-5", "claude-4-5-sonnet"]],
    ["anthropic/claude-sonnet-4.5", ["claude-sonnet-4.5", "claude-sonnet-4-5", "claude-4-5-sonnet"]],
    ["claude-3-5-haiku-latest", ["claude-3-5-haiku-latest", "claude-3-5-haiku", "claude-haiku-3-5"]],
    ["models/gemini-2.5-flash", ["gemini-2.5-flash"]],
    ["publishers/google/models/gemini-2.5-pro", ["gemini-2.5-pro"]],
    ["gemini-2.0-flash-001", ["gemini-2.0-flash-001", "gemini-2.0-flash"]],
    ["gemini-2.5-flash-preview-05-20", ["gemini-2.5-flash-preview-05-20", "gemini-2.5-flash"]],
    ["gemini-2.5-flash-preview-09-2025", ["gemini-2.5-flash-preview-09-2025", "gemini-2.5-flash"]],
    [
      "projects/acme-prod/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929",
      ["claude-sonnet-4-5@20250929", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5", "claude-4-5-sonnet"],
    ],
    [
      "anthropic.claude-3-5-sonnet-20241022-v2:0",
      [
        "anthropic.claude-3-5-sonnet-20241022-v2:0",
        "claude-3-5-sonnet-20241022-v2:0",
        "claude-3-5-sonnet-20241022-v2",
        "claude-3-5-sonnet-20241022",
        "claude-3-5-sonnet",
        "claude-sonnet-3-5",
      ],
    ],
    [
      "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
      [
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "anthropic.claude-sonnet-4-5-20250929-v1:0",
        "claude-sonnet-4-5-20250929-v1:0",
        "claude-sonnet-4-5-20250929-v1",
        "claude-sonnet-4-5-20250929",
        "claude-sonnet-4-5",
        "claude-4-5-sonnet",
      ],
    ],
    ["amazon.nova-pro-v1:0", ["amazon.nova-pro-v1:0", "nova-pro-v1:0", "nova-pro-v1", "nova-pro"]],
    [
      "meta.llama3-1-70b-instruct-v1:0",
      [
        "meta.llama3-1-70b-instruct-v1:0",
        "llama3-1-70b-instruct-v1:0",
        "llama3-1-70b-instruct-v1",
        "llama3-1-70b-instruct",
        "llama-3.1-70b",
      ],
    ],
    ["llama-3.3-70b-versatile", ["llama-3.3-70b-versatile", "llama-3.3-70b"]],
    ["meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", ["meta-llama-3.1-8b-instruct-turbo", "llama-3.1-8b"]],
    ["accounts/fireworks/models/llama-v3p1-405b-instruct", ["llama-v3p1-405b-instruct", "llama-3.1-405b"]],
    ["meta-llama/llama-4-scout-17b-16e-instruct", ["llama-4-scout-17b-16e-instruct", "llama-4-scout"]],
    ["mistral-large-latest", ["mistral-large-latest", "mistral-large"]],
    ["mistral-small-2503", ["mistral-small-2503", "mistral-small"]],
    ["grok-4-0709", ["grok-4-0709", "grok-4"]],
    ["command-r-plus-08-2024", ["command-r-plus-08-2024", "command-r-plus"]],
    ["gpt-35-turbo-0125", ["gpt-35-turbo-0125", "gpt-35-turbo", "gpt-3.5-turbo"]],
    ["gpt-4-1106-preview", ["gpt-4-1106-preview", "gpt-4-turbo"]],
    ["  ", []],
  ])("%s", (model, expected) => {
    expect(canonicalModel(model)).toEqual(expected);
  });

  it("never strips a name part (no prefix matches)", () => {
    for (const id of ["gpt-4o-mini", "gpt-4.1-mini", "gpt-4.1-nano", "o3-mini", "o3-pro", "gpt-5-nano", "grok-3-mini"]) {
      expect(canonicalModel(id)).toEqual([id]);
    }
    expect(canonicalModel("claude-opus-4-1")).toEqual(["claude-opus-4-1", "claude-4-1-opus"]);
    expect(canonicalModel("gpt-4o-realtime-preview")).toEqual(["gpt-4o-realtime-preview", "gpt-4o-realtime"]);
    expect(canonicalModel("llama-3.1-nemotron-70b-instruct")).toEqual(["llama-3.1-nemotron-70b-instruct"]);
  });
});

describe("firstPartyProvider", () => {
  it.each<[string, string | null]>([
    ["gpt-4o-mini", "openai"],
    ["o3", "openai"],
    ["text-embedding-3-small", "openai"],
    ["claude-sonnet-4-5", "anthropic"],
    ["gemini-2.5-flash", "gcp.gemini"],
    ["codestral", "mistral_ai"],
    ["deepseek-chat", "deepseek"],
    ["grok-4", "x_ai"],
    ["command-a", "cohere"],
    ["rerank-v3.5", "cohere"],
    ["nova-pro", "aws.bedrock"],
    ["open-mistral-nemo", "mistral_ai"],
    ["llama-3.3-70b", null],
  ])("%s → %s", (model, provider) => {
    expect(firstPartyProvider(model)).toBe(provider);
  });
});

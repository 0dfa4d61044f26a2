import { describe, expect, it } from "vitest";
import type { Attributes } from "@/lib/otlp/types";
import { normalizeSpan } from "./normalize";
import { normalizeProviderName, providerFromServerAddress } from "./provider";
import { makeSpan } from "./test-helpers";

const providerOf = (attrs: Attributes) => normalizeSpan(makeSpan(attrs)).provider;

describe("normalizeProviderName", () => {
  it.each([
    // semconv values stay as they are
    ["openai", "openai"],
    ["anthropic", "anthropic"],
    ["aws.bedrock", "aws.bedrock"],
    ["azure.ai.inference", "azure.ai.inference"],
    ["azure.ai.openai", "azure.ai.openai"],
    ["gcp.gemini", "gcp.gemini"],
    ["gcp.gen_ai", "gcp.gen_ai"],
    ["gcp.vertex_ai", "gcp.vertex_ai"],
    ["ibm.watsonx.ai", "ibm.watsonx.ai"],
    ["mistral_ai", "mistral_ai"],
    ["x_ai", "x_ai"],
    ["deepseek", "deepseek"],
    ["groq", "groq"],
    ["cohere", "cohere"],
    ["perplexity", "perplexity"],
    // legacy gen_ai.system values
    ["xai", "x_ai"],
    ["az.ai.openai", "azure.ai.openai"],
    ["az.ai.inference", "azure.ai.inference"],
    ["vertex_ai", "gcp.vertex_ai"],
    ["gemini", "gcp.gemini"],
    // OpenInference llm.provider / llm.system
    ["vertexai", "gcp.vertex_ai"],
    ["google", "gcp.gen_ai"],
    ["aws", "aws.bedrock"],
    ["amazon", "aws.bedrock"],
    ["azure", "azure.ai.openai"],
    ["mistralai", "mistral_ai"],
    ["moonshot", "moonshot_ai"],
    ["fireworks", "fireworks"],
    // AI SDK provider ids
    ["amazon-bedrock", "aws.bedrock"],
    ["azure-openai", "azure.ai.openai"],
    ["mistral", "mistral_ai"],
    ["google.generative-ai", "gcp.gemini"],
    ["google.vertex.chat", "gcp.vertex_ai"],
    ["openai.chat", "openai"],
    ["openai.responses", "openai"],
    ["anthropic.messages", "anthropic"],
    ["xai.chat", "x_ai"],
    ["mistral.chat", "mistral_ai"],
    ["azure-openai.chat", "azure.ai.openai"],
    ["groq.chat", "groq"],
    ["together.chat", "together"],
    // other dotted semconv namespaces are not cut at the dot
    ["gcp.new_thing", "gcp.new_thing"],
    // case and whitespace
    ["OpenAI", "openai"],
    [" Anthropic ", "anthropic"],
  ])("%s → %s", (raw, expected) => {
    expect(normalizeProviderName(raw)).toBe(expected);
  });

  it("returns null for a blank value", () => {
    expect(normalizeProviderName("  ")).toBeNull();
  });
});

describe("providerFromServerAddress", () => {
  it.each([
    ["api.openai.com", "openai"],
    ["api.anthropic.com", "anthropic"],
    ["bedrock-runtime.us-east-1.amazonaws.com", "aws.bedrock"],
    ["generativelanguage.googleapis.com", "gcp.gemini"],
    ["us-central1-aiplatform.googleapis.com", "gcp.vertex_ai"],
    ["aiplatform.googleapis.com", "gcp.vertex_ai"],
    ["api.mistral.ai", "mistral_ai"],
    ["api.deepseek.com", "deepseek"],
    ["api.x.ai", "x_ai"],
    ["api.cohere.com", "cohere"],
    ["api.cohere.ai", "cohere"],
    ["api.groq.com", "groq"],
    ["my-resource.openai.azure.com", "azure.ai.openai"],
    ["API.OpenAI.com.", "openai"],
  ])("%s → %s", (host, expected) => {
    expect(providerFromServerAddress(host)).toBe(expected);
  });

  it("returns null for unknown hosts", () => {
    expect(providerFromServerAddress("db.internal")).toBeNull();
    expect(providerFromServerAddress("localhost")).toBeNull();
  });
});

describe("provider source order", () => {
  const all: Attributes = {
    "gen_ai.provider.name": "anthropic",
    "llm.provider": "azure",
    "gen_ai.system": "xai",
    "llm.system": "vertexai",
    "ai.model.provider": "mistral.chat",
    "server.address": "api.groq.com",
  };
  const without = (...keys: string[]): Attributes =>
    Object.fromEntries(Object.entries(all).filter(([k]) => !keys.includes(k)));

  it("gen_ai.provider.name first", () => {
    expect(providerOf(all)).toBe("anthropic");
  });
  it("then llm.provider", () => {
    expect(providerOf(without("gen_ai.provider.name"))).toBe("azure.ai.openai");
  });
  it("then gen_ai.system", () => {
    expect(providerOf(without("gen_ai.provider.name", "llm.provider"))).toBe("x_ai");
  });
  it("then llm.system", () => {
    expect(providerOf(without("gen_ai.provider.name", "llm.provider", "gen_ai.system"))).toBe("gcp.vertex_ai");
  });
  it("then ai.model.provider", () => {
    expect(providerOf(without("gen_ai.provider.name", "llm.provider", "gen_ai.system", "llm.system"))).toBe(
      "mistral_ai",
    );
  });
  it("then server.address", () => {
    expect(
      providerOf(without("gen_ai.provider.name", "llm.provider", "gen_ai.system", "llm.system", "ai.model.provider")),
    ).toBe("groq");
  });
  it("else null", () => {
    expect(providerOf({})).toBeNull();
    expect(providerOf({ "server.address": "postgres.internal" })).toBeNull();
  });
  it("skips empty values", () => {
    expect(providerOf({ "gen_ai.provider.name": "", "gen_ai.system": "openai.chat" })).toBe("openai");
  });
});

describe("AI SDK gateway", () => {
  it("takes the vendor from the ai.model.id prefix", () => {
    expect(providerOf({ "ai.model.provider": "gateway", "ai.model.id": "anthropic/claude-sonnet-4.5" })).toBe(
      "anthropic",
    );
    expect(providerOf({ "ai.model.provider": "gateway", "ai.model.id": "xai/grok-4" })).toBe("x_ai");
  });

  it("also when gen_ai.system repeats the gateway id", () => {
    expect(
      providerOf({ "gen_ai.system": "gateway", "ai.model.provider": "gateway", "ai.model.id": "openai/gpt-5" }),
    ).toBe("openai");
  });

  it("stays gateway when the model id has no vendor prefix", () => {
    expect(providerOf({ "ai.model.provider": "gateway", "ai.model.id": "gpt-5" })).toBe("gateway");
  });
});

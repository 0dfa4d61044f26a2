// Resolves the provider and normalizes every dialect's spelling to the
// gen_ai.provider.name values (semconv.md section 1, "provider").
import { toIdentifier, type LayeredAttributes } from "./attribute-reader";

/** Well-known gen_ai.provider.name values, kept as they are. */
const SEMCONV_PROVIDERS: ReadonlySet<string> = new Set([
  "openai",
  "anthropic",
  "aws.bedrock",
  "azure.ai.inference",
  "azure.ai.openai",
  "cohere",
  "deepseek",
  "gcp.gemini",
  "gcp.gen_ai",
  "gcp.vertex_ai",
  "groq",
  "ibm.watsonx.ai",
  "mistral_ai",
  "moonshot_ai",
  "perplexity",
  "x_ai",
]);

/** Legacy, OpenInference and AI SDK spellings → semconv values. */
const PROVIDER_ALIASES: ReadonlyMap<string, string> = new Map([
  ["xai", "x_ai"],
  ["vertex_ai", "gcp.vertex_ai"],
  ["vertexai", "gcp.vertex_ai"],
  ["gemini", "gcp.gemini"],
  ["google.generative-ai", "gcp.gemini"],
  ["google", "gcp.gen_ai"],
  ["amazon-bedrock", "aws.bedrock"],
  ["aws", "aws.bedrock"],
  ["amazon", "aws.bedrock"],
  ["azure", "azure.ai.openai"],
  ["azure-openai", "azure.ai.openai"],
  ["mistral", "mistral_ai"],
  ["mistralai", "mistral_ai"],
  ["moonshot", "moonshot_ai"],
]);

/** Dotted namespaces that are semconv values in their own right, never cut at the dot. */
const SEMCONV_NAMESPACES: readonly string[] = ["gcp.", "azure.ai.", "aws.", "ibm."];

const PROVIDER_HOSTS: ReadonlyMap<string, string> = new Map([
  ["api.openai.com", "openai"],
  ["api.anthropic.com", "anthropic"],
  ["generativelanguage.googleapis.com", "gcp.gemini"],
  ["aiplatform.googleapis.com", "gcp.vertex_ai"],
  ["api.mistral.ai", "mistral_ai"],
  ["api.deepseek.com", "deepseek"],
  ["api.x.ai", "x_ai"],
  ["api.cohere.com", "cohere"],
  ["api.cohere.ai", "cohere"],
  ["api.groq.com", "groq"],
  ["api.perplexity.ai", "perplexity"],
  ["api.moonshot.ai", "moonshot_ai"],
]);

const PROVIDER_KEYS: readonly string[] = [
  "gen_ai.provider.name",
  "llm.provider",
  "gen_ai.system",
  "llm.system",
  "ai.model.provider",
];

const GATEWAY = "gateway";

/** Maps one provider spelling to its gen_ai.provider.name value; unknown names pass through lower-cased. */
export function normalizeProviderName(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  if (value.length === 0) return null;
  const alias = PROVIDER_ALIASES.get(value);
  if (alias !== undefined) return alias;
  if (SEMCONV_PROVIDERS.has(value)) return value;
  if (value.startsWith("az.ai.")) return `azure.ai.${value.slice(6)}`;
  if (value === "google.vertex" || value.startsWith("google.vertex.")) return "gcp.vertex_ai";
  for (const ns of SEMCONV_NAMESPACES) if (value.startsWith(ns)) return value;
  const dot = value.indexOf(".");
  // AI SDK and Traceloop report `openai.chat`, `anthropic.messages`: the vendor is the prefix
  if (dot > 0) {
    const prefix = value.slice(0, dot);
    return PROVIDER_ALIASES.get(prefix) ?? prefix;
  }
  return value;
}

/** The provider behind a well-known API host name (last resort when no provider key is set). */
export function providerFromServerAddress(address: string): string | null {
  let host = address.trim().toLowerCase();
  if (host.endsWith(".")) host = host.slice(0, -1);
  const known = PROVIDER_HOSTS.get(host);
  if (known !== undefined) return known;
  if (host.startsWith("bedrock-runtime.") || host.startsWith("bedrock-runtime-fips.")) {
    return "aws.bedrock";
  }
  if (host.endsWith("-aiplatform.googleapis.com")) return "gcp.vertex_ai";
  if (host.endsWith(".openai.azure.com")) return "azure.ai.openai";
  return null;
}

/** With the AI SDK gateway the vendor is the model id's prefix: `anthropic/claude-sonnet-4.5`. */
function gatewayProvider(attrs: LayeredAttributes): string {
  const modelId = attrs.get("ai.model.id");
  if (typeof modelId === "string") {
    const slash = modelId.indexOf("/");
    if (slash > 0) {
      const vendor = toIdentifier(modelId.slice(0, slash));
      const normalized = vendor === null ? null : normalizeProviderName(vendor);
      if (normalized !== null) return normalized;
    }
  }
  return GATEWAY;
}

export function resolveProvider(attrs: LayeredAttributes): string | null {
  for (const key of PROVIDER_KEYS) {
    const raw = attrs.identifier(key);
    if (raw === null) continue;
    const normalized = normalizeProviderName(raw);
    if (normalized === null) continue;
    return normalized === GATEWAY ? gatewayProvider(attrs) : normalized;
  }
  const address = attrs.identifier("server.address");
  return address === null ? null : providerFromServerAddress(address);
}

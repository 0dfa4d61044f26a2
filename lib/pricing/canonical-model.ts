// Turns the many spellings of a model id (provider paths, dated snapshots, Bedrock and Vertex ids,
// host-specific Llama names) into candidate price-table ids. Only version/date/deployment
// decorations are removed, never a name part, so gpt-4o-mini can never become gpt-4o.

// Bedrock model ids and cross-region inference profiles: [region.]vendor.model[-vN[:N]]
const BEDROCK_ID = /^(?:([a-z]+(?:-[a-z]+)?)\.)?(anthropic|amazon|meta|mistral|cohere|deepseek|openai|ai21|qwen|writer)\.(.+)$/;

// Ids whose price differs from what suffix stripping would reach, or vendor spellings of another id.
const ALIASES: ReadonlyMap<string, string> = new Map([
  ["gpt-35-turbo", "gpt-3.5-turbo"], // Azure spelling
  ["gpt-4-1106-preview", "gpt-4-turbo"],
  ["gpt-4-0125-preview", "gpt-4-turbo"],
  ["gpt-4-vision-preview", "gpt-4-turbo"],
  ["deepseek-v3", "deepseek-chat"],
  ["deepseek-r1", "deepseek-reasoner"],
  ["mistral-nemo", "open-mistral-nemo"],
]);

// Applied repeatedly, first match wins; each step yields a less specific candidate.
const REWRITES: ReadonlyArray<readonly [RegExp, string]> = [
  [/-\d{4}-\d{2}-\d{2}$/, ""], // OpenAI snapshot: gpt-4o-2024-08-06
  [/-20\d{6}$/, ""], // Anthropic snapshot: claude-sonnet-4-5-20250929
  [/-latest$/, ""],
  [/-(?:preview|exp)(?:-\d{2}-\d{2}|-\d{2}-\d{4})?$/, ""], // gemini-2.5-flash-preview-05-20
  [/-\d{2}-\d{4}$/, ""], // Cohere: command-r-08-2024
  [/-\d{3,4}$/, ""], // gemini-2.0-flash-001, mistral-large-2411, grok-4-0709, gpt-4-0613
  [/:\d+k?$/, ""], // Bedrock: -v1:0, :300k
  [/-v\d+$/, ""], // Bedrock nova-pro-v1, Vertex claude-3-5-sonnet-v2
  [/-beta$/, ""],
  [/-v(\d+)-(\d+)$/, "-v$1.$2"], // Bedrock cohere rerank-v3-5 → rerank-v3.5
];

function rewriteOnce(id: string): string | null {
  for (const [re, replacement] of REWRITES) if (re.test(id)) return id.replace(re, replacement);
  return null;
}

// Llama as hosts spell it: llama-3.3-70b-versatile, meta-llama-3.1-8b-instruct-turbo,
// llama-v3p1-405b-instruct (Fireworks), llama3-1-70b-instruct (Bedrock), llama4-maverick-17b-…
const LLAMA = /^(?:meta-)?llama-?v?(\d+)(?:[.p-](\d+)(?![\db]))?-(.+)$/;
const LLAMA_SIZE = /^(\d+)b(?:-|$)/;
const LLAMA_4_VARIANT = /^(scout|maverick|behemoth)(?:-|$)/;

function llamaCanonical(id: string): string | null {
  const m = LLAMA.exec(id);
  if (!m) return null;
  const [, major, minor, rest = ""] = m;
  const variant = LLAMA_4_VARIANT.exec(rest);
  if (variant) return `llama-${major}-${variant[1]}`;
  const size = LLAMA_SIZE.exec(rest);
  if (!size) return null;
  return `llama-${major}${minor === undefined ? "" : `.${minor}`}-${size[1]}b`;
}

// Anthropic named 3.x models claude-3-5-sonnet and 4.x models claude-sonnet-4-5; callers mix both.
function claudeSwapped(id: string): string | null {
  const versionFirst = /^claude-(\d+(?:-\d+)?)-(opus|sonnet|haiku)$/.exec(id);
  if (versionFirst) return `claude-${versionFirst[2]}-${versionFirst[1]}`;
  const familyFirst = /^claude-(opus|sonnet|haiku)-(\d+(?:-\d+)?)$/.exec(id);
  if (familyFirst) return `claude-${familyFirst[2]}-${familyFirst[1]}`;
  return null;
}

/** Candidate price-table ids for a reported model id, from most to least specific (lower case). */
export function canonicalModel(model: string): string[] {
  const out: string[] = [];
  const push = (id: string) => {
    if (id !== "" && !out.includes(id)) out.push(id);
  };
  // Paths (openai/gpt-4o, models/…, publishers/…/models/…, ARNs) end with the model id.
  let id = model.trim().toLowerCase();
  id = id.slice(id.lastIndexOf("/") + 1);
  push(id);

  const bedrock = BEDROCK_ID.exec(id);
  if (bedrock) {
    const [, region, vendor, rest = ""] = bedrock;
    if (region !== undefined) push(`${vendor}.${rest}`);
    id = rest;
    push(id);
  }
  // Vertex AI: claude-sonnet-4-5@20250929, gemini-2.0-flash@001
  if (id.includes("@")) {
    id = id.replace("@", "-");
    push(id);
  }
  if (id.startsWith("claude-")) {
    id = id.replace(/(\d)\.(\d)/g, "$1-$2");
    push(id);
  }

  for (let step = 0; step < 16; step++) {
    const next = ALIASES.get(id) ?? rewriteOnce(id);
    if (next === null) break;
    id = next;
    push(id);
  }

  const extra = id.startsWith("claude-") ? claudeSwapped(id) : id.includes("llama") ? llamaCanonical(id) : null;
  if (extra !== null) push(extra);
  return out;
}

const FIRST_PARTY: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(?:gpt-|chatgpt-|o\d(?:-|$)|text-embedding-3-|text-embedding-ada-)/, "openai"],
  [/^claude-/, "anthropic"],
  [/^gemini-/, "gcp.gemini"],
  [/^(?:mistral-|open-mistral-|open-mixtral-|codestral|ministral-|magistral-|pixtral-|devstral)/, "mistral_ai"],
  [/^deepseek-/, "deepseek"],
  [/^grok-/, "x_ai"],
  [/^(?:command-|command$|embed-|rerank-)/, "cohere"],
  [/^nova-/, "aws.bedrock"],
];

/** The provider that sells a model under its own name, or null (e.g. Llama: only hosts sell it). */
export function firstPartyProvider(canonicalId: string): string | null {
  for (const [re, provider] of FIRST_PARTY) if (re.test(canonicalId)) return provider;
  return null;
}

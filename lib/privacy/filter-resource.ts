// Resource and scope filters. Both objects are shared by every span of a batch, so callers can
// filter each once (e.g. memoized per object) rather than per span.

import type { OtlpResource, OtlpScope } from "../otlp/types";
import type { PrivacyOptions } from "./options";
import type { FilteredResource, FilteredScope } from "./types";
import { DropCounter } from "./drop-counter";
import { filterAttributes, newKeptAttributes } from "./filter-attributes";
import { capName } from "./filter-span";

export function filterResource(resource: OtlpResource, opts: PrivacyOptions): FilteredResource {
  const drops = new DropCounter();
  const attributes = newKeptAttributes();
  filterAttributes(resource.attributes, "resource", opts, attributes, drops);
  return { attributes, droppedKeys: drops.droppedKeys, contentHits: drops.contentHits };
}

/** Scope name and version pass through (capped); scope attributes follow the span rules. */
export function filterScope(scope: OtlpScope, opts: PrivacyOptions): FilteredScope {
  const drops = new DropCounter();
  const attributes = newKeptAttributes();
  filterAttributes(scope.attributes, "span", opts, attributes, drops);
  return {
    name: capName(scope.name),
    version: capName(scope.version),
    attributes,
    droppedKeys: drops.droppedKeys,
    contentHits: drops.contentHits,
  };
}

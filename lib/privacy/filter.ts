// Public entry point of the content allowlist.

export { filterSpan } from "./filter-span";
export { filterResource, filterScope } from "./filter-resource";

/** See node-flags.mjs. */
export function serverNodeFlags(cores?: number): string[];

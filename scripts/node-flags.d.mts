/** See node-flags.mjs. */
export function availableCores(cpuMax?: string | null, parallelism?: number): number;
export function serverNodeFlags(cores?: number): string[];

// Types of bin/v8-flags.mjs (plain JavaScript, so bin/reqonc.mjs runs without a build step).
export function v8FlagsFor(command: string): string | undefined;
export function codeCacheFileFor(command: string): string;
export const CODE_CACHE_COMMANDS: readonly string[];

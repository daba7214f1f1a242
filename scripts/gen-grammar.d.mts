// Types of scripts/gen-grammar.mjs, for test/parse.test.ts (which checks the generated module).
export function renderGrammarModule(grammarText: string): string;
export function readGrammarText(): string;

// Part III features the parser recognises but reqonc does not implement yet (§0.1):
// OpenAPI sources, `call`, `wait`.

import type { Declarations } from "./declarations.ts";
import type { Session } from "./session.ts";
import { keywordSpan } from "./session.ts";
import { forEachStep } from "./walk.ts";

export function reportUnsupported(decls: Declarations, session: Session): void {
  const unsupported = (feature: string, span: { start: number; end: number }) =>
    session.report("unsupported", span, { feature });

  for (const source of decls.sources.values()) {
    if (source.from) unsupported("'source … from' (OpenAPI sources)", source.from.span);
  }
  for (const action of decls.actions.values()) {
    forEachStep(action.body.steps, ({ step }) => {
      if (step.kind === "CallStep") unsupported("'call'", keywordSpan(step.span, "call"));
      if (step.kind === "WaitStep") unsupported("'wait'", keywordSpan(step.span, "wait"));
    });
  }
}

// Options written on actions and steps (§5, §10, §23, §24): names, literal kinds, and the
// request rules source-twice, get-with-body and needs-paginate.

import type { ActionDecl, HttpStep } from "../parse/ast.ts";
import type { Declarations } from "./declarations.ts";
import {
  ACTION_OPTIONS, QUEUE_OPTIONS, REQUEST_OPTIONS, RETRY_DIRECTIVE_OPTIONS, STORE_STEP_OPTIONS,
} from "./option-tables.ts";
import type { OptionContext } from "./options.ts";
import { checkOptions } from "./options.ts";
import type { Session } from "./session.ts";
import { bodySentAsParams, forEachStep } from "./walk.ts";

export function checkStepOptions(decls: Declarations, session: Session): void {
  const cx: OptionContext = { session, sources: new Set(decls.sources.keys()) };
  for (const action of decls.actions.values()) checkAction(action, cx);
}

function checkAction(action: ActionDecl, cx: OptionContext): void {
  checkOptions(action.options, ACTION_OPTIONS, "action", cx);
  forEachStep(action.body.steps, ({ step }) => {
    switch (step.kind) {
      case "HttpStep":
        return checkRequest(step, cx);
      case "StoreStep":
        return checkOptions(step.options, STORE_STEP_OPTIONS, "store", cx);
      case "QueueStep":
        return checkOptions(step.options, QUEUE_OPTIONS, "queue", cx);
      case "RetryStep":
        return checkOptions(step.options, RETRY_DIRECTIVE_OPTIONS, "retry", cx);
      default:
        return; // other steps have no option lists (call/wait are unsupported)
    }
  });
}

function checkRequest(step: HttpStep, cx: OptionContext): void {
  const { session } = cx;
  if (step.source && !cx.sources.has(step.source.name)) {
    session.report("unknown-source", step.source.span, { name: step.source.name });
  }
  checkOptions(step.options, REQUEST_OPTIONS, "request", cx);
  const hasPaginate = step.options.some((o) => o.name.name === "paginate");
  for (const entry of step.options) {
    const name = entry.name.name;
    if (name === "source" && step.source) {
      session.report("source-twice", entry.name.span, {}, step.source ? [{ message: "the source named first", span: step.source.span }] : []);
    } else if (name === "body" && bodySentAsParams(step)) {
      session.report("get-body-as-params", entry.name.span);
    } else if (name === "body" && step.method === "GET") {
      session.report("get-with-body", entry.name.span);
    } else if ((name === "until" || name === "maxPages") && !hasPaginate) {
      session.report("needs-paginate", entry.name.span, { option: name });
    }
  }
}


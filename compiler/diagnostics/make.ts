// Diagnostics are made only from catalogue entries: the code fixes severity and wording, the
// caller gives the arguments the message template names, the span and any notes.
import type { Span } from "../parse/ast.ts";
import { entryOf, messageOf, type Code, type MessageArgs } from "./catalogue.ts";
import type { Diagnostic, Note } from "./types.ts";

/** The arguments after the span: the template's arguments (`{}` when it has none), then notes. */
export type DiagnosticArgs<C extends Code> = keyof MessageArgs<C> extends never
  ? [args?: MessageArgs<C>, notes?: readonly (Note | string)[]]
  : [args: MessageArgs<C>, notes?: readonly (Note | string)[]];

export function diagnostic<C extends Code>(code: C, span: Span, ...[args, notes = []]: DiagnosticArgs<C>): Diagnostic {
  return {
    code,
    severity: entryOf(code).severity,
    message: messageOf(code, (args ?? {}) as MessageArgs<C>),
    span: { start: span.start, end: span.end },
    notes: notes.map((note) => (typeof note === "string" ? { message: note } : note)),
  };
}

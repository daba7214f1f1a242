// The diagnostics printer (§30.1): header, two-line code frame, notes, ordering.
import { describe, expect, it } from "vitest";
import { formatDiagnostic, formatDiagnostics, lineCol } from "../compiler/diagnostics/format.ts";
import type { Diagnostic } from "../compiler/diagnostics/types.ts";

const diag = (start: number, end: number, extra: Partial<Diagnostic> = {}): Diagnostic => ({
  code: "unknown-action",
  severity: "error",
  message: "unknown action 'X'",
  span: { start, end },
  notes: [],
  ...extra,
});

describe("lineCol", () => {
  it("is 1-based and counts a tab as one column", () => {
    const source = "ab\n\tcd\nx";
    expect(lineCol(source, 0)).toEqual({ line: 1, col: 1 });
    expect(lineCol(source, 2)).toEqual({ line: 1, col: 3 });
    expect(lineCol(source, 3)).toEqual({ line: 2, col: 1 });
    expect(lineCol(source, 5)).toEqual({ line: 2, col: 3 });
    expect(lineCol(source, 7)).toEqual({ line: 3, col: 1 });
  });

  it("clamps offsets past the end", () => {
    expect(lineCol("ab", 99)).toEqual({ line: 1, col: 3 });
  });
});

describe("formatDiagnostic", () => {
  it("prints header, source line and carets under the span", () => {
    const source = "mission M {\n  run Missing\n}\n";
    const start = source.indexOf("Missing");
    expect(formatDiagnostic(diag(start, start + 7), source, "m.reqon")).toBe(
      [
        "m.reqon:2:7: error: unknown action 'X' [unknown-action]",
        " 2 |   run Missing",
        "   |       ^^^^^^^",
      ].join("\n"),
    );
  });

  it("keeps tabs before the caret and pads the gutter to the line number's width", () => {
    const source = "\n".repeat(11) + "\t\tget x\n";
    const start = source.indexOf("x");
    expect(formatDiagnostic(diag(start, start + 1, { severity: "warning", message: "w" }), source, "f.reqon")).toBe(
      ["f.reqon:12:7: warning: w [unknown-action]", " 12 | \t\tget x", "    | \t\t    ^"].join("\n"),
    );
  });

  it("prints at least one caret and stops carets at the end of the line", () => {
    const source = "abc\ndef\n";
    expect(formatDiagnostic(diag(1, 1), source, "f").split("\n")[2]).toBe("   |  ^");
    expect(formatDiagnostic(diag(1, 6), source, "f").split("\n")[2]).toBe("   |  ^^");
  });

  it("drops the carriage return of CRLF lines", () => {
    const source = "abc\r\ndef\r\n";
    expect(formatDiagnostic(diag(5, 8), source, "f").split("\n").slice(1)).toEqual([" 2 | def", "   | ^^^"]);
  });

  it("adds notes as `  = note:` lines", () => {
    const text = formatDiagnostic(diag(0, 1, { notes: [{ message: "first" }, { message: "second" }] }), "x\n", "f");
    expect(text.split("\n").slice(3)).toEqual(["  = note: first", "  = note: second"]);
  });

  it("starts a located note with the place it points at", () => {
    const source = "one\n  two\n";
    const notes = [{ message: "here", span: { start: 6, end: 9 } }, { message: "plain" }];
    const text = formatDiagnostic(diag(0, 3, { notes }), source, "m.reqon");
    expect(text.split("\n").slice(3)).toEqual(["  = note: m.reqon:2:3: here", "  = note: plain"]);
  });
});

describe("formatDiagnostics", () => {
  it("sorts by position and separates diagnostics with a blank line", () => {
    const source = "one\ntwo\n";
    const text = formatDiagnostics([diag(4, 7, { message: "second" }), diag(0, 3, { message: "first" })], source, "f");
    expect(text).toBe(
      ["f:1:1: error: first [unknown-action]", " 1 | one", "   | ^^^", "", "f:2:1: error: second [unknown-action]", " 2 | two", "   | ^^^", ""].join("\n"),
    );
  });

  it("prints nothing when there is nothing to report", () => {
    expect(formatDiagnostics([], "x", "f")).toBe("");
  });
});

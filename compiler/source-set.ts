// The text a mission is compiled from: one file, or a mission folder's root file and part files
// (§33). Spans are offsets into `text`, where the files sit one after another (each followed by
// a line break), so every pass keeps working with plain offsets and slices; only turning an
// offset into FILE:LINE:COL needs to know which file it falls in.

import { LineIndex, type LineCol } from "./diagnostics/line-index.ts";

export interface SourceFileInput {
  /** The file's path as diagnostics print it (as given on the command line, joined for parts). */
  path: string;
  /**
   * How generated code and runtime errors name the file: the path relative to the folder for a
   * part file (`actions/fetch.reqon`); undefined for the root or only file, which the run names.
   */
  label?: string;
  text: string;
}

export interface SourceFile extends SourceFileInput {
  /** Offset of the file's first character in the set's text. */
  base: number;
  lines: LineIndex;
}

export interface Location extends LineCol {
  file: SourceFile;
}

export class SourceSet {
  readonly files: readonly SourceFile[];
  /** All files' text, each followed by "\n" (a span never crosses from one file into the next). */
  readonly text: string;

  constructor(inputs: readonly SourceFileInput[]) {
    if (inputs.length === 0) throw new Error("SourceSet: no files");
    let base = 0;
    this.files = inputs.map((input) => {
      const file: SourceFile = { ...input, base, lines: new LineIndex(input.text) };
      base += input.text.length + 1;
      return file;
    });
    this.text = inputs.length === 1 ? inputs[0]!.text : inputs.map((f) => f.text + "\n").join("");
  }

  static single(path: string, text: string): SourceSet {
    return new SourceSet([{ path, text }]);
  }

  get root(): SourceFile {
    return this.files[0]!;
  }

  /** The file an offset falls in (the last file for offsets past the end). */
  fileAt(offset: number): SourceFile {
    let lo = 0;
    let hi = this.files.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.files[mid]!.base <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.files[lo]!;
  }

  /** File, 1-based line and column of an offset. */
  locate(offset: number): Location {
    const file = this.fileAt(offset);
    return { file, ...file.lines.lineCol(offset - file.base) };
  }

  /** `LINE:COL`, or `LABEL:LINE:COL` in a part file: how generated step markers name a place. */
  position(offset: number): string {
    const { file, line, col } = this.locate(offset);
    return file.label === undefined ? `${line}:${col}` : `${file.label}:${line}:${col}`;
  }

  /** `PATH:LINE:COL` when the set has several files, else `LINE:COL`: for notes that point elsewhere. */
  where(offset: number): string {
    const { file, line, col } = this.locate(offset);
    return this.files.length > 1 ? `${file.path}:${line}:${col}` : `${line}:${col}`;
  }
}

// Offsets to 1-based line and column (§30.1: a tab counts as one column).

export interface LineCol {
  /** 1-based line number. */
  line: number;
  /** 1-based column; a tab counts as one column. */
  col: number;
}

/** Line starts of a source, for many line/column lookups (the generator makes one per step). */
export class LineIndex {
  private readonly starts = [0];

  constructor(private readonly source: string) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** Line and column of `offset` (clamped into the source). */
  lineCol(offset: number): LineCol {
    const at = Math.max(0, Math.min(offset, this.source.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: at - this.starts[lo]! + 1 };
  }

  /** The text of 1-based line `line`, without its line break (a trailing `\r` is dropped too). */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return "";
    const next = this.starts[line];
    const text = this.source.slice(start, next === undefined ? this.source.length : next - 1);
    return text.endsWith("\r") ? text.slice(0, -1) : text;
  }
}

/** Line and column of `offset` (clamped into the source), for a one-off lookup. */
export function lineCol(source: string, offset: number): LineCol {
  return new LineIndex(source).lineCol(offset);
}

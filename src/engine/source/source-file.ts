/** A source file with a line index, so offsets turn into 1-based line and column on demand. */
export class SourceFile {
  private lineStarts: number[] | null = null;

  constructor(
    readonly name: string,
    readonly text: string,
    /** Built-in headers are not the user's; diagnostics prefer a location in the user's files. */
    readonly builtin: boolean = false,
  ) {}

  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) starts.push(i + 1);
    this.lineStarts = starts;
    return starts;
  }

  /** 1-based line and column of an offset (columns count UTF-16 units, as Monaco does). */
  position(offset: number): { line: number; column: number } {
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }

  lineText(line: number): string {
    const starts = this.starts();
    const start = starts[line - 1] ?? this.text.length;
    const end = starts[line] ?? this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$/, "");
  }
}

/** A range of one file, by offsets. */
export interface Span {
  readonly file: SourceFile;
  readonly start: number;
  readonly end: number;
}

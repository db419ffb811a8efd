/** Where the CLI writes for people: stderr, or a fake in tests. */
export interface TextSink {
  write(text: string): void;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

const CLEAR_LINE = '\r\x1b[2K';

/**
 * stderr as the CLI uses it: lines that stay, plus, on a terminal, one status line redrawn in place
 * below them. Every text passes through `clean` (redaction) before it is written.
 */
export class StatusLine {
  private current = '';

  constructor(
    private readonly sink: TextSink,
    private readonly clean: (text: string) => string,
  ) {}

  get interactive(): boolean {
    return this.sink.isTTY === true;
  }

  /** A line that stays; the status line, if any, is redrawn below it. */
  line(text: string): void {
    if (this.current) {
      this.sink.write(CLEAR_LINE);
    }
    this.sink.write(`${this.clean(text)}\n`);
    if (this.current) {
      this.sink.write(this.current);
    }
  }

  /** Replaces the status line. Only on a terminal; elsewhere it would pile up as lines. */
  status(text: string): void {
    if (!this.interactive) {
      return;
    }
    // A line that wraps can no longer be redrawn with \r, so it is cut to the terminal's width.
    // A terminal of unknown size reports 0 columns.
    const width = Math.max(20, (this.sink.columns || 80) - 1);
    const points = Array.from(this.clean(text));
    this.current = points.length > width ? `${points.slice(0, width - 1).join('')}…` : points.join('');
    this.sink.write(`${CLEAR_LINE}${this.current}`);
  }

  clear(): void {
    if (this.current) {
      this.sink.write(CLEAR_LINE);
      this.current = '';
    }
  }
}

import { StatusLine, TextSink } from './statusLine';

/** The process as a command sees it; tests pass fakes. */
export interface CliIo {
  /** Results only: the saved path, or JSON. */
  stdout: TextSink;
  /** Everything for people: progress, notes, errors. */
  stderr: StatusLine;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on Ctrl+C. */
  signal: AbortSignal;
}

import { Logger } from '../../core/base/logger';
import { StyledText } from '../../core/job/styledSink';
import { OutputPlan } from '../../core/output/outputPlan';
import { isCancellation, isSparkError } from '../../core/spec/errors';
import { stateDirOf } from '../../node/tasks/stateDir';
import { TaskStore } from '../../node/tasks/taskStore';
import { CliIo } from '../terminal/io';
import { Destination } from './destination';

/** A docs directive as the store keeps it: found again by file, text and occurrence, not by line. */
export interface StoredDirective {
  /** Absolute path of the markdown file. */
  file: string;
  /** The comment as written, `<!--` to `-->`. */
  text: string;
  /** Its place among the comments of the file with this same text (0 for the first). */
  occurrence: number;
  /** 1-based, as it was: for messages only. */
  line: number;
}

/**
 * What the CLI stores with a task: which command made it and where its image goes (an absolute
 * folder, the same shape as the MCP server's), and for docs the directive it belongs to.
 */
export interface CliTaskTarget {
  origin: 'generate' | 'docs';
  destination: Destination;
  directive?: StoredDirective;
  /** What generate's output options asked for (--format, --max-width, --encode-quality, spark-image.json): a resumed task is saved the same way. */
  output?: OutputPlan;
  /** The house style the prompt was sent with: a resumed task's provenance records it too. */
  styled?: StyledText;
}

/** The house style as a task keeps it: only when one was applied, without the prompt (the request has it). */
export function storedStyle(styled: StyledText | undefined): { styled?: StyledText } {
  return styled?.style ? { styled: { userPrompt: styled.userPrompt, style: { name: styled.style.name, template: styled.style.template } } } : {};
}

/** The one task store of the CLI, in the state folder; unreadable records are named on stderr. */
export function cliTaskStore(io: CliIo): TaskStore<CliTaskTarget> {
  const warn = (message: string) => io.stderr.line(`warning: ${message}`);
  const logger: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn, error: warn };
  return new TaskStore<CliTaskTarget>({ stateDir: stateDirOf(io.env), logger });
}

/**
 * Whether a create that failed without a task id may still have made (and billed) one: its answer
 * was lost, it was cut off, or something unforeseen broke. A refusal by the API made nothing.
 */
export function maybeBilled(error: unknown): boolean {
  return isCancellation(error) || !isSparkError(error) || error.kind === 'outcomeUnknown';
}

export const UNKNOWN_OUTCOME = 'outcome unknown (maybe billed)';

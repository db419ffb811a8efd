import { parseArgs } from './args';
import { UsageError } from './usageError';
import { ExitCode, ExitCodeValue } from './exitCodes';
import { reportFailure } from './failure';
import { runDocs } from './docs/docs';
import { runGenerate } from './generate/generate';
import { helpText } from './help';
import { CliIo } from './terminal/io';
import { runMcp } from './mcp/mcpServer';
import { runResume } from './generate/resume';
import { packageVersion } from './version';

/** Parses the command line and runs the command; every outcome becomes an exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  let command;
  try {
    command = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      return reportFailure(io.stderr, error);
    }
    throw error;
  }
  switch (command.kind) {
    case 'help':
      io.stdout.write(helpText());
      return ExitCode.ok;
    case 'version':
      io.stdout.write(`${packageVersion()}\n`);
      return ExitCode.ok;
    case 'generate':
      return runGenerate(command, io);
    case 'resume':
      return runResume(command, io);
    case 'docs':
      return runDocs(command, io);
    case 'mcp':
      return runMcp(command, io);
  }
}

// The spark-image command: wires the process (streams, signals, exit code) to runCli.
import { redact } from '../core/base/logger';
import { ENV } from './config';
import { ExitCode } from './exitCodes';
import { abortOnInterrupt } from './terminal/interrupts';
import { runCli } from './run';
import { StatusLine } from './terminal/statusLine';

async function main(): Promise<number> {
  const key = process.env[ENV.apiKey]?.trim();
  // Whatever reaches stderr, including error messages that quote a URL or a server's text, is redacted.
  const stderr = new StatusLine(process.stderr, (text) => redact(text, key ? [key] : []));
  const controller = new AbortController();
  const stopListening = abortOnInterrupt(controller, (message) => stderr.line(message));
  try {
    return await runCli(process.argv.slice(2), { stdout: process.stdout, stderr, env: process.env, cwd: process.cwd(), signal: controller.signal });
  } catch (error) {
    stderr.line(`spark-image: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return ExitCode.unexpected;
  } finally {
    stopListening();
  }
}

main().then((code) => {
  process.exitCode = code;
  // Normally nothing is left running; should a stray socket or timer remain, do not hang the shell.
  setTimeout(() => process.exit(code), 2000).unref();
});

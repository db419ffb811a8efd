import { startDemo } from './demo';

/**
 * `npm run demo`: the mock API and a real VS Code in the browser with the packaged extension
 * installed, a sample docs workspace and the mock's address preset (startDemo). Runs until
 * Ctrl+C: the rig's exit hooks then stop code-server's whole process group and remove its
 * scratch folder, and the mock ends with this process (exit code 130, as for any Ctrl+C).
 */
async function main(): Promise<void> {
  const started = Date.now();
  const demo = await startDemo({ label: process.env.SPARK_DEMO_LABEL ?? 'demo', log: (line) => process.stdout.write(`[demo] ${line}\n`) });
  process.stdout.write(
    [
      '',
      `Spark Image demo (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      `  mock API   ${demo.mock.baseUrl} (images from ${demo.mock.imageBaseUrl}); it accepts any key`,
      `  workspace  ${demo.server.workspace}`,
      '',
      `Open this URL in a browser on this machine:\n\n  ${demo.url}\n`,
      'First run Spark Image: Set API Key (any key works with the mock), then follow README.md.',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

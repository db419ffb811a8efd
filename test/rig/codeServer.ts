import { spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { onExitCleanup } from './cleanup';
import { freePort } from './freePort';
import { keepExtensionLogs } from './keepLogs';
import { PROJECT_ROOT, RigLayout } from './layout';
import { signalGroup, stopGroup } from './processGroup';
import { createScratch, Scratch } from './scratch';
import { Settings, writeUserSettings } from './userSettings';
import { copyWorkspace } from './workspace';

export interface CodeServerOptions {
  /** Names the scratch folder and the log file (test-results/logs/<label>.log). */
  label: string;
  /** User settings for this run, merged over BASE_SETTINGS. */
  settings?: Settings;
  /** Off by default (`--disable-workspace-trust`); true for tests of restricted mode. */
  workspaceTrust?: boolean;
  /** The fixture folder (or folders, merged) copied as the workspace; defaults to test/fixtures/workspace. */
  fixture?: string | readonly string[];
  /** Extra environment for the server; the extension host inherits it. */
  env?: NodeJS.ProcessEnv;
  /** On by default (tests need it); off for the demo, where notifications must show as toasts. */
  smokeTestDriver?: boolean;
  /**
   * .vsix files installed into this run's extensions dir before the server starts, as a user
   * installs them (`--install-extension`). Without the smoke-test driver the workbench ignores
   * the extensionDevelopmentPath payload, so this is how such a run gets the extension.
   */
  installExtensions?: readonly string[];
}

export interface CodeServer {
  /** `127.0.0.1:PORT`, the authority of every vscode-remote URI the page uses. */
  authority: string;
  origin: string;
  /** The run's own copy of the fixture workspace. */
  workspace: string;
  scratch: Scratch;
  logFile: string;
  stop(): Promise<void>;
}

export const LOG_DIR = path.join(PROJECT_ROOT, 'test-results', 'logs');

/**
 * Starts code-server on a free loopback port with a fresh user-data-dir, extensions dir and
 * workspace copy, and waits until it answers. It runs in its own process group so stop() (or the
 * exit hook, on a crash or Ctrl-C) can end it with all its children.
 */
export async function startCodeServer(layout: RigLayout, options: CodeServerOptions): Promise<CodeServer> {
  const scratch = createScratch(options.label);
  copyWorkspace(scratch.workspace, options.fixture);
  writeUserSettings(scratch.userDataDir, options.settings);
  fs.mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `${options.label}.log`);
  try {
    await installExtensions(layout, scratch, options.installExtensions ?? [], options.env);
  } catch (error) {
    scratch.remove();
    throw error;
  }
  // Editors start side by side: another one may take the free port between asking and binding.
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    try {
      const stop = await launch(layout, options, scratch, port, logFile);
      return { authority: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, workspace: scratch.workspace, scratch, logFile, stop };
    } catch (error) {
      if (attempt === 3) {
        scratch.remove();
        throw new Error(`${(error as Error).message}; see ${logFile}:\n${tail(logFile)}`);
      }
    }
  }
}

/** `code-server --install-extension` into the scratch extensions dir; it exits once the files are in place. */
async function installExtensions(layout: RigLayout, scratch: Scratch, vsixFiles: readonly string[], env: NodeJS.ProcessEnv | undefined): Promise<void> {
  if (vsixFiles.length === 0) {
    return;
  }
  const args = [layout.codeServerEntry, '--user-data-dir', scratch.userDataDir, '--extensions-dir', scratch.extensionsDir];
  for (const vsix of vsixFiles) {
    args.push('--install-extension', vsix);
  }
  const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve, reject) => {
    const child = spawn(layout.nodeBin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...scratch.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    // An install takes a few seconds; one that hangs must fail the run, not stall it.
    const timer = setTimeout(() => {
      err += '\n(stopped after 120 s)';
      child.kill('SIGKILL');
    }, 120_000);
    child.on('error', reject);
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve({ stdout: out, stderr: err, code: exitCode });
    });
  });
  // A bad .vsix exits 1 with "Failed Installing Extensions"; the text is checked too, in case a
  // partial failure still exits 0.
  if (code !== 0 || /Failed Installing/i.test(`${stdout}${stderr}`)) {
    throw new Error(`code-server --install-extension failed (exit code ${code}):\n${stdout}${stderr}`);
  }
}

/** Spawns code-server detached on `port` and resolves with its stop function once /healthz answers. */
async function launch(layout: RigLayout, options: CodeServerOptions, scratch: Scratch, port: number, logFile: string): Promise<() => Promise<void>> {
  const authority = `127.0.0.1:${port}`;
  const logFd = fs.openSync(logFile, 'w');
  const args = [
    layout.codeServerEntry,
    '--auth', 'none',
    '--bind-addr', authority,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--user-data-dir', scratch.userDataDir,
    '--extensions-dir', scratch.extensionsDir,
    // Without it the built workbench ignores the extensionTestsPath payload and codeAutomation* hooks.
    ...(options.smokeTestDriver === false ? [] : ['--vscode-option', 'enable-smoke-test-driver']),
    // Loopback only: deflating every message between page and server is CPU spent for nothing.
    '--vscode-option', 'disable-websocket-compression',
    scratch.workspace,
  ];
  const child = spawn(layout.nodeBin, args, {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: { ...process.env, ...scratch.env, ...options.env },
  });
  fs.closeSync(logFd);
  const pid = child.pid;
  const removeHook = onExitCleanup(() => {
    if (pid !== undefined) {
      signalGroup(pid, 'SIGKILL');
    }
    scratch.remove();
  });
  const stop = async () => {
    await stopGroup(child);
    removeHook();
    try {
      removeKeptLogs(options.label);
      keepExtensionLogs(scratch.userDataDir, LOG_DIR, options.label);
    } catch {
      // Logs are kept for reading later; a copy that fails must not lose the run's results.
    }
    scratch.remove();
  };
  try {
    await waitForHealth(`http://${authority}/healthz`, child, 30_000);
  } catch (error) {
    await stopGroup(child);
    removeHook();
    throw error;
  }
  return stop;
}

async function waitForHealth(url: string, child: { exitCode: number | null }, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with code ${child.exitCode} before answering`);
    }
    if (await answers(url)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs / 1000} s`);
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(url, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(1000, () => request.destroy());
  });
}

/** Logs kept by an earlier run with the same label would be mistaken for this run's. */
function removeKeptLogs(label: string): void {
  for (const name of fs.readdirSync(LOG_DIR)) {
    if (name.startsWith(`${label}.spark-`)) {
      fs.rmSync(path.join(LOG_DIR, name), { force: true });
    }
  }
}

function tail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

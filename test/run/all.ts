import * as path from 'path';
import { launchChromium } from '../rig/browser';
import { ensureRig } from '../rig/install';
import { PROJECT_ROOT, RigLayout } from '../rig/layout';
import { runChildLayer } from './childLayer';
import { runHostLayer } from './hostLayer';
import { hostProfilesToRun } from './hostProfilesToRun';
import { judge, Judgement } from './judge';
import { LayerRun } from './layerRun';
import { RunningMock, startMock } from './mock';
import { formatFailures, formatTests, LayerReport, printReport, printTotals } from './report';
import { addResults, crashed, EMPTY_RESULT, LayerResult } from './results';
import { runSelfCheck } from './selfCheck';
import { TEST_ENV } from './testEnv';

/**
 * The test runner behind `npm test`: `node out/test/run/all.js [unit] [host] [ui] [selfcheck]`
 * (none = all four). Unit runs first, in plain Node; then the editor layers, which need the rig
 * (installed on first use) and a mock API server each. Each layer prints one block ending with
 * `layer: N passed, N failed`; the totals line comes last.
 */
const LAYERS = ['unit', 'host', 'ui', 'selfcheck'] as const;
type Layer = (typeof LAYERS)[number];

const MINUTE = 60_000;
const OUT_TEST = path.join(PROJECT_ROOT, 'out', 'test');
const runName = process.env[TEST_ENV.runName] ?? '';

function requestedLayers(args: string[]): Layer[] {
  const unknown = args.filter((arg) => !(LAYERS as readonly string[]).includes(arg));
  if (unknown.length > 0) {
    throw new Error(`unknown layer ${unknown.join(', ')}; expected any of: ${LAYERS.join(', ')}`);
  }
  return LAYERS.filter((layer) => args.length === 0 || args.includes(layer));
}

/** Times a layer and turns a throw into a crash, so one broken layer never hides the others' counts. */
async function timed(layer: string, body: () => Promise<Judgement>): Promise<LayerReport> {
  console.log(`[run] ${layer}: started`);
  const started = Date.now();
  const judgement = await body().catch((error: Error) => {
    const result = crashed(`${layer} (runner)`, error.stack ?? error.message);
    return { result, lines: formatFailures(result) };
  });
  return { layer, ...judgement, seconds: (Date.now() - started) / 1000 };
}

/** Each editor gets its own mock API server: no scenario or request log leaks between editors running side by side. */
async function withMock<T>(body: (env: NodeJS.ProcessEnv) => Promise<T>): Promise<T> {
  const mock: RunningMock = await startMock();
  try {
    return await body(mock.env);
  } finally {
    await mock.close();
  }
}

/**
 * One extension host per profile (test/host/profiles.ts), side by side: the restricted profile's
 * few tests then cost no wall time. Together they are the host layer, reported in profile order.
 */
async function runHost(layout: RigLayout): Promise<Judgement> {
  const profiles = hostProfilesToRun(path.join(OUT_TEST, 'host'));
  // One Chromium for both windows: a browser process less to start and to feed.
  const browser = await launchChromium();
  const runs = await Promise.all(
    profiles.map((profile) => {
      const label = `${runName}host${profile.dir ? `-${profile.name}` : ''}`;
      return withMock((env) => runHostLayer(layout, { label, profile, env, timeoutMs: 10 * MINUTE, browser })).catch(
        (error: Error): LayerRun => ({ reported: undefined, problem: `could not start the editor: ${error.message}` }),
      );
    }),
  ).finally(() => browser.close().catch(() => undefined));
  const host: Judgement = { result: EMPTY_RESULT, lines: [] };
  profiles.forEach((profile, index) => {
    const name = profile.dir ? `host (${profile.name})` : 'host';
    const judgement = judge(name, runs[index], false);
    host.result = addResults(host.result, judgement.result);
    host.lines.push(`[run] ${name}: mocha inside the extension host of code-server`, ...judgement.lines);
  });
  return host;
}

/** mocha in plain Node driving the workbench in Chromium; its reporter output shows live. */
async function runUi(env: NodeJS.ProcessEnv): Promise<Judgement> {
  const run = await runChildLayer({ label: `${runName}ui`, testDir: path.join(OUT_TEST, 'ui'), env, timeoutMs: 10 * MINUTE, testTimeoutMs: 60_000 });
  return judge('ui', run, true);
}

async function runSelfCheckLayer(): Promise<Judgement> {
  const result = await runSelfCheck(5 * MINUTE);
  return { result, lines: ['[run] selfcheck: the runner on deliberately failing host and ui tests', ...formatTests(result), ...formatFailures(result)] };
}

/**
 * Runs host and ui side by side, then the self-check. Each editor layer spends much of its time
 * waiting on the other side of a socket, so on 2 cores the pair takes about as long as the slower
 * one alone (measured: 56-63 s side by side, about 87 s in turn); SPARK_TEST_PARALLEL=0 runs them in turn.
 * The ui layer streams its mocha output live and the host block is printed whole when it ends,
 * so side by side the ui lines come first. The self-check starts editors of its own: it waits.
 */
async function runEditorLayers(layers: Layer[], layout: RigLayout, report: (layerReport: LayerReport) => void): Promise<void> {
  const starters: [Layer, () => Promise<LayerReport>][] = [
    ['host', () => timed('host', () => runHost(layout))],
    ['ui', () => timed('ui', () => withMock(runUi))],
  ];
  const chosen = starters.filter(([layer]) => layers.includes(layer));
  const started = Date.now();
  if (process.env[TEST_ENV.parallel] !== '0' && chosen.length > 1) {
    (await Promise.all(chosen.map(([, start]) => start()))).forEach(report);
    console.log(`[run] host and ui side by side took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else {
    for (const [, start] of chosen) {
      report(await start());
    }
  }
  if (layers.includes('selfcheck')) {
    report(await timed('selfcheck', runSelfCheckLayer));
  }
}

async function runLayers(layers: Layer[]): Promise<LayerResult> {
  let total = EMPTY_RESULT;
  const report = (layerReport: LayerReport) => {
    printReport(layerReport);
    total = addResults(total, layerReport.result);
  };
  if (layers.includes('unit')) {
    const testDir = path.join(OUT_TEST, 'unit');
    report(await timed('unit', async () => judge('unit', await runChildLayer({ label: `${runName}unit`, testDir, env: {}, timeoutMs: 10 * MINUTE, testTimeoutMs: 10_000, jobs: 3 }), true)));
  }
  const editorLayers = layers.filter((layer) => layer !== 'unit');
  if (editorLayers.length > 0) {
    let layout: RigLayout | undefined;
    try {
      layout = await ensureRig();
    } catch (error) {
      for (const layer of editorLayers) {
        const result = crashed(`${layer} (rig)`, (error as Error).message);
        report({ layer, result, lines: formatFailures(result), seconds: 0 });
      }
    }
    if (layout) {
      await runEditorLayers(editorLayers, layout, report);
    }
  }
  return total;
}

async function main(): Promise<void> {
  let total: LayerResult;
  try {
    total = await runLayers(requestedLayers(process.argv.slice(2)));
  } catch (error) {
    console.error(`[run] ${(error as Error).stack ?? String(error)}`);
    total = crashed('runner', (error as Error).message);
  }
  printTotals(total, runName);
  process.exitCode = total.failed > 0 ? 1 : 0;
  // Everything is stopped by now; a socket some test leaked must not keep CI waiting.
  setTimeout(() => process.exit(), 3000).unref();
}

void main();

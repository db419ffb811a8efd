import * as path from 'path';
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

/** Each layer gets its own mock API server: no scenario or request log leaks between layers running side by side. */
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
async function runHost(layout: RigLayout, env: NodeJS.ProcessEnv): Promise<Judgement> {
  const profiles = hostProfilesToRun(path.join(OUT_TEST, 'host'));
  const runs = await Promise.all(
    profiles.map((profile) => {
      const label = `${runName}host${profile.dir ? `-${profile.name}` : ''}`;
      return runHostLayer(layout, { label, profile, env, timeoutMs: 3 * MINUTE }).catch(
        (error: Error): LayerRun => ({ reported: undefined, problem: `could not start the editor: ${error.message}` }),
      );
    }),
  );
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
 * Runs the editor layers in turn, or side by side with SPARK_TEST_PARALLEL=1 (measured on 2 cores:
 * no faster, the editors compete for the CPU). Host and selfcheck blocks are printed whole when
 * they end; the ui layer streams its mocha output live, so side by side it shows up first.
 */
async function runEditorLayers(layers: Layer[], layout: RigLayout, report: (layerReport: LayerReport) => void): Promise<void> {
  const starters: [Layer, () => Promise<LayerReport>][] = [
    ['host', () => timed('host', () => withMock((env) => runHost(layout, env)))],
    ['ui', () => timed('ui', () => withMock(runUi))],
    ['selfcheck', () => timed('selfcheck', runSelfCheckLayer)],
  ];
  const chosen = starters.filter(([layer]) => layers.includes(layer));
  if (process.env[TEST_ENV.parallel] === '1') {
    (await Promise.all(chosen.map(([, start]) => start()))).forEach(report);
    return;
  }
  for (const [, start] of chosen) {
    report(await start());
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
    report(await timed('unit', async () => judge('unit', await runChildLayer({ label: `${runName}unit`, testDir, env: {}, timeoutMs: 5 * MINUTE, testTimeoutMs: 10_000 }), true)));
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

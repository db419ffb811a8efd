// `npm run bench`: every benchmark in one run, printed as tables. A batch benchmark joins the list below.
import { adaptivePolicy, PollPolicy } from '../../src/core/polling/pollPolicy';
import { batchTable, benchBatch, DEFAULT_BATCH_BENCH } from './batch';
import { BASELINES, seaArtSdkPolicy, seacloudCliPolicy, vtrixCliPolicy } from './baselines';
import { benchCodecs, cwebpAvailable } from './codecs';
import { crossCheck } from './crossCheck';
import { benchDocsCheck, DEFAULT_DOCS_CHECK_BENCH, docsCheckTable } from './docsCheck';
import { benchPolicy, DEFAULT_POLLING_BENCH, PollingBenchOptions } from './polling';
import { lowerBoundTable, pollingTable } from './pollingReport';
import { ProgressCurve } from './progressCurves';
import { WITH_PROGRESS, WITHOUT_PROGRESS } from './targets';
import { VARIATION_BENCH, variationsTable } from './variations';

async function table(policy: PollPolicy, options: PollingBenchOptions): Promise<void> {
  console.log(pollingTable(policy, await benchPolicy(policy, options), options));
  console.log('');
}

/**
 * Tasks that report progress: ours uses it; the official clients' fixed schedules cannot. With
 * `durationSpread`, each task lasts T ± that share, so a fixed schedule is not lucky against T.
 */
async function withProgressSection(durationSpread: number): Promise<void> {
  const spread = durationSpread > 0 ? `, each task lasting T ± ${Math.round(durationSpread * 100)} %` : ', each task lasting exactly T';
  console.log(`\nPolling with progress reported${spread}. Targets: ${WITH_PROGRESS.describe}.\n`);
  for (const curve of ['linear', 'slow-start', 'steps'] as ProgressCurve[]) {
    await table(adaptivePolicy, { ...DEFAULT_POLLING_BENCH, durationSpread, curve, useProgress: true, targets: WITH_PROGRESS });
  }
  for (const baseline of [vtrixCliPolicy, seacloudCliPolicy, seaArtSdkPolicy]) {
    await table(baseline, { ...DEFAULT_POLLING_BENCH, durationSpread, curve: 'linear', useProgress: false, targets: WITH_PROGRESS });
  }
}

/** Tasks that report nothing but their status: ours falls back to its adaptive schedule. */
async function withoutProgressSection(options: PollingBenchOptions, heading: string): Promise<void> {
  console.log(`\n${heading}\nTargets: ${WITHOUT_PROGRESS.describe}.\n`);
  if (options.durationSpread === 0) {
    console.log(`${lowerBoundTable(options)}\n`);
  }
  for (const policy of [adaptivePolicy, ...BASELINES]) {
    await table(policy, options);
  }
}

interface Bench {
  name: string;
  run(): Promise<void>;
}

const BENCHES: readonly Bench[] = [
  {
    name: 'image conversion against cwebp (real time)',
    run: async () => {
      console.log('\nImage conversion: ours (jSquash wasm in a worker thread) against Debian\'s cwebp, same photo-like PNG, quality 82, median of 3.\n');
      console.log(cwebpAvailable() ? `${await benchCodecs()}\n` : 'cwebp is missing: install Debian\'s webp package (npm run rig does).\n');
    },
  },
  { name: 'polling with progress (virtual time)', run: () => withProgressSection(0) },
  { name: 'polling with progress, durations spread (virtual time)', run: () => withProgressSection(0.1) },
  {
    name: 'polling without progress (virtual time)',
    run: () => withoutProgressSection(DEFAULT_POLLING_BENCH, 'Polling without progress: time from completion to the client noticing it (overhead), and status requests.'),
  },
  {
    name: 'polling without progress, durations spread',
    run: () =>
      withoutProgressSection(
        { ...DEFAULT_POLLING_BENCH, durationSpread: 0.1 },
        'The same with each task lasting T ± 10 % (uniform): a fixed schedule can no longer be lucky or unlucky against T.',
      ),
  },
  {
    name: 'polling cross-check (real time)',
    run: async () => console.log(`\n${await crossCheck(adaptivePolicy)}\n`),
  },
  {
    name: 'batch (real time)',
    run: async () => {
      console.log('\nBatch: 8 directives at concurrency 4, each task lasting T on the mock (loopback, real time, polls every 50 ms).\nIdeal 2 × T (two waves); target ≤ 2.3 × T end to end.\n');
      console.log(`${batchTable(await benchBatch(DEFAULT_BATCH_BENCH))}\n`);
    },
  },
  {
    name: 'docs --check (real time)',
    run: async () => {
      console.log('\ndocs --check: spark-image docs --check (dist/cli.js, its own process) on generated trees, 2 directives per file, each image\n' +
        'a PNG with its provenance and 32 KB of pixels. Median of 5 runs. Target: under 2 s for 1,000 files, growing linearly.\n');
      console.log(`${docsCheckTable(await benchDocsCheck(DEFAULT_DOCS_CHECK_BENCH))}\n`);
    },
  },
  {
    name: 'variations (real time)',
    run: async () => {
      console.log(`\nVariations: ${VARIATION_BENCH.count} at generate's default concurrency against 1, the same mock task lasting T (loopback, real time, the adaptive polling).\n` +
        `Target: ≤ ${VARIATION_BENCH.timeTarget} × the single image's wall time, ≤ ${VARIATION_BENCH.requestTarget} × its requests (creates and status checks).\n`);
      console.log(`${await variationsTable()}\n`);
    },
  },
];

async function main(): Promise<void> {
  for (const bench of BENCHES) {
    const started = Date.now();
    await bench.run();
    console.log(`(${bench.name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

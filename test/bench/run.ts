// `npm run bench`: every benchmark in one run, printed as tables. A batch benchmark joins the list below.
import { adaptivePolicy, doublingPolicy, fixedOneSecondPolicy, PollPolicy } from '../../src/core/pollPolicy';
import { batchTable, benchBatch, DEFAULT_BATCH_BENCH } from './batch';
import { crossCheck } from './crossCheck';
import { benchDocsCheck, DEFAULT_DOCS_CHECK_BENCH, docsCheckTable } from './docsCheck';
import { benchPolicy, DEFAULT_POLLING_BENCH, PollingBenchOptions } from './polling';
import { lowerBoundTable, pollingTable } from './pollingReport';

const POLICIES: readonly PollPolicy[] = [adaptivePolicy, fixedOneSecondPolicy, doublingPolicy];

async function pollingSection(options: PollingBenchOptions, heading: string): Promise<void> {
  console.log(`\n${heading}\n`);
  if (options.durationSpread === 0) {
    console.log(`${lowerBoundTable(options)}\n`);
  }
  for (const policy of POLICIES) {
    console.log(pollingTable(policy, await benchPolicy(policy, options), options));
    console.log('');
  }
}

interface Bench {
  name: string;
  run(): Promise<void>;
}

const BENCHES: readonly Bench[] = [
  {
    name: 'polling (virtual time)',
    run: () =>
      pollingSection(
        DEFAULT_POLLING_BENCH,
        'Polling: time from completion to the client noticing it (overhead), and status requests.\n' +
          'Targets: overhead ≤ max(1 s, 10 % of T) on the mean and p95; requests ≤ T/2.5 s + 3 on the max.',
      ),
  },
  {
    name: 'polling, durations spread',
    run: () =>
      pollingSection(
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

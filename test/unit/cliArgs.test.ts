import * as assert from 'assert';
import { Command, parseArgs } from '../../src/cli/args';
import { UsageError } from '../../src/cli/usageError';
import { exitCodeFor } from '../../src/cli/exitCodes';
import { SparkError, SparkErrorKind } from '../../src/core/spec/errors';

function usageError(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (error) {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`);
    return error.message;
  }
  assert.fail(`${argv.join(' ')} was accepted`);
}

function generate(argv: string[]): Extract<Command, { kind: 'generate' }> {
  const command = parseArgs(['generate', ...argv]);
  assert.strictEqual(command.kind, 'generate');
  return command;
}

describe('cli arguments', () => {
  it('reads a prompt with every option, in both --name value and --name=value forms', () => {
    const command = generate(['a red fox', '--width', '1664', '--height=936', '--seed', '-1', '--no-expand', '--out=pics/', '--json', '--timeout', '2.5', '--verbose', '--base-url', 'https://api.example']);
    assert.deepStrictEqual(command, {
      kind: 'generate',
      prompt: 'a red fox',
      request: { width: '1664', height: '936', seed: '-1', usePreLlm: false },
      shared: { out: 'pics/', baseUrl: 'https://api.example', requestFormat: undefined, json: true, timeoutSeconds: 2.5, verbose: true },
      count: 1,
      concurrency: 4,
    });
  });

  it('turns --size into width and height, and lists every preset for an unknown one', () => {
    assert.deepStrictEqual(generate(['x', '--size', '2K-16:9']).request, { width: '2560', height: '1440', seed: undefined });
    const message = usageError(['generate', 'x', '--size', '4k-1:1']);
    for (const id of ['1k-1:1', '1k-21:9', '2k-3:2']) {
      assert.ok(message.includes(id), message);
    }
    assert.match(usageError(['generate', 'x', '--size', '1k-1:1', '--width', '512']), /either --size or --width/);
  });

  it('leaves numbers as typed, so the core can answer with the seed\'s codes', () => {
    assert.strictEqual(generate(['x', '--width', 'wide', '--height', '512']).request.width, 'wide');
  });

  it('takes a prompt that starts with a dash after --', () => {
    assert.strictEqual(generate(['--', '-40 degrees']).prompt, '-40 degrees');
  });

  it('refuses every spelling of a key flag without repeating its value', () => {
    for (const flag of ['--api-key', '--api-key=sk-secret', '--apikey', '--API_KEY', '--key', '--token=sk-secret']) {
      const message = usageError(['generate', 'x', flag, 'sk-secret']);
      assert.match(message, /SPARK_IMAGE_API_KEY/);
      assert.ok(!message.includes('sk-secret'));
    }
  });

  it('explains each other mistake', () => {
    assert.match(usageError(['generate', 'x', '--colour', 'red']), /Unknown option --colour/);
    assert.match(usageError(['generate', 'x', '-q']), /Unknown option -q/);
    assert.match(usageError(['generate', 'a', 'red', 'fox']), /in quotes/);
    assert.match(usageError(['generate', 'x', '--out']), /--out needs a value/);
    assert.match(usageError(['generate', 'x', '--out', '--json']), /--out needs a value/);
    assert.match(usageError(['generate', 'x', '--seed', '1', '--seed', '2']), /more than once/);
    assert.match(usageError(['generate', 'x', '--json=yes']), /takes no value/);
    assert.match(usageError(['generate', 'x', '--expand', '--no-expand']), /either --expand or --no-expand/);
    assert.match(usageError(['generate', 'x', '--timeout', '0']), /--timeout/);
    assert.match(usageError(['generate', 'x', '--timeout', '5m']), /--timeout/);
    assert.match(usageError(['generate', 'x', '--prompt', 'y']), /--prompt belongs to resume/);
    assert.match(usageError(['paint', 'x']), /Unknown command/);
    assert.match(usageError([]), /No command/);
    assert.match(usageError(['resume', 'a', 'b']), /TASK_ID/);
    assert.match(usageError(['resume', 'task_1', '--list']), /--list takes no task id/);
    assert.match(usageError(['resume', '--seed', '3']), /--seed applies to resume TASK_ID/);
    assert.match(usageError(['generate', 'x', '--all']), /--all belongs to resume/);
    assert.match(usageError(['docs', '--list']), /--list belongs to resume/);
    assert.match(usageError(['docs', '--grace', '-1']), /--grace takes a number of seconds from 0 to 600/);
    assert.match(usageError(['generate', 'x', '--grace', 'soon']), /--grace/);
  });

  it('reads resume without an id (the kept tasks), with --all, --list and --grace', () => {
    const shared = { out: undefined, baseUrl: undefined, requestFormat: undefined, json: true, timeoutSeconds: undefined, verbose: false };
    assert.deepStrictEqual(parseArgs(['resume', '--list', '--json']), { kind: 'resume', all: false, list: true, request: {}, shared });
    assert.deepStrictEqual(parseArgs(['resume', '--all', '--grace', '1.5']), { kind: 'resume', all: true, list: false, request: {}, shared: { ...shared, json: false, graceSeconds: 1.5 } });
  });

  it('reads resume with what is known of the original request', () => {
    assert.deepStrictEqual(parseArgs(['resume', 'task_1', '--prompt', 'a fox', '--seed', '3', '--size', '1k-1:1', '--expand']), {
      kind: 'resume',
      taskId: 'task_1',
      all: false,
      list: false,
      prompt: 'a fox',
      request: { width: '1328', height: '1328', seed: '3', usePreLlm: true },
      shared: { out: undefined, baseUrl: undefined, requestFormat: undefined, json: false, timeoutSeconds: undefined, verbose: false },
    });
  });

  it('answers --help and --version wherever they appear', () => {
    assert.deepStrictEqual(parseArgs(['generate', 'x', '--help']), { kind: 'help' });
    assert.deepStrictEqual(parseArgs(['-h']), { kind: 'help' });
    assert.deepStrictEqual(parseArgs(['--version']), { kind: 'version' });
  });

  it('maps every kind of failure onto the documented exit codes', () => {
    const expected: Record<SparkErrorKind, number> = {
      validation: 2,
      config: 2,
      auth: 3,
      balance: 3,
      permission: 3,
      rateLimited: 3,
      unreachable: 3,
      outcomeUnknown: 3,
      api: 3,
      protocol: 3,
      download: 4,
      timeout: 5,
      cancelled: 130,
    };
    for (const [kind, code] of Object.entries(expected)) {
      assert.strictEqual(exitCodeFor(new SparkError(kind as SparkErrorKind, 'x')), code, kind);
    }
    assert.strictEqual(exitCodeFor(new UsageError('x')), 2);
    assert.strictEqual(exitCodeFor(new Error('disk full')), 1);
  });
});

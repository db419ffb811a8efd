import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cleanEnv } from '../helpers/env';
import { cleanNpmEnv } from '../rig/npmProject';
import { makeGateRepo } from './docsTree';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TARBALL = path.join(ROOT, 'dist-cli', 'spark-image-cli.tgz');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A shell command line as a user types it, with the temporary prefix's bin first on PATH and npm kept offline. */
function sh(line: string, cwd: string, prefix: string): Ran {
  const env = cleanNpmEnv(cleanEnv());
  Object.assign(env, {
    PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    // `npm install --global` goes to the temporary prefix, never to the machine's, and never online.
    npm_config_prefix: prefix,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  });
  const result = spawnSync('sh', ['-c', line], { cwd, env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The fenced code blocks of a markdown text: language and body. */
function codeBlocks(markdown: string): Array<{ lang: string; body: string }> {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({ lang: match[1], body: match[2] }));
}

function tarEntries(file: string): string[] {
  return execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).trim().split('\n').sort();
}

describe('the installable CLI (npm run pack:cli) and the README CI recipes', function () {
  this.timeout(120_000);
  let scratch: string;

  before(() => {
    try {
      execFileSync('npm', ['run', 'pack:cli'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`npm run pack:cli failed:\n${stdout ?? ''}${stderr ?? ''}`);
    }
  });

  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-cli-pack-'));
  });

  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('holds only the CLI bundle, the codec bundle and its wasm, its README and its licence, and has no dependencies', () => {
    const codecs = ['mozjpeg_dec', 'mozjpeg_enc', 'squoosh_png_bg', 'squoosh_resize_bg', 'webp_dec', 'webp_enc_simd'].map((name) => `package/dist/codecs/${name}.wasm`);
    assert.deepStrictEqual(tarEntries(TARBALL), ['package/LICENSE', 'package/README.md', 'package/dist/cli.js', 'package/dist/codecs.js', ...codecs, 'package/package.json'].sort());
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', TARBALL, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    assert.deepStrictEqual(manifest.bin, { 'spark-image': 'dist/cli.js' });
    assert.strictEqual(manifest.version, VERSION);
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'scripts']) {
      assert.strictEqual(manifest[field], undefined, `the package has ${field}`);
    }
  });

  it('npm install -g into a temporary prefix gives a working spark-image: --version, and docs --check on a fixture (0 up to date, 1 stale)', () => {
    const prefix = path.join(scratch, 'prefix');
    const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', TARBALL], { encoding: 'utf8' });
    assert.strictEqual(install.status, 0, install.stderr);
    const bin = path.join(prefix, 'bin', 'spark-image');
    assert.ok(fs.existsSync(bin), `${bin} is missing`);
    // Nothing but our package came along.
    assert.deepStrictEqual(fs.readdirSync(path.join(prefix, 'lib', 'node_modules')), ['spark-image-cli']);

    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    assert.strictEqual(version.status, 0, version.stderr);
    assert.strictEqual(version.stdout.trim(), VERSION);

    const repo = path.join(scratch, 'repo');
    const guide = makeGateRepo(repo);
    const passing = spawnSync(bin, ['docs', '--check'], { cwd: repo, encoding: 'utf8' });
    assert.strictEqual(passing.status, 0, passing.stdout + passing.stderr);
    assert.match(passing.stderr, /2 directive\(s\) in 1 file\(s\): every one has its image, up to date/);
    fs.writeFileSync(guide, fs.readFileSync(guide, 'utf8').replace('A paper boat on a pond', 'A paper boat on a lake'));
    const failing = spawnSync(bin, ['docs', '--check'], { cwd: repo, encoding: 'utf8' });
    assert.strictEqual(failing.status, 1, failing.stderr);
    assert.match(failing.stdout, /^docs\/guide\.md:9: out of date \(prompt\): docs\/images\/paper-boat\.png$/m);
  });

  it('the GitHub Actions job in the README, run line by line as written: green on an up-to-date repository, red once a directive asks for another size', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const job = codeBlocks(readme).find((block) => block.lang === 'yaml' && /runs-on:/.test(block.body) && block.body.includes('spark-image docs --check'));
    assert.ok(job, 'the README has a GitHub Actions job running spark-image docs --check');
    const runs = [...job.body.matchAll(/^\s*- run: (.+)$/gm)].map((match) => match[1].trim());
    assert.ok(runs.length >= 2 && runs[runs.length - 1] === 'spark-image docs --check', JSON.stringify(runs));
    const install = /--global \.\/(\S+)/.exec(runs.find((line) => line.startsWith('npm install')) ?? '')?.[1];
    assert.ok(install, `the job installs the tarball: ${JSON.stringify(runs)}`);

    const prefix = path.join(scratch, 'prefix');
    const repo = path.join(scratch, 'repo');
    const guide = makeGateRepo(repo);
    fs.mkdirSync(path.dirname(path.join(repo, install)), { recursive: true });
    fs.copyFileSync(TARBALL, path.join(repo, install));
    for (const line of runs) {
      const result = sh(line, repo, prefix);
      assert.strictEqual(result.status, 0, `${line}\n${result.stdout}${result.stderr}`);
    }
    fs.writeFileSync(guide, fs.readFileSync(guide, 'utf8').replace('{aspect=16:9 seed=42}', '{aspect=4:3 seed=42}'));
    const gate = sh(runs[runs.length - 1], repo, prefix);
    assert.strictEqual(gate.status, 1, gate.stdout + gate.stderr);
    assert.match(gate.stdout, /docs\/guide\.md:5: out of date \(size\)/);
    assert.match(gate.stdout, / {4}size: 1664×936 → 1472×1104/);
  });

  it('the pre-commit hook in the README, installed as written: a commit with an out-of-date image is refused, an up-to-date one goes through', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const hook = codeBlocks(readme).find((block) => block.lang === 'sh' && block.body.startsWith('#!/bin/sh') && block.body.includes('spark-image docs --check'));
    assert.ok(hook, 'the README has a pre-commit hook running spark-image docs --check');

    const prefix = path.join(scratch, 'prefix');
    const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', TARBALL], { encoding: 'utf8' });
    assert.strictEqual(install.status, 0, install.stderr);
    const repo = path.join(scratch, 'repo');
    const guide = makeGateRepo(repo);
    const git = (line: string) => sh(`git -c user.name=Test -c user.email=test@example.invalid -c commit.gpgsign=false ${line}`, repo, prefix);
    assert.strictEqual(git('init -q').status, 0);
    fs.writeFileSync(path.join(repo, '.git', 'hooks', 'pre-commit'), hook.body, { mode: 0o755 });

    assert.strictEqual(git('add -A').status, 0);
    const first = git('commit -q -m "up to date"');
    assert.strictEqual(first.status, 0, first.stdout + first.stderr);

    fs.writeFileSync(guide, fs.readFileSync(guide, 'utf8').replace('seed=7 ', 'seed=8 '));
    assert.strictEqual(git('add -A').status, 0);
    const refused = git('commit -q -m "stale"');
    assert.strictEqual(refused.status, 1, refused.stdout + refused.stderr);
    // git shows a hook's output on stderr.
    assert.match(refused.stdout + refused.stderr, /docs\/guide\.md:9: out of date \(seed\)/);
    assert.strictEqual(git('rev-list --count HEAD').stdout.trim(), '1', 'the refused commit was not made');
  });
});

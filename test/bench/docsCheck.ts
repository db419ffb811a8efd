// `spark-image docs --check` on generated trees of markdown files (2 directives each) and their
// images: wall time of the real command (a separate Node process, as CI runs it), per file, and how
// much of the images it read. It sends nothing: a loopback mock is named in its environment and
// must see no request.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { embedProvenance } from '../../src/core/image/imageMetadata';
import { Provenance } from '../../src/core/image/provenance';
import { runCli } from '../../src/cli/run';
import { imageBytesRead } from '../../src/cli/docs/provenanceFile';
import { StatusLine } from '../../src/cli/terminal/statusLine';
import { pngAround } from '../helpers/png';
import { startMockServer } from '../mock/server';
import { seededRandom } from './seededRandom';
import { formatTable } from './table';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const KEY = 'sk-bench-docs-check';

export interface DocsCheckBenchOptions {
  /** Tree sizes in files; each is a prefix of the next, so one generated tree serves all. */
  sizes: number[];
  /** Bytes of pixel data (one IDAT chunk, incompressible) in each image. */
  pixelBytes: number;
  runs: number;
}

export const DEFAULT_DOCS_CHECK_BENCH: DocsCheckBenchOptions = { sizes: [250, 500, 1000], pixelBytes: 32 * 1024, runs: 5 };

export interface DocsCheckRow {
  files: number;
  directives: number;
  imageBytes: number;
  /** Wall times of the command, ms, sorted. */
  times: number[];
  /** Wall times of the same check run inside this process (no Node start-up), ms, sorted. */
  inProcess: number[];
  /** Bytes read from image files by one in-process run. */
  bytesRead: number;
}

/** A PNG with our provenance and `pixelBytes` of (never decoded) pixel data. */
function image(provenance: Provenance, pixels: Buffer): Uint8Array {
  const embedded = embedProvenance(pngAround(provenance.width, provenance.height, pixels), provenance);
  if (!embedded) {
    throw new Error('could not embed provenance');
  }
  return embedded;
}

/** Folder of the files from `from` (inclusive) to `to` (exclusive): part-0250 holds files 0..249, and so on. */
function partName(to: number): string {
  return `part-${String(to).padStart(4, '0')}`;
}

/** Writes the tree: for each size step, a folder of markdown files with 2 directives each and their images. */
export function generateTree(root: string, options: DocsCheckBenchOptions): { parts: string[]; imageBytes: number[] } {
  const random = seededRandom(14);
  const parts: string[] = [];
  const imageBytes: number[] = [];
  let total = 0;
  let from = 0;
  for (const to of options.sizes) {
    const part = partName(to);
    fs.mkdirSync(path.join(root, part, 'images'), { recursive: true });
    for (let index = from; index < to; index++) {
      const lines = [`# Page ${index}`, ''];
      for (const [slot, aspect, width, height] of [
        [0, '16:9', 1664, 936],
        [1, '4:3', 1472, 1104],
      ] as const) {
        const prompt = `Illustration ${slot} of page ${index}: a lighthouse at dawn over a calm sea`;
        const seed = 1000 + index * 2 + slot;
        const name = `page-${index}-${slot}.png`;
        const provenance: Provenance = { tool: 'spark-image', prompt, seed, width, height, model: 'spark_image_3_1', usePreLlm: true, taskId: `bench-${seed}`, costUsd: 0.03, createdAt: '2026-01-01T00:00:00.000Z', completedAt: '2026-01-01T00:00:05.000Z' };
        const pixels = Buffer.alloc(options.pixelBytes);
        for (let at = 0; at < pixels.length; at += 4) {
          pixels.writeUInt32LE(Math.floor(random() * 0x1_0000_0000), at);
        }
        const bytes = image(provenance, pixels);
        fs.writeFileSync(path.join(root, part, 'images', name), bytes);
        total += bytes.length;
        lines.push(`<!-- spark-image: ${prompt} {aspect=${aspect} seed=${seed}} -->`, '', `![${prompt}](images/${name})`, '', 'Some text of the page.', '');
      }
      fs.writeFileSync(path.join(root, part, `page-${index}.md`), lines.join('\n'));
    }
    parts.push(part);
    imageBytes.push(total);
    from = to;
  }
  return { parts, imageBytes };
}

/** One in-process run: its wall time and the bytes it read from images. */
async function inProcessRun(root: string, parts: readonly string[]): Promise<{ ms: number; bytesRead: number }> {
  const before = imageBytesRead.total;
  const quiet = { write: () => undefined };
  const started = process.hrtime.bigint();
  const code = await runCli(['docs', '--check', ...parts], { stdout: quiet, stderr: new StatusLine(quiet, (text) => text), env: {}, cwd: root, signal: new AbortController().signal });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (code !== 0) {
    throw new Error(`docs --check exited ${code} in process`);
  }
  return { ms, bytesRead: imageBytesRead.total - before };
}

export async function benchDocsCheck(options: DocsCheckBenchOptions = DEFAULT_DOCS_CHECK_BENCH): Promise<DocsCheckRow[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-bench-docs-'));
  const mock = await startMockServer({ apiKey: KEY });
  try {
    const { parts, imageBytes } = generateTree(root, options);
    const rows: DocsCheckRow[] = [];
    // Once over the whole tree first, so the first row does not carry the JIT's warm-up (nor a cold file cache).
    await inProcessRun(root, parts);
    for (let step = 0; step < options.sizes.length; step++) {
      const paths = parts.slice(0, step + 1);
      const times: number[] = [];
      for (let run = 0; run < options.runs; run++) {
        const started = process.hrtime.bigint();
        const result = spawnSync(process.execPath, [CLI, 'docs', '--check', ...paths], { cwd: root, encoding: 'utf8', env: { ...process.env, SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl } });
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (result.status !== 0) {
          throw new Error(`docs --check exited ${result.status}: ${result.stdout}${result.stderr}`);
        }
      }
      const inProcess: Array<{ ms: number; bytesRead: number }> = [];
      for (let run = 0; run < options.runs; run++) {
        inProcess.push(await inProcessRun(root, paths));
      }
      rows.push({
        files: options.sizes[step],
        directives: options.sizes[step] * 2,
        imageBytes: imageBytes[step],
        times: times.sort((a, b) => a - b),
        inProcess: inProcess.map((one) => one.ms).sort((a, b) => a - b),
        bytesRead: inProcess[0].bytesRead,
      });
    }
    const { creates, polls, downloads } = mock.counts;
    if (creates + polls + downloads > 0) {
      throw new Error(`docs --check sent requests: ${JSON.stringify(mock.counts)}`);
    }
    return rows;
  } finally {
    await mock.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function docsCheckTable(rows: readonly DocsCheckRow[]): string {
  const median = (times: readonly number[]) => times[Math.floor(times.length / 2)];
  const base = rows[0];
  const table = formatTable(
    ['files', 'directives', 'images on disk', 'command median', 'min', 'max', 'check alone', 'per file', 'vs first row', 'image bytes read'],
    rows.map((row) => [
      String(row.files),
      String(row.directives),
      megabytes(row.imageBytes),
      `${median(row.times).toFixed(0)} ms`,
      `${row.times[0].toFixed(0)} ms`,
      `${row.times[row.times.length - 1].toFixed(0)} ms`,
      `${median(row.inProcess).toFixed(0)} ms`,
      `${((median(row.inProcess) / row.files) * 1000).toFixed(0)} µs`,
      `${(median(row.inProcess) / median(base.inProcess)).toFixed(2)}× for ${(row.files / base.files).toFixed(0)}× files`,
      `${megabytes(row.bytesRead)} (${((row.bytesRead / row.imageBytes) * 100).toFixed(2)} %)`,
    ]),
  );
  return `${table}\ncommand: the whole process, Node start-up included; check alone: the same run inside this process.\n0 requests reached the mock named in the command's environment.`;
}

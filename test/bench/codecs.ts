/**
 * The codec bench (issue 21): our conversion (jSquash in a worker thread) against Debian's cwebp on
 * the same photo-like picture at 1328² and 2048², side by side in one run. Every row is printed,
 * with its target and whether it is met.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { resolveOutput } from '../../src/core/output/outputPlan';
import { Provenance } from '../../src/core/image/provenance';
import { convertImage } from '../../src/node/output/convertImage';
import { loadCodecs, releaseCodecs } from '../../src/node/output/loadCodecs';
import { photoLikePixels } from '../helpers/photoFixture';

const DIST = path.resolve(__dirname, '../../../dist');
const QUALITY = 82;
const WIDTH = 1200;
const RUNS = 3;

const provenance = (size: number): Provenance => ({
  tool: 'spark-image', prompt: 'bench', seed: 1, width: size, height: size, model: 'spark_image_3_1', usePreLlm: false, taskId: `bench_${size}`,
  createdAt: '2026-01-01T00:00:00.000Z', completedAt: '2026-01-01T00:00:01.000Z',
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

async function medianMs<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const runs: Array<{ ms: number; value: T }> = [];
  for (let run = 0; run < RUNS; run++) runs.push(await timed(work));
  return { ms: median(runs.map((each) => each.ms)), value: runs[0].value };
}

const row = (what: string, ours: string, reference: string, ratio: string, target: string, met: boolean | undefined) =>
  `| ${what} | ${ours} | ${reference} | ${ratio} | ${target} | ${met === undefined ? 'info' : met ? 'met' : 'MISSED'} |`;

export function cwebpAvailable(): boolean {
  try {
    execFileSync('cwebp', ['-version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

export async function benchCodecs(): Promise<string> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-codec-bench-'));
  const codecs = loadCodecs(DIST);
  const lines = ['| row | ours | cwebp | ratio | target | |', '|---|---|---|---|---|---|'];
  try {
    const rssBefore = process.memoryUsage().rss;
    // The first conversion's start-up: a fresh worker compiling its wasm, against the same work warm.
    const warmup = photoLikePixels(512, 512, 3);
    const warmupPng = await timed(() => codecs.encode(warmup, 'png', 100));
    releaseCodecs();
    const smallPng = warmupPng.value;
    const cold = await timed(() => convertImage(smallPng, resolveOutput({ format: 'webp', maxWidth: 256 }), provenance(512), () => codecs));
    const warm = await medianMs(() => convertImage(smallPng, resolveOutput({ format: 'webp', maxWidth: 256 }), provenance(512), () => codecs));
    lines.push(row('first conversion: extra start-up (512² → webp 256)', `${(cold.ms - warm.ms).toFixed(0)} ms`, '–', '–', 'reported', undefined));
    for (const size of [1328, 2048]) {
      const pixels = photoLikePixels(size, size, size);
      const png = await codecs.encode(pixels, 'png', 100);
      const pngFile = path.join(folder, `photo-${size}.png`);
      fs.writeFileSync(pngFile, png);
      const cwebpOut = path.join(folder, `cwebp-${size}.webp`);
      const cwebpResized = path.join(folder, `cwebp-${size}-${WIDTH}.webp`);
      const reference = await medianMs(() => execFileSync('cwebp', ['-quiet', '-q', String(QUALITY), pngFile, '-o', cwebpOut]));
      const referenceResize = await medianMs(() => execFileSync('cwebp', ['-quiet', '-q', String(QUALITY), '-resize', String(WIDTH), '0', pngFile, '-o', cwebpResized]));
      const encoded = await medianMs(() => codecs.encode(pixels, 'webp', QUALITY));
      const converted = await medianMs(() => convertImage(png, resolveOutput({ format: 'webp', maxWidth: WIDTH, quality: QUALITY }), provenance(size), () => codecs));
      const cwebpBytes = fs.statSync(cwebpOut).size;
      const identical = Buffer.compare(Buffer.from(encoded.value), fs.readFileSync(cwebpOut)) === 0;
      const bytesRatio = encoded.value.byteLength / cwebpBytes;
      lines.push(row(`${size}²: bytes, same pixels (-q ${QUALITY})${identical ? ', byte-identical' : ''}`, `${encoded.value.byteLength}`, `${cwebpBytes}`, bytesRatio.toFixed(3), 'within 10 %', Math.abs(bytesRatio - 1) <= 0.1));
      const resizedBytes = fs.statSync(cwebpResized).size;
      lines.push(row(`${size}²: bytes at ${WIDTH} px (ours Lanczos + XMP; cwebp -resize)`, `${converted.value.bytes.byteLength}`, `${resizedBytes}`, (converted.value.bytes.byteLength / resizedBytes).toFixed(3), 'info', undefined));
      lines.push(row(`${size}²: encode time (ours: pixels → webp; cwebp: whole run)`, `${encoded.ms.toFixed(0)} ms`, `${reference.ms.toFixed(0)} ms`, (encoded.ms / reference.ms).toFixed(2), '≤ 1.6×', encoded.ms / reference.ms <= 1.6));
      lines.push(row(`${size}²: convert (decode, resize to ${WIDTH}, encode, embed)`, `${converted.ms.toFixed(0)} ms`, `${referenceResize.ms.toFixed(0)} ms`, (converted.ms / referenceResize.ms).toFixed(2), '≤ 2.2×', converted.ms / referenceResize.ms <= 2.2));
      if (size === 2048) {
        const held = process.memoryUsage().rss - rssBefore;
        releaseCodecs();
        await new Promise((resolve) => setTimeout(resolve, 500));
        const afterRelease = process.memoryUsage().rss - rssBefore;
        lines.push(row('memory held after a 2048² conversion (process RSS, worker idle)', `${(held / 1e6).toFixed(0)} MB`, '–', '–', 'reported', undefined));
        lines.push(row('… after the idle worker ends (released at 10 s idle)', `${(afterRelease / 1e6).toFixed(0)} MB`, '–', '–', 'reported', undefined));
      }
    }
  } finally {
    releaseCodecs();
    fs.rmSync(folder, { recursive: true, force: true });
  }
  return lines.join('\n');
}

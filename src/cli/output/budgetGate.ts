/**
 * The weight budget of docs --check: every local image linked from the markdown files in scope
 * (ours or from elsewhere) must weigh at most --max-bytes, else the nearest spark-image.json's
 * budget.maxBytes. Each one over is listed with file:line, its bytes and the budget.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadRepoConfig, repositoryRootOf } from '../../node/repoConfigFile';
import { CliIo } from '../terminal/io';
import { UsageError } from '../usageError';

export interface HeavyImage {
  file: string;
  /** 1-based. */
  line: number;
  image: string;
  bytes: number;
  budget: number;
}

/** "300k" (k = 1000), "2m", "300000". */
export function parseMaxBytes(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([km]?)\s*b?\s*$/i.exec(text);
  const bytes = match ? Math.round(Number(match[1]) * (match[2].toLowerCase() === 'k' ? 1000 : match[2].toLowerCase() === 'm' ? 1_000_000 : 1)) : NaN;
  if (!(bytes >= 1)) {
    throw new UsageError(`--max-bytes takes a size in bytes such as 300000, 300k or 2m (k = 1000), not ${JSON.stringify(text)}.`);
  }
  return bytes;
}

const MARKDOWN_IMAGE = /!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^"']*["'])?\s*\)/g;
const HTML_IMAGE = /<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi;

/** Local image links of a markdown file, with their lines; URLs and code blocks are skipped. */
export function localImageLinks(text: string): Array<{ line: number; target: string }> {
  const links: Array<{ line: number; target: string }> = [];
  let fenced = false;
  text.split('\n').forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    for (const match of [...line.matchAll(MARKDOWN_IMAGE), ...line.matchAll(HTML_IMAGE)]) {
      const target = match[1].split(/[?#]/)[0];
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('//')) {
        links.push({ line: index + 1, target: decodeURIComponent(target) });
      }
    }
  });
  return links;
}

/** The images over budget; the flag's budget, else each file's nearest spark-image.json. None: nothing to check. */
export async function heavyImages(files: readonly string[], flag: number | undefined, cwd: string): Promise<HeavyImage[]> {
  const root = repositoryRootOf(cwd);
  const heavy: HeavyImage[] = [];
  for (const file of files) {
    const budget = flag ?? (await loadRepoConfig(file, root)).config?.budget.maxBytes;
    if (budget === undefined) continue;
    for (const { line, target } of localImageLinks(fs.readFileSync(file, 'utf8'))) {
      const image = path.resolve(path.dirname(file), target);
      const bytes = fs.existsSync(image) ? fs.statSync(image).size : 0;
      if (bytes > budget) heavy.push({ file, line, image, bytes, budget });
    }
  }
  return heavy;
}

/** Lists each image over budget (stdout, or stderr beside --json) and returns how many. */
export async function reportBudget(io: CliIo, files: readonly string[], flag: number | undefined, json: boolean): Promise<number> {
  const heavy = await heavyImages(files, flag, io.cwd);
  const relative = (file: string) => path.relative(io.cwd, file).split(path.sep).join('/');
  for (const item of heavy) {
    const line = `${relative(item.file)}:${item.line}: ${relative(item.image)} is ${item.bytes.toLocaleString('en-US')} bytes, over the budget of ${item.budget.toLocaleString('en-US')} bytes`;
    if (json) io.stderr.line(line);
    else io.stdout.write(`${line}\n`);
  }
  if (heavy.length > 0) {
    io.stderr.line(`budget: ${heavy.length} image(s) over it; re-encode them smaller (spark-image.json "output", or generate --format webp --max-width N).`);
  }
  return heavy.length;
}

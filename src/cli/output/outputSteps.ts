/**
 * What `docs --update` does with each image that is out of date: output. Re-encoding is free (from
 * the cached original, else from the committed file when the new output is no larger); a larger
 * output without its original can only be made again: with --regenerate, a paid task with the
 * provenance's request and seed, saved over the committed file so that its link stays; without it,
 * the image is left and the message says what --regenerate would cost.
 */
import { codePointLength } from '../../core/base/text';
import type { StyledPrompt } from '../../core/repoConfig/houseStyle';
import * as fs from 'fs';
import * as path from 'path';
import { nameForFormat } from '../../core/output/outputPlan';
import { capCostUsd, estimateCostUsd, estimateText, PriceBook } from '../../core/spend/pricing';
import { convertImage } from '../../node/output/convertImage';
import { OriginalsCache } from '../../node/output/originalsCache';
import { docsLinkPlacer, DocsTarget } from '../docs/docsDelivery';
import { relative } from '../docs/docsReport';
import { Found } from '../docs/docsSurvey';
import { CliIo } from '../terminal/io';
import { outputLine, OutputStale, reencodeSource } from './outputStale';

/** Stable names for programs (--json): what happens to the image. */
export type OutputAction = 'reencode-from-cache' | 'reencode-from-committed-file' | 'regenerate' | 'left';

export interface OutputStep {
  item: OutputStale;
  action: OutputAction;
  /** What regenerating it costs (an estimate), whether or not this run does. */
  regenerateEstimateUsd: number;
  /** What the spend limits count for it: the estimate, never below the documented assumption. */
  regenerateCapUsd: number;
}

/** Each image's step, decided before anything is written or sent. */
export function planOutput(items: readonly OutputStale[], cache: OriginalsCache, regenerate: boolean, book: PriceBook): OutputStep[] {
  return items.map((item) => {
    const source = reencodeSource(item, cache);
    const action: OutputAction = source === 'cache' ? 'reencode-from-cache' : source === 'committed file' ? 'reencode-from-committed-file' : regenerate ? 'regenerate' : 'left';
    const { width, height } = item.provenance;
    return { item, action, regenerateEstimateUsd: estimateCostUsd(width, height, book), regenerateCapUsd: capCostUsd(width, height, book) };
  });
}

/** The step as a plain-text run says it, after the `file:line: out of date: output (…): image` part. */
export function stepText(step: OutputStep, cacheFolder: string): string {
  const seed = step.item.provenance.seed;
  switch (step.action) {
    case 'reencode-from-cache':
      return 're-encoded from the cache, no request, $0';
    case 'reencode-from-committed-file':
      return 're-encoded from the committed file, no request, $0';
    case 'regenerate':
      return `regenerated with seed ${seed} (paid, ${estimateText(step.regenerateEstimateUsd)})`;
    case 'left':
      return `left as it is: larger than the committed file and its original is not in the cache (${cacheFolder}); add --regenerate to make it again with seed ${seed} (paid, ${estimateText(step.regenerateEstimateUsd)})`;
  }
}

/** The step as --json gives it: one entry per image, the same in a dry run and a run. */
export function stepJson(step: OutputStep, relative: (file: string) => string): Record<string, unknown> {
  const { item } = step;
  return {
    file: relative(item.file),
    line: item.directive.line + 1,
    image: relative(item.image),
    was: item.change.was,
    now: item.change.now,
    action: step.action,
    seed: item.provenance.seed,
    // What this run spends on it (one image's estimate: no sum, no rounding); a left one keeps the regeneration's.
    estimatedCostUsd: step.action === 'regenerate' ? step.regenerateEstimateUsd : 0,
    regenerateEstimatedCostUsd: step.regenerateEstimateUsd,
  };
}

/**
 * The regeneration as a docs task: the directive asking for the provenance's request (prompt as
 * sent, size, expansion) with its seed pinned, and the committed image it replaces.
 */
export function regenerationOf(item: OutputStale): Found {
  const request = item.directive.request;
  const { provenance } = item;
  if (!request) {
    return item;
  }
  const prompt = provenance.userPrompt ?? provenance.prompt;
  // The image's own style, as its provenance recorded it: the same prompt is sent, and recorded again.
  const styled: StyledPrompt | undefined = provenance.style
    ? { prompt: provenance.prompt, userPrompt: prompt, style: provenance.style, styleCodePoints: codePointLength(provenance.prompt) - codePointLength(prompt) }
    : undefined;
  const pinned = { ...request, prompt, width: provenance.width, height: provenance.height, seed: provenance.seed, usePreLlm: provenance.usePreLlm, styled };
  return { file: item.file, directive: { ...item.directive, request: pinned }, replaces: item.image };
}

/**
 * Re-encodes each image whose step says so (zero requests) and names the ones left; a dry run only
 * says, per image, what a run would do (in text; --json gives stepJson). Regenerations are the docs
 * run's tasks.
 */
export async function applyOutputSteps(io: CliIo, steps: readonly OutputStep[], cache: OriginalsCache, run: { dryRun: boolean; json: boolean }): Promise<void> {
  for (const step of steps) {
    const { item, action } = step;
    if (run.dryRun) {
      if (!run.json) io.stdout.write(`${outputLine(io, item)}  (${stepText(step, cache.folder)})\n`);
      continue;
    }
    if (action === 'left' || action === 'regenerate') {
      io.stderr.line(`${outputLine(io, item)}: ${action === 'left' ? stepText(step, cache.folder) : `regenerating it with seed ${item.provenance.seed} (paid, ${estimateText(step.regenerateEstimateUsd)})`}`);
      continue;
    }
    const bytes = action === 'reencode-from-cache' ? (cache.get(item.provenance.taskId, item.provenance.imageIndex) as Uint8Array) : fs.readFileSync(item.image);
    const converted = await convertImage(bytes, item.plan, item.provenance);
    const target = path.join(path.dirname(item.image), nameForFormat(path.basename(item.image), item.plan.format));
    fs.writeFileSync(target, converted.bytes);
    if (target !== item.image) {
      const docsTarget: DocsTarget = { file: item.file, directive: item.directive };
      await docsLinkPlacer.place({ location: target, key: target, link: item.provenance, sidecar: false }, docsTarget);
    }
    const moved = target !== item.image ? ` as ${relative(io, target)} (the link follows; ${relative(io, item.image)} is no longer linked and is left for you to remove)` : '';
    io.stderr.line(`${outputLine(io, item)}: re-encoded from the ${action === 'reencode-from-cache' ? 'cache' : 'committed file'}${moved}, no request`);
  }
}

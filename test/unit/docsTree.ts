import * as fs from 'fs';
import * as path from 'path';
import { parseDirectives } from '../../src/core/directives/directives';
import { embedProvenance } from '../../src/core/image/imageMetadata';
import { Provenance } from '../../src/core/image/provenance';
import { wantedImage } from '../../src/core/directives/outOfDate';
import { CLI_DEFAULTS } from '../../src/cli/docs/docsSurvey';
import { encodePng } from '../mock/png';
import { makePicture } from '../mock/picture';

export const GATE_FIXTURE = path.resolve(__dirname, '../../../test/fixtures/docs-gate');

/** A PNG of `side`×`side` pixels holding the provenance of an image made from `request` as the CLI would make it. */
export function generatedPng(request: NonNullable<ReturnType<typeof parseDirectives>[number]['request']>, side: number): Buffer {
  const wanted = wantedImage(request, CLI_DEFAULTS);
  const seed = wanted.seed ?? 1234;
  const provenance: Provenance = {
    tool: 'spark-image',
    prompt: wanted.prompt,
    seed,
    width: wanted.width,
    height: wanted.height,
    model: wanted.model,
    usePreLlm: wanted.usePreLlm,
    taskId: `fixture-${seed}`,
    costUsd: 0.03,
    createdAt: '2026-01-01T00:00:00.000Z',
    completedAt: '2026-01-01T00:00:05.000Z',
  };
  const bytes = encodePng(makePicture(wanted.prompt, seed, 0, side, side));
  const embedded = embedProvenance(bytes, provenance);
  if (!embedded) {
    throw new Error('could not embed provenance');
  }
  return Buffer.from(embedded);
}

/** Writes, for every directive of a markdown file, the image its link names, up to date with the directive. */
export function writeImagesFor(markdownFile: string, side = 16): number {
  let written = 0;
  for (const directive of parseDirectives(fs.readFileSync(markdownFile, 'utf8'))) {
    if (directive.request && directive.image && !directive.image.isUrl) {
      const target = path.resolve(path.dirname(markdownFile), directive.image.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, generatedPng(directive.request, side));
      written++;
    }
  }
  return written;
}

/** A copy of the gate fixture in `dir`, its images written: `spark-image docs --check` passes there. */
export function makeGateRepo(dir: string): string {
  fs.cpSync(GATE_FIXTURE, dir, { recursive: true });
  writeImagesFor(path.join(dir, 'docs', 'guide.md'));
  return path.join(dir, 'docs', 'guide.md');
}

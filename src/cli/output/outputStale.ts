/**
 * Out of date: output. An image whose request still matches its directive, but whose format, width
 * or quality is not what its directive's options (else the nearest spark-image.json's `output`) ask
 * for now ("webp 1200 px → webp 800 px"). What `docs --update` does with each: outputSteps.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseDirectives } from '../../core/directives/directives';
import { sniffImage } from '../../core/image/imageType';
import { Provenance } from '../../core/image/provenance';
import { isAsSent, OutputPlan, resolveOutput } from '../../core/output/outputPlan';
import { OutputChange, outputChange, transformOf } from '../../core/output/outputTransform';
import { ReencodeSource, reencodeSourceFor } from '../../core/output/reencodeSource';
import { OriginalsCache } from '../../node/output/originalsCache';
import { loadRepoConfig, repositoryRootOf } from '../../node/repoConfigFile';
import { CliIo } from '../terminal/io';
import { relative, where } from '../docs/docsReport';
import { Found } from '../docs/docsSurvey';
import { readProvenanceFile } from '../docs/provenanceFile';

export interface OutputStale extends Found {
  image: string;
  provenance: Provenance;
  plan: OutputPlan;
  change: OutputChange;
}

/** Directives whose image is otherwise current but whose output differs from the one asked for now. */
export async function outputStale(files: readonly string[], skip: ReadonlySet<string>, cwd: string): Promise<OutputStale[]> {
  const root = repositoryRootOf(cwd);
  const stale: OutputStale[] = [];
  for (const file of files) {
    const fromFile = (await loadRepoConfig(file, root)).config?.output;
    for (const directive of parseDirectives(fs.readFileSync(file, 'utf8'))) {
      const link = directive.image;
      // The directive's own output options first, then the file's.
      const plan = resolveOutput(directive.request?.output, fromFile);
      // Nothing asks for an output here: whatever each image was saved as (generate --format …) stands.
      if (!directive.request || !link || link.isUrl || isAsSent(plan)) continue;
      const image = path.resolve(path.dirname(file), link.path.split(/[?#]/)[0]);
      const provenance = skip.has(image) || !fs.existsSync(image) ? undefined : readProvenanceFile(image);
      const format = provenance && sniffImage(fs.readFileSync(image).subarray(0, 64))?.format;
      const change = provenance && format && outputChange(transformOf(provenance, format), plan);
      if (provenance && change) stale.push({ file, directive, image, provenance, plan, change });
    }
  }
  return stale;
}

export function outputLine(io: CliIo, item: OutputStale): string {
  return `${where(io, item)}: out of date: output (${item.change.was} → ${item.change.now}): ${relative(io, item.image)}`;
}

/** What --update does with it, without a request: from the cache, from the committed file, or nothing. */
export function reencodeSource(item: OutputStale, cache: OriginalsCache): ReencodeSource | undefined {
  return reencodeSourceFor(cache.get(item.provenance.taskId, item.provenance.imageIndex) !== undefined, item.change);
}

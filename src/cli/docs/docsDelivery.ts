import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DirectiveClaims } from '../../node/tasks/claims';
import { Directive, findDirectiveAgain, parseDirectives } from '../../core/directives/directives';
import { linkEdit } from '../../core/directives/directiveLinks';
import { LinkPlacer, SavedImage } from '../../core/job/ports';
import { imageLink } from '../../core/links/linkText';
import { wantedAlt } from '../../core/directives/outOfDate';
import { FsImageSink } from '../../node/fsImageSink';
import { resolveOutput } from '../../core/output/outputPlan';
import { cliCacheFolder, OriginalsCache } from '../../node/output/originalsCache';
import { loadRepoConfig, repositoryRootOf } from '../../node/repoConfigFile';
import { generatedName } from '../generate/fileName';

/** Where a directive's image and link go: its markdown file, and the directive as found there. */
export interface DocsTarget {
  file: string;
  directive: Directive;
}

const IMAGES_FOLDER = 'images';

/** The folder a markdown file's images go to: images/ next to it. */
export function imagesFolderFor(file: string): string {
  return path.join(path.dirname(file), IMAGES_FOLDER);
}

/** Images go to images/ next to each file, named after the prompt and the seed. */
export function docsSink(signal: AbortSignal): FsImageSink<DocsTarget> {
  return new FsImageSink<DocsTarget>({
    signal,
    placeFor: (image, target) => ({
      folder: imagesFolderFor(target?.file ?? '.'),
      name: generatedName(image.provenance.userPrompt ?? image.provenance.prompt, String(image.provenance.seed), image.info),
    }),
    // The directive's format=, max-width=, encode-quality=, then the nearest spark-image.json's output.
    outputFor: async (_image, target) => {
      const folder = path.dirname(target?.file ?? path.resolve('.'));
      return resolveOutput(target?.directive.request?.output, (await loadRepoConfig(folder, repositoryRootOf(process.cwd()))).config?.output);
    },
    originals: new OriginalsCache(cliCacheFolder(process.env)),
  });
}

function relativeLink(file: string, imagePath: string): string {
  return path.relative(path.dirname(file), imagePath).split(path.sep).join('/');
}

/** Edits of one markdown file, one process at a time (two docs runs may share a folder): a lock per file in the temp folder. */
const fileLocks = new DirectiveClaims(path.join(os.tmpdir(), `spark-image-locks-${process.getuid?.() ?? 'user'}`));

/** Whole or not at all: another run reading the file meanwhile never sees half of it. */
function replaceFile(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.spark-image.tmp`);
  fs.writeFileSync(temp, text, { mode: fs.statSync(file).mode & 0o777 });
  fs.renameSync(temp, file);
}

/**
 * Puts the link below its directive (replacing the one there). The file is read again right before
 * the write, under the file's lock and with nothing awaited in between, so links other jobs (and
 * other runs) placed meanwhile stay.
 */
export const docsLinkPlacer: LinkPlacer<DocsTarget, string> = {
  place: async (saved: SavedImage<string>, target: DocsTarget) =>
    fileLocks.withClaim(DirectiveClaims.keyOf(target.file, 'file', 0), () => {
      const text = fs.readFileSync(target.file, 'utf8');
      const again = findDirectiveAgain(parseDirectives(text), target.directive);
      if (!again) {
        throw new Error(`the directive on line ${target.directive.line + 1} of ${target.file} changed while its image was generated; the image is at ${saved.location}`);
      }
      const edit = linkEdit(text, again, imageLink('markdown', { path: relativeLink(target.file, saved.location), alt: wantedAlt(again) }));
      replaceFile(target.file, text.slice(0, edit.start) + edit.newText + text.slice(edit.end));
      return true;
    }),
  alreadyLinked: async (saved, target) => fs.readFileSync(target.file, 'utf8').includes(`(${relativeLink(target.file, saved.location)})`),
};

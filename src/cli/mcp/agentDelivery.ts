import * as fs from 'fs';
import * as path from 'path';
import { GeneratedImage, LinkPlacer } from '../../core/job/ports';
import { FileName } from '../../core/naming/uniqueName';
import { endOfLine, insertionText } from '../../core/links/insertion';
import { agentLink, linkPathFrom } from '../../core/agent/agentOutcome';
import { FsImageSink } from '../../node/fsImageSink';
import { OutputPlan } from '../../core/output/outputPlan';
import { StyledText } from '../../core/job/styledSink';
import { cliCacheFolder, OriginalsCache } from '../../node/output/originalsCache';
import { generatedName, withRealExtension } from '../generate/fileName';

/** Where one agent request's image and link go, all resolved inside the workspace already. */
export interface AgentTarget {
  /** A folder to name the image in, or a file name (its extension corrected to the real type). */
  destination: { kind: 'folder'; folder: string } | { kind: 'file'; folder: string; name: string };
  document?: string;
  /** 1-based; after this line (default: the end of the document). */
  line?: number;
  alt?: string;
  /** The output asked for (format, maxWidth, encodeQuality, spark-image.json); kept with the task, so a resumed one is saved the same way. */
  output?: OutputPlan;
  /** The house style the prompt was sent with; kept with the task for a resumed one's provenance. */
  styled?: StyledText;
}

const IMAGE_EXTENSION = /\.(png|jpe?g|webp)$/i;
export const DEFAULT_FOLDER = 'images';

/** A path ending in an image extension names the file; anything else is a folder. */
export function destinationOf(full: string): AgentTarget['destination'] {
  return IMAGE_EXTENSION.test(full) ? { kind: 'file', folder: path.dirname(full), name: path.basename(full) } : { kind: 'folder', folder: full };
}

/** Where an agent's image goes: the file it named, or the generated name in its folder (images/ by default). */
export function agentPlace(image: Pick<GeneratedImage, 'info' | 'provenance'>, target: AgentTarget | undefined): { folder: string; name: FileName } {
  const destination = target?.destination ?? { kind: 'folder', folder: DEFAULT_FOLDER };
  const name = destination.kind === 'file' ? withRealExtension(destination.name, image.info) : generatedName(image.provenance.userPrompt || image.provenance.prompt || undefined, String(image.provenance.seed), image.info);
  return { folder: destination.folder, name };
}

export function agentSink(signal: AbortSignal): FsImageSink<AgentTarget> {
  return new FsImageSink<AgentTarget>({ signal, placeFor: agentPlace, outputFor: (_image, target) => target?.output, originals: new OriginalsCache(cliCacheFolder(process.env)) });
}

/** A Node path with forward slashes, as the core's link paths are. */
function posix(full: string): string {
  return full.split(path.sep).join('/');
}

/** Where "after line N" is: the end of that line, or the end of the document. */
function offsetAfterLine(text: string, line: number | undefined): number {
  let offset = 0;
  for (let at = 1; line !== undefined && at < line; at++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) {
      return text.length;
    }
    offset = next + 1;
  }
  return line === undefined ? text.length : endOfLine(text, offset);
}

/**
 * Puts the link after the given line of a text document as its own paragraph (a blank line before
 * it, and after it when text follows), as the editor's tool does; read and written with nothing
 * awaited between.
 */
export const agentLinkPlacer: LinkPlacer<AgentTarget, string> = {
  place: async (saved, target) => {
    if (!target.document) {
      return false;
    }
    const text = fs.readFileSync(target.document, 'utf8');
    const at = offsetAfterLine(text, target.line);
    const link = agentLink(posix(target.document), posix(saved.location), target.alt, saved.link.prompt);
    // A document that ended with a line break still does.
    const end = at === text.length && text.endsWith('\n') ? (text.endsWith('\r\n') ? '\r\n' : '\n') : '';
    fs.writeFileSync(target.document, text.slice(0, at) + insertionText(link, text, at, 'markdown', true) + end + text.slice(at));
    return true;
  },
  alreadyLinked: async (saved, target) => target.document !== undefined && fs.readFileSync(target.document, 'utf8').includes(`(${linkPathFrom(posix(target.document), posix(saved.location))})`),
};

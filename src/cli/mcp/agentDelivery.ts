import * as fs from 'fs';
import * as path from 'path';
import { GeneratedImage, LinkPlacer } from '../../core/job/ports';
import { FileName } from '../../core/naming/uniqueName';
import { agentLink, linkPathFrom } from '../../core/agent/agentOutcome';
import { FsImageSink } from '../../node/fsImageSink';
import { generatedName, withRealExtension } from '../generate/fileName';

/** Where one agent request's image and link go, all resolved inside the workspace already. */
export interface AgentTarget {
  /** A folder to name the image in, or a file name (its extension corrected to the real type). */
  destination: { kind: 'folder'; folder: string } | { kind: 'file'; folder: string; name: string };
  document?: string;
  /** 1-based; after this line (default: the end of the document). */
  line?: number;
  alt?: string;
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
  const name = destination.kind === 'file' ? withRealExtension(destination.name, image.info) : generatedName(image.provenance.prompt || undefined, String(image.provenance.seed), image.info);
  return { folder: destination.folder, name };
}

export function agentSink(signal: AbortSignal): FsImageSink<AgentTarget> {
  return new FsImageSink<AgentTarget>({ signal, placeFor: agentPlace });
}

/** A Node path with forward slashes, as the core's link paths are. */
function posix(full: string): string {
  return full.split(path.sep).join('/');
}

/** Puts the link after the given line of a text document, on its own line; read and written with nothing awaited between. */
export const agentLinkPlacer: LinkPlacer<AgentTarget, string> = {
  place: async (saved, target) => {
    if (!target.document) {
      return false;
    }
    const text = fs.readFileSync(target.document, 'utf8');
    const lines = text.split('\n');
    const at = Math.min(target.line ?? lines.length, lines.length);
    lines.splice(at, 0, agentLink(posix(target.document), posix(saved.location), target.alt, saved.link.prompt));
    fs.writeFileSync(target.document, lines.join('\n'));
    return true;
  },
  alreadyLinked: async (saved, target) => target.document !== undefined && fs.readFileSync(target.document, 'utf8').includes(`(${linkPathFrom(posix(target.document), posix(saved.location))})`),
};

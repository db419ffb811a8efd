import { ImageInfo } from '../image/imageType';
import { Provenance } from '../image/provenance';
import { altTextFromPrompt, imageLink } from '../links/linkText';
import { posixDirname, relativePosix } from '../naming/naming';
import { formatBilledUsd } from '../spend/pricing';

/**
 * What both agent tools (the editor's language-model tool and the MCP server) answer after a
 * generation, built the same way from the same facts, so an agent reads one format.
 */
export interface AgentOutcome {
  /** Workspace-relative, POSIX separators. */
  path: string;
  /** The markdown link, relative to the document when one was given, else to the workspace root. */
  link: string;
  seed?: number;
  /** The saved file's pixels when its bytes tell them, else the size asked for. */
  width: number;
  height: number;
  costUsd?: number;
  taskId: string;
  /** The prompt that was sent. */
  prompt: string;
  insertedInto?: string;
  /** Why there is no thumbnail, when there is none. */
  thumbnailNote?: string;
}

/** What a tool saved and where its link goes; paths relative to the workspace, with forward slashes. */
export interface AgentDelivery {
  image: string;
  /** The document the agent named for the link (insertInto), if any. */
  document?: string;
  /** Whether the link is in that document now. */
  inserted: boolean;
  /** The agent's alt text; by default one made from the prompt. */
  alt?: string;
  /** The image as downloaded (its real size when the bytes tell it) and what made it; a seed below 0 is unknown. */
  generated: { info: Pick<ImageInfo, 'width' | 'height'>; provenance: Pick<Provenance, 'prompt' | 'seed' | 'width' | 'height' | 'costUsd' | 'taskId'> };
  thumbnailNote?: string;
}

/**
 * The image's path as a link in the document: from the document's folder, or from the workspace
 * root when there is no document. Both paths in the same frame (both workspace-relative, or both absolute).
 */
export function linkPathFrom(document: string | undefined, image: string): string {
  return relativePosix(document === undefined ? '' : posixDirname(document), image);
}

/** The markdown link both tools give and insert. */
export function agentLink(document: string | undefined, image: string, alt: string | undefined, prompt: string): string {
  return imageLink('markdown', { path: linkPathFrom(document, image), alt: alt ?? altTextFromPrompt(prompt || 'generated image') });
}

export function agentOutcome(delivery: AgentDelivery): AgentOutcome {
  const { info, provenance } = delivery.generated;
  return {
    path: delivery.image,
    link: agentLink(delivery.document, delivery.image, delivery.alt, provenance.prompt),
    seed: provenance.seed >= 0 ? provenance.seed : undefined,
    width: info.width ?? provenance.width,
    height: info.height ?? provenance.height,
    costUsd: provenance.costUsd,
    taskId: provenance.taskId,
    prompt: provenance.prompt,
    insertedInto: delivery.inserted ? delivery.document : undefined,
    thumbnailNote: delivery.thumbnailNote,
  };
}

/** The result text of both tools: everything an agent needs to cite, check or resume. */
export function outcomeText(outcome: AgentOutcome): string {
  const lines = [
    `saved: ${outcome.path}`,
    `markdown: ${outcome.link}`,
    `seed: ${outcome.seed ?? 'unknown'}`,
    `size: ${outcome.width}x${outcome.height}`,
    `billed cost: ${outcome.costUsd === undefined ? 'not reported by the service' : formatBilledUsd(outcome.costUsd)}`,
    `task id: ${outcome.taskId}`,
  ];
  if (outcome.insertedInto) {
    lines.push(`link inserted into: ${outcome.insertedInto}`);
  }
  if (outcome.thumbnailNote) {
    lines.push(outcome.thumbnailNote);
  }
  return lines.join('\n');
}

/**
 * The text of a failure: the message, the seed's code, and how to finish a task that is kept. Read
 * by shape, not by class: the editor's tool runs in its own bundle, whose error classes are not the extension's.
 */
export function failureText(error: unknown, keptTaskId: string | undefined, resumeHint: string): string {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  // The core's rules end their message with the code already: it is said once.
  const lines = [typeof code === 'string' && code !== '' && !text.includes(code) ? `${text} (code ${code})` : text];
  if (keptTaskId) {
    lines.push(`task id: ${keptTaskId}. The task is kept pending: ${resumeHint}`);
  }
  return lines.join('\n');
}

import { DownloadedImage } from '../download/download';
import { Provenance } from '../image/provenance';
import { GenerationRequest } from '../spec/validation';

/**
 * What a generation job needs from the front end around it. The job itself is pure: the editor
 * implements these on `workspace.fs` and WorkspaceEdit, the CLI and the MCP server on Node's `fs`.
 * `T` is where a link goes (a place in a document), `L` where an image was saved (a URI, a path).
 */

/** An image as the core hands it over: checked bytes and the provenance that made them. */
export type GeneratedImage = DownloadedImage & { provenance: Provenance };

/** What a link says of its image: the alt text comes from the prompt, HTML takes the size. */
export type LinkInfo = Pick<Provenance, 'prompt' | 'width' | 'height'>;

export interface SavedImage<L> {
  location: L;
  /** The same location as a string, for the pending record (a URI, a path). */
  key: string;
  link: LinkInfo;
  /** True when the provenance went into a JSON sidecar because the bytes cannot carry it. */
  sidecar: boolean;
}

/** Chooses the path (templates, never overwriting), writes the image and records its provenance. */
export interface ImageSink<T, L> {
  save(image: GeneratedImage, target: T | undefined): Promise<SavedImage<L>>;
  /** The location a pending record's key names (after a reload). */
  locate(key: string): L;
}

/** Puts the link to a saved image at its target; false when its place is gone. */
export interface LinkPlacer<T, L> {
  place(saved: SavedImage<L>, target: T): Promise<boolean>;
  /** Whether the target's document links this image already (a resumed job never links twice). */
  alreadyLinked(saved: SavedImage<L>, target: T): Promise<boolean>;
}

/** A paid task whose image has not landed yet: kept from the moment it exists. */
export interface PendingTask<T> {
  taskId: string;
  request: GenerationRequest;
  createdAt: number;
  target?: T;
  /** Set once the image file is written; the link is then placed at most once more. */
  savedImage?: string;
  /** Why it stopped last time. */
  lastError?: string;
}

export interface PendingTasks<T> {
  put(entry: PendingTask<T>): Promise<void>;
  update(taskId: string, change: Partial<PendingTask<T>>): Promise<void>;
  remove(taskId: string): Promise<void>;
}

/** For a front end with nothing to keep (a one-shot CLI run prints the resume command instead). */
export const NO_PENDING: PendingTasks<never> = {
  put: async () => undefined,
  update: async () => undefined,
  remove: async () => undefined,
};

/**
 * Where an output-only change is re-encoded from, without any request: the API's original kept in
 * the cache, else the committed file when the new output is no larger than it; else nowhere (a
 * paid regeneration with the same seed, only when the person agrees). Shared by docs --update and
 * the editor.
 */
import { OutputChange } from './outputTransform';

export type ReencodeSource = 'cache' | 'committed file';

export function reencodeSourceFor(hasOriginal: boolean, change: Pick<OutputChange, 'fromCommittedFile'>): ReencodeSource | undefined {
  if (hasOriginal) {
    return 'cache';
  }
  return change.fromCommittedFile ? 'committed file' : undefined;
}

import { SharedOptions } from '../commandTypes';

/** What is known of the original request, to carry into the resume command. */
export interface KnownRequest {
  prompt?: string;
  seed?: number;
  width?: number;
  height?: number;
  usePreLlm?: boolean;
}

/** POSIX shell quoting: bare when safe, else single quotes with ' written as '\''. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The exact command that fetches the task later, with the request (so the saved file gets the same
 * name and full provenance) and the options that decide where and how it is saved.
 */
export function resumeCommand(taskId: string, request: KnownRequest, shared: SharedOptions): string {
  const words = ['spark-image', 'resume', taskId];
  if (request.prompt !== undefined) {
    words.push('--prompt', request.prompt);
  }
  if (request.seed !== undefined) {
    words.push('--seed', String(request.seed));
  }
  if (request.width !== undefined && request.height !== undefined) {
    words.push('--width', String(request.width), '--height', String(request.height));
  }
  if (request.usePreLlm !== undefined) {
    words.push(request.usePreLlm ? '--expand' : '--no-expand');
  }
  if (shared.out !== undefined) {
    words.push('--out', shared.out);
  }
  if (shared.baseUrl !== undefined) {
    words.push('--base-url', shared.baseUrl);
  }
  if (shared.json) {
    words.push('--json');
  }
  return words.map(shellQuote).join(' ');
}

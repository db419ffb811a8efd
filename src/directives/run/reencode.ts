/**
 * Regenerate on an image out of date only by its output (format, width, quality): re-encoded
 * without any request, from the API's original kept in the cache, else from the committed file
 * when the new output is no larger. Otherwise only a paid regeneration with the image's seed can
 * make it, and the person is asked first (with the estimate), unless a batch question asked already.
 * Part of the lazily loaded dist/directiveOutput.js: it takes the window's state as arguments.
 */
import * as vscode from 'vscode';
import { readEmbeddedProvenance } from '../../core/image/imageMetadata';
import { posixBasename } from '../../core/naming/naming';
import { ReencodeSource } from '../../core/output/reencodeSource';
import type { GenerationOutcome } from '../../editor/generation/generationService';
import { withSource } from '../../editor/l10n';
import type { CacheSpec } from '../../editor/output/outputBundle';
import { outputBundle } from '../../editor/output/lazyOutput';
import { writeReencoded } from '../../editor/saving/reencodedFile';
import type { OutputOutOfDate } from '../../core/output/outputTransform';

/** What Regenerate does to it now, without a request ('cache', 'committed file'), or undefined: only a paid regeneration can. */
export function reencodeSourceNow(state: OutputOutOfDate, cache: CacheSpec | undefined): ReencodeSource | undefined {
  return outputBundle().reencodeSourceOf(state.provenance, state.change, cache);
}

/** The new link text's file name, when the extension followed the format: found in the link as written (plain or %-encoded). */
export function renamedLink(linkText: string, from: vscode.Uri, to: vscode.Uri): { at: number; was: string; now: string } | undefined {
  const [was, now] = [posixBasename(from.path), posixBasename(to.path)];
  const raw = [was, encodeURI(was)].find((name) => linkText.includes(name));
  return raw === undefined ? undefined : { at: linkText.lastIndexOf(raw), was: raw, now: raw === was ? now : encodeURI(now) };
}

/**
 * Re-encodes the image at `uri` without a request; 'paid' when neither the original nor the
 * committed file may be used. `relink` points the directive's link at a file whose name changed.
 */
export async function reencodeImage(uri: vscode.Uri, state: OutputOutOfDate, cache: CacheSpec | undefined, relink: (to: vscode.Uri) => Promise<boolean>): Promise<GenerationOutcome | 'paid'> {
  const done = await outputBundle().reencode(await vscode.workspace.fs.readFile(uri), state.provenance, state.plan, state.change, cache);
  if (!done) {
    return 'paid';
  }
  const saved = await writeReencoded(uri, done.bytes, state.plan.format);
  const renamed = saved.toString() !== uri.toString();
  const inserted = !renamed || (await relink(saved));
  const source = done.source === 'cache' ? vscode.l10n.t('the kept original') : vscode.l10n.t('the committed file');
  const moved = renamed ? ` ${vscode.l10n.t('{0} is no longer linked; Clean Up Unused Images removes it.', posixBasename(uri.path))}` : '';
  void vscode.window.showInformationMessage(withSource(vscode.l10n.t('Re-encoded {0} ({1} → {2}) from {3}, without a request.', vscode.workspace.asRelativePath(saved), state.change.was, state.change.now, source) + moved));
  const provenance = readEmbeddedProvenance(done.bytes) ?? state.provenance;
  return { images: [saved], inserted, result: { images: [], provenance, statusRequests: 0 } };
}

/** The question before paying for an output change: no original is kept and the new output is larger than the file. */
export async function agreeToRegenerate(uri: vscode.Uri, state: OutputOutOfDate, estimate: string): Promise<boolean> {
  const regenerate = vscode.l10n.t('Regenerate');
  const choice = await vscode.window.showWarningMessage(
    withSource(vscode.l10n.t('{0} cannot be re-encoded as {1} without a request: its original is not kept, and the committed file is smaller. Regenerate it with the same seed {2}? Cost: {3}.', vscode.workspace.asRelativePath(uri), state.change.now, state.provenance.seed, estimate)),
    { modal: true },
    regenerate,
  );
  return choice === regenerate;
}

/** "The image is already saved as asked": said when a re-encode has nothing to do. */
export function showNothingToReencode(): void {
  void vscode.window.showInformationMessage(withSource(vscode.l10n.t('The image is already saved as this directive asks (format, width, quality): nothing to re-encode. For a lighter file, lower output.maxWidth or output.quality.')));
}

import * as vscode from 'vscode';
import { formatBilledUsd } from '../../core/spend/pricing';
import { Directive, hasErrors } from '../../core/directives/directives';
import { estimateLabel } from '../../editor/generation/priceMemory';
import { directiveEstimateUsd } from '../run/estimate';
import { altEdit, changedFields } from '../../core/directives/outOfDate';
import { readSettings } from '../../editor/config';
import { outOfDateOf } from '../outOfDate';
import { DirectiveCommandIds } from '../ids';
import { directivesOf, imageState, refOf } from '../model';
import { RunningDirectives } from '../run/running';
import { SHOW_CHANGES } from '../run/seedMode';
import { Disposable } from '../../editor/disposable';
import { tryVariationsLens } from '../tryVariations';
import { directiveOutput } from '../run/lazyDirectiveOutput';
import { originalsCache } from '../../editor/output/editorOutputPlan';

/** Same Seed makes another size of this seed: nothing to offer when the directive pins both. */
function pinsSeedAndSize(directive: Directive, seed: number): boolean {
  return directive.request?.seed === seed && directive.request.width !== undefined && directive.request.height !== undefined;
}

/**
 * Lenses above each directive: Generate, or Regenerate and Same Seed when it has an image; while it
 * runs, the elapsed time and Cancel; the cost of the last generation; its first problem, if any.
 * An image made from other settings says so ("Out of date: prompt, size"), and its Regenerate then
 * uses the directive's settings as they are now; a link with another alt text offers to update it.
 */
export class DirectiveCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly running: RunningDirectives) {
    super();
    this.register(running.onDidChange(() => this.changed.fire()));
    // Images appear, disappear or get new provenance outside the document.
    this.register(vscode.workspace.onDidCreateFiles(() => this.changed.fire()));
    this.register(vscode.workspace.onDidDeleteFiles(() => this.changed.fire()));
    this.register(vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('sparkImage') && this.changed.fire()));
  }

  /** Asks the editor for the lenses again (a spark-image.json changed). */
  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const lenses: vscode.CodeLens[] = [];
    for (const directive of directivesOf(document)) {
      if (token.isCancellationRequested) {
        break;
      }
      const range = new vscode.Range(document.positionAt(directive.start), document.positionAt(directive.start));
      const ref = refOf(document, directive);
      const lens = (title: string, command = '', args: unknown[] = [], tooltip?: string) => lenses.push(new vscode.CodeLens(range, { title, command, arguments: args, tooltip }));
      if (hasErrors(directive)) {
        // Short and whole (the problem itself is in the tooltip, the hover and the Problems view): nothing is sent until it is fixed.
        const errors = directive.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message);
        lens(`$(error) ${vscode.l10n.t('Fix the options first')}`, '', [], errors.join('\n'));
        continue;
      }
      const running = this.running.runningFor(ref);
      if (running) {
        const seconds = Math.floor((Date.now() - running.startedAt) / 1000);
        lens(`$(sync~spin) ${vscode.l10n.t('Generating… {0} s', seconds)}`);
        lens(vscode.l10n.t('Cancel'), DirectiveCommandIds.cancel, [ref]);
        continue;
      }
      lenses.push(tryVariationsLens(range, ref));
      const state = await imageState(document, directive);
      const estimate = directive.request ? ` (${estimateLabel(directiveEstimateUsd(directive.request, readSettings(document.uri).defaultSize))})` : '';
      if (state === 'none' || state === 'missing') {
        lens(`$(sparkle) ${vscode.l10n.t('Generate')}${estimate}`, DirectiveCommandIds.run, [ref, 'generate'], vscode.l10n.t('Generate the image and link it below this comment'));
        continue;
      }
      if (state === 'url') {
        lens(`$(sparkle) ${vscode.l10n.t('Generate')}${estimate}`, DirectiveCommandIds.run, [ref, 'generate'], vscode.l10n.t('Replace the linked URL with a generated image'));
        continue;
      }
      const outOfDate = await outOfDateOf(document, directive);
      if (outOfDate.state === 'outOfDate') {
        const tooltip = outOfDate.changes.map((change) => `${change.field}: ${change.was} → ${change.now}`).join('\n');
        // A status label never spends: it shows what changed; Regenerate beside it is the paid act.
        lens(`$(warning) ${vscode.l10n.t('Out of date: {0}', changedFields(outOfDate.changes))}`, DirectiveCommandIds.run, [ref, SHOW_CHANGES], tooltip);
        lens(`$(refresh) ${vscode.l10n.t('Regenerate')}${estimate}`, DirectiveCommandIds.run, [ref, 'generate'], vscode.l10n.t("Generate the image again with the directive's current settings"));
      } else if (outOfDate.state === 'output') {
        lenses.push(...directiveOutput().outputLenses(range, ref, outOfDate, estimate, originalsCache()));
      } else {
        lens(`$(refresh) ${vscode.l10n.t('Regenerate')}`, DirectiveCommandIds.run, [ref, 'regenerate'], vscode.l10n.t('Same settings, a new seed'));
        const alt = altEdit(directive);
        if (alt) {
          lens(`$(edit) ${vscode.l10n.t('Update Alt Text')}`, DirectiveCommandIds.updateAlt, [ref], vscode.l10n.t('“{0}” → “{1}”; no new image is made', alt.was, alt.now));
        }
      }
      const provenance = outOfDate.state === 'current' || outOfDate.state === 'outOfDate' || outOfDate.state === 'output' ? outOfDate.provenance : undefined;
      if (provenance && !pinsSeedAndSize(directive, provenance.seed)) {
        lens(`$(history) ${vscode.l10n.t('Same Seed…')}`, DirectiveCommandIds.run, [ref, 'sameSeed'], vscode.l10n.t('The current settings with the seed {0} of this image, in another size (asked first)', provenance.seed));
      }
      if (provenance) {
        const cost = provenance.costUsd !== undefined ? formatBilledUsd(provenance.costUsd) : '?';
        lens(vscode.l10n.t('Last: {0} · seed {1} · {2}×{3}', cost, provenance.seed, provenance.width, provenance.height));
      }
    }
    return lenses;
  }
}

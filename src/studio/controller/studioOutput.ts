/**
 * The studio's save controls on the host side: their preset (what applies for the target: the nearest
 * spark-image.json's `output`, else the `sparkImage.output.*` settings), the host's own check of what
 * the page sent (never trusted), and the plan a save uses: the controls act as the command's
 * arguments in the one precedence (src/core/output/outputPlan.ts).
 */
import * as vscode from 'vscode';
import type { Logger } from '../../core/base/logger';
import type { HouseStyles } from '../../core/directives/directiveStyle';
import { resolveOutput, type OutputPlan } from '../../core/output/outputPlan';
import { keepOriginalsIn, settingsOutput } from '../../editor/output/editorOutputPlan';
import type { WorkspaceImageSink } from '../../editor/saving/workspaceImageSink';
import type { OutputChoice } from '../../core/output/outputChoice';
import { checkedChoice, configuredOutput } from './outputChecks';
import { workspaceSinkFor } from '../variations/adopt';
import type { StudioReads } from './studioStyles';

/** The plan a studio save uses: the controls, then the target's spark-image.json, then the settings of its scope, then png. */
export function studioOutputPlan(choice: OutputChoice | undefined, styles: HouseStyles | undefined, scope: vscode.Uri | undefined): OutputPlan {
  return resolveOutput(choice, styles?.reading.config?.output, settingsOutput(scope));
}

/** The scope whose settings apply: the document Insert writes into, else the first workspace folder. */
function scopeOf(document: vscode.TextDocument | undefined): vscode.Uri | undefined {
  return document?.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** The save controls for one studio: their preset, and the plan and sink a save with them uses. */
export class StudioOutput {
  constructor(
    private readonly reads: StudioReads,
    private readonly logger: Logger,
    globalStorage: vscode.Uri,
  ) {
    // This bundle has its own copy of the editor's output module: its originals go where extension.js keeps them.
    keepOriginalsIn(globalStorage);
  }

  async preset(document: vscode.TextDocument | undefined): Promise<OutputChoice> {
    return configuredOutput(await this.reads.stylesAt(document), settingsOutput(scopeOf(document)));
  }

  /** The plan for what the page asked (checked again here); undefined when it asked for nothing: as configured at save time. */
  async planFor(asked: OutputChoice | undefined, document: vscode.TextDocument | undefined): Promise<OutputPlan | undefined> {
    const choice = checkedChoice(asked, vscode.l10n.t);
    return choice && Object.keys(choice).length > 0 ? studioOutputPlan(choice, await this.reads.stylesAt(document), scopeOf(document)) : undefined;
  }

  /** The workspace sink of a single Generate with the controls' plan; undefined: the usual one (as configured). */
  async sinkFor(asked: OutputChoice | undefined, document: vscode.TextDocument | undefined): Promise<WorkspaceImageSink | undefined> {
    const plan = await this.planFor(asked, document);
    return plan && workspaceSinkFor(document, this.logger, plan);
  }
}

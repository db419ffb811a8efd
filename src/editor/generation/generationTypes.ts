import * as vscode from 'vscode';
import { anchorAt, endOfLine } from '../../core/links/insertion';
import { syntaxForLanguage } from '../../core/links/linkText';
import { JobOutcome } from '../../core/job/generationJob';
import { Provenance } from '../../core/image/provenance';
import { ApiConfig } from '../../core/api/client';
import { CheckedRequest, GenerationInput } from '../../core/spec/validation';
import { PromptExpansion } from '../../core/spec/expansion';
import { StyledPrompt } from '../../core/repoConfig/houseStyle';
import { SparkSettings } from '../config';
import { keptStyle, PendingTarget } from './pendingStore';
import type { OutputPlan } from '../../core/output/outputPlan';
import { LinkBinding } from '../links/editorLinkPlacer';
import { ProgressOptions } from './jobProgress';
import type { ImageSink } from '../../core/job/ports';
import type { SpendTicket } from '../../core/spend/spendLedger';

/** What the editor's front ends ask of the GenerationService, and what it answers. */

export interface GenerationSpec {
  prompt: string;
  width?: number;
  height?: number;
  seed?: number;
  usePreLlm?: PromptExpansion;
  /** Where the link goes; undefined saves the image and opens it. */
  target?: GenerationTarget;
  /** Where to save instead of the sparkImage.destination / fileName settings (the agent tool's `path`). */
  saveAs?: Partial<Pick<SparkSettings, 'destination' | 'fileName'>>;
  /** The house style that made `prompt` (spark-image.json): checked with its share, recorded in the provenance. */
  styled?: StyledPrompt;
}

export interface GenerationTarget extends Pick<LinkBinding, 'replaceRange'> {
  document: vscode.TextDocument;
  offset: number;
  ownParagraph: boolean;
  /** The output decided for it (a directive's format=, max-width=, …); none: the document's spark-image.json, then the settings, when it is saved. */
  output?: OutputPlan;
}

/** A spec that passed the one check: the settings it was read with, and the request exactly as it will be sent. */
export interface CheckedGeneration {
  spec: GenerationSpec;
  settings: SparkSettings;
  request: CheckedRequest;
}

/** Where one job talks to and saves into: the API, this document's settings and folder, the link's place. */
export interface JobPlace {
  api: ApiConfig;
  settings: SparkSettings;
  folder: vscode.WorkspaceFolder;
  target: PendingTarget | undefined;
  /** The house style applied, recorded in the image's provenance (userPrompt, style). */
  styled?: StyledPrompt;
  /** Where the image is kept instead of the workspace (the studio's variations), see RunOptions.sink. */
  sink?: ImageSink<PendingTarget, vscode.Uri>;
}

export interface RunOptions extends ProgressOptions {
  /** false: without a target document, the saved image is not opened (the caller shows it). */
  openWithoutTarget?: boolean;
  /** The spend limit's admission, asked for beforehand with others (GenerationService.admitAll). */
  ticket?: SpendTicket;
  /** Saves the image elsewhere than the workspace: the studio keeps its variations in global storage until one is used. */
  sink?: ImageSink<PendingTarget, vscode.Uri>;
}

/** Every finished or failed generation, for history views. */
export type GenerationRecord =
  | { kind: 'completed'; provenance: Provenance; images: vscode.Uri[]; documentUri?: string }
  | { kind: 'failed'; prompt: string; width?: number; height?: number; seed?: number; taskId?: string; message: string; code?: string; resumable: boolean };

export interface GenerationOutcome {
  images: vscode.Uri[];
  inserted: boolean;
  result: JobOutcome<vscode.Uri>['result'];
}

/** The target of Generate Image from Selection: the line after the selection, a paragraph of its own. */
export function selectionTarget(editor: vscode.TextEditor): GenerationTarget {
  const text = editor.document.getText();
  return { document: editor.document, offset: endOfLine(text, editor.document.offsetAt(editor.selection.end)), ownParagraph: true };
}

/** What a spec asks for, the settings filling what it leaves out. */
export function inputFor(spec: GenerationSpec, settings: SparkSettings): GenerationInput {
  const defaults = settings.defaultSize;
  const input: GenerationInput = {
    prompt: spec.prompt,
    width: spec.width ?? (spec.height === undefined ? defaults?.width : undefined),
    height: spec.height ?? (spec.width === undefined ? defaults?.height : undefined),
    seed: spec.seed ?? settings.seed,
    usePreLlm: spec.usePreLlm ?? settings.promptExpansion,
    model: settings.model,
  };
  if (spec.styled?.style) {
    // The one check says how much of a too-long prompt the style adds (003002002).
    input.style = { name: spec.styled.style.name, codePoints: spec.styled.styleCodePoints };
  }
  return input;
}

/** The place a link goes, as the pending store keeps it across a reload: the anchor at `offset` (the placeholder's place now). */
export function pendingTargetFor(target: GenerationTarget, offset: number | undefined, styled?: StyledPrompt): PendingTarget {
  const { document } = target;
  // Its output and style are kept with it: a task resumed after a reload is saved as its run asked.
  const output = target.output ? { output: target.output } : {};
  return { documentUri: document.uri.toString(), anchor: anchorAt(document.getText(), offset ?? target.offset), syntax: syntaxForLanguage(document.languageId), ownParagraph: target.ownParagraph, ...output, ...keptStyle(styled) };
}

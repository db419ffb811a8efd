import * as vscode from 'vscode';
import { endOfLine } from '../core/insertion';
import { JobOutcome } from '../core/job/generationJob';
import { Provenance } from '../core/provenance';
import { PromptExpansion } from '../core/validation';
import { LinkBinding } from './editorLinkPlacer';
import { ProgressOptions } from './jobProgress';

/** What the editor's front ends ask of the GenerationService, and what it answers. */

export interface GenerationSpec {
  prompt: string;
  width?: number;
  height?: number;
  seed?: number;
  usePreLlm?: PromptExpansion;
  /** Where the link goes; undefined saves the image and opens it. */
  target?: GenerationTarget;
}

export interface GenerationTarget extends Pick<LinkBinding, 'replaceRange'> {
  document: vscode.TextDocument;
  offset: number;
  ownParagraph: boolean;
}

export interface RunOptions extends ProgressOptions {
  /** false: without a target document, the saved image is not opened (the caller shows it). */
  openWithoutTarget?: boolean;
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

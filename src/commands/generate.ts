import { specWithDefaultStyle } from '../editor/styles/defaultStyle';
import * as vscode from 'vscode';
import { withSource } from '../editor/l10n';
import { PromptExpansion } from '../core/spec/expansion';
import { parseSize, readSettings } from '../editor/config';
import { GenerationOutcome, GenerationService } from '../editor/generation/generationService';
import { askForPrompt, askForSize } from '../editor/prompts';

/** Optional arguments, so keybindings and other extensions can skip the questions. */
export interface GenerateArgs {
  prompt?: string;
  /** A preset id ("1k-16:9") or "WIDTHxHEIGHT". */
  size?: string;
  width?: number;
  height?: number;
  seed?: number;
  expand?: PromptExpansion;
}

function readArgs(value: unknown): GenerateArgs {
  if (value === null || typeof value !== 'object' || value instanceof vscode.Uri) {
    return {};
  }
  const raw = value as Record<string, unknown>;
  return {
    prompt: typeof raw.prompt === 'string' ? raw.prompt : undefined,
    size: typeof raw.size === 'string' ? raw.size : undefined,
    width: typeof raw.width === 'number' ? raw.width : undefined,
    height: typeof raw.height === 'number' ? raw.height : undefined,
    seed: typeof raw.seed === 'number' ? raw.seed : undefined,
    expand: raw.expand === true || raw.expand === false || raw.expand === 'auto' ? raw.expand : undefined,
  };
}

/** Generate Image…: prompt, size, then the image at the cursor (or saved and opened without an editor). */
export function generateCommand(service: GenerationService) {
  return async (rawArgs?: unknown): Promise<GenerationOutcome | undefined> => {
    const args = readArgs(rawArgs);
    const editor = vscode.window.activeTextEditor;
    const prompt = args.prompt ?? (await askForPrompt());
    if (prompt === undefined) {
      return undefined;
    }
    let size: { width: number; height: number } | undefined;
    if (args.width !== undefined || args.height !== undefined) {
      size = { width: args.width as number, height: args.height as number };
    } else if (args.size !== undefined) {
      size = parseSize(args.size);
      if (!size) {
        void vscode.window.showErrorMessage(withSource(vscode.l10n.t('Unknown size {0}: use a preset such as 1k-16:9 or WIDTHxHEIGHT.', JSON.stringify(args.size))));
        return undefined;
      }
    } else if (args.prompt === undefined) {
      size = await askForSize(readSettings(editor?.document.uri).defaultSize);
      if (!size) {
        return undefined;
      }
    }
    // The palette uses the document's default house style (spark-image.json).
    const spec = await specWithDefaultStyle(editor?.document, {
      prompt,
      width: size?.width,
      height: size?.height,
      seed: args.seed,
      usePreLlm: args.expand,
      target: editor ? { document: editor.document, offset: editor.document.offsetAt(editor.selection.active), ownParagraph: false } : undefined,
    });
    return spec && service.generate(spec);
  };
}

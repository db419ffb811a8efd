/** What the language-model tools answer: text parts, image parts, failures, Restricted Mode. */
import * as vscode from 'vscode';
import { AgentRequest, optionalText } from '../../core/agent/agentInput';
import { agentOutcome, failureText, outcomeText } from '../../core/agent/agentOutcome';
import { thumbnailOf } from '../../node/thumbnail';
import type { GenerationOutcome, GenerationTarget } from '../generation/generationTypes';
import { lmParts } from './lmApi';

type Image = { data: Uint8Array; mime: string };

/** A text part, and its image's data part where the editor has them (older ones get the text, which says so). */
export function partsOf(text: string, image?: Image): unknown[] {
  const parts = lmParts();
  return [new parts.LanguageModelTextPart(text), ...(image && parts.LanguageModelDataPart ? [parts.LanguageModelDataPart.image(image.data, image.mime)] : [])];
}

export function resultOf(content: unknown[]): unknown {
  return new (lmParts().LanguageModelToolResult)(content);
}

/** A result of one text. */
export function result(text: string): unknown {
  return resultOf(partsOf(text));
}

export function errorText(error: unknown, kept: string | undefined): string {
  return failureText(error, kept, `call sparkImage_resume with {"taskId": "${kept}"} to finish it without paying again.`);
}

export function restricted(): string | undefined {
  return vscode.workspace.isTrusted
    ? undefined
    : vscode.l10n.t('Spark Image does not generate images in Restricted Mode: a generation sends the prompt to the API with your key and writes files. Trust this workspace first.');
}

export function outcomeResult(outcome: GenerationOutcome, input: AgentRequest, target: GenerationTarget | undefined): unknown {
  return resultOf(outcomeParts(outcome, input, target));
}

/** One image's parts: its text (path, link, seed, size, bill, task id) and its thumbnail. */
export function outcomeParts(outcome: GenerationOutcome, input: AgentRequest, target: GenerationTarget | undefined): unknown[] {
  const image = outcome.result.images[0];
  const uri = outcome.images[0];
  const thumbnail = thumbnailOf(image.bytes, image.info.format);
  const dataParts = lmParts().LanguageModelDataPart !== undefined;
  const note = thumbnail.ok ? (dataParts ? `thumbnail: ${thumbnail.width}x${thumbnail.height} PNG (the full image is in the file)` : 'no thumbnail: this VS Code has no image parts in tool results') : thumbnail.reason;
  const text = outcomeText(
    agentOutcome({
      image: vscode.workspace.asRelativePath(uri, false),
      // The link is relative to the document it is for, as the one inserted there is.
      document: target ? vscode.workspace.asRelativePath(target.document.uri, false) : undefined,
      inserted: outcome.inserted,
      // A styled image's link says what the user asked for, not the template (as MCP's and the CLI's do).
      alt: optionalText(input.alt, 'alt') ?? image.provenance.userPrompt,
      generated: image,
      thumbnailNote: note,
    }),
  );
  return partsOf(text, thumbnail.ok ? { data: thumbnail.png, mime: 'image/png' } : undefined);
}

/** The token as an AbortSignal, for as long as `use` runs; its listener goes with it. */
export async function withSignal<T>(token: vscode.CancellationToken, use: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  if (token.isCancellationRequested) {
    controller.abort();
  }
  const listener = token.onCancellationRequested(() => controller.abort());
  try {
    return await use(controller.signal);
  } finally {
    listener.dispose();
  }
}

/** What the tools read of the pending store: whether a task is still kept. */
export interface PendingLookup {
  get(taskId: string): unknown;
}


import * as vscode from 'vscode';
import { refuseUnknownArguments } from '../../core/agent/agentArguments';
import { AGENT_INPUT_SCHEMA, AgentRequest, generationInputOf, insertTargetOf, optionalText } from '../../core/agent/agentInput';
import { agentOutcome, failureText, outcomeText } from '../../core/agent/agentOutcome';
import { checkRequest } from '../../core/spec/validation';
import { estimateLabel } from '../generation/priceMemory';
import { altTextFromPrompt } from '../../core/links/linkText';
import { endOfLine } from '../../core/links/insertion';
import { thumbnailOf } from '../../node/thumbnail';
import { insideWorkspace } from '../../node/workspacePath';
import type { GenerationService } from '../generation/generationService';
import type { GenerationOutcome, GenerationSpec, GenerationTarget } from '../generation/generationTypes';
import { LanguageModelTool, lmParts, PreparedToolInvocation } from './lmApi';

/**
 * The language-model tools sparkImage_generate and sparkImage_resume. This module is its own
 * bundle (dist/agentTool.js), loaded on the first call, so the extension's bundle stays small; it
 * runs every generation through the editor's GenerationService (validation, spend guard, pending
 * store, save with provenance, link placement), exactly as the commands do.
 */

export interface ResumeInput {
  taskId?: unknown;
}

function result(texts: string[], image?: { data: Uint8Array; mime: string }): unknown {
  const parts = lmParts();
  const content: unknown[] = texts.map((text) => new parts.LanguageModelTextPart(text));
  // Image data parts exist only in newer editors; older ones get the text, which says so.
  if (image && parts.LanguageModelDataPart) {
    content.push(parts.LanguageModelDataPart.image(image.data, image.mime));
  }
  return new parts.LanguageModelToolResult(content);
}

function errorText(error: unknown, kept: string | undefined): string {
  return failureText(error, kept, `call sparkImage_resume with {"taskId": "${kept}"} to finish it without paying again.`);
}

function restricted(): string | undefined {
  return vscode.workspace.isTrusted
    ? undefined
    : vscode.l10n.t('Spark Image does not generate images in Restricted Mode: a generation sends the prompt to the API with your key and writes files. Trust this workspace first.');
}

function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || /^([a-z]+:|[\\/])/i.test(relative) || relative.split(/[\\/]/).includes('..')) {
    throw new Error(`insertInto.document must be relative to the workspace, without "..", not ${JSON.stringify(relative)}. Nothing was sent.`);
  }
  return vscode.Uri.joinPath(folder.uri, relative);
}

async function targetOf(input: AgentRequest): Promise<GenerationTarget | undefined> {
  const insert = insertTargetOf(input.insertInto);
  if (!insert) {
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(workspaceUri(insert.document));
  const text = document.getText();
  const offset = insert.line === undefined || insert.line > document.lineCount ? text.length : endOfLine(text, document.offsetAt(new vscode.Position(insert.line - 1, 0)));
  return { document, offset, ownParagraph: true };
}

const IMAGE_FILE = /\.(png|jpe?g|webp)$/i;

/**
 * The tool's `path` as destination templates (checked before anything is sent: relative, no "..",
 * no template characters, no symbolic link out); the writer checks the final path again.
 */
function saveAsOf(input: AgentRequest): GenerationSpec['saveAs'] {
  const given = optionalText(input.path, 'path');
  if (given === undefined) {
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || /[$\\{}]/.test(given) || /^([a-z]+:|\/)/i.test(given) || given.split('/').includes('..')) {
    throw new Error(`path must be relative to the workspace, with / between folders and without "..", "$", "{" or "}", not ${JSON.stringify(given)}. Nothing was sent.`);
  }
  if (folder.uri.scheme === 'file') {
    insideWorkspace(folder.uri.fsPath, given);
  }
  const clean = given.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  if (!IMAGE_FILE.test(clean)) {
    return { destination: `\${documentWorkspaceFolder}/${clean}/` };
  }
  const slash = clean.lastIndexOf('/');
  const folderPart = slash < 0 ? '' : `/${clean.slice(0, slash)}`;
  return { destination: `\${documentWorkspaceFolder}${folderPart}/\${fileName}`, fileName: clean.slice(slash + 1).replace(IMAGE_FILE, '') };
}

/** The schema of sparkImage_resume in package.json, for the same refusal of unknown names. */
const RESUME_SCHEMA = { properties: { taskId: {} }, additionalProperties: false };

/** Checks an agent's request by the core's rules (the seed's codes) without sending anything. */
function checked(input: AgentRequest) {
  refuseUnknownArguments('sparkImage_generate', input, AGENT_INPUT_SCHEMA);
  saveAsOf(input);
  optionalText(input.alt, 'alt');
  return checkRequest(generationInputOf(input)).request;
}

function outcomeResult(outcome: GenerationOutcome, input: AgentRequest, target: GenerationTarget | undefined): unknown {
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
      alt: optionalText(input.alt, 'alt'),
      generated: image,
      thumbnailNote: note,
    }),
  );
  return result([text], thumbnail.ok ? { data: thumbnail.png, mime: 'image/png' } : undefined);
}

/** The token as an AbortSignal, for as long as `use` runs; its listener goes with it. */
async function withSignal<T>(token: vscode.CancellationToken, use: (signal: AbortSignal) => Promise<T>): Promise<T> {
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

export function generateTool(service: GenerationService, pending: PendingLookup): LanguageModelTool<AgentRequest> {
  return {
    async prepareInvocation(options): Promise<PreparedToolInvocation | undefined> {
      if (restricted()) {
        // invoke refuses in Restricted Mode and sends nothing: there is nothing to confirm.
        return undefined;
      }
      try {
        const request = checked(options.input);
        // A paid call is never made unseen: the prompt, the size and the estimate are shown first.
        return {
          invocationMessage: vscode.l10n.t('Generating “{0}”', altTextFromPrompt(request.prompt, 40)),
          confirmationMessages: {
            title: vscode.l10n.t('Generate an image with Spark Image?'),
            message: vscode.l10n.t('Prompt: {0}\nSize: {1}×{2}\nCost: {3}', request.prompt, request.width, request.height, estimateLabel(service.estimateUsd(request.width, request.height))),
          },
        };
      } catch {
        // Invalid input costs nothing: no confirmation, and invoke answers with the rule.
        return undefined;
      }
    },
    async invoke(options, token) {
      const refusal = restricted();
      if (refusal) {
        return result([refusal]);
      }
      let taskId: string | undefined;
      try {
        checked(options.input);
        const target = await targetOf(options.input);
        const input = generationInputOf(options.input);
        const outcome = await withSignal(token, (signal) =>
          service.tryGenerate(
            { prompt: String(input.prompt), width: input.width as number, height: input.height as number, seed: input.seed as number | undefined, usePreLlm: input.usePreLlm as boolean | undefined, target, saveAs: saveAsOf(options.input) },
            { progress: 'none', signal, openWithoutTarget: false, onProgress: (report) => (taskId = report.taskId ?? taskId) },
          ),
        );
        if (!outcome) {
          return result(['The generation was declined (the spend limit question was answered no). Nothing was charged.']);
        }
        return outcomeResult(outcome, options.input, target);
      } catch (error) {
        const kept = taskId !== undefined && pending.get(taskId) ? taskId : undefined;
        return result([errorText(error, kept)]);
      }
    },
  };
}

export function resumeTool(service: GenerationService, pending: PendingLookup): LanguageModelTool<ResumeInput> {
  return {
    async invoke(options) {
      const refusal = restricted();
      if (refusal) {
        return result([refusal]);
      }
      try {
        refuseUnknownArguments('sparkImage_resume', options.input, RESUME_SCHEMA);
      } catch (error) {
        return result([errorText(error, undefined)]);
      }
      const { taskId } = options.input;
      if (typeof taskId !== 'string' || !pending.get(taskId)) {
        return result([`taskId must name a pending Spark Image task (as a sparkImage_generate result gave it), not ${JSON.stringify(taskId)}. Nothing was sent.`]);
      }
      const outcome = await service.resumeById(taskId, false);
      return outcome ? outcomeResult(outcome, {}, undefined) : result([`task ${taskId} did not finish; the Spark Image log says why. It stays pending when it can still give its image.`]);
    },
  };
}

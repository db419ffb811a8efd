/** What a sparkImage_generate call asks for, checked before anything is sent: the target, the path, the style, the variations. */
import * as vscode from 'vscode';
import { refuseUnknownArguments } from '../../core/agent/agentArguments';
import { AgentRequest, insertTargetOf, optionalText } from '../../core/agent/agentInput';
import { styledAgentInput } from '../../core/agent/agentStyle';
import { checkVariations, readCount } from '../../core/job/variations';
import { endOfLine } from '../../core/links/insertion';
import { StyledPrompt } from '../../core/repoConfig/houseStyle';
import { PromptExpansion } from '../../core/spec/expansion';
import { CheckedRequest, GenerationInput } from '../../core/spec/validation';
import { insideWorkspace } from '../../node/workspacePath';
import type { GenerationSpec, GenerationTarget } from '../generation/generationTypes';
import { LM_GENERATE_SCHEMA, LM_MAX_COUNT } from './toolSchema';
import { styleForTool } from './toolStyle';

function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || /^([a-z]+:|[\\/])/i.test(relative) || relative.split(/[\\/]/).includes('..')) {
    throw new Error(`insertInto.document must be relative to the workspace, without "..", not ${JSON.stringify(relative)}. Nothing was sent.`);
  }
  return vscode.Uri.joinPath(folder.uri, relative);
}

export async function targetOf(input: AgentRequest): Promise<GenerationTarget | undefined> {
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
export function saveAsOf(input: AgentRequest): GenerationSpec['saveAs'] {
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

export interface Prepared {
  /** The request as sent, the house style applied. */
  input: GenerationInput;
  styled?: StyledPrompt;
  /** One per variation, each with its own seed. */
  requests: CheckedRequest[];
}

/** Checks an agent's request by the core's rules (the seed's codes) without sending anything: names, paths, count, style, every variation. */
export async function prepared(input: AgentRequest): Promise<Prepared> {
  refuseUnknownArguments('sparkImage_generate', input, LM_GENERATE_SCHEMA);
  saveAsOf(input);
  optionalText(input.alt, 'alt');
  const count = readCount(input.count, LM_MAX_COUNT, 'count');
  const styled = styledAgentInput(input, await styleForTool(input));
  return { ...styled, requests: checkVariations(styled.input, count).requests };
}

/** The service's specs: one per variation (its seed pinned); a single image keeps the seed as asked. */
export function specsOf(call: Prepared, target: GenerationTarget | undefined, saveAs: GenerationSpec['saveAs']): GenerationSpec[] {
  const { input, styled, requests } = call;
  return requests.map((request) => ({
    prompt: String(input.prompt),
    width: input.width as number,
    height: input.height as number,
    seed: requests.length > 1 ? request.seed : (input.seed as number | undefined),
    usePreLlm: input.usePreLlm as PromptExpansion | undefined,
    target,
    saveAs,
    ...(styled ? { styled } : {}),
  }));
}


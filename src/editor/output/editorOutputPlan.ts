/**
 * The output an editor save uses, by the one precedence (src/core/output/outputPlan.ts): the
 * directive (or the caller), the nearest spark-image.json's `output` (read by the window's house
 * styles reader, not a second one), the `sparkImage.output.*` settings of any scope, then png.
 */
import * as vscode from 'vscode';
import { OutputOptions, OutputPlan, resolveOutput } from '../../core/output/outputPlan';
import { DEFAULT_CACHE_MAX_MB, outputOptionsFromSettings } from '../../core/output/outputSettings';
import type { RepoConfig } from '../../core/repoConfig/repoConfig';
import { houseStyles } from '../styles/houseStyles';
import { styleReader } from '../styles/lazyStyles';
import type { CacheSpec } from './outputBundle';


export function settingsOutput(scope: vscode.Uri | undefined): OutputOptions {
  const config = vscode.workspace.getConfiguration('sparkImage', scope);
  return outputOptionsFromSettings({ format: config.get('output.format'), maxWidth: config.get('output.maxWidth'), quality: config.get('output.quality') });
}

/** The nearest spark-image.json of an open document as the window's reader has it (its `output`, its `budget`), and its name. */
export async function nearestConfigOf(document: vscode.TextDocument): Promise<{ config: RepoConfig; file: string } | undefined> {
  const state = await houseStyles()?.ready(document);
  const config = state?.loaded ? state.styles?.reading.config : undefined;
  return config && state?.loaded && state.styles ? { config, file: state.styles.file } : undefined;
}

/** The nearest spark-image.json's `output` for a document; for none (the palette without an editor), the workspace folder's file. */
export async function fileOutput(documentUri: vscode.Uri | undefined, folder: vscode.WorkspaceFolder | undefined): Promise<OutputOptions | undefined> {
  if (documentUri) {
    const document = vscode.workspace.textDocuments.find((open) => open.uri.toString() === documentUri.toString()) ?? (await Promise.resolve(vscode.workspace.openTextDocument(documentUri)).catch(() => undefined));
    return document && (await nearestConfigOf(document))?.config.output;
  }
  const found = folder && (await styleReader().nearestConfig(folder.uri, folder.uri));
  return found && (await styleReader().readConfigFile(found))?.reading.config?.output;
}

export async function outputPlanFor(documentUri: vscode.Uri | undefined, folder: vscode.WorkspaceFolder | undefined, asked?: OutputOptions): Promise<OutputPlan> {
  return resolveOutput(asked, await fileOutput(documentUri, folder), settingsOutput(documentUri ?? folder?.uri));
}

let storage: vscode.Uri | undefined;

/** The extension's global storage (extension.ts): originals go into its own sub-folder there. */
export function keepOriginalsIn(globalStorage: vscode.Uri): void {
  storage = globalStorage;
}

/** The originals cache as the settings cap it now; undefined before activation or on a storage that is not a local folder. */
export function originalsCache(): CacheSpec | undefined {
  if (storage?.scheme !== 'file') {
    return undefined;
  }
  const megabytes = vscode.workspace.getConfiguration('sparkImage').get<number>('output.cacheMaxMB', DEFAULT_CACHE_MAX_MB);
  return { globalStoragePath: storage.fsPath, maxBytes: Math.max(0, Number.isFinite(megabytes) ? megabytes : DEFAULT_CACHE_MAX_MB) * 1_000_000 };
}

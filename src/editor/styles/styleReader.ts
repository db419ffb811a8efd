/**
 * The house-style code the editor needs (the strict JSON reader, styling directives, the default
 * style): its own bundle (dist/houseStyles.js, esbuild.js), required by lazyStyles.ts the first time
 * a spark-image.json or a directive naming a style is met, so extension.js stays within its budget.
 */
import * as vscode from 'vscode';
import { findNearestConfig } from '../../core/repoConfig/nearestConfig';
import { readRepoConfig, RepoConfigProblem, RepoConfigReading, REPO_CONFIG_FILE } from '../../core/repoConfig/repoConfig';
import { styleDirectives } from '../../core/directives/directiveStyle';
import { applyStyle, chooseStyle } from '../../core/repoConfig/houseStyle';
import type { HouseStyles } from '../../core/directives/directiveStyle';
import type { GenerationSpec } from '../generation/generationTypes';
import { parseSizeNumbers } from '../../core/spec/sizeText';

export { styleDirectives };

/** The spec with the file's default style applied (prompt, size, expansion); the spec's own choices win. Throws for an unknown default. */
export function withDefaultStyle(spec: GenerationSpec, styles: HouseStyles): GenerationSpec {
  const config = styles.reading.config;
  if (!config) {
    return spec;
  }
  const chosen = chooseStyle(undefined, config);
  if ('unknown' in chosen) {
    throw new Error(vscode.l10n.t('Unknown default style {0}: {1} defines {2}. Fix defaults.style in the file. Nothing was sent.', chosen.unknown, styles.file, chosen.known.join(', ') || vscode.l10n.t('none')));
  }
  if (!chosen.style) {
    return spec;
  }
  const styled = applyStyle(spec.prompt, chosen.style);
  const size = chosen.style.size === undefined ? undefined : parseSizeNumbers(chosen.style.size);
  const sized = spec.width === undefined && spec.height === undefined && size ? { width: size.width, height: size.height } : {};
  return { ...spec, ...sized, prompt: styled.prompt, styled, usePreLlm: spec.usePreLlm ?? chosen.style.promptExpansion };
}

async function isFile(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

/** The nearest spark-image.json from `folder` up to `root` (same scheme and authority), through vscode.workspace.fs. */
export async function nearestConfig(folder: vscode.Uri, root: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (root.scheme !== folder.scheme || root.authority !== folder.authority) {
    return undefined;
  }
  const found = await findNearestConfig(folder.path, root.path, (path) => isFile(folder.with({ path })));
  return found === undefined ? undefined : folder.with({ path: found });
}

function diagnosticOf(problem: RepoConfigProblem): vscode.Diagnostic {
  const at = new vscode.Position(Math.max(0, problem.line - 1), Math.max(0, problem.column - 1));
  const diagnostic = new vscode.Diagnostic(new vscode.Range(at, at), problem.message, problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  // Named as the directives' own diagnostics are.
  diagnostic.source = 'Spark Image';
  diagnostic.code = REPO_CONFIG_FILE;
  return diagnostic;
}

/** One file as read, with its problems as diagnostics (line and column from the reader); undefined when it cannot be read. */
export async function readConfigFile(uri: vscode.Uri): Promise<{ reading: RepoConfigReading; diagnostics: vscode.Diagnostic[] } | undefined> {
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
  const reading = readRepoConfig(text);
  return { reading, diagnostics: reading.problems.map(diagnosticOf) };
}

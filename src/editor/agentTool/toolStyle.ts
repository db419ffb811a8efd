/**
 * The LM tool's house style, as MCP's generate_image has it: the `style` argument (or the file's
 * default, or "none") from the nearest spark-image.json, read now through the editor's reader
 * (styleReader, its own bundle). Refusals are validation errors: nothing is sent.
 */
import * as vscode from 'vscode';
import { AgentRequest, insertTargetOf, optionalText } from '../../core/agent/agentInput';
import { chooseStyle } from '../../core/repoConfig/houseStyle';
import { formatProblem, HouseStyle, NO_STYLE } from '../../core/repoConfig/repoConfig';
import { SparkError } from '../../core/spec/errors';
import { styleReader } from '../styles/lazyStyles';

/** The folder the search starts from: insertInto.document's, else path's (a file's folder, or the folder), else the workspace folder. */
function searchStart(input: AgentRequest, root: vscode.Uri): vscode.Uri {
  const document = insertTargetOf(input.insertInto)?.document;
  const given = document ?? (typeof input.path === 'string' ? input.path : undefined);
  if (given === undefined) {
    return root;
  }
  const parts = given.replace(/\\/g, '/').split('/').filter((part) => part !== '' && part !== '.');
  // A document or an image file names a file: its folder. A path without an image extension is a folder.
  const folder = document !== undefined || /\.(png|jpe?g|webp)$/i.test(given) ? parts.slice(0, -1) : parts;
  return folder.length > 0 ? vscode.Uri.joinPath(root, ...folder) : root;
}

/** The style the call asks for (or the file's default); undefined for none. */
export async function styleForTool(input: AgentRequest): Promise<HouseStyle | undefined> {
  const requested = optionalText(input.style, 'style')?.trim();
  if (requested === NO_STYLE) {
    return undefined;
  }
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  const found = root && (await styleReader().nearestConfig(searchStart(input, root), root));
  const read = found && (await styleReader().readConfigFile(found));
  if (!found || !read) {
    if (requested !== undefined) {
      throw new SparkError('validation', `Unknown style ${JSON.stringify(requested)}: no spark-image.json defines styles here (searched from insertInto.document, else path, up to the workspace folder). Nothing was sent.`);
    }
    return undefined;
  }
  const file = vscode.workspace.asRelativePath(found, false);
  const config = read.reading.config;
  if (!config) {
    // A malformed file is used for nothing; only a call that names a style is refused.
    if (requested !== undefined) {
      const problem = read.reading.problems[0];
      throw new SparkError('validation', `The style ${JSON.stringify(requested)} cannot be used: ${problem ? formatProblem(file, problem) : file}. Fix the file, or use style "none". Nothing was sent.`);
    }
    return undefined;
  }
  const chosen = chooseStyle(requested, config);
  if ('unknown' in chosen) {
    const known = chosen.known.length > 0 ? chosen.known.join(', ') : 'none';
    throw new SparkError('validation', `Unknown style ${JSON.stringify(chosen.unknown)}: ${file} defines ${known}. Use one of them, or "none". Nothing was sent.`);
  }
  return chosen.style;
}

/**
 * The LM tool's house style, as MCP's generate_image has it: the `style` argument (or the file's
 * default, or "none") from the nearest spark-image.json, read now through the editor's reader
 * (styleReader, its own bundle). Refusals are validation errors: nothing is sent.
 */
import * as vscode from 'vscode';
import { AgentRequest, insertTargetOf, optionalText } from '../../core/agent/agentInput';
import { pickHouseStyle, styleRefusalText } from '../../core/repoConfig/houseStyle';
import { HouseStyle, NO_STYLE } from '../../core/repoConfig/repoConfig';
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
  const picked = pickHouseStyle(requested, found && read ? { reading: read.reading, file: vscode.workspace.asRelativePath(found, false) } : undefined);
  if ('refused' in picked) {
    throw new SparkError('validation', styleRefusalText(picked, { searched: 'from insertInto.document, else path, up to the workspace folder', optOut: 'style "none"' }));
  }
  return picked.style;
}

import * as vscode from 'vscode';
import { posixBasename, posixDirname } from '../../core/naming/naming';
import { nameForFormat, OutputFormat } from '../../core/output/outputPlan';
import { saveUnderFreeName } from './claimedWrite';

/**
 * Writes a re-encoded image: over the committed file when the name stays (the same image, another
 * width or quality: written whole under a temporary name, then renamed over it), else under the name
 * its format asks for (a free one; the committed file is left for the person to remove).
 */
export async function writeReencoded(committed: vscode.Uri, bytes: Uint8Array, format: OutputFormat): Promise<vscode.Uri> {
  const name = nameForFormat(posixBasename(committed.path), format);
  const wanted = committed.with({ path: `${posixDirname(committed.path)}/${name}` });
  if (wanted.toString() !== committed.toString()) {
    return saveUnderFreeName(wanted, bytes);
  }
  const temporary = committed.with({ path: `${posixDirname(committed.path)}/.spark-image-${Date.now().toString(36)}.tmp` });
  await vscode.workspace.fs.writeFile(temporary, bytes);
  try {
    await vscode.workspace.fs.rename(temporary, committed, { overwrite: true });
  } finally {
    await Promise.resolve(vscode.workspace.fs.delete(temporary)).catch(() => undefined);
  }
  return committed;
}

import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, openAt, writeText } from './sparkHarness';
import { waitFor } from './waitFor';

type Commands = Record<string, (...args: unknown[]) => Thenable<unknown>>;

describe('the editor context menu', function () {
  this.timeout(20_000);

  it('offers "Generate Image from Comment" only with the cursor on a directive', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { menus: Record<string, Array<{ command: string; when?: string }>> } };
    const entry = manifest.contributes.menus['editor/context'].find((item) => item.command === 'sparkImage.generateFromComment');
    assert.strictEqual(entry?.when, 'editorLangId == markdown && !editorReadonly && sparkImage.cursorOnDirective');

    // The context key follows the cursor: what the extension tells the editor, as it tells it.
    const commands = vscode.commands as unknown as Commands;
    const real = commands.executeCommand;
    const told: boolean[] = [];
    commands.executeCommand = (command: unknown, ...args: unknown[]) => {
      if (command === 'setContext' && args[0] === 'sparkImage.cursorOnDirective') {
        told.push(args[1] as boolean);
      }
      return real.call(vscode.commands, command, ...args);
    };
    try {
      const text = 'Plain text here.\n\n<!-- spark-image: A paper boat -->\n\nMore plain text.\n';
      const editor = await openAt(await writeText('menus/context.md', text), 2);
      const moveTo = async (offset: number, expected: boolean) => {
        const at = editor.document.positionAt(offset);
        editor.selection = new vscode.Selection(at, at);
        await waitFor(`the key ${expected} at ${offset}`, () => told[told.length - 1] === expected);
      };
      await moveTo(text.indexOf('paper'), true);
      await moveTo(text.indexOf('More'), false);
      await moveTo(text.indexOf('boat'), true);
      await moveTo(1, false);
    } finally {
      commands.executeCommand = real;
    }
  });
});

import * as assert from 'assert';
import * as vscode from 'vscode';
import { askForSize } from '../../src/editor/prompts';
import { answerNext } from './standIn';

type Item = { label: string; description?: string; size?: { width: number; height: number } };

/** What typing `text` in the picker keeps, as the quick pick matches with matchOnDescription. */
function matching(items: Item[], text: string): Item[] {
  const wanted = text.toLowerCase();
  return items.filter((item) => item.size && `${item.label} ${item.description ?? ''}`.toLowerCase().includes(wanted));
}

describe('the size picker', function () {
  this.timeout(20_000);

  it('matches "16:9", "2K" and "portrait" on its descriptions, and offers Same Seed\'s other size first', async () => {
    const pick = answerNext('showQuickPick');
    const asked = askForSize({ width: 1328, height: 1328 }, { current: { width: 1328, height: 1328 }, active: { width: 2048, height: 2048 } });
    const offered = await pick.asked;
    pick.answer(undefined);
    assert.strictEqual(await asked, undefined, 'Escape picks nothing');
    assert.strictEqual(offered.options.matchOnDescription, true);
    const items = offered.items as Item[];
    assert.deepStrictEqual(items[0].size, { width: 2048, height: 2048 }, 'the other size comes first, so Enter takes it');
    assert.match(items.find((item) => item.size?.width === 1328)?.description ?? '', /current image/);
    assert.deepStrictEqual(matching(items, '16:9').map((item) => item.size), [{ width: 1664, height: 936 }, { width: 2560, height: 1440 }]);
    assert.ok(matching(items, '2K').length >= 9 && matching(items, '2K').every((item) => (item.size?.width ?? 0) * (item.size?.height ?? 0) > 3_000_000));
    const portraits = matching(items, 'portrait').map((item) => item.size);
    assert.strictEqual(portraits.length, 8);
    assert.ok(portraits.every((size) => size && size.height > size.width));
  });

  it('shows the estimate on each size pick, and on a custom size before Enter', async () => {
    const pick = answerNext('showQuickPick');
    const asked = askForSize({ width: 1664, height: 936 });
    const items = (await pick.asked).items as Item[];
    pick.answer(undefined);
    await asked;
    const sized = items.filter((item) => item.size);
    assert.ok(sized.length >= 18, `${sized.length} sizes`);
    for (const item of sized) {
      const pixels = (item.size?.width ?? 0) * (item.size?.height ?? 0);
      const expected = pixels > 1328 * 1328 ? '≈ $0.06, estimated' : '≈ $0.03, estimated';
      assert.ok(item.description?.endsWith(` · ${expected}`), `${item.label}: ${item.description}`);
    }

    const picker = answerNext('showQuickPick');
    const custom = askForSize(undefined);
    const offered = (await picker.asked).items as Array<Item & { custom?: boolean }>;
    // The custom size's box: its validation is what the person reads while typing.
    const window = vscode.window as unknown as { showInputBox: (options: vscode.InputBoxOptions) => Thenable<string | undefined> };
    const real = window.showInputBox;
    let options: vscode.InputBoxOptions | undefined;
    window.showInputBox = (given) => {
      options = given;
      return Promise.resolve(undefined);
    };
    try {
      picker.answer(offered.find((item) => item.custom));
      assert.strictEqual(await custom, undefined);
    } finally {
      window.showInputBox = real;
    }
    const validate = options?.validateInput as (text: string) => unknown;
    assert.deepStrictEqual(validate('2048x2048'), { message: '≈ $0.06, estimated', severity: vscode.InputBoxValidationSeverity.Info });
    assert.match(String(validate('3000x500')), /003002006/);
  });
});

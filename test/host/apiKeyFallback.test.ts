import * as assert from 'assert';
import * as vscode from 'vscode';
import { Logger } from '../../src/core/base/logger';
import { ApiKeyStore } from '../../src/editor/apiKey';
import { answerNext } from './standIn';

const KEY = 'sk-session-only-7f3a';
const SESSION_ONLY = 'Use for This Session Only';

/** A system keychain that fails every call, as on Linux without a keyring. */
function brokenKeychain(): vscode.SecretStorage {
  const fail = async (): Promise<never> => {
    throw new Error('no keyring daemon');
  };
  return { get: fail, store: fail, delete: fail, onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event };
}

function recordingLogger(lines: string[]): Logger {
  const record = (message: string) => lines.push(message);
  return { trace: record, debug: record, info: record, warn: record, error: record };
}

describe('the API key when the system keychain fails', () => {
  it('asks (modal) to use it for this session only; accepted, it is used until cleared, and never logged', async () => {
    const lines: string[] = [];
    const keys = new ApiKeyStore(brokenKeychain(), recordingLogger(lines));
    const question = answerNext('showWarningMessage');
    try {
      const storing = keys.set(KEY);
      const asked = await question.asked;
      assert.match(asked.text, /The system keychain could not store the API key\. You can use it for this session only/);
      assert.deepStrictEqual([asked.items, asked.options.modal], [[SESSION_ONLY], true]);
      question.answer(SESSION_ONLY);
      assert.strictEqual(await storing, 'session');
      assert.strictEqual(await keys.get(), KEY, 'the session key is used while the keychain cannot be read');
      await keys.clear();
      assert.strictEqual(await keys.get(), undefined, 'cleared, it is gone');
      assert.ok(lines.some((line) => line.includes('could not store the key')), lines.join('\n'));
      assert.ok(!lines.some((line) => line.includes(KEY)), 'the key reached the log');
    } finally {
      question.restore();
      keys.dispose();
    }
  });

  it('declined: the key is not kept at all', async () => {
    const keys = new ApiKeyStore(brokenKeychain(), recordingLogger([]));
    const question = answerNext('showWarningMessage');
    try {
      const storing = keys.set(KEY);
      await question.asked;
      question.answer(undefined);
      assert.strictEqual(await storing, 'notStored');
      assert.strictEqual(await keys.get(), undefined);
    } finally {
      question.restore();
      keys.dispose();
    }
  });
});

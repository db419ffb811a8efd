import * as assert from 'assert';
import { choiceOfExpansion, EXPANSION_CHOICES, expansionFromSetting, expansionOfChoice, isExpansionChoice } from '../../src/core/spec/expansion';

describe('prompt expansion: one module for its spellings', () => {
  it('reads sparkImage.promptExpansion as stored: booleans, on/off and "true"/"false"; anything else is auto', () => {
    for (const on of [true, 'on', 'true']) {
      assert.strictEqual(expansionFromSetting(on), true, String(on));
    }
    for (const off of [false, 'off', 'false']) {
      assert.strictEqual(expansionFromSetting(off), false, String(off));
    }
    for (const other of ['auto', undefined, null, '', 'ON', 1, 0, {}]) {
      assert.strictEqual(expansionFromSetting(other), 'auto', JSON.stringify(other));
    }
  });

  it("turns the studio's choice into what the core reads and back again", () => {
    assert.deepStrictEqual(EXPANSION_CHOICES.map(expansionOfChoice), ['auto', true, false]);
    for (const choice of EXPANSION_CHOICES) {
      assert.strictEqual(choiceOfExpansion(expansionOfChoice(choice)), choice);
    }
  });

  it("shows a task's use_pre_llm as on or off", () => {
    assert.strictEqual(choiceOfExpansion(true), 'on');
    assert.strictEqual(choiceOfExpansion(false), 'off');
  });

  it('knows its choices and nothing else (the page message validator relies on it)', () => {
    assert.ok(EXPANSION_CHOICES.every(isExpansionChoice));
    for (const other of [true, false, 'true', 'AUTO', undefined, null, 1]) {
      assert.strictEqual(isExpansionChoice(other), false, JSON.stringify(other));
    }
  });
});

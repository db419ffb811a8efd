import * as assert from 'assert';
import { parseArgs } from '../../src/cli/args';
import { GenerateCommand } from '../../src/cli/commandTypes';
import { generationInputOf } from '../../src/core/agent/agentInput';
import { parseDirectives } from '../../src/core/directives/directives';
import { parseSizeNumbers } from '../../src/core/spec/sizeText';

/** WIDTHxHEIGHT as people type it: x, ×, * and spaces around the separator. */
const SPELLINGS = ['800x600', '800X600', '800 × 600', '800×600', '800*600', ' 800 * 600 '];

describe('size text: WIDTHxHEIGHT in every front end that plain Node reaches', () => {
  for (const text of SPELLINGS) {
    it(`"${text}" is 800×600 for the CLI's --size, the agent tools, directives and the editor's settings and palette`, () => {
      const command = parseArgs(['generate', 'x', '--size', text]) as GenerateCommand;
      assert.strictEqual(command.kind, 'generate');
      assert.deepStrictEqual([command.request.width, command.request.height], ['800', '600'], 'CLI --size');

      const agent = generationInputOf({ prompt: 'x', size: text });
      assert.deepStrictEqual([agent.width, agent.height], [800, 600], 'agent input (LM tool and MCP)');

      // A directive's options are separated by spaces: there the size is quoted when it holds any.
      const option = /\s/.test(text.trim()) ? `size="${text}"` : `size=${text.trim()}`;
      const [directive] = parseDirectives(`<!-- spark-image: a fox {${option}} -->\n`);
      assert.deepStrictEqual(directive.issues, [], `directive ${option}`);
      assert.deepStrictEqual([directive.request?.width, directive.request?.height], [800, 600], `directive ${option}`);

      assert.deepStrictEqual(parseSizeNumbers(text), { width: 800, height: 600 }, 'settings and palette');
    });
  }

  it('a preset is still a preset everywhere, and a text that is no size is refused by each', () => {
    const command = parseArgs(['generate', 'x', '--size', '1k-16:9']) as GenerateCommand;
    assert.deepStrictEqual([command.request.width, command.request.height], ['1664', '936']);
    assert.throws(() => parseArgs(['generate', 'x', '--size', '800by600']), /Unknown size "800by600"/);
    assert.throws(() => generationInputOf({ prompt: 'x', size: '800by600' }), /size must be a preset/);
    assert.strictEqual(parseSizeNumbers('800by600'), undefined);
    const [directive] = parseDirectives('<!-- spark-image: a fox {size=800by600} -->\n');
    assert.strictEqual(directive.request, undefined, 'a directive with a bad size sends nothing');
  });
});

import * as assert from 'assert';
import { parseArgs } from '../../src/cli/args';
import { UsageError } from '../../src/cli/usageError';
import { helpText } from '../../src/cli/help';

describe('spark-image mcp: its command line', () => {
  it('reads --workspace, --max-images and --max-cost', () => {
    const command = parseArgs(['mcp', '--workspace', 'docs', '--max-images', '3', '--max-cost', '0.50']);
    assert.strictEqual(command.kind, 'mcp');
    assert.ok(command.kind === 'mcp');
    assert.deepStrictEqual([command.workspace, command.maxImages, command.shared.maxCost], ['docs', 3, '0.50']);
  });

  it('refuses what does not belong to it, and its flags elsewhere', () => {
    assert.throws(() => parseArgs(['mcp', '--max-images', 'many']), (error: unknown) => error instanceof UsageError && /--max-images takes a whole number/.test(error.message));
    assert.throws(() => parseArgs(['mcp', 'extra']), /takes no arguments/);
    assert.throws(() => parseArgs(['mcp', '--size', '1k-1:1']), /does not apply to mcp/);
    assert.throws(() => parseArgs(['mcp', '--api-key', 'sk-x']), /not accepted on the command line/);
    assert.throws(() => parseArgs(['generate', 'a fox', '--workspace', '.']), /belongs to spark-image mcp/);
  });

  it('--help lists mcp with its options', () => {
    assert.match(helpText(), /^ {2}spark-image mcp \[--workspace DIR\] \[--max-images N\] \[--max-cost USD\]/m);
  });
});

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { refuseUnknownArguments, unknownArgument } from '../../src/core/agent/agentArguments';
import { AGENT_INPUT_SCHEMA, generationInputOf, sizeOf } from '../../src/core/agent/agentInput';
import { SparkError } from '../../src/core/spec/errors';
import { LM_GENERATE_SCHEMA } from '../../src/editor/agentTool/toolSchema';

type Schema = { properties?: Record<string, Schema>; description?: string; [key: string]: unknown };
type ManifestTool = { name: string; inputSchema: Schema };

function manifestTool(name: string): ManifestTool {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { contributes: { languageModelTools: ManifestTool[] } };
  return manifest.contributes.languageModelTools.find((tool) => tool.name === name)!;
}

/** The schema without its descriptions: what a client validates. */
function shape(schema: Schema): Schema {
  const { description: _description, properties, ...rest } = schema;
  return properties === undefined ? rest : { ...rest, properties: Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, shape(value)])) };
}

describe('agent arguments (the MCP server and the LM tool alike)', () => {
  it('package.json’s sparkImage_generate inputSchema is the LM tool’s schema (the MCP one’s shared names, with style and count): same names, types, required and additionalProperties: false', () => {
    const manifest = manifestTool('sparkImage_generate').inputSchema;
    const shared = JSON.parse(JSON.stringify(LM_GENERATE_SCHEMA)) as Schema;
    assert.deepStrictEqual(Object.keys(shared.properties!).filter((key) => !(key in AGENT_INPUT_SCHEMA.properties)), ['style', 'count']);
    assert.deepStrictEqual(shape(manifest), shape(shared));
    assert.strictEqual(manifest.additionalProperties, false);
    assert.strictEqual(manifest.properties!.insertInto.additionalProperties, false);
    // The descriptions agree too, but for the default folder, which each front end says truthfully.
    for (const key of Object.keys(shared.properties!).filter((name) => name !== 'path')) {
      assert.strictEqual(manifest.properties![key].description, shared.properties![key].description, key);
    }
    assert.strictEqual(manifestTool('sparkImage_resume').inputSchema.additionalProperties, false);
  });

  it('finds an unknown name at the top or inside insertInto, with the names accepted there', () => {
    assert.strictEqual(unknownArgument({ prompt: 'x', size: '1k-1:1', insertInto: { document: 'a.md', line: 2 } }, AGENT_INPUT_SCHEMA), undefined);
    assert.deepStrictEqual(unknownArgument({ prompt: 'x', bogus: 1 }, AGENT_INPUT_SCHEMA), { name: 'bogus', accepted: Object.keys(AGENT_INPUT_SCHEMA.properties) });
    assert.deepStrictEqual(unknownArgument({ insertInto: { document: 'a.md', after: 3 } }, AGENT_INPUT_SCHEMA), { name: 'insertInto.after', accepted: ['document', 'line'] });
    // Values are the rules' business, not this check's.
    assert.strictEqual(unknownArgument({ insertInto: 'a.md' }, AGENT_INPUT_SCHEMA), undefined);
  });

  it('refuses with a validation error that names the argument and the accepted ones', () => {
    assert.throws(
      () => refuseUnknownArguments('generate_image', { prompt: 'x', Prompt: 'y' }, AGENT_INPUT_SCHEMA),
      (error: unknown) => error instanceof SparkError && error.kind === 'validation' && /^Unknown argument "Prompt": generate_image accepts only prompt, size, width, height, seed, promptExpansion, path, alt, insertInto\. Nothing was sent\.$/.test(error.message),
    );
    assert.throws(() => refuseUnknownArguments('list_sizes', { all: true }, { properties: {}, additionalProperties: false }), /Unknown argument "all": list_sizes accepts no arguments/);
    assert.throws(() => refuseUnknownArguments('generate_image', ['x'], AGENT_INPUT_SCHEMA), /takes its arguments as an object/);
    refuseUnknownArguments('generate_image', undefined, AGENT_INPUT_SCHEMA);
  });

  it('takes the size as size or as the seed’s width and height, never both', () => {
    assert.deepStrictEqual(sizeOf({ width: 1024, height: 768 }), { width: 1024, height: 768 });
    assert.deepStrictEqual(sizeOf({ size: '800x600' }), { width: 800, height: 600 });
    assert.deepStrictEqual(sizeOf({}), { width: 1328, height: 1328 });
    // One side alone goes on to the core's rule (003002007), which names the missing side.
    assert.deepStrictEqual(sizeOf({ width: 1024 }), { width: 1024, height: undefined });
    assert.throws(
      () => sizeOf({ size: '1k-1:1', height: 768 }),
      (error: unknown) => error instanceof SparkError && error.code === '003002005' && error.message.split('003002005').length === 2 && /not both/.test(error.message),
    );
    assert.deepStrictEqual(generationInputOf({ prompt: 'p', width: 3000, height: 500 }), { prompt: 'p', width: 3000, height: 500, seed: undefined, usePreLlm: undefined });
  });
});

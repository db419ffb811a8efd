import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { generatedName } from '../../src/cli/generate/fileName';
import { agentPlace } from '../../src/cli/mcp/agentDelivery';
import { ImageInfo } from '../../src/core/image/imageType';
import { Provenance } from '../../src/core/image/provenance';
import { DEFAULT_FILE_NAME, fileNameVariables, renderFileName } from '../../src/core/naming/naming';

const PNG: ImageInfo = { format: 'png', extension: 'png', mime: 'image/png' };

function provenanceOf(prompt: string, seed: number): Provenance {
  return { tool: 'spark-image', prompt, seed, width: 1024, height: 1024, model: 'spark_image_3_1', usePreLlm: false, taskId: 'task_1', createdAt: '', completedAt: '' };
}

/** The default of sparkImage.fileName as users get it (the editor reads it through core/naming). */
function editorDefaultFileName(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default?: unknown }> } | { properties: Record<string, { default?: unknown }> }[] };
  };
  const sections = Array.isArray(manifest.contributes.configuration) ? manifest.contributes.configuration : [manifest.contributes.configuration];
  const found = sections.map((section) => section.properties['sparkImage.fileName']).find((property) => property !== undefined);
  return String(found?.default);
}

describe('naming: one file name for a prompt and seed, whichever front end saves it', () => {
  const prompts = ['A Café at Dawn, 1920s!', '一只红色的狐狸 in the snow', 'Ünïcödé   spaces — and dashes', '!!!', 'word '.repeat(40), 'Crème brûlée on a naïve façade'];

  it('the CLI, the MCP server and the editor (palette, LM tool) give the same name', () => {
    assert.strictEqual(editorDefaultFileName(), DEFAULT_FILE_NAME);
    for (const [index, prompt] of prompts.entries()) {
      const seed = 1000 + index;
      const provenance = provenanceOf(prompt, seed);
      const cli = generatedName(provenance.prompt, String(provenance.seed), PNG);
      const mcp = agentPlace({ info: PNG, provenance }, undefined).name;
      const editor = renderFileName(editorDefaultFileName(), fileNameVariables(provenance, new Date(2026, 0, 2, 3, 4, 5)), PNG.extension);
      const cliName = `${cli.stem}.${cli.extension}`;
      assert.strictEqual(`${mcp.stem}.${mcp.extension}`, cliName, prompt);
      assert.strictEqual(editor, cliName, prompt);
    }
  });

  it('names a house-styled image after the person\'s words, not the template, in every front end', () => {
    const styled = { ...provenanceOf('flat vector illustration of a red kite, teal and coral palette', 3), userPrompt: 'a red kite' };
    const cli = generatedName(styled.userPrompt, String(styled.seed), PNG);
    const mcp = agentPlace({ info: PNG, provenance: styled }, undefined).name;
    const editor = renderFileName(editorDefaultFileName(), fileNameVariables(styled, new Date(2026, 0, 2, 3, 4, 5)), PNG.extension);
    assert.strictEqual(`${cli.stem}.${cli.extension}`, 'a-red-kite-3.png');
    assert.strictEqual(`${mcp.stem}.${mcp.extension}`, 'a-red-kite-3.png');
    assert.strictEqual(editor, 'a-red-kite-3.png');
  });

  it('drops accents and cuts at a word for every front end', () => {
    const provenance = provenanceOf('Crème brûlée on a naïve façade', 7);
    assert.strictEqual(renderFileName(DEFAULT_FILE_NAME, fileNameVariables(provenance, new Date()), 'png'), 'creme-brulee-on-a-naive-facade-7.png');
    const long = renderFileName(DEFAULT_FILE_NAME, fileNameVariables(provenanceOf('word '.repeat(40), 7), new Date()), 'png');
    assert.strictEqual(long, `${Array(9).fill('word').join('-')}-7.png`);
  });
});

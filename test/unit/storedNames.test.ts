// Names a user has stored, written out by hand: keybindings and settings.json name commands and
// settings, VS Code keeps workspace state, secrets, hidden status bar items, walkthrough progress
// and open panels under ids, and images carry provenance fields. Renaming any of them silently
// loses what users have (pending paid tasks, history, old images), so each is pinned here as a
// literal: a failure here means "keep the old name", not "update the list".
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { METADATA_KEYWORD, sidecarPath } from '../../src/core/image/imageMetadata';
import { parseProvenance, provenanceOf, withStyle } from '../../src/core/image/provenance';
import { CommandIds } from '../../src/editor/commandIds';
import { HISTORY_KEY, HistoryStore } from '../../src/studio/history/historyStore';
import { STUDIO_VIEW_TYPE } from '../../src/studio/protocol';
import { KEPT_FOLDER, keptFileName } from '../../src/studio/variations/keptRules';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SRC = path.join(ROOT, 'src');

interface Manifest {
  publisher: string;
  name: string;
  activationEvents?: string[];
  contributes: {
    commands: Array<{ command: string }>;
    configuration: { properties: Record<string, unknown> };
    views?: Record<string, Array<{ id: string }>>;
    viewsContainers?: Record<string, Array<{ id: string }>>;
    languageModelTools: Array<{ name: string; toolReferenceName?: string }>;
    walkthroughs: Array<{ id: string; steps: Array<{ id: string }> }>;
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

const PALETTE_COMMANDS = [
  'sparkImage.generate',
  'sparkImage.generateFromSelection',
  'sparkImage.setApiKey',
  'sparkImage.clearApiKey',
  'sparkImage.resumePending',
  'sparkImage.showLog',
  'sparkImage.openStudio',
  'sparkImage.openWalkthroughSample',
  'sparkImage.generateFromComment',
  'sparkImage.generateAllInDocument',
  'sparkImage.generateAllInWorkspace',
  'sparkImage.cleanUpUnused',
  'sparkImage.regenerateOutOfDateInDocument',
  'sparkImage.regenerateOutOfDateInWorkspace',
];

/** Registered but not in the palette (CodeLens actions): a keybinding may still name them. */
const CODELENS_COMMANDS = ['sparkImage.directive.run', 'sparkImage.directive.cancel', 'sparkImage.directive.updateAlt', 'sparkImage.directive.tryVariations'];

const SETTINGS = [
  'sparkImage.apiBaseUrl',
  'sparkImage.createPath',
  'sparkImage.taskPath',
  'sparkImage.requestFormat',
  'sparkImage.model',
  'sparkImage.defaultSize',
  'sparkImage.seed',
  'sparkImage.promptExpansion',
  'sparkImage.destination',
  'sparkImage.fileName',
  'sparkImage.timeoutSeconds',
  'sparkImage.spendLimit',
  'sparkImage.price',
  'sparkImage.maxConcurrent',
  'sparkImage.batchConcurrency',
  'sparkImage.output.format',
  'sparkImage.output.maxWidth',
  'sparkImage.output.quality',
  'sparkImage.output.cacheMaxMB',
];

/** Workspace and global state (Memento) keys, secret keys and status bar item ids, as the source uses them. */
const STATE_KEYS = ['sparkImage.learnedPrices', 'sparkImage.pending', 'sparkImage.studio.history'];
const SECRET_KEYS = ['sparkImage.apiKey'];
const STATUS_BAR_IDS = ['sparkImage.status'];

const PROVENANCE_FIELDS = ['tool', 'prompt', 'seed', 'width', 'height', 'model', 'usePreLlm', 'taskId', 'jobId', 'costUsd', 'discount', 'generatedImages', 'createdAt', 'completedAt'];

/** Every .ts file under a folder. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * The first argument of every call matching `call` in src/, as a string: a literal as written, a
 * constant through its `const NAME = '…'` in the same file. One that cannot be read that way is
 * reported as unresolved, so a key built at run time fails here instead of escaping the pin.
 */
function firstArguments(call: RegExp): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    const constants = new Map([...text.matchAll(/\bconst\s+(\w+)\s*=\s*'([^']*)'/g)].map((match) => [match[1], match[2]]));
    for (const match of text.matchAll(call)) {
      const argument = match[1];
      const literal = /^'([^']*)'$/.exec(argument)?.[1];
      found.add(literal ?? constants.get(argument) ?? `unresolved ${argument} in ${path.relative(ROOT, file)}`);
    }
  }
  return [...found].sort();
}

const ARGUMENT = String.raw`\s*(?:<[^>(]*>)?\(\s*('[^']*'|[\w.]+)`;

describe('stored names: nothing a user has stored may be renamed', () => {
  it('the extension id', () => {
    assert.strictEqual(`${manifest.publisher}.${manifest.name}`, 'spark-image.spark-image');
  });

  it('command ids: the palette ones contributed, and every id the code registers', () => {
    assert.deepStrictEqual(
      manifest.contributes.commands.map((command) => command.command),
      PALETTE_COMMANDS,
    );
    assert.deepStrictEqual(Object.values(CommandIds), [...PALETTE_COMMANDS, ...CODELENS_COMMANDS]);
  });

  it('setting keys', () => {
    assert.deepStrictEqual(Object.keys(manifest.contributes.configuration.properties), SETTINGS);
  });

  it('view ids: none contributed (the studio is a webview panel, pinned by its viewType)', () => {
    assert.deepStrictEqual(manifest.contributes.views ?? {}, {});
    assert.deepStrictEqual(manifest.contributes.viewsContainers ?? {}, {});
  });

  it("the studio's viewType, which restores an open panel after a reload", () => {
    assert.strictEqual(STUDIO_VIEW_TYPE, 'sparkImage.studio');
    assert.ok(manifest.activationEvents?.includes('onWebviewPanel:sparkImage.studio'), 'activates on the studio panel');
  });

  it('language model tool names and the #reference users type in chat', () => {
    assert.deepStrictEqual(
      manifest.contributes.languageModelTools.map((tool) => [tool.name, tool.toolReferenceName]),
      [
        ['sparkImage_generate', 'sparkImage'],
        ['sparkImage_resume', undefined],
      ],
    );
  });

  it('walkthrough and step ids (VS Code keeps their progress by id)', () => {
    assert.deepStrictEqual(
      manifest.contributes.walkthroughs.map((walkthrough) => [walkthrough.id, walkthrough.steps.map((step) => step.id)]),
      [['sparkImage.getStarted', ['setApiKey', 'generateFromSelection', 'writeDirective', 'openStudio']]],
    );
  });

  it('workspace and global state keys: every get and update on a Memento in src/', () => {
    assert.deepStrictEqual(firstArguments(new RegExp(String.raw`\b(?:\w*[sS]tate|memento)\.(?:get|update)${ARGUMENT}`, 'g')), [...STATE_KEYS].sort());
    assert.strictEqual(HISTORY_KEY, 'sparkImage.studio.history');
  });

  it('secret storage keys (the API key) and status bar item ids (VS Code remembers a hidden one)', () => {
    assert.deepStrictEqual(firstArguments(new RegExp(String.raw`\b\w*[sS]ecrets\.(?:get|store|delete)${ARGUMENT}`, 'g')), SECRET_KEYS);
    assert.deepStrictEqual(firstArguments(new RegExp(String.raw`\bcreateStatusBarItem${ARGUMENT}`, 'g')), STATUS_BAR_IDS);
  });

  it('the studio history stored by an older version is still listed', async () => {
    const stored = { id: 'task-1', status: 'completed', prompt: 'a red fox', createdAt: '2025-01-02T03:04:05.000Z', resumable: false };
    const state = new Map<string, unknown>([['sparkImage.studio.history', [stored]]]);
    const history = new HistoryStore({ get: <T>(key: string) => state.get(key) as T | undefined, update: async (key, value) => void state.set(key, value) });
    assert.deepStrictEqual(history.list(), [stored]);
  });

  it('provenance field names, as provenanceOf writes them', () => {
    const request = { model: 'spark_image_3_1', prompt: 'a red fox', use_pre_llm: false, seed: 7, width: 1328, height: 1328 };
    const record = provenanceOf(request, 'task-1', 0, 1000, { jobId: 'job-1', costUsd: 0.03, discount: 1, generatedImages: 1 });
    assert.deepStrictEqual(Object.keys(record).sort(), [...PROVENANCE_FIELDS].sort());
    assert.strictEqual(record.tool, 'spark-image');
  });

  it('a styled image adds userPrompt and style {name, template}; prompt keeps meaning the prompt sent', () => {
    const request = { model: 'spark_image_3_1', prompt: 'flat vector of a red fox', use_pre_llm: false, seed: 7, width: 1328, height: 1328 };
    const record = withStyle(provenanceOf(request, 'task-1', 0, 1000, {}), { userPrompt: 'a red fox', style: { name: 'brand', template: 'flat vector of {prompt}' } });
    assert.deepStrictEqual([record.prompt, record.userPrompt, record.style], ['flat vector of a red fox', 'a red fox', { name: 'brand', template: 'flat vector of {prompt}' }]);
    assert.deepStrictEqual(Object.keys(record).filter((key) => !PROVENANCE_FIELDS.includes(key)).sort(), ['style', 'userPrompt']);
    assert.deepStrictEqual(parseProvenance(JSON.parse(JSON.stringify(record))), record);
  });

  it('provenance stored by an older version still reads, and is still found in the file', () => {
    const stored = {
      tool: 'spark-image',
      prompt: 'a red fox',
      seed: 7,
      width: 1328,
      height: 1328,
      model: 'spark_image_3_1',
      usePreLlm: false,
      taskId: 'task-1',
      createdAt: '2025-01-02T03:04:05.000Z',
      completedAt: '2025-01-02T03:04:35.000Z',
      imageIndex: 1,
    };
    assert.deepStrictEqual(parseProvenance(stored), stored);
    assert.strictEqual(METADATA_KEYWORD, 'spark-image');
    assert.strictEqual(sidecarPath('docs/images/fox.webp'), 'docs/images/fox.webp.json');
  });

  it("the studio's kept variations: their folder in global storage and one file per task id (a kept one stays usable after an update)", () => {
    assert.strictEqual(KEPT_FOLDER, 'studio-variations');
    assert.strictEqual(keptFileName('task-1', 'png'), 'task-1.png');
  });
});

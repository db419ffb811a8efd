import { choiceOfExpansion } from '../core/spec/expansion';
import { RANDOM_SEED } from '../core/spec/spec';
import type { SparkSettings } from '../editor/config';
import type { HistoryEntry } from './history/historyStore';
import type { ComposeParams } from './protocol';

/** The compose form's first values, from the settings (no vscode here: the unit tests call it in Node). */
export function composeDefaults(settings: Pick<SparkSettings, 'defaultSize' | 'seed' | 'promptExpansion'>): ComposeParams {
  const { width, height } = settings.defaultSize;
  return { prompt: '', width, height, seed: settings.seed, expansion: choiceOfExpansion(settings.promptExpansion) };
}

/**
 * What Regenerate sends: the entry's prompt, size, seed and expansion again (Variation: a new random
 * seed). What an entry does not know (a failure before any task) comes from `defaults`.
 */
export function regenerateParams(entry: HistoryEntry, variation: boolean, defaults: ComposeParams): ComposeParams {
  const { width, height } = entry.width !== undefined && entry.height !== undefined ? { width: entry.width, height: entry.height } : defaults;
  return { prompt: entry.prompt, width, height, seed: variation ? RANDOM_SEED : (entry.seed ?? RANDOM_SEED), expansion: entry.expansion ?? defaults.expansion };
}

import * as vscode from 'vscode';
import { DEFAULT_BASE_URL, DEFAULT_CREATE_PATH, DEFAULT_REQUEST_FORMAT, DEFAULT_HEIGHT, DEFAULT_TASK_PATH, DEFAULT_WIDTH, MODEL_ID, RANDOM_SEED, RequestFormat } from '../core/spec/spec';
import { parseSizeNumbers } from '../core/spec/sizeText';
import { DEFAULT_DESTINATION, DEFAULT_FILE_NAME } from '../core/naming/naming';
import { PromptExpansion } from '../core/spec/expansion';
import { expansionFromSetting as expansion } from '../core/spec/expansion';
import { DEFAULT_VARIATION_CONCURRENCY } from '../core/job/variations';

export const SECTION = 'sparkImage';

/** One typed view of the settings; rebuilt when they change. */
export interface SparkSettings {
  apiBaseUrl: string;
  createPath: string;
  taskPath: string;
  requestFormat: RequestFormat;
  model: string;
  /** sparkImage.defaultSize, or the API's default when the setting is not a size: never undefined. */
  defaultSize: { width: number; height: number };
  defaultSizeSetting: string;
  seed: number;
  promptExpansion: PromptExpansion;
  destination: string;
  fileName: string;
  timeoutSeconds: number;
  maxConcurrent: number;
}

/**
 * Settings that decide where the key is sent are read only from the user's own (global) settings.
 * They are application-scoped in package.json already; reading the global value here as well means a
 * cloned repository's .vscode/settings.json cannot redirect the key even if that scope were ignored.
 */
function userOnly<T>(config: vscode.WorkspaceConfiguration, key: string, fallback: T): T {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

/** A size setting or argument: a preset or WIDTHxHEIGHT (the core's one size reader). */
export const parseSize = parseSizeNumbers;

export function readSettings(scope?: vscode.Uri): SparkSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const sizeSetting = config.get<string>('defaultSize', '1k-1:1');
  return {
    apiBaseUrl: userOnly(config, 'apiBaseUrl', DEFAULT_BASE_URL).trim(),
    createPath: userOnly(config, 'createPath', DEFAULT_CREATE_PATH),
    taskPath: userOnly(config, 'taskPath', DEFAULT_TASK_PATH),
    // An unknown value is passed on as typed: the core refuses it by name rather than guessing.
    requestFormat: userOnly<string>(config, 'requestFormat', DEFAULT_REQUEST_FORMAT) as RequestFormat,
    model: config.get<string>('model', MODEL_ID) || MODEL_ID,
    defaultSize: parseSize(sizeSetting) ?? { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT },
    defaultSizeSetting: sizeSetting,
    seed: config.get<number>('seed', RANDOM_SEED),
    promptExpansion: expansion(config.get<string | boolean>('promptExpansion', 'auto')),
    destination: config.get<string>('destination', DEFAULT_DESTINATION) || DEFAULT_DESTINATION,
    fileName: config.get<string>('fileName', DEFAULT_FILE_NAME) || DEFAULT_FILE_NAME,
    timeoutSeconds: Math.max(2, config.get<number>('timeoutSeconds', 300)),
    maxConcurrent: Math.min(8, Math.max(1, Math.floor(config.get<number>('maxConcurrent', DEFAULT_VARIATION_CONCURRENCY)))),
  };
}

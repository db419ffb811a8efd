import * as vscode from 'vscode';
import { ESTIMATE_TEMPLATE } from '../core/spend/pricing';
import { CODE_DESCRIPTIONS } from '../core/spec/spec';
import type { StudioStrings } from './protocol';

/** The front-end's strings, localized here (the webview has no access to vscode.l10n). */
export function studioStrings(): StudioStrings {
  return {
    title: vscode.l10n.t('Image Studio'),
    compose: vscode.l10n.t('Compose'),
    prompt: vscode.l10n.t('Prompt'),
    promptPlaceholder: vscode.l10n.t('Describe the image to generate'),
    charCount: vscode.l10n.t('{0} / {1} characters'),
    promptRecommended: vscode.l10n.t('Up to {0} characters are recommended; the maximum is {1}.'),
    size: vscode.l10n.t('Size'),
    custom: vscode.l10n.t('Custom…'),
    width: vscode.l10n.t('Width'),
    height: vscode.l10n.t('Height'),
    seed: vscode.l10n.t('Seed'),
    randomSeed: vscode.l10n.t('Random seed'),
    lockSeed: vscode.l10n.t('Lock seed'),
    expansion: vscode.l10n.t('Prompt expansion'),
    expansionAuto: vscode.l10n.t('Auto'),
    expansionOn: vscode.l10n.t('On'),
    expansionOff: vscode.l10n.t('Off'),
    expansionAdvice: vscode.l10n.t('Expansion rewrites and enriches the prompt: recommended for short prompts, not for long ones. Auto turns it on up to 120 characters.'),
    generate: vscode.l10n.t('Generate'),
    generateHint: vscode.l10n.t('Ctrl+Enter (Cmd+Enter on macOS) generates.'),
    runs: vscode.l10n.t('Running'),
    cancel: vscode.l10n.t('Cancel'),
    phaseSubmitting: vscode.l10n.t('Submitting'),
    phaseQueued: vscode.l10n.t('Queued'),
    phaseRunning: vscode.l10n.t('Generating'),
    phaseDownloading: vscode.l10n.t('Downloading'),
    phaseDone: vscode.l10n.t('Done'),
    phaseFailed: vscode.l10n.t('Failed'),
    phaseCancelled: vscode.l10n.t('Cancelled'),
    elapsed: vscode.l10n.t('{0} s'),
    result: vscode.l10n.t('Result'),
    noResult: vscode.l10n.t('Generate an image, or pick one from the history.'),
    preview: vscode.l10n.t('Preview of “{0}”'),
    insert: vscode.l10n.t('Insert'),
    insertInto: vscode.l10n.t('Insert into {0}'),
    noEditor: vscode.l10n.t('Open a text editor to insert into.'),
    copyMarkdown: vscode.l10n.t('Copy Markdown'),
    reveal: vscode.l10n.t('Reveal in Explorer'),
    regenerate: vscode.l10n.t('Regenerate'),
    variation: vscode.l10n.t('Variation'),
    sameSeed: vscode.l10n.t('Same Seed, Other Size'),
    history: vscode.l10n.t('History'),
    search: vscode.l10n.t('Search history'),
    totalCost: vscode.l10n.t('Total cost: {0}'),
    reuse: vscode.l10n.t('Reuse'),
    show: vscode.l10n.t('Show'),
    resume: vscode.l10n.t('Resume'),
    statusCompleted: vscode.l10n.t('Completed'),
    statusFailed: vscode.l10n.t('Failed'),
    statusPending: vscode.l10n.t('Pending'),
    taskId: vscode.l10n.t('Task'),
    cost: vscode.l10n.t('Cost'),
    date: vscode.l10n.t('Date'),
    emptyHistory: vscode.l10n.t('No generations yet in this workspace.'),
    imageMissing: vscode.l10n.t('Image file not found'),
    preset1k: vscode.l10n.t('Standard 1K'),
    /** {0}: an aspect ratio such as 9:16. */
    portrait: vscode.l10n.t('{0} portrait'),
    /** {0}: a file name and line, such as guide.md:12. */
    targetFor: vscode.l10n.t('For {0}: saved with its images; Insert puts the link below that line.'),
    noTarget: vscode.l10n.t('No text editor: the image is saved in the workspace folder.'),
    preset2k: vscode.l10n.t('High Definition 2K'),
    variations: vscode.l10n.t('Variations'),
    variationsEstimate: vscode.l10n.t('{0} for {1} images'),
    variationsTitle: vscode.l10n.t('Variations: pick one'),
    useThis: vscode.l10n.t('Use this'),
    kept: vscode.l10n.t('Kept outside the workspace for 30 days until you use it'),
    boundTo: vscode.l10n.t('For the directive at {0}: Use this writes its image and pins its seed.'),
  };
}

/** The core's validation messages the front-end formats itself (English text → localized template). */
const CORE_TEMPLATES = [
  'The prompt is empty: describe the image to generate.',
  'The prompt has {0} characters; the maximum is {1}. Shorten it by {2}.',
  'The prompt has {0} characters; up to {1} is recommended, longer prompts may be ignored in part.',
  'The seed must be a whole number from 0 to {0} (or -1 for random), not {1}.',
  'Width and height go together: {0} is set but {1} is missing.',
  'The {0} must be a whole number of pixels, not {1}.',
  'The {0} is {1} px; each side must be from {2} to {3} px.',
  '{0}×{1} is {2} pixels; the total must be from 512×512 ({3}) to 2048×2048 ({4}).',
  '{0}×{1} is {2}; the aspect ratio must be from 1:3 to 3:1.',
  'width',
  'height',
  ESTIMATE_TEMPLATE,
  ...Object.values(CODE_DESCRIPTIONS),
];

export function coreMessages(): Record<string, string> {
  return Object.fromEntries(CORE_TEMPLATES.map((template) => [template, vscode.l10n.t(template)]));
}

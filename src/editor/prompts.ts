import * as vscode from 'vscode';
import { PROMPT_MAX_CODE_POINTS, PROMPT_RECOMMENDED_CODE_POINTS } from '../core/spec/spec';
import { validatePrompt } from '../core/spec/validation';
import { codePointLength } from '../core/base/text';
import { checkSize, formatAspect } from '../core/spec/sizeRules';
import { sameSize, Size, SizeChoice, sizeChoices } from '../core/spec/sizeChoices';
import { translate } from './l10n';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH } from '../core/spec/spec';
import { parseSizeText } from '../core/spec/sizeText';
import { estimateCostUsd } from '../core/spend/pricing';
import { estimateLabel, priceBook } from './generation/priceMemory';

/** What one image of this size will cost, on the pick itself: "≈ $0.06, estimated". */
function estimateOf(size: Size): string {
  return estimateLabel(estimateCostUsd(size.width, size.height, priceBook()));
}

/** Asks for a prompt with a live character count and the seed's rules checked as the user types. */
export async function askForPrompt(initial = ''): Promise<string | undefined> {
  const prompt = await vscode.window.showInputBox({
    title: vscode.l10n.t('Spark Image: Generate Image'),
    prompt: vscode.l10n.t('Describe the image (up to {0} characters recommended, {1} at most).', PROMPT_RECOMMENDED_CODE_POINTS, PROMPT_MAX_CODE_POINTS),
    placeHolder: vscode.l10n.t('A watercolor fox reading documentation'),
    value: initial,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const length = codePointLength(value.trim());
      const issues = validatePrompt(value, translate);
      const error = issues.find((issue) => issue.severity === 'error');
      if (error && value.length > 0) {
        return { message: error.message, severity: vscode.InputBoxValidationSeverity.Error };
      }
      if (length > PROMPT_RECOMMENDED_CODE_POINTS) {
        return { message: vscode.l10n.t('{0}/{1} characters: longer than recommended.', length, PROMPT_MAX_CODE_POINTS), severity: vscode.InputBoxValidationSeverity.Warning };
      }
      return length > 0 ? { message: vscode.l10n.t('{0}/{1} characters', length, PROMPT_MAX_CODE_POINTS), severity: vscode.InputBoxValidationSeverity.Info } : undefined;
    },
  });
  return prompt === undefined || prompt.trim() === '' ? undefined : prompt.trim();
}

interface SizeItem extends vscode.QuickPickItem {
  size?: Size;
  custom?: boolean;
}

export interface SizeQuestion {
  /** Offered first instead of the default (Same Seed offers another size than the image's). */
  active?: Size;
  /** Marked "current image" (Same Seed). */
  current?: Size;
  title?: string;
}

function qualityLabel(choice: SizeChoice): string {
  return choice.quality === '1k' ? '1K' : '2K';
}

/** "16:9 · 2K", "9:16 portrait · 1K": what typing in the picker matches ("16:9", "2K", "portrait"). */
function describe(choice: SizeChoice): string {
  const shape = choice.orientation === 'portrait' ? vscode.l10n.t('{0} portrait', choice.ratio) : choice.ratio;
  return `${shape} · ${qualityLabel(choice)}`;
}

function sizeItems(defaultSize: Size | undefined, question: SizeQuestion): SizeItem[] {
  const items: SizeItem[] = [];
  const choices = sizeChoices();
  const { active, current } = question;
  const mark = (size: Size) => (current && sameSize(size, current) ? ` · ${vscode.l10n.t('current image')}` : '');
  const shapeOf = (size: Size) => {
    const known = choices.find((choice) => sameSize(choice, size));
    return known ? describe(known) : formatAspect(size.width, size.height);
  };
  // The offered size first, so Enter takes it (a quick pick focuses its first item).
  const first = active ?? defaultSize;
  if (first) {
    const star = active ? '$(arrow-right)' : '$(star-full)';
    const description = defaultSize && sameSize(first, defaultSize) ? vscode.l10n.t('Default ({0})', shapeOf(first)) : shapeOf(first);
    items.push({ label: `${star} ${first.width} × ${first.height}`, description: `${description}${mark(first)} · ${estimateOf(first)}`, size: first });
  }
  for (const quality of ['1k', '2k'] as const) {
    items.push({ label: quality === '1k' ? vscode.l10n.t('Standard 1K') : vscode.l10n.t('High Definition 2K'), kind: vscode.QuickPickItemKind.Separator });
    for (const choice of choices.filter((c) => c.quality === quality && !(first && sameSize(c, first)))) {
      items.push({ label: `${choice.width} × ${choice.height}`, description: `${describe(choice)}${mark(choice)} · ${estimateOf(choice)}`, size: { width: choice.width, height: choice.height } });
    }
  }
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: vscode.l10n.t('$(edit) Custom size…'), description: vscode.l10n.t('width × height'), custom: true });
  return items;
}

/** The seed's recommended sizes (landscape and portrait), the offered one first, and a custom size. */
export async function askForSize(defaultSize: Size | undefined, question: SizeQuestion = {}): Promise<Size | undefined> {
  const picked = await vscode.window.showQuickPick(sizeItems(defaultSize, question), {
    title: question.title ?? vscode.l10n.t('Spark Image: Image Size'),
    placeHolder: vscode.l10n.t('Choose the size of the image (type 16:9, 2K or portrait to filter)'),
    ignoreFocusOut: true,
    matchOnDescription: true,
  });
  if (!picked) {
    return undefined;
  }
  return picked.custom ? askForCustomSize(defaultSize) : picked.size;
}

function parseCustom(value: string): { width: number | string; height: number | string } | undefined {
  const pair = parseSizeText(value);
  // Each side one word: "12 34 x 5" is not a size to check, but a typo to show.
  return pair && !/\s/.test(`${pair.width}${pair.height}`) ? pair : undefined;
}

async function askForCustomSize(defaultSize: { width: number; height: number } | undefined): Promise<{ width: number; height: number } | undefined> {
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Spark Image: Custom Size'),
    prompt: vscode.l10n.t('Width × height in pixels: aspect ratio 1:3 to 3:1, total from 512×512 to 2048×2048.'),
    value: defaultSize ? `${defaultSize.width}x${defaultSize.height}` : `${DEFAULT_WIDTH}x${DEFAULT_HEIGHT}`,
    ignoreFocusOut: true,
    validateInput: (text) => {
      const parts = parseCustom(text);
      if (!parts) {
        return vscode.l10n.t('Write the size as WIDTHxHEIGHT, for example 1664x936.');
      }
      const result = checkSize(parts.width, parts.height, translate);
      // A size that can be sent shows what it will cost before Enter.
      return 'message' in result ? result.message : { message: estimateOf(result), severity: vscode.InputBoxValidationSeverity.Info };
    },
  });
  const parts = value === undefined ? undefined : parseCustom(value);
  if (!parts) {
    return undefined;
  }
  const result = checkSize(parts.width, parts.height, translate);
  return 'message' in result ? undefined : result;
}

/**
 * The studio's style picker: the styles of the nearest spark-image.json (for the document Insert writes
 * into, else the workspace folder), the default one preselected, "none" to opt out; the chosen one is
 * applied as directives and the palette commands apply theirs (applyStyle), so the one check sees the
 * prompt actually sent and the provenance records userPrompt and style. No vscode value here (types only).
 */
import type * as vscode from 'vscode';
import type { HouseStyles } from '../../core/directives/directiveStyle';
import type { UnitPrices } from '../../core/spend/pricing';
import { applyStyle, pickHouseStyle, type StyledPrompt } from '../../core/repoConfig/houseStyle';
import { NO_STYLE } from '../protocol';

/** What the studio reads from extension.js (module state there: the learned prices, the house-style reader). */
export interface StudioReads {
  unitPrices(): UnitPrices;
  /** The nearest spark-image.json's styles for a document, else for the workspace folder; undefined without a file. */
  stylesAt(document: vscode.TextDocument | undefined): Promise<HouseStyles | undefined>;
}

type Translate = (message: string, ...args: Array<string | number>) => string;

/** What the picker offers: the file's style names, and the one preselected (the default, else none). */
export function styleChoices(styles: HouseStyles | undefined): { names: string[]; preselected: string } {
  const config = styles?.reading.config;
  if (!config) {
    return { names: [], preselected: NO_STYLE };
  }
  const names = Object.keys(config.styles);
  const fallback = config.defaults.style;
  return { names, preselected: fallback !== undefined && names.includes(fallback) ? fallback : NO_STYLE };
}

/** A refusal of the picker's choice: shown in the page, nothing sent. */
export class StyleRefusal extends Error {
  readonly kind = 'validation';
}

/**
 * The prompt styled as chosen (`undefined`: the file's default; "none": none). Undefined when no style
 * applies. An unknown name, or a style asked of a file that cannot be read, is refused: nothing is sent.
 */
export function styledPrompt(prompt: string, choice: string | undefined, styles: HouseStyles | undefined, t: Translate): StyledPrompt | undefined {
  const picked = pickHouseStyle(choice, styles);
  if ('refused' in picked) {
    throw new StyleRefusal(
      picked.refused === 'unknown'
        ? t('Unknown style {0}: {1} defines {2}. Nothing was sent.', picked.name, picked.file, picked.known.join(', ') || t('none'))
        : t('The style {0} cannot be used: {1} has problems (see the Problems view). Nothing was sent.', picked.name, styles?.file ?? 'spark-image.json'),
    );
  }
  return picked.style ? applyStyle(prompt, picked.style) : undefined;
}

/**
 * The style of a studio bound to a directive (Try Variations…): the directive's own style, applied
 * to whatever prompt the form sends, an edited one too, so nothing is sent without it.
 */
export function boundStyled(prompt: string, directiveStyled: StyledPrompt | undefined): StyledPrompt | undefined {
  const style = directiveStyled?.style;
  return style ? applyStyle(prompt, { name: style.name, prompt: style.template }) : undefined;
}

import type * as vscode from 'vscode';
import type { GeneratedImage } from '../../core/job/ports';
import type { StyledPrompt } from '../../core/repoConfig/houseStyle';
import { parseComposeParams, type ComposeParams } from '../protocol';

/**
 * The studio bound to a directive (its Try Variations… lens): the directive's request fills the form,
 * and Use this hands the picked variation back to the directive, which saves, links and pins its seed.
 * It arrives as the openStudio command's argument, so it is checked here as a message is.
 */
export interface StudioBinding {
  label: string;
  params: ComposeParams;
  styled?: StyledPrompt;
  use(image: GeneratedImage): Promise<vscode.Uri | undefined>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}

/** The binding the directive side sent (src/directives/tryVariations.ts), or undefined for anything else. */
export function asBinding(value: unknown): StudioBinding | undefined {
  if (!isRecord(value) || value.kind !== 'sparkImage.variationBinding' || typeof value.use !== 'function' || typeof value.label !== 'string') {
    return undefined;
  }
  const params = parseComposeParams({ prompt: value.prompt, width: value.width, height: value.height, seed: value.seed, expansion: value.expansion });
  if (!params) {
    return undefined;
  }
  const styled = isRecord(value.styled) && typeof value.styled.prompt === 'string' ? (value.styled as unknown as StyledPrompt) : undefined;
  const use = value.use as StudioBinding['use'];
  return { label: value.label.slice(0, 200), params, styled, use };
}

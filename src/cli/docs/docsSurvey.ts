import * as fs from 'fs';
import * as path from 'path';
import { Directive, hasErrors, parseDirectives } from '../../core/directives/directives';
import { altEdit, DirectiveDefaults, OutOfDateChange, outOfDateState, wantedImage } from '../../core/directives/outOfDate';
import { MODEL_ID, DEFAULT_HEIGHT, DEFAULT_WIDTH } from '../../core/spec/spec';
import { readProvenanceFile } from './provenanceFile';
import { styleDirectives } from '../../core/directives/directiveStyle';
import { StylesByFile } from '../styles/docsStyles';

/** The CLI has no settings: a directive without options gets the API's defaults. */
export const CLI_DEFAULTS: DirectiveDefaults = { size: { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT }, model: MODEL_ID, expansion: 'auto' };

export interface Found {
  file: string;
  directive: Directive;
  /** A regeneration for its output (docs --update --regenerate): the committed image it is saved over. */
  replaces?: string;
}

/** A directive whose image exists but was made from other settings: what changed, old and new. */
export interface OutOfDateFound extends Found {
  image: string;
  changes: OutOfDateChange[];
}

/** A directive whose image is right but whose link has another alt text: the link is fixed, nothing generated. */
export interface AltFound extends Found {
  was: string;
  now: string;
}

export interface Survey {
  files: number;
  total: number;
  missing: Found[];
  invalid: Found[];
  outOfDate: OutOfDateFound[];
  alt: AltFound[];
  /** Images without provenance: whether they are up to date cannot be told. */
  unknown: Array<Found & { image: string }>;
}

function imageFile(file: string, directive: Directive): string | undefined {
  const image = directive.image;
  return image && !image.isUrl ? path.resolve(path.dirname(file), image.path.split(/[?#]/)[0]) : undefined;
}

/**
 * Directives of the files: valid ones without their image (no link, or a link to a missing file),
 * invalid ones and, with `outOfDate`, those whose image is out of date, unknown, or whose link's alt
 * text is not the one asked for. Reads image headers only when asked to.
 */
export function survey(files: readonly string[], options: { outOfDate: boolean; styles?: StylesByFile }): Survey {
  const result: Survey = { files: files.length, total: 0, missing: [], invalid: [], outOfDate: [], alt: [], unknown: [] };
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const directive of styleDirectives(parseDirectives(text), options.styles?.get(file))) {
      result.total++;
      const item = { file, directive };
      if (hasErrors(directive) || !directive.request) {
        result.invalid.push(item);
        continue;
      }
      const image = imageFile(file, directive);
      if (!directive.image || (image !== undefined && !fs.existsSync(image))) {
        result.missing.push(item);
        continue;
      }
      if (!options.outOfDate || image === undefined) {
        continue;
      }
      const state = outOfDateState(readProvenanceFile(image), wantedImage(directive.request, CLI_DEFAULTS));
      if (state.state === 'outOfDate') {
        // The regenerated image gets its link written anew, alt text included.
        result.outOfDate.push({ ...item, image, changes: state.changes });
        continue;
      }
      if (state.state === 'unknown') {
        result.unknown.push({ ...item, image });
      }
      const edit = altEdit(directive);
      if (edit) {
        result.alt.push({ ...item, was: edit.was, now: edit.now });
      }
    }
  }
  return result;
}

/**
 * One way to a file name nobody else has: try "name.png", then "name-1.png", "name-2.png", … and
 * claim each atomically (a create or rename that fails when the name is taken), never check first
 * and write after. The front ends claim with what their file system offers.
 */

/** A file name in two parts, so a numbered suffix goes between them ('' extension: none). */
export interface FileName {
  stem: string;
  extension: string;
}

const MAX_NUMBERED_NAMES = 10_000;

/** "cat.v2.png" → {stem: "cat.v2", extension: "png"}; a leading dot is part of the stem. */
export function splitFileName(fileName: string): FileName {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? { stem: fileName.slice(0, dot), extension: fileName.slice(dot + 1) } : { stem: fileName, extension: '' };
}

function joined(stem: string, extension: string): string {
  return extension === '' ? stem : `${stem}.${extension}`;
}

/** The names to claim, in order: the name itself, then numbered ones. */
export function* numberedNames(name: FileName): Generator<string> {
  yield joined(name.stem, name.extension);
  for (let n = 1; n < MAX_NUMBERED_NAMES; n++) {
    yield joined(`${name.stem}-${n}`, name.extension);
  }
}

export function noFreeName(name: FileName, folder: string): Error {
  return new Error(`No free file name for ${joined(name.stem, name.extension)} in ${folder}.`);
}

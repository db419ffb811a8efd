import type { SharedOptions } from '../commandTypes';
import { ExitCode, ExitCodeValue } from '../exitCodes';
import { CliIo } from '../terminal/io';
import { CheckMode } from './docsArgs';
import { checkListing, unknownNotes } from './docsReport';
import { Survey } from './docsSurvey';

/**
 * What fixes what, after a failed gate: a run generates what is missing (--update also what is out
 * of date, and fixes alt texts); no run fixes a directive with an error, only editing it does.
 */
export function checkFooter(found: Survey, mode: Exclude<CheckMode, false>): string[] {
  const all = mode === 'all';
  const counts = [`${found.missing.length} without an image`];
  if (all) {
    counts.push(`${found.outOfDate.length} out of date`, `${found.alt.length} with an alt text to update`);
  }
  if (found.invalid.length > 0) {
    counts.push(`${found.invalid.length} with errors`);
  }
  const lines = [`directives: ${counts.join(', ')}.`];
  const fixes = [found.missing.length > 0 ? 'generate the missing images' : '', all && found.outOfDate.length > 0 ? 'regenerate the out-of-date ones' : '', all && found.alt.length > 0 ? 'update the alt texts' : ''].filter(Boolean);
  if (fixes.length > 0) {
    const said = fixes.length === 1 ? fixes[0] : `${fixes.slice(0, -1).join(', ')} and ${fixes[fixes.length - 1]}`;
    lines.push(`Run "spark-image docs${all ? ' --update' : ''}" to ${said}.`);
  }
  if (found.invalid.length > 0) {
    lines.push(`Edit the ${found.invalid.length} directive(s) with errors as each error line says: no run of spark-image fixes them.`);
  }
  return lines;
}

/** Images that fail the gate for their bytes, not their directive: over the weight budget, or an output out of date. */
export interface ImageFailures {
  overBudget: number;
  outputOutOfDate: number;
}

/** docs --check: sends nothing; exit 0 when the gate passes, 1 when it fails. */
export function runCheck(io: CliIo, found: Survey, files: number, mode: Exclude<CheckMode, false>, shared: SharedOptions, json: (extra: Record<string, unknown>) => void, images: ImageFailures): ExitCodeValue {
  const { missing, invalid, total } = found;
  const failing = missing.length + invalid.length + (mode === 'all' ? found.outOfDate.length + found.alt.length : 0) + images.overBudget + images.outputOutOfDate;
  if (shared.json) {
    json({ check: mode, ok: failing === 0, ...images });
  } else {
    const view = mode === 'all' ? found : { ...found, outOfDate: [], alt: [] };
    checkListing(io, view).forEach((line) => io.stdout.write(`${line}\n`));
  }
  unknownNotes(io, found).forEach((line) => io.stderr.line(line));
  if (failing === 0) {
    io.stderr.line(`${total} directive(s) in ${files} file(s): every one has its image${mode === 'all' ? ', up to date' : ''}.`);
    return ExitCode.ok;
  }
  checkFooter(found, mode).forEach((line) => io.stderr.line(line));
  if (images.outputOutOfDate > 0) {
    io.stderr.line(`${images.outputOutOfDate} image(s) saved with another output than asked: run "spark-image docs --update" to re-encode them (no request when the original or the committed file will do).`);
  }
  if (images.overBudget > 0) {
    io.stderr.line(`${images.overBudget} image(s) over the weight budget: save them smaller (output.format webp, a lower output.maxWidth or output.quality), then run "spark-image docs --update".`);
  }
  return ExitCode.unexpected;
}

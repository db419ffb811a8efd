import * as fs from 'fs';
import * as path from 'path';
import { runBatch } from '../core/batch';
import { Directive, directiveSize, estimateCostUsd, findDirectiveAgain, hasErrors, linkEdit, parseDirectives } from '../core/directives';
import { generateImage } from '../core/generate';
import { embedProvenance, sidecarPath, sidecarText } from '../core/imageMetadata';
import { altTextFromPrompt, imageLink } from '../core/linkText';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH } from '../core/spec';
import { SharedOptions } from './args';
import { apiConfigFrom } from './config';
import { coreDeps } from './coreDeps';
import { DocsOptions } from './docsArgs';
import { markdownFiles } from './docsFiles';
import { ExitCode, exitCodeFor, ExitCodeValue } from './exitCodes';
import { reportFailure } from './failure';
import { generatedName } from './fileName';
import { CliIo } from './io';
import { saveImage } from './output';

export type DocsCommand = { kind: 'docs'; options: DocsOptions; shared: SharedOptions };

interface Found {
  file: string;
  directive: Directive;
}

const IMAGES_FOLDER = 'images';

function where(io: CliIo, item: Found): string {
  return `${path.relative(io.cwd, item.file).replace(/\\/g, '/') || item.file}:${item.directive.line + 1}`;
}

function quoted(prompt: string): string {
  return `“${altTextFromPrompt(prompt, 60)}”`;
}

function sizeOf(directive: Directive): { width: number; height: number } {
  return directiveSize(directive.request ?? { prompt: '' }, { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT });
}

/** Directives of the files: valid ones without their image (no link, or a link to a missing file), and invalid ones. */
function survey(files: readonly string[]): { total: number; missing: Found[]; invalid: Found[] } {
  const missing: Found[] = [];
  const invalid: Found[] = [];
  let total = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const directive of parseDirectives(text)) {
      total++;
      if (hasErrors(directive) || !directive.request) {
        invalid.push({ file, directive });
      } else if (!directive.image || (!directive.image.isUrl && !fs.existsSync(path.resolve(path.dirname(file), directive.image.path.split(/[?#]/)[0])))) {
        missing.push({ file, directive });
      }
    }
  }
  return { total, missing, invalid };
}

function listInvalid(io: CliIo, invalid: readonly Found[], sink: (line: string) => void): void {
  for (const item of invalid) {
    for (const issue of item.directive.issues.filter((candidate) => candidate.severity === 'error')) {
      sink(`${where(io, item)}: error: ${issue.message}`);
    }
  }
}

/** Puts the link below its directive (replacing the one there), re-reading the file so other runs' links stay. */
function linkInFile(file: string, previous: Directive, imagePath: string, prompt: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const again = findDirectiveAgain(parseDirectives(text), previous);
  if (!again) {
    throw new Error(`the directive on line ${previous.line + 1} of ${file} changed while its image was generated; the image is at ${imagePath}`);
  }
  const relative = path.relative(path.dirname(file), imagePath).split(path.sep).join('/');
  const edit = linkEdit(text, again, imageLink('markdown', { path: relative, alt: altTextFromPrompt(prompt) }));
  fs.writeFileSync(file, text.slice(0, edit.start) + edit.newText + text.slice(edit.end));
}

/**
 * spark-image docs: the editor's directive rules for markdown files from a terminal or CI.
 * --check sends nothing and fails when an image is missing; --dry-run prints the plan and its cost;
 * otherwise missing images are generated (at most N at a time) and linked. A second run sends nothing.
 */
export async function runDocs(command: DocsCommand, io: CliIo): Promise<ExitCodeValue> {
  const { options, shared } = command;
  let files: string[];
  try {
    files = markdownFiles(options.paths, io.cwd);
  } catch (error) {
    return reportFailure(io.stderr, error);
  }
  const { total, missing, invalid } = survey(files);

  if (options.check) {
    for (const item of missing) {
      io.stdout.write(`${where(io, item)}: no image for ${quoted(item.directive.prompt)}\n`);
    }
    listInvalid(io, invalid, (line) => io.stdout.write(`${line}\n`));
    if (missing.length + invalid.length === 0) {
      io.stderr.line(`${total} directive(s) in ${files.length} file(s): every one has its image.`);
      return ExitCode.ok;
    }
    io.stderr.line(`${missing.length} directive(s) without an image${invalid.length > 0 ? `, ${invalid.length} with errors` : ''}. Run "spark-image docs" to generate them.`);
    return ExitCode.unexpected;
  }

  const estimate = missing.reduce((sum, item) => sum + estimateCostUsd(sizeOf(item.directive).width, sizeOf(item.directive).height), 0);
  if (options.dryRun) {
    for (const item of missing) {
      const { width, height } = sizeOf(item.directive);
      const seed = item.directive.request?.seed;
      io.stdout.write(`${where(io, item)}  ${width}×${height}  seed ${seed ?? 'random'}  ${quoted(item.directive.prompt)}\n`);
    }
    io.stdout.write(`${missing.length} image(s) to generate, estimated cost $${estimate.toFixed(2)} ($0.03 per 1K image, $0.06 above 1328×1328).\n`);
    listInvalid(io, invalid, (line) => io.stderr.line(line));
    return invalid.length > 0 ? ExitCode.invalidInput : ExitCode.ok;
  }

  listInvalid(io, invalid, (line) => io.stderr.line(line));
  if (missing.length === 0) {
    io.stderr.line(`${total} directive(s) in ${files.length} file(s): nothing to generate.`);
    return invalid.length > 0 ? ExitCode.invalidInput : ExitCode.ok;
  }
  let api;
  try {
    api = apiConfigFrom(io.env, shared.baseUrl);
  } catch (error) {
    return reportFailure(io.stderr, error);
  }
  const deps = coreDeps(io, api.apiKey, shared.verbose);
  io.stderr.line(`generating ${missing.length} image(s), ${options.concurrency} at a time, estimated cost $${estimate.toFixed(2)}`);
  let spent = 0;
  const outcomes = await runBatch(
    missing,
    async (item, signal) => {
      const request = item.directive.request as NonNullable<Directive['request']>;
      const { width, height } = sizeOf(item.directive);
      const result = await generateImage({ prompt: request.prompt, width, height, seed: request.seed, usePreLlm: request.usePreLlm }, api, deps, {
        signal,
        deadlineMs: shared.timeoutSeconds === undefined ? undefined : shared.timeoutSeconds * 1000,
      });
      const image = result.images[0];
      const folder = path.join(path.dirname(item.file), IMAGES_FOLDER);
      fs.mkdirSync(folder, { recursive: true });
      const embedded = embedProvenance(image.bytes, image.provenance);
      const saved = saveImage(embedded ?? image.bytes, folder, generatedName(request.prompt, String(image.provenance.seed), image.info));
      if (!embedded) {
        fs.writeFileSync(sidecarPath(saved), sidecarText(image.provenance));
      }
      linkInFile(item.file, item.directive, saved, request.prompt);
      spent += image.provenance.costUsd ?? 0;
      const cost = image.provenance.costUsd === undefined ? '' : ` · $${image.provenance.costUsd.toFixed(4)}`;
      io.stderr.line(`${where(io, item)}: ${path.relative(io.cwd, saved).replace(/\\/g, '/')} · seed ${image.provenance.seed}${cost}`);
      io.stdout.write(`${saved}\n`);
      return saved;
    },
    { concurrency: options.concurrency, signal: io.signal },
  );
  const failures = outcomes.flatMap((outcome, index) => (outcome.status === 'rejected' ? [{ item: missing[index], error: outcome.error }] : []));
  for (const { item, error } of failures) {
    io.stderr.line(`${where(io, item)}: failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const done = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
  io.stderr.line(`${done} of ${missing.length} image(s) generated · $${spent.toFixed(4)}${failures.length > 0 ? ` · ${failures.length} failed` : ''}`);
  if (io.signal.aborted) {
    return ExitCode.interrupted;
  }
  if (failures.length > 0) {
    const code = exitCodeFor(failures[0].error);
    return code === ExitCode.ok ? ExitCode.failed : code;
  }
  return invalid.length > 0 ? ExitCode.invalidInput : ExitCode.ok;
}

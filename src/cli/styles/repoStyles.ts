/**
 * The CLI's and the MCP server's side of spark-image.json: find the nearest file, report what is
 * wrong in it (file:line:column), and turn a prompt and a style name into what is sent. Every
 * refusal here comes before anything is sent.
 */
import * as path from 'path';
import { HouseStyles } from '../../core/directives/directiveStyle';
import { applyStyle, pickHouseStyle, StyledPrompt, styleRefusalText } from '../../core/repoConfig/houseStyle';
import { formatProblem, HouseStyle } from '../../core/repoConfig/repoConfig';
import { parseSizeNumbers } from '../../core/spec/sizeText';
import { GenerationInput } from '../../core/spec/validation';
import { loadRepoConfig, repositoryRootOf } from '../../node/repoConfigFile';
import type { GenerateCommand } from '../commandTypes';
import { CliIo } from '../terminal/io';
import { UsageError } from '../usageError';

/** The nearest spark-image.json from `start` up to `root`, named relative to `cwd`; undefined when there is none. */
export async function houseStylesFor(start: string, root: string, cwd: string): Promise<HouseStyles | undefined> {
  const loaded = await loadRepoConfig(start, root);
  if (!loaded.file) {
    return undefined;
  }
  const file = path.relative(cwd, loaded.file).split(path.sep).join('/') || loaded.file;
  return { reading: { config: loaded.config, problems: loaded.problems }, file };
}

/** Each problem of the file as `file:line:column: severity: message`. */
export function problemLines(styles: HouseStyles | undefined): string[] {
  return styles ? styles.reading.problems.map((problem) => formatProblem(styles.file, problem)) : [];
}

/** Where the search starts for a --out: its folder when it names a file (an extension), else the folder itself. */
export function searchStartFor(out: string | undefined, cwd: string): string {
  if (out === undefined) {
    return cwd;
  }
  const full = path.resolve(cwd, out);
  return /[\\/]$/.test(out) || path.extname(full) === '' ? full : path.dirname(full);
}

/**
 * The style a request asks for (`requested`, `none`, else the file's default). Refused, as a usage
 * error (exit 2, nothing sent): an unknown name, or a named style when the file cannot be read.
 * Without a name, a malformed file is only warned about (by problemLines) and nothing in it is used.
 */
export function pickStyle(requested: string | undefined, styles: HouseStyles | undefined): HouseStyle | undefined {
  const picked = pickHouseStyle(requested, styles);
  if ('refused' in picked) {
    throw new UsageError(styleRefusalText(picked, { searched: 'from the destination up to the repository root', optOut: '--style none' }));
  }
  return picked.style;
}


/**
 * generate's request with the house style applied: the prompt sent, the style's size and expansion
 * where the command line gives none, the style's share for the one check. The file's problems are
 * printed as warnings; the refusals of pickStyle come first.
 */
export async function styledGenerateInput(command: GenerateCommand, io: CliIo): Promise<{ input: GenerationInput; styled: StyledPrompt }> {
  const styles = await houseStylesFor(searchStartFor(command.shared.out, io.cwd), repositoryRootOf(io.cwd), io.cwd);
  problemLines(styles).forEach((line) => io.stderr.line(line));
  const style = pickStyle(command.style, styles);
  const styled = applyStyle(command.prompt, style);
  const { request } = command;
  const size = style?.size === undefined ? undefined : parseSizeNumbers(style.size);
  const sized = request.width === undefined && request.height === undefined && size;
  const input: GenerationInput = {
    prompt: styled.prompt,
    width: sized ? size.width : request.width,
    height: sized ? size.height : request.height,
    seed: request.seed,
    usePreLlm: request.usePreLlm ?? style?.promptExpansion,
  };
  if (styled.style) {
    input.style = { name: styled.style.name, codePoints: styled.styleCodePoints };
  }
  return { input, styled };
}

import { DEFAULT_DEADLINE_MS } from '../core/polling/polling';
import { DEFAULT_BASE_URL, DEFAULT_CREATE_PATH, DEFAULT_REQUEST_FORMAT, DEFAULT_TASK_PATH, PROMPT_MAX_CODE_POINTS, PROMPT_RECOMMENDED_CODE_POINTS, SIZE_PRESETS } from '../core/spec/spec';
import { ENV } from './config';
import { MAX_COST_ENV } from './spendLimit';
import { EXIT_CODE_PRECEDENCE, EXIT_CODE_TABLE } from './exitCodes';
import { DEFAULT_GRACE_SECONDS } from './terminal/interrupts';

/** Words wrapped to lines of at most `width` characters. */
function wrapped(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) {
      lines[lines.length - 1] = `${last} ${word}`;
    } else {
      lines.push(word);
    }
  }
  return lines;
}

/** The exit-code table: one row per code, the meaning wrapped beside it. */
function exitCodeLines(): string {
  return EXIT_CODE_TABLE.flatMap(({ code, meaning }) => wrapped(meaning, 84).map((line, index) => `  ${(index === 0 ? String(code) : '').padEnd(5)} ${line}`)).join('\n');
}

function presetLines(): string {
  return SIZE_PRESETS.map((preset) => `    ${preset.id.padEnd(9)} ${preset.width}×${preset.height}`).join('\n');
}

function envLines(): string {
  const lines: Array<[string, string]> = [
    [ENV.apiKey, 'the API key (required; never accepted as an option; vtrix.ai → Dashboard → API Keys)'],
    [ENV.baseUrl, `the API base URL, or --base-url URL (default ${DEFAULT_BASE_URL})`],
    [ENV.requestFormat, `gateway or flat, or --request-format (default ${DEFAULT_REQUEST_FORMAT})`],
    [ENV.createPath, `default ${DEFAULT_CREATE_PATH}`],
    [ENV.taskPath, `default ${DEFAULT_TASK_PATH}`],
  ];
  return lines.map(([name, text]) => `  ${name.padEnd(26)} ${text}`).join('\n');
}

export function helpText(): string {
  return `Usage:
  spark-image generate "PROMPT" [options]   make an image with spark_image_3_1 and save it
  spark-image resume TASK_ID [options]      fetch the image of a task started earlier
  spark-image resume [--all] [--list [--json]]
                                            fetch the paid tasks interrupted runs kept (under
                                            the current folder; --all: every one); --list shows
                                            them and sends nothing
  spark-image docs [PATHS or GLOBS] [--check[=missing] | --update [--regenerate]] [--keep-going]
                   [--dry-run] [--json]
                                            generate the missing images of the
                                            <!-- spark-image: PROMPT {options} --> comments in
                                            markdown files and link them below each comment
  spark-image mcp [--workspace DIR] [--max-images N] [--max-cost USD]
                                            an MCP server over stdio for agents: tools
                                            generate_image (style, count 1-4), resume_task,
                                            list_sizes and list_styles; every path stays
                                            inside DIR (default: the current folder);
                                            the caps hold for the whole server run
  spark-image --help | --version

Request (generate; for resume they only describe the original request):
  --size SIZE             WIDTHxHEIGHT (800x600) or one of the recommended sizes (default 1k-1:1):
${presetLines()}
  --width N --height N    a custom size: 512×512 to 2048×2048 pixels in all, aspect 1:3 to 3:1
  --seed N                repeat an earlier result (default: a random seed, always printed)
  --expand, --no-expand   let the service expand the prompt, or not (default: only when the
                          prompt has up to ${PROMPT_RECOMMENDED_CODE_POINTS} characters; the maximum is ${PROMPT_MAX_CODE_POINTS})
  --style NAME            (generate) a house style from the nearest spark-image.json (searched
                          from --out up to the repository root); its template makes the prompt
                          sent; none: no style (default: the file's defaults.style)
  --count N               (generate) N variations at once (1-8), each paid, each saved with its
                          own seed: S..S+N-1 with --seed S, else N distinct random seeds; with
                          --json one line {"images": [{path, provenance}], "costUsd"}
  --concurrency N         (generate --count) at most N at once (1-8, default 4)
  --prompt TEXT           (resume only) the original prompt, for the file name and provenance

Output (generate; default: spark-image.json's "output", else the PNG as the API sent it):
  --format png|webp|jpeg  the file's format; its extension follows (--out a.png --format webp
                          saves a.webp); provenance is kept inside every format
  --max-width N           at most N pixels wide (Lanczos, aspect kept, never enlarged)
  --encode-quality N      1 to 100 for webp and jpeg (default 82); not the API's quality= (1k/2k)

Docs (markdown files; default: every one under the current folder):
  --check                 send nothing; exit 1 (CI gate) listing, with file:line, each image that
                          is missing or out of date (made from another prompt, size, model,
                          expansion or pinned seed than its directive asks for now) and each link
                          whose alt text is not the directive's; images without provenance are
                          noted, never failed
  --check=missing         the same, failing only on missing images
  --update                also regenerate out-of-date images, and fix alt texts (nothing generated)
                          and re-encode images whose output (format, width, quality) is out of
                          date, with no request: from the cached original, else from the
                          committed file when the new output is no larger; a larger one is left
                          and reported with its estimate
  --regenerate            (with --update) regenerate those left instead: the same request and
                          seed, paid (counted by --max-cost first), saved over the committed file
  --keep-going            when directives have errors, generate the others and exit 6; without it
                          any error refuses the whole run (exit 2, nothing sent or changed)
  --dry-run               print the plan and the estimated cost; send nothing (exit 2 when a
                          directive has an error)
  --json                  one JSON report on stdout (with --check, --dry-run or a run)
  --concurrency N         generate at most N images at once (1-8, default 3)
  Directive options: size=WIDTHxHEIGHT or a preset, aspect=16:9 quality=1k|2k, seed=N,
  expand=true|false|auto, alt="TEXT" (the link's alt text; default: the prompt), style=NAME or
  style=none (spark-image.json; a changed template makes its images out of date). Images go to
  images/ next to each file; a second run sends nothing.

Output:
  --out FILE_OR_DIR       where to save (default: the current directory, named
                          <prompt>-<seed>.<ext>); an existing file is never overwritten, and a
                          file's extension is corrected to the real image type
  --json                  print {"path", "provenance"} as one JSON line instead of the path
  --timeout SECONDS       stop waiting after this long (default ${DEFAULT_DEADLINE_MS / 1000}); the task can be resumed
  --verbose               log each request to stderr (the key is never shown)
  --grace SECONDS         after Ctrl+C or SIGTERM, no new task is sent; paid tasks get this long
                          to finish and be saved (default ${DEFAULT_GRACE_SECONDS}); the rest are kept for the
                          same command run again, or spark-image resume (a second signal: at once)
  --max-cost USD          refuse (exit 2, nothing sent) a generate or docs run whose estimated
                          cost passes USD; or ${MAX_COST_ENV} (0: no limit). Estimates use the
                          price of the last bill, else $0.03 (1K) / $0.06 (2K), our assumption
                          (no public price exists); limits never count less than the assumption
  --price 1k=USD,2k=USD   the unit prices estimates use, instead of the last bill's

Connection (environment):
${envLines()}

Exit codes (when several apply to a docs run, the first of ${EXIT_CODE_PRECEDENCE.join(', ')}):
${exitCodeLines()}
`;
}

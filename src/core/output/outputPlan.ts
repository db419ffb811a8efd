/**
 * What a saved image becomes on disk: its format, its largest width and its encode quality, decided
 * once for every front end. Pure: the callers read the directive, the repository file and the
 * settings; this decides which wins and what that means for the pixels and the file name.
 */
import { OUTPUT_FORMATS, OutputFormat, OutputOptions } from '../repoConfig/repoConfig';

export type { OutputFormat, OutputOptions } from '../repoConfig/repoConfig';
export { OUTPUT_FORMATS } from '../repoConfig/repoConfig';

/** Quality when nobody says: 82 is where WebP and JPEG photos stop showing artefacts at a fraction of the PNG. */
export const DEFAULT_ENCODE_QUALITY = 82;

/** The output every layer agreed on. `maxWidth` undefined: the width the API made. */
export interface OutputPlan {
  format: OutputFormat;
  maxWidth?: number;
  /** For webp and jpeg; png is lossless and ignores it. */
  quality: number;
}

/**
 * Precedence, first that says wins, field by field: the directive or the command's arguments, the
 * nearest spark-image.json's `output`, the `sparkImage.output.*` settings; then png at full width.
 */
export function resolveOutput(...layers: ReadonlyArray<OutputOptions | undefined>): OutputPlan {
  const first = <K extends keyof OutputOptions>(key: K): OutputOptions[K] => layers.find((layer) => layer?.[key] !== undefined)?.[key];
  const plan: OutputPlan = { format: first('format') ?? 'png', quality: first('quality') ?? DEFAULT_ENCODE_QUALITY };
  const maxWidth = first('maxWidth');
  if (maxWidth !== undefined) {
    plan.maxWidth = maxWidth;
  }
  return plan;
}

/** Nobody asked for anything but the default: the image is kept exactly as the API sent it (PNG or otherwise). */
export function isAsSent(plan: OutputPlan): boolean {
  return plan.format === 'png' && plan.maxWidth === undefined;
}

/** The plain case: a PNG at the API's size, written as the API sent it (no decode, no encode). */
export function isPassThrough(plan: OutputPlan, sourceFormat: string, width: number): boolean {
  return plan.format === sourceFormat && (plan.maxWidth === undefined || plan.maxWidth >= width);
}

/** The size to encode at: at most `maxWidth` wide, the same aspect ratio, never larger than the source. */
export function targetSize(width: number, height: number, maxWidth: number | undefined): { width: number; height: number } {
  if (maxWidth === undefined || maxWidth >= width) {
    return { width, height };
  }
  return { width: maxWidth, height: Math.max(1, Math.round((height * maxWidth) / width)) };
}

const EXTENSIONS: Readonly<Record<OutputFormat, string>> = { png: 'png', webp: 'webp', jpeg: 'jpg' };

export function extensionFor(format: OutputFormat): string {
  return EXTENSIONS[format];
}

/** The file extension follows the format: `a.png` as webp is `a.webp`; a name already right is kept (`a.jpeg` stays). */
export function nameForFormat(name: string, format: OutputFormat): string {
  const slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  const dot = name.lastIndexOf('.');
  const hasExtension = dot > slash + 1;
  const extension = hasExtension ? name.slice(dot + 1).toLowerCase() : '';
  const accepted = format === 'jpeg' ? ['jpg', 'jpeg'] : [format];
  return accepted.includes(extension) ? name : `${hasExtension ? name.slice(0, dot) : name}.${extensionFor(format)}`;
}

export function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

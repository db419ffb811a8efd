/** The commands as parsed: what each front end of the CLI is handed (no parsing here). */
import type { GenerateExtras } from './generate/generateArgs';
import type { OutputOptions } from '../core/repoConfig/repoConfig';

export interface SharedOptions {
  out?: string;
  baseUrl?: string;
  requestFormat?: string;
  json: boolean;
  timeoutSeconds?: number;
  /** --grace: seconds paid tasks may still finish after an interrupt (default DEFAULT_GRACE_SECONDS). */
  graceSeconds?: number;
  verbose: boolean;
  /** --max-cost as typed (USD); checked with SPARK_IMAGE_MAX_COST in spendLimit.ts. */
  maxCost?: string;
  /** --price as typed (`1k=0.03,2k=0.06`); read in spendLimit.ts. */
  price?: string;
}

/**
 * The request, as typed. Numbers stay text: the core checks them and answers with the seed's
 * 9-digit codes, which a parser here would hide. Sizes from --size are already resolved.
 */
export interface RequestOptions {
  width?: string;
  height?: string;
  seed?: string;
  usePreLlm?: boolean;
}

export type GenerateCommand = { kind: 'generate'; prompt: string; request: RequestOptions; shared: SharedOptions; output?: OutputOptions } & GenerateExtras;
/**
 * resume TASK_ID: request and prompt are whatever the user still knows of the original request.
 * Without an id: the tasks the store keeps, under the current folder (`all`: every one); `list`
 * shows them and sends nothing.
 */
export type ResumeCommand = { kind: 'resume'; taskId?: string; all: boolean; list: boolean; prompt?: string; request: RequestOptions; shared: SharedOptions };

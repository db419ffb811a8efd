/** The connection to the API, checked before anything is sent, and the message of an error it answers. */
import { describeCode, sanitizeServerText, SparkError } from '../spec/errors';
import { isLoopbackHost } from './http';
import { english, Translate } from '../base/messages';
import { CODE_DESCRIPTIONS, ErrorCodes, isDocumentedCode, REQUEST_FORMATS, RequestFormat } from '../spec/spec';

export interface ApiConfig {
  baseUrl: string;
  createPath: string;
  /** Contains "{id}", replaced by the task id. */
  taskPath: string;
  apiKey: string;
  /** The create body's layout; the gateway's by default. */
  requestFormat?: RequestFormat;
  /** Sent as User-Agent on every request, made by userAgentFor; each front end sets its own. */
  userAgent?: string;
}

/** The product name in the User-Agent, as the gateway's own clients send theirs (`vtrix-cli/<version>`). */
export const PRODUCT = 'spark-image';

/** The front ends that call the API, named in the User-Agent. */
export type FrontEnd = 'vscode' | 'cli' | 'mcp';

/** `spark-image/<version> (<front end>)`; a version that is not a plain token is sent as "unknown". */
export function userAgentFor(version: string | undefined, frontEnd: FrontEnd): string {
  const token = version !== undefined && /^[\w.+-]{1,40}$/.test(version) ? version : 'unknown';
  return `${PRODUCT}/${token} (${frontEnd})`;
}

/**
 * Refuses configurations that would leak the key: no base URL, a scheme other than https
 * (plain http only to this machine), or credentials inside the URL.
 */
export function checkApiConfig(config: ApiConfig, t: Translate = english): void {
  if (!config.baseUrl || config.baseUrl.trim() === '') {
    throw new SparkError('config', t('No API base URL is set.'), { input: 'baseUrl' });
  }
  let url: URL;
  try {
    url = new URL(config.baseUrl);
  } catch {
    throw new SparkError('config', t('The API base URL {0} is not a valid URL.', JSON.stringify(config.baseUrl)), { input: 'baseUrl' });
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!secure) {
    throw new SparkError('config', t('The API base URL must use https (plain http is allowed only for localhost), not {0}.', url.protocol + '//' + url.host), { input: 'baseUrl' });
  }
  if (url.username || url.password) {
    throw new SparkError('config', t('The API base URL must not contain a user name or password.'), { input: 'baseUrl' });
  }
  if (!config.taskPath.includes('{id}')) {
    throw new SparkError('config', t('The task path must contain {id}, not {0}.', JSON.stringify(config.taskPath)), { input: 'taskPath' });
  }
  if (config.requestFormat !== undefined && !REQUEST_FORMATS.includes(config.requestFormat)) {
    throw new SparkError('config', t('The request format must be one of {0}, not {1}.', REQUEST_FORMATS.join(', '), JSON.stringify(config.requestFormat)), { input: 'requestFormat' });
  }
  if (!config.apiKey) {
    throw new SparkError('config', t('No API key is set.'));
  }
}

/**
 * The message for an error the API reported: the code, its documented meaning, the server's text.
 * A body of a shape we do not know is shown itself (shortened, control characters dropped).
 */
export function apiErrorMessage(code: string | undefined, serverMessage: string | undefined, httpStatus: number | undefined, t: Translate, bodyText?: string): string {
  if (code !== undefined && serverMessage !== undefined && isDocumentedCode(code) && serverMessage.trim().toLowerCase() === CODE_DESCRIPTIONS[code].toLowerCase()) {
    // The server repeated the documented description: say it once.
    serverMessage = undefined;
  }
  if (code !== undefined) {
    return serverMessage ? t('The service reported {0}: {1}', describeCode(code, t), serverMessage) : t('The service reported {0}.', describeCode(code, t));
  }
  if (serverMessage) {
    return t('The service answered HTTP {0}: {1}', httpStatus ?? '?', serverMessage);
  }
  if (bodyText !== undefined && bodyText.trim() !== '') {
    return t('The service answered HTTP {0} [{1}]: {2}', httpStatus ?? '?', describeCode(ErrorCodes.httpError, t), sanitizeServerText(bodyText, 200));
  }
  return t('The service answered HTTP {0} with no explanation [{1}].', httpStatus ?? '?', describeCode(ErrorCodes.httpError, t));
}


import { SparkError } from '../spec/errors';
import { Translate } from '../base/messages';
import { BALANCE_ERROR_CODES } from '../spec/spec';

/** Words with which gateways say the account is out of money (English and Chinese). */
const BALANCE_WORDS = /insufficient[\s_-]*(balance|funds|credit)|balance[\s_-]*(is[\s_-]*)?(insufficient|not[\s_-]*enough|too[\s_-]*low)|not[\s_-]*enough[\s_-]*(balance|credit)|out[\s_-]*of[\s_-]*credit|余额不足|欠费/i;

function isBalanceCode(code: string | undefined): boolean {
  if (code === undefined || !/^\d+$/.test(code)) {
    return false;
  }
  const value = Number(code);
  return value >= BALANCE_ERROR_CODES.first && value <= BALANCE_ERROR_CODES.last;
}

/** True when a 402/403 answer says the balance is insufficient, by its code or its words. */
export function saysInsufficientBalance(status: number, code: string | undefined, message: string | undefined): boolean {
  if (status !== 402 && status !== 403) {
    return false;
  }
  return status === 402 || isBalanceCode(code) || BALANCE_WORDS.test(message ?? '');
}

/**
 * The error for an answer that refuses the caller: 401 is a rejected key; on this gateway 403 means
 * "insufficient balance or permission denied", told apart by the code or the message. Neither is
 * retried, and only the first one is fixed by entering another key.
 */
export function rejectionError(status: number, error: { code?: string; message?: string } | undefined, t: Translate, taskId?: string): SparkError | undefined {
  const details = { httpStatus: status, code: error?.code, serverMessage: error?.message, taskId };
  const said = error?.message ? ` ${error.message}` : '';
  if (saysInsufficientBalance(status, error?.code, error?.message)) {
    const code = error?.code ? ` [${error.code}]` : '';
    return new SparkError('balance', t('Insufficient balance on the account (HTTP {0}){1}. Add balance at vtrix.ai, then try again.', status, code), details);
  }
  if (status === 401) {
    return new SparkError('auth', t('The API key was rejected (HTTP {0}). Enter a valid key.', status), details);
  }
  if (status === 403) {
    return new SparkError('permission', t('Permission denied (HTTP 403): this API key may not use this model or endpoint.{0}', said), details);
  }
  return undefined;
}

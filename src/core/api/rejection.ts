import { SparkError } from '../spec/errors';
import { Translate } from '../base/messages';
import { BALANCE_ERROR_CODES } from '../spec/spec';
import { apiErrorMessage } from './apiConfig';
import { TaskSnapshot } from './task';

/**
 * The gateway's "payment required" (seacloud-cli's clierrors: a 402 with error_code 40200 is not an
 * insufficient balance, only 40201–40208 are).
 */
export const PAYMENT_REQUIRED_CODE = '40200';

/** Words with which gateways say the account is out of money (English and Chinese). */
const BALANCE_WORDS = /insufficient[\s_-]*(balance|funds|credit)|balance[\s_-]*(is[\s_-]*)?(insufficient|not[\s_-]*enough|too[\s_-]*low)|not[\s_-]*enough[\s_-]*(balance|credit)|out[\s_-]*of[\s_-]*credit|余额不足|欠费/i;

function isBalanceCode(code: string | undefined): boolean {
  if (code === undefined || !/^\d+$/.test(code)) {
    return false;
  }
  const value = Number(code);
  return value >= BALANCE_ERROR_CODES.first && value <= BALANCE_ERROR_CODES.last;
}

/**
 * True when an error says the account is out of money. A balance code (40201–40208) says so in any
 * answer; the words count in a 402/403 or in a failed task's own error (`'task'`), where the
 * gateway's clients look for them too. 40200 never does: that is "payment required".
 */
export function saysInsufficientBalance(where: number | 'task', code: string | undefined, message: string | undefined): boolean {
  if (isBalanceCode(code)) {
    return true;
  }
  if (code === PAYMENT_REQUIRED_CODE) {
    return false;
  }
  return (where === 'task' || where === 402 || where === 403) && BALANCE_WORDS.test(message ?? '');
}

/**
 * The error for an answer that refuses the caller: 401 is a rejected key; a balance code or words
 * mean an empty balance (on this gateway 403 means "insufficient balance or permission denied");
 * any other 402 is "payment required" and any other 403 "permission denied". None is retried, and
 * only the first one is fixed by entering another key.
 */
export function rejectionError(status: number, error: { code?: string; message?: string } | undefined, t: Translate, taskId?: string): SparkError | undefined {
  const details = { httpStatus: status, code: error?.code, serverMessage: error?.message, taskId };
  const said = error?.message ? ` ${error.message}` : '';
  const code = error?.code ? ` [${error.code}]` : '';
  if (saysInsufficientBalance(status, error?.code, error?.message)) {
    return new SparkError('balance', t('Insufficient balance on the account (HTTP {0}){1}. Add balance at vtrix.ai, then try again.', status, code), details);
  }
  if (status === 401) {
    return new SparkError('auth', t('The API key was rejected (HTTP {0}). Enter a valid key.', status), details);
  }
  if (status === 402) {
    // Not the balance: another key or a top-up would not obviously help, so it is said as it came.
    return new SparkError('permission', t('Payment required (HTTP 402){0}: the account may not use this model until it is paid for; see your plan at vtrix.ai.{1}', code, said), details);
  }
  if (status === 403) {
    return new SparkError('permission', t('Permission denied (HTTP 403): this API key may not use this model or endpoint.{0}', said), details);
  }
  return undefined;
}

/**
 * The error for a task the gateway reports as failed. One whose error says the balance ran out is a
 * balance failure like a refused create, so a batch stops sending; any other is the task's own error.
 */
export function failedTaskError(task: TaskSnapshot, t: Translate, taskId: string | undefined, httpStatus?: number): SparkError {
  const { code, message } = task.error ?? {};
  const details = { httpStatus, code, serverMessage: message, taskId };
  if (saysInsufficientBalance('task', code, message)) {
    return new SparkError('balance', t('Insufficient balance on the account: the task failed ({0}). Add balance at vtrix.ai, then try again.', [code, message].filter(Boolean).join(': ')), details);
  }
  return new SparkError('api', apiErrorMessage(code, message, httpStatus, t), details);
}

import * as vscode from 'vscode';
import { withSource } from '../l10n';
import { ConnectionInput, isCancellation, isSparkError } from '../../core/spec/errors';
import { SECTION } from '../config';
import { Logger } from '../../core/base/logger';
import { ACCOUNT_URL, ErrorCodes } from '../../core/spec/spec';
import { DestinationError } from '../saving/imageWriter';
import { CommandIds } from '../commandIds';

/** The setting behind each part of the connection the core may find wrong. */
const SETTING_OF: Readonly<Record<ConnectionInput, string>> = {
  baseUrl: `${SECTION}.apiBaseUrl`,
  createPath: `${SECTION}.createPath`,
  taskPath: `${SECTION}.taskPath`,
  requestFormat: `${SECTION}.requestFormat`,
};

export interface ErrorActions {
  resume?: (taskId: string) => void;
}

/** One clear message per failure, with the action that fixes it. */
export async function presentError(error: unknown, logger: Logger, actions: ErrorActions = {}): Promise<void> {
  if (isCancellation(error)) {
    logger.info(`cancelled by the user${isSparkError(error) && error.taskId ? `; task ${error.taskId} kept pending` : ''}`);
    if (isSparkError(error) && error.taskId && actions.resume) {
      await stoppedWatching(error.taskId, actions.resume);
    }
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  logger.error(isSparkError(error) ? `${error.kind}${error.code ? ` ${error.code}` : ''}${error.taskId ? ` task ${error.taskId}` : ''}: ${message}` : message);
  const showLog = vscode.l10n.t('Show Log');
  if (error instanceof DestinationError) {
    const choice = await vscode.window.showErrorMessage(withSource(message), vscode.l10n.t('Open Settings'), showLog);
    if (choice === vscode.l10n.t('Open Settings')) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'sparkImage.destination');
    } else if (choice === showLog) {
      await vscode.commands.executeCommand(CommandIds.showLog);
    }
    return;
  }
  if (!isSparkError(error)) {
    const choice = await vscode.window.showErrorMessage(withSource(message), showLog);
    if (choice === showLog) {
      await vscode.commands.executeCommand(CommandIds.showLog);
    }
    return;
  }
  switch (error.kind) {
    case 'auth': {
      const enterKey = vscode.l10n.t('Enter API Key');
      const choice = await vscode.window.showErrorMessage(withSource(message), enterKey);
      if (choice === enterKey) {
        await vscode.commands.executeCommand(CommandIds.setApiKey);
      }
      return;
    }
    case 'balance': {
      // Another key would not help: the account needs money, which only the vtrix.ai dashboard adds.
      const addBalance = vscode.l10n.t('Open vtrix.ai');
      const choice = await vscode.window.showErrorMessage(withSource(message), addBalance, showLog);
      if (choice === addBalance) {
        await vscode.env.openExternal(vscode.Uri.parse(ACCOUNT_URL));
      } else if (choice === showLog) {
        await vscode.commands.executeCommand(CommandIds.showLog);
      }
      return;
    }
    case 'config': {
      const setting = error.input && SETTING_OF[error.input];
      if (!setting) {
        await vscode.window.showErrorMessage(withSource(message));
        return;
      }
      const openSettings = vscode.l10n.t('Open User Settings');
      const choice = await vscode.window.showErrorMessage(withSource(vscode.l10n.t('{0} Set {1} in your user settings.', message, setting)), openSettings);
      if (choice === openSettings) {
        await vscode.commands.executeCommand('workbench.action.openSettings', `@id:${setting}`);
      }
      return;
    }
    case 'validation':
      await vscode.window.showErrorMessage(withSource(message));
      return;
    case 'timeout':
    case 'api':
      if (error.taskId && actions.resume && (error.kind === 'timeout' || error.code === ErrorCodes.statusCheck)) {
        const resume = vscode.l10n.t('Resume');
        const choice = await vscode.window.showErrorMessage(withSource(`${message} ${vscode.l10n.t('Task id: {0}', error.taskId)}`), resume, showLog);
        if (choice === resume) {
          actions.resume(error.taskId);
        } else if (choice === showLog) {
          await vscode.commands.executeCommand(CommandIds.showLog);
        }
        return;
      }
      break;
    default:
      break;
  }
  const shown = error.taskId && !message.includes(error.taskId) ? `${message} ${vscode.l10n.t('Task id: {0}', error.taskId)}` : message;
  const choice = await vscode.window.showErrorMessage(withSource(shown), showLog);
  if (choice === showLog) {
    await vscode.commands.executeCommand(CommandIds.showLog);
  }
}

/**
 * Cancel stops this window's polling, not the task: it exists on the server, may still finish and
 * be billed, and stays pending. Resume fetches it (no second create).
 */
async function stoppedWatching(taskId: string, resume: (taskId: string) => void): Promise<void> {
  const resumeLabel = vscode.l10n.t('Resume');
  const showLog = vscode.l10n.t('Show Log');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Spark Image: Stopped watching. The task may still finish and be billed. Task id: {0}', taskId),
    resumeLabel,
    showLog,
  );
  if (choice === resumeLabel) {
    resume(taskId);
  } else if (choice === showLog) {
    await vscode.commands.executeCommand(CommandIds.showLog);
  }
}

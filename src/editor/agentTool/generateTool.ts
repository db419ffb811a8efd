import * as vscode from 'vscode';
import { AgentRequest } from '../../core/agent/agentInput';
import { altTextFromPrompt } from '../../core/links/linkText';
import { estimateLabel } from '../generation/priceMemory';
import type { GenerationService } from '../generation/generationService';
import type { GenerationOutcome } from '../generation/generationTypes';
import { LanguageModelTool, PreparedToolInvocation } from './lmApi';
import { prepared, saveAsOf, specsOf, targetOf } from './toolCall';
import { errorText, outcomeParts, partsOf, PendingLookup, restricted, result, resultOf, withSignal } from './toolResults';

const DECLINED = 'The generation was declined (the spend limit question was answered no). Nothing was charged.';

/**
 * sparkImage_generate: one image, or `count` variations sent at once, each with its own seed. Every
 * check runs before anything is sent (names, paths, style, every variation's rules); each image
 * saved is one text part (path, link, seed, size, bill, task id) and its thumbnail.
 */
export function generateTool(service: GenerationService, pending: PendingLookup): LanguageModelTool<AgentRequest> {
  return {
    async prepareInvocation(options): Promise<PreparedToolInvocation | undefined> {
      if (restricted()) {
        // invoke refuses in Restricted Mode and sends nothing: there is nothing to confirm.
        return undefined;
      }
      try {
        const { requests } = await prepared(options.input);
        const [first] = requests;
        const total = requests.reduce((sum, request) => sum + service.estimateUsd(request.width, request.height), 0);
        // A paid call is never made unseen: the prompt, the size, how many and the estimate are shown first.
        return {
          invocationMessage: vscode.l10n.t('Generating “{0}”', altTextFromPrompt(first.prompt, 40)),
          confirmationMessages: {
            title: vscode.l10n.t('Generate an image with Spark Image?'),
            message:
              requests.length === 1
                ? vscode.l10n.t('Prompt: {0}\nSize: {1}×{2}\nCost: {3}', first.prompt, first.width, first.height, estimateLabel(total))
                : vscode.l10n.t('Prompt: {0}\nSize: {1}×{2}\nVariations: {3}, each paid, each with its own seed\nCost: {4}', first.prompt, first.width, first.height, requests.length, estimateLabel(total)),
          },
        };
      } catch {
        // Invalid input costs nothing: no confirmation, and invoke answers with the rule.
        return undefined;
      }
    },
    async invoke(options, token) {
      const refusal = restricted();
      if (refusal) {
        return result(refusal);
      }
      const taskIds: Array<string | undefined> = [];
      const keptOf = (index: number) => (taskIds[index] !== undefined && pending.get(taskIds[index] as string) ? taskIds[index] : undefined);
      try {
        const call = await prepared(options.input);
        const target = await targetOf(options.input);
        // Every variation checked with this window's settings before the spend limit is asked.
        const specs = specsOf(call, target, saveAsOf(options.input)).map((spec) => service.check(spec));
        // Variations: the spend limit counts them all before any is sent (one question for all).
        const tickets = specs.length > 1 ? await service.spend.admitAll(specs.map((checked) => checked.request)) : undefined;
        if (specs.length > 1 && !tickets) {
          return result(DECLINED);
        }
        const run = (checked: (typeof specs)[number], index: number, signal: AbortSignal) =>
          service
            .generateChecked(checked, { progress: 'none', signal, openWithoutTarget: false, ticket: tickets?.[index], onProgress: (report) => (taskIds[index] = report.taskId ?? taskIds[index]) })
            // An admitted variation that ended before its run settled it sent nothing; a settled one stays as it is.
            .finally(() => tickets && service.spend.ledger.settle(tickets[index], 'nothing'));
        const settled = await withSignal(token, (signal) => Promise.allSettled(specs.map((checked, index) => run(checked, index, signal))));
        const done = settled.flatMap((outcome) => (outcome.status === 'fulfilled' && outcome.value ? [outcome.value] : []));
        if (done.length === 0) {
          const failed = settled.findIndex((outcome) => outcome.status === 'rejected');
          return result(failed < 0 ? DECLINED : errorText((settled[failed] as PromiseRejectedResult).reason, keptOf(failed)));
        }
        // Every variation that did not arrive is named after the images, with what became of it.
        const notes = settled.flatMap((outcome, index) =>
          outcome.status === 'rejected' ? [`variation ${index + 1} of ${specs.length} failed: ${errorText(outcome.reason, keptOf(index))}`] : outcome.value ? [] : [`variation ${index + 1} of ${specs.length}: ${DECLINED}`],
        );
        return resultOf([...done.flatMap((outcome: GenerationOutcome) => outcomeParts(outcome, options.input, target)), ...notes.flatMap((note) => partsOf(note))]);
      } catch (error) {
        return result(errorText(error, keptOf(0)));
      }
    },
  };
}

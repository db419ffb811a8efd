import { refuseUnknownArguments } from '../../core/agent/agentArguments';
import type { GenerationService } from '../generation/generationService';
import { LanguageModelTool } from './lmApi';
import { errorText, outcomeResult, PendingLookup, restricted, result } from './toolResults';

export { generateTool } from './generateTool';
export type { PendingLookup } from './toolResults';

/**
 * The language-model tools sparkImage_generate and sparkImage_resume. This module is its own
 * bundle (dist/agentTool.js), loaded on the first call, so the extension's bundle stays small; it
 * runs every generation through the editor's GenerationService (validation, spend guard, pending
 * store, save with provenance, link placement), exactly as the commands do.
 */

export interface ResumeInput {
  taskId?: unknown;
}

/** The schema of sparkImage_resume in package.json, for the same refusal of unknown names. */
const RESUME_SCHEMA = { properties: { taskId: {} }, additionalProperties: false };

export function resumeTool(service: GenerationService, pending: PendingLookup): LanguageModelTool<ResumeInput> {
  return {
    async invoke(options) {
      const refusal = restricted();
      if (refusal) {
        return result(refusal);
      }
      try {
        refuseUnknownArguments('sparkImage_resume', options.input, RESUME_SCHEMA);
      } catch (error) {
        return result(errorText(error, undefined));
      }
      const { taskId } = options.input;
      if (typeof taskId !== 'string' || !pending.get(taskId)) {
        return result(`taskId must name a pending Spark Image task (as a sparkImage_generate result gave it), not ${JSON.stringify(taskId)}. Nothing was sent.`);
      }
      const outcome = await service.resumeById(taskId, false);
      return outcome ? outcomeResult(outcome, {}, undefined) : result(`task ${taskId} did not finish; the Spark Image log says why. It stays pending when it can still give its image.`);
    },
  };
}

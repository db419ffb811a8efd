/**
 * The directives' side of web-ready output that is not needed at activation: its own bundle
 * (dist/directiveOutput.js, esbuild.js), required by lazyDirectiveOutput.ts the first time a
 * directive's image is compared with an output, over a budget, or re-encoded. It holds no state:
 * what the window knows (the directives, the cache's place, prices) comes in as arguments.
 */
import type { Provenance } from '../../core/image/provenance';
import type { OutputPlan } from '../../core/output/outputPlan';
import { outputChange, transformOf } from '../../core/output/outputTransform';
import { isOverBudget } from '../../core/output/weightBudget';
import type { OutputOutOfDate } from '../../core/output/outputTransform';

export { agreeToRegenerate, reencodeImage, reencodeSourceNow, renamedLink, showNothingToReencode } from './reencode';
export { appendOutputChange, budgetMessage, outputDiagnosticMessage, outputLenses, plannedOutput, reencodeFixTitle } from '../show/outputLens';
export { isOverBudget };

/** The format of a linked file by its name: enough to describe an image saved before transforms were recorded. */
function formatByName(path: string): string {
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return extension === 'jpg' ? 'jpeg' : extension;
}

/** Out of date: output, when what the image is differs from `plan` in format, width or quality. */
export function outputStateOf(provenance: Provenance, imagePath: string, plan: OutputPlan): OutputOutOfDate | undefined {
  const change = outputChange(transformOf(provenance, formatByName(imagePath)), plan);
  return change && { state: 'output', provenance, plan, change };
}

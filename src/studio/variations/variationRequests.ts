/**
 * The studio's variations as checked generations: the seeds of core/job/variations.ts (S, S+1, … with
 * a seed, else N distinct random ones), each request checked. No vscode value here (unit-tested in Node).
 */
import type { Translate } from '../../core/base/messages';
import { checkVariations } from '../../core/job/variations';
import type { GenerationInput } from '../../core/spec/validation';
import type { CheckedGeneration } from '../../editor/generation/generationTypes';

/** `first` (checked by the editor's one check) made into `count` generations, one seed each. */
export function variationsOf(first: CheckedGeneration, input: GenerationInput, count: number, deps: { random?: () => number; t?: Translate }): CheckedGeneration[] {
  if (count <= 1) {
    return [first];
  }
  const { requests } = checkVariations(input, count, deps);
  return requests.map((request) => ({ ...first, spec: { ...first.spec, seed: request.seed }, request }));
}

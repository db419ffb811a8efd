import { RequestFormat } from '../spec/spec';
import { GenerationRequest } from '../spec/validation';

/**
 * The create body. The gateway takes the model's parameters inside {model, input: [{params}]}; a
 * compatible proxy may take the seed's parameters at the top level (`flat`).
 */
export function createBody(request: GenerationRequest, format: RequestFormat): Record<string, unknown> {
  if (format === 'flat') {
    return { ...request };
  }
  const { model, ...params } = request;
  return { model, input: [{ params }] };
}

import { SparkError } from '../spec/errors';

/** The part of a JSON schema the argument check reads: objects, their properties, and whether others are allowed. */
export interface ArgumentSchema {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, ArgumentSchema>>;
  readonly additionalProperties?: boolean;
}

/**
 * The first argument name the schema does not accept ("bogus", "insertInto.colour"), with the names
 * accepted where it was found; undefined when every name is known. Values are not judged here: the
 * core's rules judge them, with the seed's codes.
 */
export function unknownArgument(value: unknown, schema: ArgumentSchema, at = ''): { name: string; accepted: string[] } | undefined {
  if (schema.properties === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const accepted = Object.keys(schema.properties);
  for (const [key, inner] of Object.entries(value)) {
    const child = schema.properties[key];
    if (child === undefined) {
      if (schema.additionalProperties === false) {
        return { name: `${at}${key}`, accepted };
      }
      continue;
    }
    const found = unknownArgument(inner, child, `${at}${key}.`);
    if (found) {
      return found;
    }
  }
  return undefined;
}

/**
 * Refuses a call with an argument name its tool does not know, whatever the client checked: a typo
 * must never be billed as a default. Throws a validation error naming it and the accepted names.
 */
export function refuseUnknownArguments(tool: string, args: unknown, schema: ArgumentSchema): void {
  if (args !== undefined && args !== null && (typeof args !== 'object' || Array.isArray(args))) {
    throw new SparkError('validation', `${tool} takes its arguments as an object, not ${JSON.stringify(args)}. Nothing was sent.`);
  }
  const unknown = unknownArgument(args, schema);
  if (unknown) {
    const accepted = unknown.accepted.length === 0 ? 'no arguments' : `only ${unknown.accepted.join(', ')}`;
    throw new SparkError('validation', `Unknown argument ${JSON.stringify(unknown.name)}: ${tool} accepts ${accepted}${unknown.name.includes('.') ? ` in ${unknown.name.slice(0, unknown.name.lastIndexOf('.'))}` : ''}. Nothing was sent.`);
  }
}

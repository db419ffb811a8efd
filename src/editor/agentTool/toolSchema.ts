import { AGENT_INPUT_SCHEMA } from '../../core/agent/agentInput';

/** The most variations one sparkImage_generate call makes (all sent at once), as MCP's generate_image. */
export const LM_MAX_COUNT = 4;

/**
 * sparkImage_generate's arguments (package.json's inputSchema is the same, as a unit test holds):
 * the agent tools' shared ones, plus the house style and the variations, meaning what they mean
 * for MCP's generate_image.
 */
export const LM_GENERATE_SCHEMA = {
  ...AGENT_INPUT_SCHEMA,
  properties: {
    ...AGENT_INPUT_SCHEMA.properties,
    style: { type: 'string', description: 'A house style of the nearest spark-image.json (searched from insertInto.document, else path, up to the workspace folder); "none" for no style. Default: the file\'s default style.' },
    count: { type: 'integer', minimum: 1, maximum: LM_MAX_COUNT, description: `How many variations to make at once (1-${LM_MAX_COUNT}, default 1), each with its own seed: seed, seed+1, … when a seed is given. Each is paid; the spend limit counts them all before anything is sent.` },
  },
} as const;

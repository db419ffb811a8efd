import { CommandIds } from '../editor/commandIds';

/** The directive features' commands, by the names their code uses (the ids live in CommandIds). */
export const DirectiveCommandIds = {
  generateFromComment: CommandIds.generateFromComment,
  generateAllInDocument: CommandIds.generateAllInDocument,
  generateAllInWorkspace: CommandIds.generateAllInWorkspace,
  cleanUpUnused: CommandIds.cleanUpUnused,
  regenerateOutOfDateInDocument: CommandIds.regenerateOutOfDateInDocument,
  regenerateOutOfDateInWorkspace: CommandIds.regenerateOutOfDateInWorkspace,
  run: CommandIds.directiveRun,
  cancel: CommandIds.directiveCancel,
  updateAlt: CommandIds.directiveUpdateAlt,
} as const;

/** Languages whose documents can hold directives. */
export const DIRECTIVE_LANGUAGES = ['markdown'];
export const DIRECTIVE_GLOB = '**/*.{md,markdown}';
export const EXCLUDE_GLOB = '{**/node_modules/**,**/.git/**}';

/** Command ids of directive features; those above the CodeLens actions are contributed in package.json. */
export const DirectiveCommandIds = {
  generateFromComment: 'sparkImage.generateFromComment',
  generateAllInDocument: 'sparkImage.generateAllInDocument',
  generateAllInWorkspace: 'sparkImage.generateAllInWorkspace',
  cleanUpUnused: 'sparkImage.cleanUpUnused',
  regenerateOutOfDateInDocument: 'sparkImage.regenerateOutOfDateInDocument',
  regenerateOutOfDateInWorkspace: 'sparkImage.regenerateOutOfDateInWorkspace',
  /** CodeLens actions (not in the palette): arguments are a DirectiveRef and, for run, a mode. */
  run: 'sparkImage.directive.run',
  cancel: 'sparkImage.directive.cancel',
  /** Argument: a DirectiveRef; gives its link the directive's alt text. */
  updateAlt: 'sparkImage.directive.updateAlt',
} as const;

/** Languages whose documents can hold directives. */
export const DIRECTIVE_LANGUAGES = ['markdown'];
export const DIRECTIVE_GLOB = '**/*.{md,markdown}';
export const EXCLUDE_GLOB = '{**/node_modules/**,**/.git/**}';

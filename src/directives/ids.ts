/** Command ids of directive features; the first four are contributed in package.json. */
export const DirectiveCommandIds = {
  generateFromComment: 'sparkImage.generateFromComment',
  generateAllInDocument: 'sparkImage.generateAllInDocument',
  generateAllInWorkspace: 'sparkImage.generateAllInWorkspace',
  cleanUpUnused: 'sparkImage.cleanUpUnused',
  /** CodeLens actions (not in the palette): arguments are a DirectiveRef and, for run, a mode. */
  run: 'sparkImage.directive.run',
  cancel: 'sparkImage.directive.cancel',
} as const;

/** Languages whose documents can hold directives. */
export const DIRECTIVE_LANGUAGES = ['markdown'];
export const DIRECTIVE_GLOB = '**/*.{md,markdown}';
export const EXCLUDE_GLOB = '{**/node_modules/**,**/.git/**}';

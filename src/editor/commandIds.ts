/**
 * Every command id, in one place: package.json contributes the palette ones, the CodeLens actions
 * are registered only. No other file spells an id (a unit test checks).
 */
export const CommandIds = {
  generate: 'sparkImage.generate',
  generateFromSelection: 'sparkImage.generateFromSelection',
  setApiKey: 'sparkImage.setApiKey',
  clearApiKey: 'sparkImage.clearApiKey',
  resumePending: 'sparkImage.resumePending',
  showLog: 'sparkImage.showLog',
  openStudio: 'sparkImage.openStudio',
  /** The walkthrough's sample: a new Markdown document with a sentence selected. */
  openWalkthroughSample: 'sparkImage.openWalkthroughSample',
  generateFromComment: 'sparkImage.generateFromComment',
  generateAllInDocument: 'sparkImage.generateAllInDocument',
  generateAllInWorkspace: 'sparkImage.generateAllInWorkspace',
  cleanUpUnused: 'sparkImage.cleanUpUnused',
  regenerateOutOfDateInDocument: 'sparkImage.regenerateOutOfDateInDocument',
  regenerateOutOfDateInWorkspace: 'sparkImage.regenerateOutOfDateInWorkspace',
  /** CodeLens actions (not in the palette): arguments are a DirectiveRef and, for run, a mode. */
  directiveRun: 'sparkImage.directive.run',
  directiveCancel: 'sparkImage.directive.cancel',
  /** Argument: a DirectiveRef; gives its link the directive's alt text. */
  directiveUpdateAlt: 'sparkImage.directive.updateAlt',
  /** Argument: a DirectiveRef; opens the Image Studio bound to the directive (Try Variations…). */
  directiveTryVariations: 'sparkImage.directive.tryVariations',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

/** Every command id in one place; package.json contributes the same list. */
export const CommandIds = {
  generate: 'sparkImage.generate',
  generateFromSelection: 'sparkImage.generateFromSelection',
  setApiKey: 'sparkImage.setApiKey',
  clearApiKey: 'sparkImage.clearApiKey',
  resumePending: 'sparkImage.resumePending',
  showLog: 'sparkImage.showLog',
} as const;

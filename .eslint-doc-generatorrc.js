/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  configEmoji: [['recommended', '✅']],
  // recommendedTypeChecked is recommended plus the type-aware rules: the README explains it.
  ignoreConfig: ['all', 'recommendedTypeChecked'],
  ruleDocTitleFormat: 'prefix-name',
  ruleDocSectionInclude: ['Why', 'Examples', 'Secure alternative', 'When Not To Use It', 'References'],
  ruleListColumns: ['name', 'description', 'configsError', 'fixable', 'hasSuggestions', 'requiresTypeChecking'],
};

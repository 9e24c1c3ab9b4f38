import noHardcodedTmpPath from './no-hardcoded-tmp-path.js';

/** Every rule, by name (alphabetical; the integrity test checks this against src/rules/). */
export const rules = {
  'no-hardcoded-tmp-path': noHardcodedTmpPath,
};

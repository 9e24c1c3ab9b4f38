// What @microsoft/eslint-formatter-sarif uses of lodash (`lodash.get`), taken from lodash's own
// per-method module so that the bundle carries it rather than all of lodash (490 kB). The
// formatter `require`s this, so the named export is what it sees.
import get from 'lodash/get.js';

export { get };

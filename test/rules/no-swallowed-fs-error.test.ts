import rule from '../../src/rules/no-swallowed-fs-error.js';
import { runRuleTests } from '../helpers/run.js';
import * as cases from './no-swallowed-fs-error.cases.js';

runRuleTests('no-swallowed-fs-error', rule, cases);

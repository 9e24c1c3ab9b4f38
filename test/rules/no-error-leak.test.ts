import rule from '../../src/rules/no-error-leak.js';
import { runRuleTests } from '../helpers/run.js';
import * as cases from './no-error-leak.cases.js';

runRuleTests('no-error-leak', rule, cases);

import rule from '../../src/rules/no-check-then-use.js';
import { runRuleTests } from '../helpers/run.js';
import * as cases from './no-check-then-use.cases.js';

runRuleTests('no-check-then-use', rule, cases);

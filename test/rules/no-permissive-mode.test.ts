import rule from '../../src/rules/no-permissive-mode.js';
import { runRuleTests } from '../helpers/run.js';
import * as cases from './no-permissive-mode.cases.js';

runRuleTests('no-permissive-mode', rule, cases);

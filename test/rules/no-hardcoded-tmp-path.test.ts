import rule from '../../src/rules/no-hardcoded-tmp-path.js';
import { runRuleTests } from '../helpers/run.js';
import * as cases from './no-hardcoded-tmp-path.cases.js';

runRuleTests('no-hardcoded-tmp-path', rule, cases);

import rule from '../../src/rules/no-path-traversal.js';
import { runRuleTests } from '../helpers/run.js';
import * as cases from './no-path-traversal.cases.js';

runRuleTests('no-path-traversal', rule, cases);

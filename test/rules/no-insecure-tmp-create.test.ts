import rule from '../../src/rules/no-insecure-tmp-create.js';
import { runRuleTests } from '../helpers/run.js';
import * as cases from './no-insecure-tmp-create.cases.js';

runRuleTests('no-insecure-tmp-create', rule, cases);

import rule from '../../src/rules/no-shared-tmp-socket.js';
import { runRuleTests } from '../helpers/run.js';
import * as cases from './no-shared-tmp-socket.cases.js';

runRuleTests('no-shared-tmp-socket', rule, cases);

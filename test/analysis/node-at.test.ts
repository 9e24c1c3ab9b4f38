import { describe, expect, it } from 'vitest';

import { nodeAt, nodesMatching } from '../../src/analysis/ast.js';
import { withSourceCode } from '../helpers/source-code.js';

const SAMPLE = [
  'const a = [1, , 3, { b: `x${y}z`, c }];',
  'function f(p = 1, ...rest) { return this.m(p, rest) /* this.n() */; }',
  "class K { #x = 1; static { g?.(import('fs')); } get v() { return 'this.q()'; } }",
  ...Array.from({ length: 40 }, (_, i) => `export const v${i} = (${i} + w) * z;`),
].join('\n');

describe('nodeAt', () => {
  it('finds the node getNodeByRangeIndex finds, at every offset', () => {
    withSourceCode(SAMPLE, (sourceCode) => {
      const eslint = sourceCode as unknown as { getNodeByRangeIndex(i: number): unknown };
      for (let index = 0; index < SAMPLE.length; index++) {
        expect(nodeAt(sourceCode, index), `offset ${index}`).toBe(eslint.getNodeByRangeIndex(index) ?? sourceCode.ast);
      }
    });
  });
});

describe('nodesMatching', () => {
  it('finds the node getNodeByRangeIndex finds at every match, however far apart the matches are', () => {
    withSourceCode(SAMPLE, (sourceCode) => {
      const eslint = sourceCode as unknown as { getNodeByRangeIndex(i: number): unknown };
      const starts = [...SAMPLE.matchAll(/[\w$#]+|[^\s\w]/gu)].map((m) => m.index);
      expect(starts.length).toBeGreaterThan(400);
      const nodes = nodesMatching(sourceCode, /[\w$#]+|[^\s\w]/u);
      expect(nodes).toHaveLength(starts.length);
      starts.forEach((index, i) => expect(nodes[i], `offset ${index}`).toBe(eslint.getNodeByRangeIndex(index) ?? sourceCode.ast));
    });
  });

  it('gives the innermost node at each match, at the first capture group, comments and strings included', () => {
    withSourceCode(SAMPLE, (sourceCode) => {
      const nodes = nodesMatching(sourceCode, /\bthis\s*\.\s*(\w+)\s*\(/u);
      expect(nodes.map((n) => [n.type, sourceCode.text.slice(...n.range)])).toEqual([
        ['Identifier', 'm'],
        ['ReturnStatement', 'return this.m(p, rest) /* this.n() */;'],
        ['Literal', "'this.q()'"],
      ]);
    });
  });
});

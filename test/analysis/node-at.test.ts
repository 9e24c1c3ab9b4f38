import { describe, expect, it } from 'vitest';

import { matchesByName, nodeAt, nodesAt, nodesMatching } from '../../src/analysis/ast.js';
import { withSourceCode } from '../helpers/source-code.js';

const SAMPLE = [
  'const a = [1, , 3, { b: `x${y}z`, c }];',
  'function f(p = 1, ...rest) { return this.m(p, rest) /* this.n() */; }',
  "class K { #x = 1; static { g?.(import('fs')); } get v() { return 'this.q()'; } }",
  ...Array.from({ length: 40 }, (_, i) => `export const v${i} = (${i} + w) * z;`),
].join('\n');

const PARSERS = [
  ['espree', false],
  ['typescript-estree', true],
] as const;

describe.each(PARSERS)('nodeAt, parsed by %s', (_, ts) => {
  it('finds the node getNodeByRangeIndex finds, at every offset', () => {
    withSourceCode(
      SAMPLE,
      (sourceCode) => {
        const eslint = sourceCode as unknown as { getNodeByRangeIndex(i: number): unknown };
        for (let index = 0; index < SAMPLE.length; index++) {
          expect(nodeAt(sourceCode, index), `offset ${index}`).toBe(eslint.getNodeByRangeIndex(index) ?? sourceCode.ast);
        }
      },
      { ts },
    );
  });
});

describe('nodesMatching', () => {
  it.each(PARSERS)('finds the node getNodeByRangeIndex finds at every match, however far apart the matches are (%s)', (_, ts) => {
    withSourceCode(
      SAMPLE,
      (sourceCode) => {
        const eslint = sourceCode as unknown as { getNodeByRangeIndex(i: number): unknown };
        const starts = [...SAMPLE.matchAll(/[\w$#]+|[^\s\w]/gu)].map((m) => m.index);
        expect(starts.length).toBeGreaterThan(400);
        const nodes = nodesMatching(sourceCode, /[\w$#]+|[^\s\w]/u);
        expect(nodes).toHaveLength(starts.length);
        starts.forEach((index, i) => expect(nodes[i], `offset ${index}`).toBe(eslint.getNodeByRangeIndex(index) ?? sourceCode.ast));
      },
      { ts },
    );
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

describe('matchesByName', () => {
  it('gives the places of each capture text in order, and nodesAt the nodes there', () => {
    withSourceCode(SAMPLE, (sourceCode) => {
      const places = matchesByName(sourceCode.text, /\bthis\s*\.\s*(\w+)/u);
      expect([...places.keys()]).toEqual(['m', 'n', 'q']);
      const m = places.get('m')!;
      expect(m).toEqual([SAMPLE.indexOf('this.m') + 5]);
      expect(nodesAt(sourceCode, m).map((n) => n.type)).toEqual(['Identifier']);
    });
  });

  it('places a match without groups at its start, under its own text', () => {
    const places = matchesByName('a.b a.b c', /a\.b/u);
    expect([...places]).toEqual([['a.b', [0, 4]]]);
  });
});

// ESLint core's check-rule-examples, for our docs: every ❌ block must report the rule and
// every ✅ block must not, so the examples can never drift from what the rule does.
import { readdirSync, readFileSync } from 'node:fs';

import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';

const docsDir = new URL('../../docs/rules/', import.meta.url);
const pages = readdirSync(docsDir).filter((f) => f.endsWith('.md'));

interface Example {
  kind: 'incorrect' | 'correct';
  lang: string;
  code: string;
  line: number;
}

function examples(markdown: string): Example[] {
  const found: Example[] = [];
  let kind: Example['kind'] | undefined;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('#')) kind = line.includes('❌') ? 'incorrect' : line.includes('✅') ? 'correct' : undefined;
    const fence = /^```(\w+)/u.exec(line);
    if (!fence) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
    if (kind && ['js', 'ts', 'javascript', 'typescript'].includes(fence[1]!)) {
      found.push({ kind, lang: fence[1]!, code: body.join('\n'), line: start + 1 });
    }
  }
  return found;
}

const linter = new Linter({ configType: 'flat' });

describe.each(pages)('docs/rules/%s', (page) => {
  const rule = page.slice(0, -3);
  const blocks = examples(readFileSync(new URL(page, docsDir), 'utf8'));

  it('has incorrect and correct examples', () => {
    expect(blocks.some((b) => b.kind === 'incorrect')).toBe(true);
    expect(blocks.some((b) => b.kind === 'correct')).toBe(true);
  });

  it.each(blocks.map((b) => [`${b.kind} example at line ${b.line}`, b] as const))('%s', (_title, block) => {
    expect(block.code, 'each example enables its rule inline').toContain(`/* eslint secure-fs/${rule}: "error" */`);
    const ts = block.lang.startsWith('t');
    const messages = linter.verify(
      block.code,
      [
        {
          files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'],
          plugins: { 'secure-fs': plugin },
          languageOptions: ts ? { parser: tsParser } : { sourceType: 'module', ecmaVersion: 'latest' },
        },
      ],
      ts ? 'example.ts' : 'example.js',
    );
    // Also catches a block ESLint did not lint at all ("No matching configuration").
    expect(messages.filter((m) => m.ruleId === null)).toEqual([]);
    const reports = messages.filter((m) => m.ruleId === `secure-fs/${rule}`);
    if (block.kind === 'incorrect') expect(reports.length, 'an incorrect example must be reported').toBeGreaterThan(0);
    else expect(reports.map((m) => `${m.line}: ${m.message}`)).toEqual([]);
  });
});

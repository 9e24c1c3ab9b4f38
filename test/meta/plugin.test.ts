// Integrity: every rule is registered under its file name, documented with the required
// sections, linked to real runtime helpers, tested with at least as many valid as invalid
// cases, and in the configs its metadata says.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { rules } from '../../src/rules/index.js';
import * as runtime from '../../src/runtime-fixes/index.js';
import type { Cases } from '../helpers/run.js';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');
const ruleFiles = readdirSync(new URL('src/rules/', root))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3));
const ruleEntries = Object.entries(rules);

// Runtime exports that no rule points to, each with its reason.
const STANDALONE: Record<string, string> = {
  SecureFsError: 'the error class every helper throws',
  isSecureFsError: 'narrows caught errors by code',
};

const SECTIONS = ['## Why', '## Examples', '## Secure alternative', '## When Not To Use It', '## References', '## Implementation'];

describe('plugin', () => {
  it('registers every file in src/rules under its own name, alphabetically', () => {
    expect(Object.keys(rules)).toEqual([...ruleFiles].sort());
    for (const [name, rule] of ruleEntries) expect(rule.name).toBe(name);
  });

  it('has meta.name and meta.version from package.json', () => {
    const pkg = JSON.parse(read('package.json')) as { name: string; version: string };
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version });
  });

  it('puts every rule in configs.all and exactly the recommended ones in configs.recommended', () => {
    expect(Object.keys(plugin.configs.all.rules ?? {})).toEqual(Object.keys(rules).map((n) => `secure-fs/${n}`));
    const recommended = ruleEntries.filter(([, r]) => r.meta.docs.recommended).map(([n]) => `secure-fs/${n}`);
    expect(Object.keys(plugin.configs.recommended.rules ?? {})).toEqual(recommended);
    expect(recommended.length).toBeGreaterThan(0);
  });

  it('points every runtime export to a rule, or lists why it stands alone', () => {
    const named = new Set(ruleEntries.flatMap(([, r]) => r.meta.docs.helpers));
    // A `…Sync` twin is covered by its async helper.
    const orphans = Object.keys(runtime).filter(
      (name) => !named.has(name) && !named.has(name.replace(/Sync$/u, '')) && !(name in STANDALONE),
    );
    expect(orphans).toEqual([]);
  });
});

describe('examples/', () => {
  it('shows every rule at least once, and its secure-* files are clean', async () => {
    const eslint = new ESLint({
      cwd: new URL('.', root).pathname,
      overrideConfigFile: true,
      overrideConfig: [plugin.configs.all],
    });
    const results = await eslint.lintFiles(['examples/']);
    const fired = new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId)));
    expect(Object.keys(rules).filter((name) => !fired.has(`secure-fs/${name}`))).toEqual([]);
    const secure = results.filter((r) => /[\\/]secure-[^\\/]+$/u.test(r.filePath));
    expect(secure.length).toBeGreaterThan(0);
    expect(secure.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.message}`))).toEqual([]);
    expect(results.flatMap((r) => r.messages.filter((m) => m.fatal))).toEqual([]);
  });
});

describe.each(ruleEntries)('%s', (name, rule) => {
  const doc = existsSync(new URL(`docs/rules/${name}.md`, root)) ? read(`docs/rules/${name}.md`) : '';

  it('has a docs url ending in its docs page', () => {
    expect(rule.meta.docs.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`, 'u'));
  });

  it('has a docs page with the required sections in order', () => {
    expect(doc, `docs/rules/${name}.md`).not.toBe('');
    const positions = SECTIONS.map((s) => doc.indexOf(`\n${s}\n`));
    expect(positions.every((p) => p >= 0), `sections of docs/rules/${name}.md: ${SECTIONS.join(', ')}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(doc).toContain('### ❌ Incorrect');
    expect(doc).toContain('### ✅ Correct');
  });

  it('names real runtime helpers, and its docs page links each of them', () => {
    expect(rule.meta.docs.helpers.length).toBeGreaterThan(0);
    for (const helper of rule.meta.docs.helpers) {
      expect(runtime, `${helper} is not exported by ./runtime`).toHaveProperty(helper);
      expect(doc, `docs/rules/${name}.md does not name ${helper}`).toContain(helper);
    }
    expect(doc).toMatch(/\]\(\.\.\/\.\.\/src\/runtime-fixes\/[\w-]+\.ts\)/u);
  });

  it('cites its CWEs in the docs page', () => {
    expect(rule.meta.docs.cwe.length).toBeGreaterThan(0);
    for (const cwe of rule.meta.docs.cwe) expect(doc).toContain(cwe);
  });

  it('names its helper in every report message', () => {
    const [main] = rule.meta.docs.helpers;
    const reports = Object.entries(rule.meta.messages).filter(([id]) => !id.startsWith('use'));
    for (const [id, text] of reports) {
      expect(text.includes(main) || text.includes('{{helper}}') || rule.meta.docs.helpers.some((h) => text.includes(h)), id).toBe(true);
    }
  });

  it('has at least as many valid as invalid cases', async () => {
    const cases = (await import(`../rules/${name}.cases.ts`)) as Cases;
    expect(cases.invalid.length).toBeGreaterThan(0);
    expect(cases.valid.length).toBeGreaterThanOrEqual(cases.invalid.length);
  });
});

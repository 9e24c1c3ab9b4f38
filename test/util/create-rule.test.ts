// What rules receive as their context, and that linting a file leaves nothing of the previous
// one alive: ESLint gives each file's rule contexts a prototype of their own, and optimised
// code that reads them kept the previous file's tree reachable (see `view` in create-rule.ts).
import { spawnSync } from 'node:child_process';

import { Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRule, type RuleContextView } from '../../src/util/create-rule.js';
import { buildPrivate, repo } from '../helpers/build.js';

describe('the context a rule receives', () => {
  it('is a plain object of the fields rules read, whose report reaches ESLint', () => {
    let seen: RuleContextView<'found', []> | undefined;
    const rule = createRule<[], 'found'>({
      name: 'probe',
      meta: {
        type: 'problem',
        docs: { description: 'probe', recommended: false, helpers: ['createTempDir'], cwe: [] },
        messages: { found: 'found {{name}}' },
        schema: [],
      },
      create(context) {
        seen = context;
        return { Identifier: (node) => context.report({ node, messageId: 'found', data: { name: node.name } }) };
      },
    });
    const messages = new Linter({ configType: 'flat' }).verify('hello', [{ plugins: { p: { rules: { probe: rule as never } } }, rules: { 'p/probe': 'error' } }], { filename: 'a.js' });
    expect(messages.map((m) => [m.ruleId, m.message])).toEqual([['p/probe', 'found hello']]);
    expect(Object.getPrototypeOf(seen)).toBe(Object.prototype);
    expect(Object.keys(seen!).sort()).toEqual(['filename', 'options', 'report', 'sourceCode']);
    expect(seen!.sourceCode.text).toBe('hello');
    expect(seen!.filename).toMatch(/a\.js$/u);
  });
});

// Lints two alternating fs-heavy files with every rule, each lint followed by a lint of an empty
// text (so ESLint holds no tree) and a full collection, and prints how many files older than the
// last one are still reachable. A low tier-up budget makes V8 optimise the rules within a few
// lints; before the fix, 2 to 4 older files stayed alive in every run.
const CHILD = `
import v8 from 'node:v8';
v8.setFlagsFromString('--interrupt-budget=2000');
const { ESLint } = await import('eslint');
const plugin = (await import(process.env.INDEX)).default;
const chunk = (i) => \`
export async function save\${i}(dir, value) {
  const target = path.join(os.tmpdir(), 'cache-\${i}', String(value.id));
  if (!fs.existsSync(target)) await fsp.mkdir(path.dirname(target), { recursive: true });
  await fsp.writeFile(target, JSON.stringify(value), { mode: 0o644 });
  try { return JSON.parse(fs.readFileSync(path.join(dir, value.name), 'utf8')); } catch (error) { return []; }
}
http.createServer((req, res) => save\${i}('/srv', { id: req.url }).then((where) => res.end(where), (err) => res.end(err.stack)));
\`;
const head = "import fs from 'node:fs';\\nimport fsp from 'node:fs/promises';\\nimport path from 'node:path';\\nimport os from 'node:os';\\nimport http from 'node:http';\\n";
const texts = [0, 1].map((n) => head + Array.from({ length: 60 }, (_, i) => chunk(i * 2 + n)).join(''));
const refs = [];
const probe = { meta: { schema: [] }, create: (context) => { refs.push(new WeakRef(Reflect.get(context, 'sourceCode'))); return {}; } };
const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: [{ files: ['**/*.js'], ...plugin.configs.all }, { files: ['**/*.js'], plugins: { probe: { rules: { probe } } }, rules: { 'probe/probe': 'error' } }] });
let older = 0, reports = 0;
for (let i = 0; i < 10; i++) {
  const [result] = await eslint.lintText(texts[i % 2], { filePath: 'file.js' });
  reports += result.messages.length;
  const last = refs.length;
  await eslint.lintText('', { filePath: 'file.js' });
  await new Promise((resolve) => setTimeout(resolve, 0));
  globalThis.gc();
  older = Math.max(older, refs.slice(0, last - 1).filter((ref) => ref.deref()).length);
}
console.log(JSON.stringify({ older, reports }));
`;

describe('memory between files', () => {
  let build: ReturnType<typeof buildPrivate>;
  beforeAll(() => {
    build = buildPrivate();
  });
  afterAll(() => build.remove());

  it('keeps no earlier file reachable once the next has been linted', () => {
    const child = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', CHILD], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, INDEX: build.index },
    });
    expect(child.stderr).toBe('');
    const { older, reports } = JSON.parse(child.stdout) as { older: number; reports: number };
    // The rules ran for real on every lint: the files are full of findings.
    expect(reports).toBeGreaterThan(10 * 60);
    expect(older).toBe(0);
  });
});

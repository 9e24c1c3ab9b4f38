#!/usr/bin/env node
// Writes the README's runtime-helpers table from the two sources of truth: each helper's TSDoc
// (its first sentence says what it guarantees) and the rules' meta.docs.helpers (which rule
// points to it). `--check` fails when the README is out of date (part of `npm test`).
import { readFileSync, writeFileSync } from 'node:fs';

import ts from 'typescript';

import plugin from '../dist/index.js';

const root = new URL('..', import.meta.url).pathname;
const entry = `${root}src/runtime-fixes/index.ts`;
const readmePath = `${root}README.md`;
const BEGIN = '<!-- begin helpers table -->';
const END = '<!-- end helpers table -->';

const program = ts.createProgram([entry], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true });
const checker = program.getTypeChecker();
const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry));

const helpers = new Map();
for (const exported of checker.getExportsOfModule(moduleSymbol)) {
  const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  if (!(symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class))) continue;
  const declaration = symbol.declarations?.[0];
  const file = declaration ? declaration.getSourceFile().fileName.slice(root.length) : '';
  const doc = ts.displayPartsToString(symbol.getDocumentationComment(checker)).replace(/\s+/gu, ' ').trim();
  // The first sentence, with `{@link x}` reduced to `x`.
  const summary = doc.replace(/\{@link\s+([^}\s|]+)[^}]*\}/gu, '`$1`').split(/(?<=\.)\s/u)[0] ?? '';
  helpers.set(exported.name, { file, summary });
}

const rulesByHelper = new Map();
for (const [name, rule] of Object.entries(plugin.rules)) {
  for (const helper of rule.meta.docs.helpers) {
    const list = rulesByHelper.get(helper) ?? [];
    list.push(`[${name}](docs/rules/${name}.md)`);
    rulesByHelper.set(helper, list);
  }
}

const rows = [];
for (const [name, { file, summary }] of helpers) {
  // A `…Sync` twin shares its async helper's row.
  if (name.endsWith('Sync') && helpers.has(name.slice(0, -4))) continue;
  const twin = helpers.has(`${name}Sync`) ? ` / \`${name}Sync\`` : '';
  const rules = [...new Set([...(rulesByHelper.get(name) ?? []), ...(rulesByHelper.get(`${name}Sync`) ?? [])])];
  rows.push(`| [\`${name}\`](${file})${twin} | ${summary.replaceAll('|', '\\|')} | ${rules.join(', ') || '—'} |`);
}
const table = ['| Helper | What it guarantees | Rules that point to it |', '| :-- | :-- | :-- |', ...rows].join('\n');

const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf(BEGIN);
const end = readme.indexOf(END);
if (start < 0 || end < start) throw new Error(`README.md lacks the ${BEGIN} … ${END} markers`);
const updated = `${readme.slice(0, start + BEGIN.length)}\n\n${table}\n\n${readme.slice(end)}`;

if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('README.md helpers table is out of date: run `npm run docs`.');
    process.exitCode = 1;
  }
} else {
  writeFileSync(readmePath, updated);
}

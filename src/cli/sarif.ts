// SARIF 2.1.0 through Microsoft's ESLint formatter (the one GitHub's ESLint code-scanning
// workflow uses), bundled into dist so that its `eslint@8` dependency never reaches users.
// The run names the ESLint that produced it and the plugin as a tool extension.
import type { ESLint } from 'eslint';

import { REPOSITORY_URL } from '../util/create-rule.js';

interface SarifLog {
  version: string;
  $schema: string;
  runs: {
    tool: { driver: { name: string; version?: string; rules: unknown[] }; extensions?: unknown[] };
  }[];
}

export async function formatSarif(
  results: ESLint.LintResult[],
  data: ESLint.LintResultData,
  versions: { eslint: string; plugin: { name: string; version: string } },
): Promise<string> {
  const { default: format } = await import('@microsoft/eslint-formatter-sarif');
  const log = JSON.parse(format(results, data)) as SarifLog;
  for (const run of log.runs) {
    run.tool.driver.version ??= versions.eslint;
    run.tool.extensions = [{ name: versions.plugin.name, version: versions.plugin.version, informationUri: REPOSITORY_URL }];
  }
  return `${JSON.stringify(log, null, 2)}\n`;
}

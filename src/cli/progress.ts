// The progress line for large trees: a rule with no listeners whose `create` runs once per
// linted file (the only per-file hook ESLint's API offers), redrawing one stderr line.
import type { ESLint, Rule } from 'eslint';

export interface Progress {
  plugin: ESLint.Plugin;
  ruleId: string;
  /** Clears the line; call before anything else is written. */
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream, label: string): Progress {
  const seen = new Set<string>();
  let last = 0;
  let drawn = false;
  const draw = (file: string): void => {
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    const width = Math.max(20, (stream.columns || 80) - 1);
    let line = `${label}: ${seen.size} files… ${file}`;
    if (line.length > width) line = `${line.slice(0, width - 1)}…`;
    stream.write(`\r\u001B[K${line}`);
    drawn = true;
  };
  const rule: Rule.RuleModule = {
    meta: { type: 'problem', schema: [], docs: { description: 'Counts linted files for the progress line.' } },
    create(context) {
      seen.add(context.filename);
      draw(context.filename);
      return {};
    },
  };
  return {
    plugin: { meta: { name: 'secure-fs-cli' }, rules: { progress: rule } },
    ruleId: 'secure-fs-cli/progress',
    done() {
      if (drawn) stream.write('\r\u001B[K');
      drawn = false;
    },
  };
}

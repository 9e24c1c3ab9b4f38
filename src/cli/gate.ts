// Files the scan sets aside before they are parsed: those above --max-file-size (a generated 20 MB
// bundle would take minutes and then exhaust the heap) and TypeScript when its parser is missing.
// A processor, so that ESLint's own file selection (patterns, ignores, --use-config) decides what
// belongs to the scan, and a file set aside is read once and never parsed.
import { Buffer } from 'node:buffer';

import type { Linter } from 'eslint';

export const TS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'];
export const TS_PARSER_HINT = 'npm install --save-dev @typescript-eslint/parser';

export interface Gate {
  processor: Linter.Processor;
  /** Absolute path → why it was not scanned. */
  skipped: Map<string, string>;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [unit, size] = bytes < 1024 ** 2 ? ['KiB', bytes / 1024] : ['MiB', bytes / 1024 ** 2];
  return `${Number.isInteger(size) ? size : size.toFixed(1)} ${unit}`;
}

export function createGate(maxBytes: number, tsParser: boolean): Gate {
  const skipped = new Map<string, string>();
  const processor: Linter.Processor = {
    meta: { name: 'secure-fs/cli/gate' },
    supportsAutofix: true,
    preprocess(text, filename) {
      if (!tsParser && TS_EXTENSIONS.some((extension) => filename.endsWith(extension))) {
        skipped.set(filename, `TypeScript, and @typescript-eslint/parser is not installed: ${TS_PARSER_HINT}`);
        return [];
      }
      // Cheap first: one UTF-16 unit of the text is at most 3 bytes of UTF-8.
      const bytes = text.length * 3 > maxBytes ? Buffer.byteLength(text) : 0;
      if (bytes > maxBytes) {
        skipped.set(filename, `${formatBytes(bytes)}, above --max-file-size ${formatBytes(maxBytes)}`);
        return [];
      }
      return [text];
    },
    postprocess: (messages) => messages.flat(),
  };
  return { processor, skipped };
}

// Report text helpers: how code and paths are quoted in rule messages.

/**
 * `text` as it goes into a message: on one line (a snippet that spans lines has each line
 * break and its indentation made one space, as CLI, SARIF and editor hovers show one line),
 * then unchanged up to `max` characters, otherwise its first `max - 3` characters and `...`.
 * Rules quote paths at 60 and code snippets at 40.
 */
export function shorten(text: string, max = 60): string {
  const line = text.replace(/\s*\n\s*/gu, ' ');
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}

// Report text helpers: how code and paths are quoted in rule messages.

/**
 * `text` as it goes into a message: unchanged up to `max` characters, otherwise its first
 * `max - 3` characters and `...`. Rules quote paths at 60 and code snippets at 40.
 */
export function shorten(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

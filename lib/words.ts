// Small pieces of English for sentences operators read (audit log, notices).

/** ['name', 'URL', 'logo'] → "name, URL and logo". */
export function listInWords(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "a" or "an" by the first letter of `word` (after any "<"): "an <iframe>", "a <script>". */
export function withArticle(word: string): string {
  return `${/^<?[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

/** "a <script> element", "2 <script> elements". */
export function counted(count: number, thing: string, plural = `${thing}s`): string {
  return count === 1 ? withArticle(thing) : `${count} ${plural}`;
}

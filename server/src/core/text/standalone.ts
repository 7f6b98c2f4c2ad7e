// Standalone copies of strings that live as long as the index: an item's text, its raw line, a heading, a
// metadata value. V8 cuts a substring of 13 characters or more as a view on the string it comes from, so an
// item's text would keep its whole file's text alive; and a file with a single character outside Latin-1 (a
// curly quote) is stored two bytes a character, and so are the ASCII items and labels cut or copied from it.
// Copied through UTF-8, a string owns its characters and takes one byte each when it can: at 100,000 items the
// parsed documents take 84 MB instead of 134.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Reused for texts of up to a third of its size (one item, a heading); longer ones get a buffer of their own. */
const buffer = new Uint8Array(1 << 16);

/** The same text, as a string of its own (ill-formed text, which UTF-8 cannot carry, is kept as it is). */
export function standalone(text: string): string {
  if (text.length === 0 || !isWellFormed(text)) return text;
  // At most three UTF-8 bytes per UTF-16 unit.
  if (text.length * 3 > buffer.length) return decoder.decode(encoder.encode(text));
  const { written } = encoder.encodeInto(text, buffer);
  return decoder.decode(buffer.subarray(0, written));
}

/**
 * An item's raw text: when it is exactly its `label`, a space and its `text` (one line, as usual), a string made
 * of those two (no characters of its own); otherwise a standalone copy. Compared piece by piece: comparing the
 * joined string would flatten it into a copy.
 */
export function standaloneRaw(raw: string, label: string, text: string): string {
  if (label === '') return raw === text ? text : standalone(raw);
  const joined = raw.length === label.length + 1 + text.length && raw.startsWith(label) && raw.charCodeAt(label.length) === 0x20 && raw.endsWith(text);
  return joined ? `${label} ${text}` : standalone(raw);
}

/** Whether `text` has no lone surrogate (which UTF-8 cannot carry). */
export function isWellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed?: () => boolean }).isWellFormed?.() ?? !/[\ud800-\udfff]/.test(text);
}

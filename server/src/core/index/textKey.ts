// Cache keys made of texts that callers may hand in as slices of larger strings.

/**
 * An independent copy of a string for a cache key: a query's text may be a slice of a whole draft, which a
 * remembered slice would keep alive (every version of a draft being typed).
 */
export function ownCopy(text: string): string {
  return (text + ' ').slice(0, -1);
}

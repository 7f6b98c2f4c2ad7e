// The inverted rows of a set of term lists: one counting sort by term (CSR: one offset per term, then each
// posting's item and weight code), items in order within a row. Sealing the index and saving its state both
// invert through here, so a loaded state's rows are exactly the rows a seal of the same items makes.
// Pure: typed arrays in, typed arrays out.

/** Postings by term: term t's are `items`/`codes[start[t] .. start[t + 1])`, items ascending. */
export interface Rows {
  start: Int32Array;
  items: Int32Array;
  codes: Uint16Array;
}

/**
 * The rows of `terms` terms from the term lists of the items `represents` marks (1): item i's list is
 * `ids`/`codes[itemStart[i] .. itemStart[i] + itemLength[i])`. Items not marked have no postings.
 */
export function invert(terms: number, represents: Uint8Array, itemStart: Int32Array, itemLength: Int32Array, ids: Int32Array, codes: Uint16Array): Rows {
  const count = represents.length;
  const start = new Int32Array(terms + 1);
  for (let i = 0; i < count; i++) {
    if (represents[i] === 0) continue;
    for (let k = itemStart[i]!, end = k + itemLength[i]!; k < end; k++) start[ids[k]! + 1]!++;
  }
  for (let t = 0; t < terms; t++) start[t + 1]! += start[t]!;
  const total = start[terms]!;
  const items = new Int32Array(total);
  const rowCodes = new Uint16Array(total);
  const fill = start.slice(0, terms);
  for (let i = 0; i < count; i++) {
    if (represents[i] === 0) continue;
    for (let k = itemStart[i]!, end = k + itemLength[i]!; k < end; k++) {
      const at = fill[ids[k]!]!++;
      items[at] = i;
      rowCodes[at] = codes[k]!;
    }
  }
  return { start, items, codes: rowCodes };
}

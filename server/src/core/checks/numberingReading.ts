// The reading of a list's numbers: the fewest wrong labels that explain it. Numbers only (a label's value),
// so that numbers, letters and Roman numerals are read alike.
//
// A list of n items that starts at `start` reads right when item k has value start + k: the label that
// renumbering writes there (its "positional" value). A reading explains every other value by mistakes, each
// costing one finding:
// - a typo: this label alone is wrong; the items after it carry on from the value this one should have had
//   (1, 2, 5, 4, 5: the "5." is a typo for "3.");
// - a jump: the items after it carry on from this label (1, 2, 3, 5, 6, 7 is one gap; 1, 2, 3, 1, 2 one
//   restart; 1, 2, 3, 2, 3 one step back). The values a jump leads to are the list's "run".
// The chosen reading has the fewest mistakes, then the fewest jumps (so a swap is two typos, each named with
// its own right label, and a slip on the last item reads as a typo).
//
// What must stay true (the fuzz properties hold the check to it):
// - a mistake never lands on an item whose value is positional: renumbering would leave that label as it is;
// - so the reading never has more mistakes than items off their positional value: planting k wrong labels
//   in a clean list gives at most k mistakes, all on planted items.
// Both follow from the rule below that a positional item is never a mistake, and from keeping the all-typo
// reading (the positional base) alive whatever else is pruned.

export type MistakeKind = 'typo' | 'jump';

export interface Mistake {
  /** The item's position among the list's counted items. */
  index: number;
  kind: MistakeKind;
  /** The value the reading expected here (the list's start plus the position, or the run a jump began). */
  expected: number;
}

export interface NumberingReading {
  /** In list order. */
  mistakes: Mistake[];
  /** The value the last item has in the reading (its label, or the one a typo stands for); null for no item. */
  last: number | null;
}

/** A reading so far: the next item is expected to have value `base` + its index. */
interface State {
  base: number;
  cost: number;
  jumps: number;
  /** The mistakes so far, newest first; shared between the states that branched from one another. */
  trail: Trail | null;
}

interface Trail {
  mistake: Mistake;
  previous: Trail | null;
}

/**
 * Readings worse than the best by more than this are dropped, and at most `MAX_STATES` are kept besides the
 * positional one: lists where every label is wrong would otherwise keep one reading per item (quadratic).
 * Pruning can cost optimality on such lists, never the two guarantees above.
 */
const SLACK = 2;
const MAX_STATES = 32;

export function readNumbering(values: readonly number[], start: number): NumberingReading {
  // The positional reading (base `start`) only ever takes typos: no jump leads back to it, since a jump onto
  // a positional value would be a mistake on a right label.
  let positional: State = { base: start, cost: 0, jumps: 0, trail: null };
  let others = new Map<number, State>();

  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (value === start + index) {
      // A right label is never a mistake: every reading that expected something else here ends.
      others.clear();
      continue;
    }
    const source = cheapest(positional, others);
    const next = new Map<number, State>();
    for (const state of others.values()) {
      next.set(state.base, state.base + index === value ? state : withMistake(state, state.base, { index, kind: 'typo', expected: state.base + index }));
    }
    const target = value - index;
    const jumped = withMistake(source, target, { index, kind: 'jump', expected: source.base + index });
    const staying = next.get(target);
    if (!staying || better(jumped, staying)) next.set(target, jumped);
    positional = withMistake(positional, start, { index, kind: 'typo', expected: start + index });
    others = prune(next, cheapest(positional, next).cost);
  }

  const best = cheapest(positional, others);
  const mistakes: Mistake[] = [];
  for (let trail = best.trail; trail; trail = trail.previous) mistakes.push(trail.mistake);
  mistakes.reverse();
  return { mistakes, last: values.length === 0 ? null : best.base + values.length - 1 };
}

function withMistake(state: State, base: number, mistake: Mistake): State {
  return { base, cost: state.cost + 1, jumps: state.jumps + (mistake.kind === 'jump' ? 1 : 0), trail: { mistake, previous: state.trail } };
}

function better(a: State, b: State): boolean {
  return a.cost < b.cost || (a.cost === b.cost && a.jumps < b.jumps);
}

/** The best reading; the positional one wins ties (it has no jump), then the earliest kept. */
function cheapest(positional: State, others: ReadonlyMap<number, State>): State {
  let best = positional;
  for (const state of others.values()) if (better(state, best)) best = state;
  return best;
}

function prune(states: Map<number, State>, bestCost: number): Map<number, State> {
  const kept = [...states.values()].filter((state) => state.cost <= bestCost + SLACK);
  if (kept.length === states.size && kept.length <= MAX_STATES) return states;
  kept.sort((a, b) => a.cost - b.cost || a.jumps - b.jumps);
  return new Map(kept.slice(0, MAX_STATES).map((state) => [state.base, state]));
}

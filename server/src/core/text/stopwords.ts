// English stop words: function words that say nothing about what a recommendation is about.
// Deliberately modest. Not stopped: negations (`no`, `not`, `without`, `cannot`: "change jobs without losing
// visa status"), `before`/`after`/`during` (pre-departure, post-arrival, "during crises"), the particles of
// phrasal verbs (`up`, `off`, `down`: "scale up", "laid off"), and every word of the field, however
// frequent (`migrant`, `workers`, `ensure`, `support`): rarity weighting handles those.

const WORDS = `
a about above again against all also am among amongst an and any are as at be because been being below
between both but by can could did do does doing each either else etc eg e.g i.e ie even ever every few
for from further had has have having he her here hers herself him himself his how i if in into is it its
itself just let may me might more most must my myself of on once only onto or other others otherwise ought
our ours ourselves out over own per same shall she should so some such than that the their theirs them
themselves then there thereby therefore these they this those though through thus to too under until upon
us very via was we were what whatever when where whereas whether which while whilst who whom whose why will
with within would you your yours yourself yourselves including especially particularly
well toward towards regarding s
`;

/** Folded English stop words. */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter((w) => w.length > 0));

/** True when the folded word is an English stop word. */
export function isStopWord(foldedWord: string): boolean {
  return ENGLISH_STOP_WORDS.has(foldedWord);
}

// A draft made from the Viet Nam 2020 seed by a script, with one change of each kind a comparison must find:
// renumbered throughout, two neighbours swapped, two items merged into one, one split into two, one reworded, one
// deleted, one added. The changes are applied to the parsed items, then the draft is written out as a document.

import type { Item, RecDocument } from '../../../server/src/core/document/model';

export interface ScriptedDraft {
  text: string;
  /** Texts of the items involved in each change, as they are in the seed (earlier) and in the draft. */
  changes: {
    swapped: [string, string];
    merged: { earlier: [string, string]; draft: string };
    split: { earlier: string; draft: [string, string] };
    reworded: { earlier: string; draft: string };
    deleted: string;
    added: string;
  };
}

const ADDED = 'Ratify ILO Convention No. 189 on decent work for domestic workers.';
const REWORDED = 'Lower the costs and widen the availability and accessibility of remittance services, digital services among them.';

export function scriptedDraft(seed: RecDocument): ScriptedDraft {
  const inSection = (section: number) => seed.items.filter((item) => item.section === section && item.depth === 0);
  const sections = [...new Set(seed.items.map((item) => item.section))];
  const [first, second] = sections.map(inSection) as [Item[], Item[]];
  const at = (list: Item[], n: number) => list.find((item) => item.number === n)!;

  // Sub-theme 1: items 3 and 4 swapped, 6 reworded, 8 and 9 merged, 12 deleted, a new item after 19.
  const one: string[] = [];
  const merged = `${at(first, 8).text.replace(/\.?$/, ';')} ${lowerFirst(at(first, 9).text)}`;
  for (const item of first) {
    const n = item.number;
    if (n === 3) one.push(at(first, 4).text);
    else if (n === 4) one.push(at(first, 3).text);
    else if (n === 6) one.push(REWORDED);
    else if (n === 8) one.push(merged);
    else if (n === 9 || n === 12) continue;
    else one.push(item.text);
  }
  one.push(ADDED);
  // Sub-theme 2: item 6 split at its second sentence.
  const six = at(second, 6).text;
  const cut = six.indexOf('. ') + 1;
  const splitParts: [string, string] = [six.slice(0, cut), six.slice(cut + 1)];
  const two: string[] = [];
  for (const item of second) {
    if (item.number === 6) two.push(...splitParts);
    else two.push(item.text);
  }

  const title = (section: number) => seed.sections[section]!.title;
  const text = [
    'Viet Nam National Recommendations for the 14th ASEAN Forum on Migrant Labour',
    '',
    '12 October 2021',
    '',
    title(sections[0]!),
    '',
    ...one.map((line, i) => `${i + 1}. ${line}`),
    '',
    title(sections[1]!),
    '',
    ...two.map((line, i) => `${i + 1}. ${line}`),
    '',
  ].join('\n');
  return {
    text,
    changes: {
      swapped: [at(first, 3).text, at(first, 4).text],
      merged: { earlier: [at(first, 8).text, at(first, 9).text], draft: merged },
      split: { earlier: six, draft: splitParts },
      reworded: { earlier: at(first, 6).text, draft: REWORDED },
      deleted: at(first, 12).text,
      added: ADDED,
    },
  };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

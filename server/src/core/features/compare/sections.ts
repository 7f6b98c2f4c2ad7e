// Which section of the draft continues each section of the earlier document, so that an item is said to have
// changed section only when it left the section that its neighbours went to. Titles are rewritten between
// editions ("Sub-theme 1: Impact of COVID-19 …" → "Sub theme 1 “Economic Recovery …”"), so a section
// corresponds to the draft section with the same title (once folded), and otherwise to the draft section that
// most of its aligned items went to.

import type { RecDocument } from '../../document/model';
import { fold } from '../../text/fold';

/** For each earlier section index, the draft section index that continues it, or null when none does. */
export function correspondingSections(earlier: RecDocument, draft: RecDocument, pairs: ReadonlyArray<{ earlierSection: number; draftSection: number }>): Array<number | null> {
  const byTitle = new Map<string, number>();
  for (const section of draft.sections) {
    const key = titleKey(section.title);
    if (!byTitle.has(key)) byTitle.set(key, section.index);
  }
  const votes = earlier.sections.map(() => new Map<number, number>());
  for (const { earlierSection, draftSection } of pairs) {
    const tally = votes[earlierSection];
    if (tally) tally.set(draftSection, (tally.get(draftSection) ?? 0) + 1);
  }
  return earlier.sections.map((section) => {
    const same = byTitle.get(titleKey(section.title));
    if (same !== undefined) return same;
    let best: number | null = null;
    let most = 0;
    for (const [draftSection, count] of votes[section.index]!) {
      if (count > most || (count === most && best !== null && draftSection < best)) (best = draftSection, (most = count));
    }
    return best;
  });
}

/** A title as compared: its words folded, punctuation and quotes set aside ("Sub-theme 1:" = "Sub theme 1"). */
function titleKey(title: string): string {
  return fold(title).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

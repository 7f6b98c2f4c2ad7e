// `vague-action`: an item that only asks others to act, asks to continue, or asks to consider a change
// (levels 1 to 3 of the action scale, text/actionLevel.ts). A hint, off unless asked for: a reviewer of
// recommendation follow-up wants specific actions, but a draft may rightly ask to consider.

import { actionLevel, ACTION_LEVEL_NAMES } from '../text/actionLevel';
import type { ActionVerbs } from '../text/actionVerbs';
import type { RecDocument } from '../document/model';
import type { Finding } from './finding';

const WHAT_IT_ASKS: Record<1 | 2 | 3, string> = {
  1: 'Asks others to act',
  2: 'Asks only to continue',
  3: 'Asks only to consider a change',
};

export function checkVagueActions(document: RecDocument, verbs: ActionVerbs): Finding[] {
  // The paragraphs of an article are not recommendations.
  if (document.prose) return [];
  const findings: Finding[] = [];
  for (const item of document.items) {
    const reading = actionLevel(item.text, verbs);
    if (reading === null || reading.level > 3) continue;
    const level = reading.level as 1 | 2 | 3;
    findings.push({
      code: 'vague-action',
      severity: 'hint',
      message: `${WHAT_IT_ASKS[level]} (“${reading.verb}”: level ${level} of 5, ${ACTION_LEVEL_NAMES[level]}). Follow-up reviews look for a specific action: adopt, establish, amend; a plan, a law, a figure or a deadline.`,
      range: item.range,
      related: [],
      item: item.index,
    });
  }
  return findings;
}

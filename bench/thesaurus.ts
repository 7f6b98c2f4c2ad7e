// The thesaurus every benchmark analyses with: the shipped one, read as the server and the CLI read it. Found
// beside the running code (seeds/ next to dist/, or at the repository root); a bench run from elsewhere would
// silently measure without it, with shorter questions and other findings, so a problem stops it.

import { readThesauri } from '../server/src/node/thesaurusFile';
import type { Thesaurus } from '../server/src/core/text/thesaurus';

export function shippedThesaurus(): Thesaurus {
  const { thesaurus, problems } = readThesauri([]);
  if (problems.length > 0) throw new Error(`the shipped thesaurus: ${problems.join('; ')}`);
  return thesaurus;
}

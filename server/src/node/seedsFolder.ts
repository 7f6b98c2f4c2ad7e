// Where the shipped seed corpus and thesaurus are: `seeds/` beside `dist/` in a build or a .vsix,
// and at the repository root when the sources run directly (tests).

import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function seedsFolder(): string {
  const candidates = [join(__dirname, '..', 'seeds'), join(__dirname, '..', '..', '..', 'seeds')];
  return candidates.find((folder) => existsSync(join(folder, 'thesaurus.yaml'))) ?? candidates[0]!;
}

export function shippedThesaurusPath(): string {
  return join(seedsFolder(), 'thesaurus.yaml');
}

// The consistency checks on small drafts (each firing and not firing) and on the five real seeds.

import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkDocument } from '../../server/src/core/checks/checkDocument';
import { checkDuplicates } from '../../server/src/core/checks/duplicates';
import type { Finding } from '../../server/src/core/checks/finding';
import { checkNumbering, type NumberingStyle } from '../../server/src/core/checks/numbering';
import { checkPrecedentReuse } from '../../server/src/core/checks/reuse';
import { parseDocument } from '../../server/src/core/document/parse';
import { PrecedentIndex } from '../../server/src/core/index/precedentIndex';
import { defaultSettings } from '../../server/src/core/settings';
import { createAnalyser } from '../../server/src/core/text/analyser';
import { seedThesaurus } from './support/documentChecks';

const seedsDir = resolve(__dirname, '..', '..', 'seeds');
const seedFiles = readdirSync(seedsDir).filter((file) => file.endsWith('.txt'));
const seed = (file: string) => parseDocument(readFileSync(join(seedsDir, file), 'utf8'), join(seedsDir, file));

const thesaurus = seedThesaurus;

function seedIndex(except?: string): PrecedentIndex {
  const index = new PrecedentIndex(createAnalyser(thesaurus()));
  for (const file of seedFiles) if (file !== except) index.addDocument(seed(file));
  return index;
}

/** `code@line` (1-based) of each finding, in order. */
function codes(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.code}@${finding.range.start.line + 1}`);
}

function numbering(text: string, style: NumberingStyle = 'auto'): string[] {
  return codes(checkNumbering(parseDocument(text, 'draft.rec.md'), style));
}

describe('numbering and marker checks', () => {
  it('accepts a list numbered 1, 2, 3', () => {
    assert.deepEqual(numbering('1. a\n2. b\n3. c\n'), []);
  });

  it('numbering-gap: 1, 2, 4', () => {
    assert.deepEqual(numbering('1. a\n2. b\n4. c\n'), ['numbering-gap@3']);
    const [finding] = checkNumbering(parseDocument('1. a\n2. b\n4. c\n', 'draft'));
    assert.match(finding!.message, /skips "3\."/);
  });

  it('numbering-repeat: 1, 2, 2, 3', () => {
    assert.deepEqual(numbering('1. a\n2. b\n2. c\n3. d\n'), ['numbering-repeat@3']);
  });

  it('numbering-order: 1, 3, 2, 4 (both items out of place), and 3 before 2', () => {
    assert.deepEqual(numbering('1. a\n3. b\n2. c\n4. d\n'), ['numbering-order@2', 'numbering-order@3']);
  });

  it('numbering-start: a list that starts at 2, and letters that start at (b)', () => {
    assert.deepEqual(numbering('2. a\n3. b\n'), ['numbering-start@1']);
    assert.deepEqual(numbering('(b) a\n(c) b\n'), ['numbering-start@1']);
    assert.deepEqual(numbering('(a) a\n(b) b\n'), []);
  });

  it('numbering-restart: restarting after a new section heading is fine; in the middle of a section it is not', () => {
    const perSection = 'Sub-theme 1: Recovery\n\n1. a\n2. b\n\nSub-theme 2: Protection\n\n1. c\n2. d\n';
    assert.deepEqual(numbering(perSection), []);
    assert.deepEqual(numbering('Sub-theme 1: Recovery\n\n1. a\n2. b\n3. c\n1. d\n2. e\n'), ['numbering-restart@6']);
  });

  it('numbering-restart: restarting in some sections but continuing in others', () => {
    const mixed = '# One\n\n1. a\n2. b\n\n# Two\n\n3. c\n4. d\n\n# Three\n\n1. e\n2. f\n';
    assert.deepEqual(numbering(mixed), ['numbering-restart@13']);
    const continuous = '# One\n\n1. a\n2. b\n\n# Two\n\n3. c\n4. d\n';
    assert.deepEqual(numbering(continuous), []);
  });

  it('follows precedent.numbering.style', () => {
    const perSection = '# One\n\n1. a\n2. b\n\n# Two\n\n1. c\n';
    const continuing = '# One\n\n1. a\n2. b\n\n# Two\n\n3. c\n';
    assert.deepEqual(numbering(perSection, 'restartPerSection'), []);
    assert.deepEqual(numbering(continuing, 'continuous'), []);
    assert.deepEqual(numbering(perSection, 'continuous'), ['numbering-restart@8']);
    assert.deepEqual(numbering(continuing, 'restartPerSection'), ['numbering-restart@8']);
  });

  it('marker-mixed: 1. beside 2), and bullets beside numbers in one list', () => {
    assert.deepEqual(numbering('1. a\n2) b\n3. c\n'), ['marker-mixed@2']);
    assert.deepEqual(numbering('1. a\n- b\n2. c\n'), ['marker-mixed@2']);
    assert.match(checkNumbering(parseDocument('1. a\n- b\n2. c\n', 'd'))[0]!.message, /bullets and numbers/);
    assert.deepEqual(numbering('- a\n• b\n'), ['marker-mixed@2']);
    assert.deepEqual(numbering('- a\n- b\n'), []);
  });

  it('nested lettered items under numbered items are their own lists, restarting under each parent', () => {
    assert.deepEqual(numbering('1. Protect workers:\n(a) wages\n(b) housing\n2. Support return:\n(a) jobs\n3. Monitor.\n'), []);
    assert.deepEqual(numbering('1. Protect workers:\n(a) wages\n(c) housing\n2. Support return.\n'), ['numbering-gap@3']);
  });

  it('finds no numbering or marker problem in any of the five real seeds', () => {
    for (const file of seedFiles) assert.deepEqual(codes(checkNumbering(seed(file))), [], file);
  });
});

describe('duplicate items', () => {
  const index = seedIndex();
  const similarity = (a: string, b: string) => index.similarity(a, b);

  it('reports seed 001 items 14 and 16 (identical) as a duplicate, pointing at the first', () => {
    const document = seed('viet-nam-afml13-2020.txt');
    const findings = checkDuplicates(document, similarity, 0.85);
    assert.deepEqual(codes(findings), ['duplicate-item@38']);
    assert.equal(findings[0]!.related[0]!.range.start.line + 1, 36);
    assert.equal(findings[0]!.related[0]!.documentId, document.id);
    assert.match(findings[0]!.message, /^Duplicate item: the same text as item 14 \(line 36\)/);
  });

  it('finds no duplicate in the other seeds', () => {
    for (const file of seedFiles.filter((name) => name !== 'viet-nam-afml13-2020.txt')) assert.deepEqual(checkDuplicates(seed(file), similarity, 0.85), [], file);
  });

  it('reports a near-duplicate across small edits (spelling, plural), not a different item', () => {
    const draft = parseDocument('1. Enhance the role of labor management board in receiving countries.\n2. Enhance the role of labour management boards in receiving countries.\n3. Enhance the role of trade unions in receiving countries.\n', 'draft');
    const findings = checkDuplicates(draft, similarity, 0.85);
    assert.deepEqual(codes(findings), ['duplicate-item@2']);
    assert.match(findings[0]!.message, /Near-duplicate item: (\d+% similar to|the same words as) item 1/);
  });

  it('follows the threshold', () => {
    const draft = parseDocument('1. Reduce remittance costs for migrant workers.\n2. Reduce remittance costs for migrant workers and their families.\n', 'draft');
    assert.deepEqual(codes(checkDuplicates(draft, similarity, 0.6)), ['duplicate-item@2']);
    assert.deepEqual(codes(checkDuplicates(draft, similarity, 0.99)), []);
  });
});

describe('precedent reuse', () => {
  it('names the Viet Nam 2020 precedent a Lao PDR item paraphrases', () => {
    const lao = seed('lao-pdr-afml13-2020.txt');
    const findings = checkPrecedentReuse(lao, seedIndex('lao-pdr-afml13-2020.txt'));
    const job = findings.find((finding) => lao.items[finding.item!]!.text.startsWith('Encourage job retention'));
    assert.ok(job, 'the job retention item reuses Viet Nam 2020 item 4 word for word');
    assert.equal(job.severity, 'hint', 'reuse is shown quietly by default (issue 15)');
    assert.match(job.message, /Viet Nam · 13th AFML · 28 Sep 2020 · Sub-theme 1 · item 4/);
    assert.ok(job.related[0]!.documentId.endsWith('viet-nam-afml13-2020.txt'));
  });

  it('never cites the draft itself, nor a precedent dated after the draft', () => {
    const index = seedIndex();
    const viet2020 = seed('viet-nam-afml13-2020.txt');
    for (const finding of checkPrecedentReuse(viet2020, index)) {
      assert.notEqual(finding.related[0]!.documentId, viet2020.id);
      assert.ok(!finding.related[0]!.documentId.endsWith('viet-nam-afml15-2022.txt'), 'the 2022 document is not an earlier precedent of a 2020 draft');
    }
  });

  it('says nothing for an item unlike any precedent', () => {
    const draft = parseDocument('1. Paint the ministry building blue.\n', 'draft');
    assert.deepEqual(checkPrecedentReuse(draft, seedIndex()), []);
  });
});

describe('checkDocument', () => {
  const index = seedIndex();
  const context = (change: (settings: ReturnType<typeof defaultSettings>) => void = () => undefined) => {
    const settings = defaultSettings();
    change(settings);
    return { precedents: index, similarity: (a: string, b: string) => index.similarity(a, b), settings };
  };
  const draft = parseDocument('1. Encourage job retention, remote/flexible arrangements, alternative employment, job creation, and renewal/extensions of contracts, visas, work permits.\n2. Paint the ministry blue.\n4. Paint the ministry blue.\n', 'draft');

  it('runs every check, sorted by position', () => {
    assert.deepEqual(codes(checkDocument(draft, context())), ['precedent-reuse@1', 'numbering-gap@3', 'duplicate-item@3']);
  });

  it('applies severity overrides, "off", and the precedent reuse switch', () => {
    const findings = checkDocument(draft, context((settings) => {
      settings.diagnostics.severity['numbering-gap'] = 'error';
      settings.diagnostics.severity['duplicate-item'] = 'off';
      settings.diagnostics.precedentReuse = false;
    }));
    assert.deepEqual(findings.map((finding) => `${finding.code}:${finding.severity}`), ['numbering-gap:error']);
  });
});

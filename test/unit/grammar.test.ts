// The TextMate grammar (syntaxes/recommendation.tmLanguage.json): every regex compiles as JavaScript (the one
// Oniguruma-only anchor allowed is \A, "start of document", for front matter), the key lines of the seeds get
// the intended rules, and the grammar agrees with the parser on which seed lines are item labels and headings.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchHeading } from '../../server/src/core/document/headings';
import { matchLabel } from '../../server/src/core/document/labels';

interface Rule {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  include?: string;
  patterns?: Rule[];
  captures?: Record<string, Rule>;
  beginCaptures?: Record<string, Rule>;
  endCaptures?: Record<string, Rule>;
  repository?: Record<string, Rule>;
}

interface Grammar extends Rule {
  scopeName: string;
  repository: Record<string, Rule>;
}

const root = join(__dirname, '..', '..');
const grammar = JSON.parse(readFileSync(join(root, 'syntaxes', 'recommendation.tmLanguage.json'), 'utf8')) as Grammar;
const seedsDir = join(root, 'seeds');
const seeds = readdirSync(seedsDir).filter((name) => name.endsWith('.txt')).sort();
const seedLines = (name: string): string[] => readFileSync(join(seedsDir, name), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);

/** The grammar's regex as JavaScript: \A (start of document) becomes ^, as on the first line. */
function toJs(source: string): RegExp {
  return new RegExp(source.replace(/\\A/g, '^'));
}

function rule(key: string): Rule {
  const found = grammar.repository[key];
  assert.ok(found, `repository rule ${key}`);
  return found;
}

function regexOf(key: string): RegExp {
  const found = rule(key);
  assert.ok(found.match, `${key} has a match`);
  return toJs(found.match);
}

/** The match of a rule (or of the first of its sub-patterns that matches) anywhere in `text`. */
function find(key: string, text: string): RegExpExecArray | null {
  const found = rule(key);
  const candidates = found.match ? [found] : (found.patterns ?? []);
  for (const candidate of candidates) {
    const match = candidate.match ? toJs(candidate.match).exec(text) : null;
    if (match) return match;
  }
  return null;
}

/** All texts a rule matches in `text`. */
function findAll(key: string, text: string): string[] {
  const found = rule(key);
  const candidates = found.match ? [found] : (found.patterns ?? []);
  const out: string[] = [];
  for (const candidate of candidates) {
    if (!candidate.match) continue;
    for (const match of text.matchAll(new RegExp(toJs(candidate.match).source, 'g'))) out.push(match[0]);
  }
  return out;
}

/** The top-level rule TextMate applies at the start of a line: the first, in order, that matches at column 0. */
function lineRule(line: string, firstLine = false): string | null {
  for (const pattern of grammar.patterns ?? []) {
    const key = pattern.include?.replace(/^#/, '');
    if (!key) continue;
    const found = rule(key);
    const start = found.match ?? found.begin;
    if (!start) continue;
    if (!firstLine && start.includes('\\A')) continue;
    const match = toJs(start).exec(line);
    if (match && match.index === 0) return key;
  }
  return null;
}

function walk(node: Rule, path: string, visit: (rule: Rule, path: string) => void): void {
  visit(node, path);
  node.patterns?.forEach((child, index) => walk(child, `${path}.patterns[${index}]`, visit));
  for (const field of ['captures', 'beginCaptures', 'endCaptures'] as const) {
    for (const [group, child] of Object.entries(node[field] ?? {})) walk(child, `${path}.${field}[${group}]`, visit);
  }
  for (const [key, child] of Object.entries(node.repository ?? {})) walk(child, `${path}.repository.${key}`, visit);
}

describe('TextMate grammar', () => {
  it('is the source.recommendation grammar, and every local include resolves', () => {
    assert.equal(grammar.scopeName, 'source.recommendation');
    walk(grammar, '$', (node, path) => {
      if (node.include?.startsWith('#')) assert.ok(grammar.repository[node.include.slice(1)], `${path}: ${node.include} is not in the repository`);
    });
  });

  it('uses only regexes that compile in JavaScript (\\A aside) and no Oniguruma-only constructs', () => {
    let count = 0;
    walk(grammar, '$', (node, path) => {
      for (const field of ['match', 'begin', 'end', 'while'] as const) {
        const source = node[field];
        if (source === undefined) continue;
        count++;
        // Constructs JavaScript rejects or reads differently: inline flags, conditionals, atomic groups,
        // possessive quantifiers, \h (hex digit in Oniguruma), \G \z \Z \K anchors.
        const outsideClasses = source.replace(/\\\\/g, '').replace(/\[(?:\\.|[^\]\\])*\]/g, '[]');
        assert.doesNotMatch(outsideClasses, /\(\?[imx-]+[:)]|\(\?\(|\(\?>|[*+?}]\+|\\[hHGzZK]/, `${path}.${field} uses an Oniguruma-only construct: ${source}`);
        assert.doesNotThrow(() => toJs(source), `${path}.${field} does not compile: ${source}`);
      }
    });
    assert.ok(count > 20, `found ${count} regexes`);
  });

  it('recognises YAML front matter only at the start of the document', () => {
    assert.equal(lineRule('---', true), 'frontMatter');
    assert.notEqual(lineRule('---', false), 'frontMatter');
    assert.ok(toJs(rule('frontMatter').end!).test('---'));
  });

  it('recognises the section headings of the seeds', () => {
    const vn2020 = seedLines('viet-nam-afml13-2020.txt');
    const subTheme1 = vn2020.find((line) => line.startsWith('Sub-theme 1:'))!;
    assert.equal(lineRule(subTheme1), 'sectionHeading');
    const heading = regexOf('sectionHeading').exec(subTheme1)!;
    assert.equal(heading[1], 'Sub-theme');
    assert.equal(heading[2], '1');
    assert.equal(heading[3], ':');
    assert.match(heading[4]!, /^Impact of COVID-19/);

    const vn2022 = seedLines('viet-nam-afml15-2022.txt');
    const quoted = regexOf('sectionHeading').exec('Sub theme 1 “Economic Recovery and Labour Migration”')!;
    assert.equal(quoted[1], 'Sub theme');
    assert.equal(quoted[4], '“Economic Recovery and Labour Migration”');
    assert.match(find('quotedTitle', quoted[4]!)![2]!, /^Economic Recovery/);
    assert.ok(vn2022.includes('Sub theme 1 “Economic Recovery and Labour Migration”'));
    const dotted = vn2022.find((line) => line.startsWith('Sub-theme 2.'))!;
    assert.equal(lineRule(dotted), 'sectionHeading');
    assert.equal(regexOf('sectionHeading').exec(dotted)![3], '.');

    assert.equal(lineRule(' Recommendations '), 'keywordHeading');
    assert.equal(lineRule('**Conclusions and recommendations**'), 'keywordHeading');
    assert.equal(lineRule('## Sub-theme 1: Recovery'), 'markdownHeading');
    assert.equal(regexOf('markdownHeading').exec('## Sub-theme 1: Recovery')![2], 'Sub-theme 1: Recovery');
    // Not headings: a sentence that starts with a keyword, and "Part of …".
    assert.notEqual(lineRule('Recommendations were adopted by the meeting.'), 'keywordHeading');
    assert.equal(lineRule('Part of the workers returned home.'), null);
  });

  it('recognises item labels as the parser does', () => {
    const label = (line: string): string | undefined => {
      const match = regexOf('numberedLabel').exec(line) ?? regexOf('bulletLabel').exec(line);
      return match?.[2];
    };
    assert.equal(lineRule('14. Enhance the role of labor management board in receiving countries.'), 'numberedLabel');
    assert.equal(label('14. Enhance the role of labor management board in receiving countries.'), '14.');
    assert.equal(label('1) Extend'), '1)');
    assert.equal(label('(1) Extend'), '(1)');
    assert.equal(label('  (a) Extend'), '(a)');
    assert.equal(label('a. Extend'), 'a.');
    assert.equal(label('iv. Extend'), 'iv.');
    assert.equal(lineRule('- Extend healthcare benefits to all migrant workers'), 'bulletLabel');
    assert.equal(label('- Extend healthcare'), '-');
    assert.equal(label('* Extend'), '*');
    assert.equal(label('• Extend'), '•');
    assert.equal(label('– Extend'), '–');
    // Not labels: a year, a label with nothing after it, an unclosed parenthesis, a rule, bold text.
    assert.equal(label('2020. The year of the pandemic'), undefined);
    assert.equal(label('12.'), undefined);
    assert.equal(label('(1. Extend'), undefined);
    assert.equal(label('---'), undefined);
    assert.equal(label('- - -'), undefined);
    assert.equal(label('**Bold** text'), undefined);
  });

  it('agrees with the parser on every label and heading line of the five seeds', () => {
    let labels = 0;
    let headings = 0;
    for (const seed of seeds) {
      seedLines(seed).forEach((line, index) => {
        const where = `${seed}:${index + 1}: ${line.slice(0, 60)}`;
        const heading = matchHeading(line);
        const parsed = heading ? null : matchLabel(line);
        const chosen = lineRule(line, index === 0);
        if (heading) {
          headings++;
          assert.ok(chosen === 'markdownHeading' || chosen === 'sectionHeading' || chosen === 'keywordHeading', `${where}: heading, but the grammar applies ${chosen}`);
        } else if (parsed) {
          labels++;
          assert.ok(chosen === 'numberedLabel' || chosen === 'bulletLabel', `${where}: label ${parsed.label}, but the grammar applies ${chosen}`);
          assert.equal(regexOf(chosen).exec(line)![2], parsed.label, where);
        } else {
          assert.ok(!['markdownHeading', 'sectionHeading', 'keywordHeading', 'numberedLabel', 'bulletLabel'].includes(chosen ?? ''), `${where}: the grammar applies ${chosen}`);
        }
      });
    }
    // 29 + 26 + 21 + 12 items in the four lists, 7 headings.
    assert.ok(labels >= 88, `${labels} label lines`);
    assert.ok(headings >= 7, `${headings} heading lines`);
  });

  it('recognises dates, forum names, the closing line and abbreviations', () => {
    const vn2020 = seedLines('viet-nam-afml13-2020.txt');
    assert.deepEqual(findAll('date', '28 September 2020'), ['28 September 2020']);
    assert.deepEqual(findAll('date', 'adopted on 2020-09-28 and on 23 Oct. 2020'), ['23 Oct. 2020', '2020-09-28']);
    assert.deepEqual(findAll('date', 'WVR - On April 19, in Hanoi'), ['April 19']);
    assert.deepEqual(findAll('date', 'period of 2024-2028, in 13 provinces'), []);

    const title = vn2020.find((line) => line.includes('National Recommendations'))!;
    assert.equal(lineRule(title), 'titleLine');
    assert.equal(find('forum', title)![0], '13th ASEAN Forum on Migrant Labour');
    assert.equal(find('forum', title)![1], '13th');
    assert.equal(find('forum', '15th ASEAN Forum on Migrant Labour')![0], '15th ASEAN Forum on Migrant Labour');
    assert.equal(find('forum', 'before the AFML in Vientiane')![0], 'AFML');
    assert.equal(lineRule('Recommendations from Viet Nam National Tripartite Preparatory Workshop'), 'titleLine');

    const closing = vn2020[vn2020.length - 1] === '' ? vn2020[vn2020.length - 2]! : vn2020[vn2020.length - 1]!;
    assert.match(closing, /^The meeting was held on/);
    assert.equal(lineRule(closing), 'closingLine');
    const parts = regexOf('closingLine').exec(closing)!;
    assert.equal(parts[1], 'The meeting was held');
    assert.equal(parts[2], ' on 28 September 2020 at Hanoi, Viet Nam, and online.');

    const text = vn2020.join('\n');
    const abbreviations = new Set(findAll('abbreviation', text));
    for (const expected of ['ASEAN', 'MOU', 'MOUs', 'OSH', 'WHO', 'COVID-19']) assert.ok(abbreviations.has(expected), `abbreviation ${expected}`);
    assert.deepEqual(findAll('abbreviation', 'who said MOUSE and ILOs'), []);
    assert.deepEqual(findAll('abbreviation', 'the ILO and IOM'), ['ILO', 'IOM']);
  });

  it('gives the closing line ("The workshop was held on …") only scopes themes render subdued: a comment, nothing inside it coloured', () => {
    const closingRule = rule('closingLine');
    assert.match(closingRule.name ?? '', /^comment\.line\./);
    const inner: string[] = [];
    walk(closingRule, 'closingLine', (node, path) => {
      if (path !== 'closingLine' && node.name) inner.push(node.name);
      assert.equal(node.include, undefined, `${path} includes ${node.include}: its colours would show inside the note`);
    });
    for (const name of inner) assert.match(name, /^meta\./, `${name} would be coloured by themes`);
    // The same closing lines as the parser leaves out of the last item.
    for (const line of ['The workshop was held on 1 October 2024 at Phnom Penh, Cambodia.', 'The meeting was held on 28 September 2020 at Hanoi, Viet Nam.', 'Meeting held on 3 May 2021 in Vientiane.', 'The consultation took place in Jakarta.', 'Adopted on 12 October 2022.']) {
      assert.equal(lineRule(line), 'closingLine', line);
    }
    assert.notEqual(lineRule('1. The meeting was held too late for the workers.'), 'closingLine');
  });

  it('recognises Markdown emphasis without taking bullets or underscores inside words', () => {
    assert.deepEqual(findAll('emphasis', 'a **bold** word'), ['**bold**']);
    assert.deepEqual(findAll('emphasis', '*Supporting migrant workers during the pandemic*'), ['*Supporting migrant workers during the pandemic*']);
    assert.deepEqual(findAll('emphasis', 'snake_case_name and 2 * 3 * 4'), []);
  });
});

// The text-analysis layer: folding, words, stems, stop words, spelling, thesaurus, abbreviations, analyser.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findDefinedAbbreviations } from '../../server/src/core/text/abbreviations';
import { CONCEPT_PREFIX, createAnalyser, type Analyser } from '../../server/src/core/text/analyser';
import { fold, foldDiacritics } from '../../server/src/core/text/fold';
import { foldSpelling } from '../../server/src/core/text/spelling';
import { stem } from '../../server/src/core/text/stem';
import { isStopWord } from '../../server/src/core/text/stopwords';
import { emptyThesaurus, formatThesaurusError, mergeThesauri, parseThesaurus } from '../../server/src/core/text/thesaurus';
import { seedThesaurus } from './support/documentChecks';
import { tokenise } from '../../server/src/core/text/tokenise';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

const shipped = seedThesaurus;

function concepts(analyser: Analyser, text: string): string[] {
  return [...analyser.analyse(text).keys()].filter((t) => t.startsWith(CONCEPT_PREFIX)).map((t) => t.slice(1)).sort();
}

describe('text: fold', () => {
  it('folds case and Vietnamese diacritics, including đ/Đ which NFD does not decompose', () => {
    assert.equal(fold('Cục trưởng'), 'cuc truong');
    assert.equal(fold('Ông Đặng Sĩ Dũng'), 'ong dang si dung');
    assert.equal(fold('ĐẠI DIỆN'), 'dai dien');
    assert.equal(fold('Ørsted Straße Æsop'), 'orsted strasse aesop');
  });

  it('gives the same result for NFC and NFD input', () => {
    const nfc = 'Hội thảo Tham vấn về Chương trình';
    assert.equal(fold(nfc.normalize('NFD')), fold(nfc));
    assert.equal(fold(nfc), 'hoi thao tham van ve chuong trinh');
  });

  it('keeps the vowel signs of Lao and Thai (they are marks too, but part of the word)', () => {
    const lao = 'ແຮງງານເຄື່ອນຍ້າຍ';
    assert.equal(foldDiacritics(lao), lao.normalize('NFC'));
    assert.equal(fold('ภาษาไทย'), 'ภาษาไทย'.normalize('NFC'));
  });
});

describe('text: tokenise', () => {
  it('returns words with their exact offsets', () => {
    const text = 'Reduce remittance costs (OSH’s rules), 2024-2028; labour-migration.';
    const tokens = tokenise(text);
    assert.deepEqual(tokens.map((t) => t.text), ['Reduce', 'remittance', 'costs', 'OSH’s', 'rules', '2024', '2028', 'labour', 'migration']);
    for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text);
  });

  it('segments Lao written without spaces into words (Intl.Segmenter)', () => {
    const text = 'ສົ່ງເສີມແຮງງານເຄື່ອນຍ້າຍ ແລະ ສິດທິ';
    const words = tokenise(text).map((t) => t.text);
    assert.deepEqual(words, ['ສົ່ງເສີມ', 'ແຮງງານ', 'ເຄື່ອນຍ້າຍ', 'ແລະ', 'ສິດທິ']);
    for (const t of tokenise(text)) assert.equal(text.slice(t.start, t.end), t.text);
  });

  it('segments Thai too, and a 100,000-character run without spaces quickly', () => {
    assert.ok(tokenise('แรงงานข้ามชาติ').length >= 2);
    const long = 'ແຮງງານເຄື່ອນຍ້າຍ'.repeat(7000);
    const started = Date.now();
    const tokens = tokenise(long);
    assert.ok(tokens.length > 10_000);
    assert.ok(Date.now() - started < 5000, 'linear, not quadratic, in the run length');
  });

  it('handles empty and symbol-only text', () => {
    assert.deepEqual(tokenise(''), []);
    assert.deepEqual(tokenise(' -- ... ;; '), []);
  });
});

describe('text: stem and stop words', () => {
  it('stems Latin words (Porter), leaves other scripts alone', () => {
    assert.equal(stem('remittances'), stem('remittance'));
    assert.equal(stem('workers'), stem('worker'));
    assert.equal(stem('ແຮງງານ'), 'ແຮງງານ');
    assert.equal(stem('2024'), '2024');
  });

  it('keeps employers apart from employment', () => {
    assert.notEqual(stem('employer'), stem('employment'));
    assert.equal(stem('employers'), stem('employer'));
  });

  it('stops function words but no word of the field, and no negation', () => {
    for (const w of ['the', 'of', 'and', 'including']) assert.ok(isStopWord(w), w);
    for (const w of ['migrant', 'workers', 'ensure', 'not', 'without', 'before', 'return']) assert.ok(!isStopWord(w), w);
  });
});

describe('text: spelling', () => {
  const analyser = createAnalyser(shipped());

  it('folds British and American spellings from the thesaurus data', () => {
    assert.deepEqual(analyser.words('labour programmes counselling centre'), analyser.words('labor programs counseling center'));
    assert.deepEqual(analyser.words('Viet Nam'), analyser.words('Vietnam'));
    assert.deepEqual(analyser.words('health care'), analyser.words('healthcare'));
  });

  it('folds -isation/-ization, -ise/-ize and -yse/-yze by rule, without a word list', () => {
    assert.deepEqual(analyser.words('organisation recognised analysing institutionalise'), analyser.words('organization recognized analyzing institutionalize'));
    assert.equal(foldSpelling('mobilisation', new Map()), 'mobilization');
    assert.equal(foldSpelling('rise', new Map()), 'rise');
  });

  it('joins split prefixes: re-integration, up-skilling, up skilling, non-payment', () => {
    assert.deepEqual(analyser.words('re-integration'), analyser.words('reintegration'));
    assert.deepEqual(analyser.words('up-skilling and up skilling'), analyser.words('upskilling and upskilling'));
    assert.deepEqual(analyser.words('non-payment'), analyser.words('nonpayment'));
  });
});

describe('text: thesaurus', () => {
  it('parses the shipped thesaurus without warnings, with abbreviations and concepts', () => {
    const parsed = parseThesaurus(readFileSync(SEEDS + 'thesaurus.yaml', 'utf8'), 'thesaurus.yaml');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.warnings, []);
    const ids = new Set(parsed.thesaurus.groups.map((g) => g.id));
    for (const id of ['osh', 'mou', 'mdw', 'cso', 'afml', 'ilo', 'iom', 'asean', 'pdoe', 'sti', 'remittance', 'portability', 'complaint', 'reintegration', 'moratorium', 'detention']) {
      assert.ok(ids.has(id), id);
    }
    assert.equal(parsed.thesaurus.spelling.get('labour'), 'labor');
  });

  it('reads the general concepts (how, not what), merged across files, and warns about unknown ones', () => {
    const shipped = parseThesaurus(readFileSync(SEEDS + 'thesaurus.yaml', 'utf8'), 'thesaurus.yaml');
    assert.ok(shipped.ok);
    assert.deepEqual([...shipped.thesaurus.general ?? []].sort(), ['extend', 'promote', 'reduce', 'strengthen', 'use']);
    const user = parseThesaurus('concepts:\n  advocacy: [advocacy, lobbying]\ngeneral: [advocacy, Make Use]\n', 'mine.yaml');
    assert.ok(user.ok);
    assert.deepEqual(user.warnings, ['general concept `Make Use` is not among this file\'s concepts']);
    const merged = mergeThesauri([shipped.thesaurus, user.thesaurus]);
    assert.ok(merged.general?.has('advocacy') && merged.general.has('strengthen') && merged.general.has('make_use'));
    assert.equal(parseThesaurus('general: { a: 1 }\n', 'bad.yaml').ok, false);
  });

  it('returns an error value naming the source and line for bad YAML, never throws', () => {
    const bad = parseThesaurus('spelling:\n  labour: labor\nconcepts: [unclosed\n', 'my-terms.yaml');
    assert.equal(bad.ok, false);
    if (bad.ok) return;
    assert.equal(bad.error.source, 'my-terms.yaml');
    assert.ok(bad.error.line !== null && bad.error.line >= 3, `line ${bad.error.line}`);
    assert.match(formatThesaurusError(bad.error), /^my-terms\.yaml:\d+: invalid YAML/);
  });

  it('returns an error value for a wrong shape, and warns about unknown keys', () => {
    const shape = parseThesaurus('concepts:\n  remittance: { a: 1 }\n', 'x.yaml');
    assert.equal(shape.ok, false);
    assert.equal(parseThesaurus('- just\n- a list\n', 'y.yaml').ok, false);
    const unknown = parseThesaurus('concept:\n  a: [b]\n', 'z.yaml');
    assert.ok(unknown.ok);
    if (unknown.ok) assert.match(unknown.warnings[0]!, /unknown key `concept`/);
    const empty = parseThesaurus('', 'empty.yaml');
    assert.ok(empty.ok);
  });

  it('merges thesauri: a user file extends a shipped concept and adds its own', () => {
    const user = parseThesaurus('concepts:\n  remittance: [hawala]\n  kafala: [kafala system, sponsorship system]\nspelling:\n  colour: colour-x\n', 'user.yaml');
    assert.ok(user.ok);
    if (!user.ok) return;
    const merged = mergeThesauri([shipped(), user.thesaurus]);
    const remittance = merged.groups.find((g) => g.id === 'remittance')!;
    assert.ok(remittance.phrases.includes('hawala') && remittance.phrases.includes('money transfer'));
    assert.ok(merged.groups.some((g) => g.id === 'kafala'));
    assert.deepEqual(merged.sources, ['thesaurus.yaml', 'user.yaml']);
    const analyser = createAnalyser(merged);
    assert.ok(concepts(analyser, 'Regulate hawala networks').includes('remittance'));
    assert.ok(concepts(analyser, 'Abolish the sponsorship system').includes('kafala'));
  });
});

describe('text: abbreviations a document defines', () => {
  it('finds the definitions in the IOM/DoLAB news article', () => {
    const found = findDefinedAbbreviations(readFileSync(SEEDS + 'iom-dolab-safe-migration-2024.txt', 'utf8'));
    const byShort = new Map(found.map((g) => [g.abbreviations[0], g.phrases[0]]));
    assert.equal(byShort.get('IOM'), 'International Organization for Migration');
    assert.equal(byShort.get('DoLAB'), 'Department of Overseas Labour');
    assert.equal(byShort.get('MOLISA'), 'Ministry of Labour, Invalids and Social Affairs');
    assert.equal(byShort.get('DVET'), 'Directorate of Vocational Education and Training');
  });

  it('needs the initials to fit: no definition from "(Source: IOM)", "results (DATA)" or "Ministry of Labour (MOLISA)"', () => {
    assert.deepEqual(findDefinedAbbreviations('Ms. Park, Chief of Mission. (Source: IOM)'), []);
    assert.deepEqual(findDefinedAbbreviations('These are the results (DATA) of the survey.'), []);
    assert.deepEqual(findDefinedAbbreviations('the Ministry of Labour (MOLISA) said'), []);
    const mous = findDefinedAbbreviations('signing memoranda of understanding (MOUs) with Japan');
    assert.equal(mous[0]?.id, 'mou');
    assert.equal(mous[0]?.phrases[0], 'memoranda of understanding');
  });
});

describe('text: analyser', () => {
  const analyser = createAnalyser(shipped());

  it('gives the same terms with and without diacritics', () => {
    assert.deepEqual([...analyser.analyse('Cuc truong DoLAB')], [...analyser.analyse('Cục trưởng DoLAB')]);
  });

  it('gives words, adjacent-word phrases and concepts; empty and stop-word-only text give nothing', () => {
    const terms = analyser.analyse('Reduce remittance costs.');
    assert.ok(terms.has(stem('remittance')));
    assert.ok(terms.has(`${stem('remittance')} ${stem('costs')}`));
    assert.ok(terms.has('#remittance'));
    assert.equal(analyser.analyse('').size, 0);
    assert.equal(analyser.analyse('of the and to in').size, 0);
    assert.equal(analyser.analyse('—; ... !').size, 0);
  });

  it('does not make phrases or concepts across sentences', () => {
    const terms = analyser.analyse('Protect money. Transfer it.');
    assert.ok(!terms.has(`${stem('money')} ${stem('transfer')}`));
    assert.ok(!terms.has('#remittance'));
  });

  it('matches an abbreviation and its long form to one concept (OSH, MOU, MDW, CSO, AFML, PDOE, STIs)', () => {
    assert.ok(concepts(analyser, 'Ensure OSH in workplaces').includes('osh'));
    assert.ok(concepts(analyser, 'occupational safety and health').includes('osh'));
    assert.ok(concepts(analyser, 'Sign MOUs').includes('mou'));
    assert.ok(concepts(analyser, 'a memorandum of understanding').includes('mou'));
    assert.ok(concepts(analyser, 'memoranda of understanding').includes('mou'));
    assert.ok(concepts(analyser, 'protect MDWs').includes('mdw'));
    assert.ok(concepts(analyser, 'live-in domestic workers').includes('mdw'));
    assert.ok(concepts(analyser, 'civil society organisations').includes('cso'));
    assert.ok(concepts(analyser, 'NGOs').includes('cso'));
    assert.ok(concepts(analyser, 'the ASEAN Forum on Migrant Labour').includes('afml'));
    assert.ok(concepts(analyser, 'updating PDOE programs').includes('pdoe'));
    assert.ok(concepts(analyser, 'pre-departure orientation').includes('pdoe'));
    assert.ok(concepts(analyser, 'screening for STIs').includes('sti'));
    assert.ok(concepts(analyser, 'sexually transmitted infections').includes('sti'));
  });

  it('matches a short form only when written with capitals: AIDS is not aids', () => {
    assert.ok(concepts(analyser, 'HIV/AIDS').includes('hiv'));
    assert.ok(!concepts(analyser, 'first aids and tools').includes('hiv'));
    assert.ok(!concepts(analyser, 'who can apply').includes('who'));
  });

  it('gives near-synonyms of the field one concept', () => {
    const shares = (a: string, b: string, concept: string): void => {
      assert.ok(concepts(analyser, a).includes(concept), `${a} → ${concept}`);
      assert.ok(concepts(analyser, b).includes(concept), `${b} → ${concept}`);
    };
    shares('transfer of social protection', 'portability of social protection benefits', 'portability');
    shares('portability of social security', 'transferability of benefits', 'portability');
    shares('complaints resolution', 'grievance mechanisms', 'complaint');
    shares('remittance services', 'money transfer services', 'remittance');
    shares('Lower the cost of sending money home', 'remittances', 'remittance');
    shares('reintegration programmes', 'repatriation of migrant workers', 'reintegration');
    shares('a moratorium on loan repayments', 'suspension of loan repayments', 'moratorium');
    shares('detention of migrant workers', 'arrests of migrant workers', 'detention');
    shares('undocumented migrants', 'irregular migrant workers', 'irregular');
    shares('employer-provided housing', 'dormitories', 'housing');
  });

  it('does not fire concepts on look-alike words', () => {
    assert.ok(!concepts(analyser, 'remote/flexible arrangements').includes('labour_agreement'));
    assert.ok(!concepts(analyser, 'increase the accessibility of services').includes('ratification'));
    assert.ok(!concepts(analyser, 'fair recruitment').includes('recruitment_agency'));
  });

  it('extends with document-defined abbreviations without changing the original analyser', () => {
    const extended = analyser.extend({ spelling: new Map(), groups: findDefinedAbbreviations('the Department of Overseas Labour (DoLAB)'), sources: ['doc'] });
    assert.ok(concepts(extended, 'Deputy Director of DoLAB').includes('dolab'));
    assert.ok(concepts(extended, 'the Department of Overseas Labour').includes('dolab'));
    const plain = createAnalyser(emptyThesaurus());
    assert.ok(!concepts(plain, 'Department of Overseas Labour').includes('dolab'));
  });

  it('normalises single words like the index does', () => {
    assert.equal(analyser.normaliseWord('Labour'), analyser.normaliseWord('labor'));
    assert.equal(analyser.normaliseWord('the'), null);
  });

  it('analyses a 100,000-character text', () => {
    const text = 'Reduce remittance costs and ensure OSH. '.repeat(2500);
    assert.ok(text.length >= 100_000);
    const terms = analyser.analyse(text);
    assert.ok(terms.size > 3 && terms.size < 50);
  });
});

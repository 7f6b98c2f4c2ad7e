// Strings the index keeps (item texts, raw lines, headings, metadata) are standalone copies: the same text, not a
// view that keeps the whole file's text alive, and one byte a character where they can be even when the file
// is not (a file with one curly quote is stored two bytes a character).
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { RecDocument } from '../../server/src/core/document/model';
import { parseDocument } from '../../server/src/core/document/parse';
import { standalone, standaloneRaw } from '../../server/src/core/text/standalone';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('standalone strings', () => {
  it('copies keep the text exactly (accents, other scripts, emoji); a lone surrogate is kept as it is', () => {
    for (const text of ['', 'a', 'Reduce remittance costs for migrant workers.', 'Người lao động di cư’s “rights”', 'ແຮງງານເຄື່ອນຍ້າຍ 🙂 ok', 'bad \ud800 surrogate']) {
      assert.equal(standalone(text), text);
    }
    assert.equal(standalone('x'.repeat(100_000)), 'x'.repeat(100_000));
  });

  it('an item\'s raw text is its label, a space and its text when it reads so, else the raw text', () => {
    assert.equal(standaloneRaw('1. Extend social protection.', '1.', 'Extend social protection.'), '1. Extend social protection.');
    assert.equal(standaloneRaw('1.  Extend\n    social protection.', '1.', 'Extend social protection.'), '1.  Extend\n    social protection.');
    assert.equal(standaloneRaw('Extend social protection.', '', 'Extend social protection.'), 'Extend social protection.');
    assert.equal(standaloneRaw('Extend  social protection.', '', 'Extend social protection.'), 'Extend  social protection.');
    assert.equal(standaloneRaw('1) Extend social protection.', '1.', 'Extend social protection.'), '1) Extend social protection.');
  });

  it('a parsed document does not keep its file\'s text alive, and its ASCII items take one byte a character', () => {
    // 900 items of 4,000 ASCII characters in a file with one curly quote (a two-byte string of 7.2 MB).
    const body = 'Strengthen cooperation to protect the rights of migrant workers in all sectors '.repeat(51).slice(0, 4_000).trim();
    let file: string | null = `Recommendations of the workshop’s participants\n\n${Array.from({ length: 900 }, (_, i) => `${i + 1}. ${body}`).join('\n')}\n`;
    const chars = file.length;
    let document: RecDocument | null = parseDocument(file, 'big');
    file = null;
    assert.equal(document.items.length, 900);
    assert.equal(document.items[899]!.text, body);
    // What the document alone keeps alive: the heap with it less the heap without it (the last regular
    // expression's subject, the whole text here, is kept by the engine whatever the parser does).
    const withDocument = heapUsed();
    document = null;
    const kept = withDocument - heapUsed();
    // Views on the file's text would keep its 7.2 MB (2 bytes a character); the texts themselves take 3.6 MB.
    assert.ok(kept < 1.5 * chars, `the parsed document keeps ${(kept / 1e6).toFixed(1)} MB for ${(chars / 1e6).toFixed(1)} M characters`);
  });
});

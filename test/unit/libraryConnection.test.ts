// How the shared library's connection is named in messages: never with its password.

import { strict as assert } from 'node:assert';
import { readSettings } from '../../server/src/core/settings';
import { safeFileName } from '../../server/src/node/library/store';
import { connectionFrom, describeConnection, redactText, redactUrl } from '../../server/src/node/library/connection';

describe('library connection', () => {
  it('redacts the password of a URL, of a password= parameter and of a key=value string', () => {
    assert.equal(redactUrl('postgres://alice:s3cret@db.example.org:5432/precedent?sslmode=require'), 'postgres://alice:***@db.example.org:5432/precedent?sslmode=require');
    assert.equal(redactUrl('postgresql://db/precedent?user=alice&password=s3cret&sslmode=verify-full'), 'postgresql://db/precedent?user=alice&password=***&sslmode=verify-full');
    assert.equal(redactUrl("host=db user=alice password='s3 cret' dbname=precedent"), 'host=db user=alice password=*** dbname=precedent');
    assert.equal(redactUrl('postgres://alice@db:5432/precedent'), 'postgres://alice@db:5432/precedent');
  });

  it('takes --db, else PRECEDENT_DATABASE_URL, else the PG* variables', () => {
    assert.deepEqual(connectionFrom('postgres://a@h/d', { PRECEDENT_DATABASE_URL: 'postgres://b@h/d' }), { url: 'postgres://a@h/d' });
    assert.deepEqual(connectionFrom(null, { PRECEDENT_DATABASE_URL: 'postgres://b@h/d' }), { url: 'postgres://b@h/d' });
    assert.deepEqual(connectionFrom(null, {}), { url: null });
    assert.equal(describeConnection({ url: null }, { PGHOST: 'db', PGUSER: 'alice', PGDATABASE: 'precedent', PGPASSWORD: 'x' }), 'postgres://alice@db/precedent (from PG* variables)');
  });

  it('removes a separately given password and the URL\'s from any message', () => {
    const connection = { url: 'postgres://alice:p%40ss@db/precedent', password: 'from-secret-storage' };
    const message = redactText('failed for postgres://alice:p%40ss@db/precedent with from-secret-storage and p@ss', connection);
    assert.ok(!message.includes('from-secret-storage') && !message.includes('p@ss') && !message.includes('p%40ss'), message);
  });
});

describe('library settings', () => {
  it('reads precedent.library.url and its filters, and reports wrong values', () => {
    const { settings, problems } = readSettings({ library: { url: ' postgres://alice@db/precedent ', countries: ['Viet Nam', ' '], forums: ['AFML'], years: [2020, 2022] } });
    assert.deepEqual(settings.library, { url: 'postgres://alice@db/precedent', readUrls: [], countries: ['Viet Nam'], forums: ['AFML'], years: [2020, 2022] });
    assert.deepEqual(problems, []);
    const wrong = readSettings({ library: { url: 42, years: ['2020'] } });
    assert.deepEqual(wrong.settings.library, { url: '', readUrls: [], countries: [], forums: [], years: [] });
    assert.deepEqual(wrong.problems, ['precedent.library.url: expected a PostgreSQL connection string; using the default.', 'precedent.library.years: expected a list of years; using the default.']);
  });
});

describe('library file names', () => {
  it('keeps a stored file name to one harmless path segment (export and the replica write under it)', () => {
    assert.equal(safeFileName('viet-nam-afml13-2020.pdf'), 'viet-nam-afml13-2020.pdf');
    assert.equal(safeFileName('../../etc/passwd'), '__.._etc_passwd');
    assert.equal(safeFileName('a\\b\0c'), 'a_b_c');
    assert.equal(safeFileName('..'), '_');
    assert.equal(safeFileName(''), 'document');
  });
});

// The store's change log: one change per committed write, in the same transaction, and a version-1 file migrated with
// a backfill so that a tool syncing from the beginning sees everything the file holds.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { KgError } from '../../src/errors.js';
import { makeDocument } from '../../src/ingest/index.js';
import { extract } from '../../src/nlp/index.js';
import { Store } from '../../src/store/index.js';
import { tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const doc = (text: string, id?: string) => makeDocument({ id, text, source: 'test' });

/** The DDL of schema version 1, as newsgraph 0.1 wrote it (before the change log). */
const V1_DDL = `
CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  content_hash TEXT NOT NULL UNIQUE,
  title TEXT,
  published_at TEXT,
  url TEXT,
  source TEXT NOT NULL,
  text TEXT NOT NULL,
  chars INTEGER NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE TABLE extractions (
  document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  extractor_version TEXT NOT NULL,
  json TEXT NOT NULL
);
CREATE TABLE curation (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  op TEXT NOT NULL,
  args TEXT NOT NULL,
  created_at TEXT NOT NULL
);
PRAGMA user_version = 1;
`;

describe('Store change log', () => {
  it('records exactly one change per write, in commit order, and none for a duplicate or a missing document', () => {
    const store = Store.open(join(tmp.path, 'log.db'));
    expect(store.lastChangeSeq()).toBe(0);
    expect(store.changesAfter(0, 10)).toEqual([]);
    const a = doc('Iran met Russia in Geneva.', 'doc-a');
    const b = doc('Israel met Syria in Cairo.', 'doc-b');

    expect(store.ingest(a, extract(a)).status).toBe('added');
    expect(store.lastChangeSeq()).toBe(1);
    expect(store.ingest(a, extract(a)).status).toBe('duplicate');
    expect(store.lastChangeSeq()).toBe(1);
    store.ingest(b, extract(b));
    store.addCuration('alias', { id: 'country:iran', alias: 'Persia' });
    expect(store.removeDocument('doc-a')).toBe(true);
    expect(store.removeDocument('doc-a')).toBe(false);
    expect(store.removeDocument('never-stored')).toBe(false);

    const all = store.changesAfter(0, 100);
    expect(all.map((c) => [c.seq, c.kind, c.documentId, c.op])).toEqual([
      [1, 'document_added', 'doc-a', null],
      [2, 'document_added', 'doc-b', null],
      [3, 'curation', null, 'alias'],
      [4, 'document_removed', 'doc-a', null],
    ]);
    expect(JSON.parse(all[2]?.args ?? 'null')).toEqual({ id: 'country:iran', alias: 'Persia' });
    for (const c of all) expect(Number.isNaN(Date.parse(c.at))).toBe(false);
    // The added change carries the document's own ingest time.
    expect(all[1]?.at).toBe(store.document('doc-b')?.ingestedAt);

    expect(store.lastChangeSeq()).toBe(4);
    expect(store.changesAfter(2, 1).map((c) => c.seq)).toEqual([3]);
    expect(store.changesAfter(4, 10)).toEqual([]);
    expect(store.countChangesAfter(1)).toBe(3);
    expect(store.countChangesAfter(4)).toBe(0);
    store.close();
  });

  it('logs nothing when the write itself fails (same transaction)', () => {
    const store = Store.open(join(tmp.path, 'refused.db'));
    const a = doc('Iran met Russia in Geneva.', 'doc-1');
    const clash = doc('Israel met Syria.', 'doc-1');
    store.ingest(a, extract(a));
    expect(() => store.ingest(clash, extract(clash))).toThrow(/already stored with different text/);
    expect(store.changesAfter(0, 10).map((c) => c.kind)).toEqual(['document_added']);
    store.close();
  });

  it('keeps its seqs across reopening, and never reuses one', () => {
    const path = join(tmp.path, 'reopen.db');
    const store = Store.open(path);
    const a = doc('Iran met Russia in Geneva.');
    store.ingest(a, extract(a));
    store.removeDocument(a.id);
    store.close();
    const again = Store.open(path);
    expect(again.lastChangeSeq()).toBe(2);
    const b = doc('Israel met Syria in Cairo.');
    again.ingest(b, extract(b));
    expect(again.changesAfter(2, 10).map((c) => [c.seq, c.documentId])).toEqual([[3, b.id]]);
    again.close();
  });

  it('migrates a version-1 file: one change per stored document and curation, merged by time', () => {
    const path = join(tmp.path, 'v1.db');
    const raw = new Database(path);
    raw.exec(V1_DDL);
    const insertDoc = raw.prepare(
      "INSERT INTO documents (id, content_hash, title, published_at, url, source, text, chars, ingested_at) VALUES (?, ?, NULL, NULL, NULL, 'old', ?, ?, ?)",
    );
    const insertExtraction = raw.prepare('INSERT INTO extractions (document_id, extractor_version, json) VALUES (?, ?, ?)');
    const old = [
      { d: doc('Israel met Syria in Cairo.', 'doc-late'), at: '2024-03-01T00:00:00.000Z' },
      { d: doc('Iran met Russia in Geneva.', 'doc-b'), at: '2024-01-01T00:00:00.000Z' },
      { d: doc('Iran met Turkey in Ankara.', 'doc-a'), at: '2024-01-01T00:00:00.000Z' },
    ];
    for (const { d, at } of old) {
      const x = extract(d);
      insertDoc.run(d.id, d.contentHash, d.text, d.text.length, at);
      insertExtraction.run(d.id, x.extractor, JSON.stringify(x));
    }
    raw
      .prepare('INSERT INTO curation (op, args, created_at) VALUES (?, ?, ?)')
      .run('rename', JSON.stringify({ id: 'country:iran', name: 'Islamic Republic of Iran' }), '2024-02-01T00:00:00.000Z');
    raw
      .prepare('INSERT INTO curation (op, args, created_at) VALUES (?, ?, ?)')
      .run('alias', JSON.stringify({ id: 'country:syria', alias: 'SY' }), '2024-04-01T00:00:00.000Z');
    raw.close();

    const store = Store.open(path);
    const changes = store.changesAfter(0, 100);
    expect(changes.map((c) => [c.seq, c.kind, c.documentId ?? c.op, c.at])).toEqual([
      [1, 'document_added', 'doc-a', '2024-01-01T00:00:00.000Z'],
      [2, 'document_added', 'doc-b', '2024-01-01T00:00:00.000Z'],
      [3, 'curation', 'rename', '2024-02-01T00:00:00.000Z'],
      [4, 'document_added', 'doc-late', '2024-03-01T00:00:00.000Z'],
      [5, 'curation', 'alias', '2024-04-01T00:00:00.000Z'],
    ]);
    expect(JSON.parse(changes[2]?.args ?? 'null')).toEqual({ id: 'country:iran', name: 'Islamic Republic of Iran' });
    // Writes after the upgrade continue the log.
    const d = doc('Israel met Lebanon in Beirut.');
    store.ingest(d, extract(d));
    expect(store.lastChangeSeq()).toBe(6);
    store.close();

    // Opening again neither backfills twice nor loses anything.
    const reopened = Store.open(path);
    expect(reopened.changesAfter(0, 100).map((c) => c.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    reopened.close();
    const check = new Database(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(3);
    check.close();
  });

  it('still refuses a file from a newer newsgraph, naming both versions', () => {
    const path = join(tmp.path, 'future.db');
    const raw = new Database(path);
    raw.pragma('user_version = 4');
    raw.close();
    expect(() => Store.open(path)).toThrow(KgError);
    expect(() => Store.open(path)).toThrow(/schema version 4, newer than this newsgraph \(3\)/);
  });
});

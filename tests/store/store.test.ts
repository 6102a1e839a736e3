// The store on each backend (a real SQLite file; a real PostgreSQL database): idempotent ingest, removal, and a graph
// rebuilt from it without NLP.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { makeDocument } from '../../src/ingest/index.js';
import { extract } from '../../src/nlp/index.js';
import { ingestPath, loadIndex } from '../../src/pipeline.js';
import { openStore, Store } from '../../src/store/index.js';
import { ROOT, tempDir } from '../helpers.js';
import { storeBackends } from './backends.js';

const tmp = tempDir();
const backends = storeBackends(tmp.path);
afterAll(async () => {
  for (const b of backends) await b.cleanup();
  tmp.cleanup();
});

describe.each(backends)('Store on $name', (backend) => {
  it('ingests the seeds once, and a second run adds nothing', async () => {
    const location = await backend.location('a');
    const store = openStore(location);
    const first = ingestPath(store, join(ROOT, 'seeds'));
    expect(first).toMatchObject({ added: 1, duplicates: 0, refused: [] });
    const second = ingestPath(store, join(ROOT, 'seeds'));
    expect(second).toMatchObject({ added: 0, duplicates: 1, refused: [] });
    expect(store.count()).toBe(1);
    store.close();
    const rows = await backend.query(location, { sqlite: 'SELECT count(*) AS n FROM documents', postgres: 'SELECT count(*)::int AS n FROM documents' });
    expect(rows[0]?.n).toBe(1);
  });

  it('rebuilds the same graph after reopening, without re-running NLP', async () => {
    const location = await backend.location('b');
    const store = openStore(location);
    ingestPath(store, join(ROOT, 'seeds'));
    const before = loadIndex(store);
    store.close();
    const reopened = openStore(location);
    const after = loadIndex(reopened);
    expect(after.stats()).toEqual(before.stats());
    expect(after.graph.nodes().sort()).toEqual(before.graph.nodes().sort());
    expect(after.findEntity({ name: 'Araghchi' })?.name).toBe('Abbas Araghchi');
    reopened.close();
  });

  it('refuses a different text under an id already stored, and keeps the first', async () => {
    const store = openStore(await backend.location('c'));
    const a = makeDocument({ id: 'doc-1', text: 'Iran met Russia in Geneva.', source: 'a' });
    const b = makeDocument({ id: 'doc-1', text: 'Israel met Syria.', source: 'b' });
    expect(store.ingest(a, extract(a)).status).toBe('added');
    expect(() => store.ingest(b, extract(b))).toThrow(/doc-1.*already stored with different text/);
    expect(store.documentText('doc-1')).toBe('Iran met Russia in Geneva.');
    expect(store.count()).toBe(1);
    store.close();
  });

  it('removes exactly one document and its facts', async () => {
    const store = openStore(await backend.location('d'));
    const a = makeDocument({ text: 'Iran met Russia in Geneva.', source: 'a' });
    const b = makeDocument({ text: 'Israel met Syria in Cairo.', source: 'b' });
    store.ingest(a, extract(a));
    store.ingest(b, extract(b));
    expect(store.removeDocument(a.id)).toBe(true);
    const index = loadIndex(store);
    expect(index.findEntity({ name: 'Russia' })).toBeNull();
    expect(index.findEntity({ name: 'Syria' })?.type).toBe('country');
    expect(store.removeDocument(a.id)).toBe(false);
    expect(store.extraction(a.id)).toBeNull();
    expect(store.extraction(b.id)?.document.id).toBe(b.id);
    store.close();
  });

  it('lists documents, extractions and curation the same way on every backend', async () => {
    const store = openStore(await backend.location('e'));
    // Ids that sort differently byte-wise and by a language's collation: the order must be byte-wise on both.
    const ids = ['b-2', 'B-1', 'a-10', 'a-9', 'Z'];
    for (const id of ids) {
      const d = makeDocument({ id, text: `Document ${id}: Iran met Russia in Geneva about ${id}.`, source: id });
      store.ingest(d, extract(d));
    }
    const sorted = [...ids].sort();
    expect(store.documents().map((d) => d.id)).toEqual(sorted);
    expect([...store.extractions()].map((x) => x.document.id)).toEqual(sorted);
    expect([...store.storyExtractions()].map((x) => x.document.id)).toEqual(sorted);
    expect([...store.documentsContaining('GENEVA ABOUT a-')].sort()).toEqual(['a-10', 'a-9']);
    expect(store.addCuration('rename', { id: 'x', name: 'y' })).toBe(1);
    expect(store.addCuration('alias', { id: 'x', alias: 'z' })).toBe(2);
    expect(store.curations()).toEqual([
      { seq: 1, op: 'rename', args: { id: 'x', name: 'y' } },
      { seq: 2, op: 'alias', args: { id: 'x', alias: 'z' } },
    ]);
    expect(store.lastChangeSeq()).toBe(7);
    expect(store.staleDocuments('another-version')).toEqual(sorted);
    store.close();
  });
});

describe.each(backends.filter((b) => b.name === 'postgres'))('Store on $name only', (backend) => {
  it('refuses text PostgreSQL cannot hold (a NUL character) as bad input, storing nothing of it', async () => {
    const store = openStore(await backend.location('nul'));
    const doc = makeDocument({ id: 'nul', text: 'Iran met Russia\u0000 in Geneva.', source: 'nul.jsonl:1' });
    expect(() => store.ingest(doc, extract(doc))).toThrow(InvalidInputError);
    expect(() => store.ingest(doc, extract(doc))).toThrow(/NUL character .*Remove them from the input/);
    expect(store.count()).toBe(0);
    expect(store.lastChangeSeq()).toBe(0);
    // The connection is still good for the next document.
    const ok = makeDocument({ id: 'ok', text: 'Iran met Russia in Geneva.', source: 'ok' });
    expect(store.ingest(ok, extract(ok)).status).toBe('added');
    store.close();
  });
});

describe('Store on a SQLite file', () => {
  it('keeps a write-ahead log beside the file', () => {
    const path = join(tmp.path, 'wal.db');
    const store = Store.open(path);
    ingestPath(store, join(ROOT, 'seeds'));
    expect(existsSync(`${path}-wal`)).toBe(true);
    store.close();
  });

  it('refuses a file that is not a database, naming it', () => {
    expect(() => Store.open(join(ROOT, 'package.json'))).toThrow(/package\.json is not a newsgraph database/);
  });
});

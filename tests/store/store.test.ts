// The store on a real SQLite file: idempotent ingest, removal, and a graph rebuilt from it without NLP.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDocument } from '../../src/ingest/index.js';
import { extract } from '../../src/nlp/index.js';
import { ingestPath, loadIndex } from '../../src/pipeline.js';
import { Store } from '../../src/store/index.js';
import { ROOT, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('Store', () => {
  it('ingests the seeds once, in WAL mode, and a second run adds nothing', () => {
    const path = join(tmp.path, 'a.db');
    const store = Store.open(path);
    const first = ingestPath(store, join(ROOT, 'seeds'));
    expect(first).toMatchObject({ added: 1, duplicates: 0, refused: [] });
    const second = ingestPath(store, join(ROOT, 'seeds'));
    expect(second).toMatchObject({ added: 0, duplicates: 1, refused: [] });
    expect(store.count()).toBe(1);
    store.close();
    expect(existsSync(`${path}-wal`) || existsSync(path)).toBe(true);
  });

  it('rebuilds the same graph from the file after reopening, without re-running NLP', () => {
    const path = join(tmp.path, 'b.db');
    const store = Store.open(path);
    ingestPath(store, join(ROOT, 'seeds'));
    const before = loadIndex(store);
    store.close();
    const reopened = Store.open(path);
    const after = loadIndex(reopened);
    expect(after.stats()).toEqual(before.stats());
    expect(after.graph.nodes().sort()).toEqual(before.graph.nodes().sort());
    expect(after.findEntity({ name: 'Araghchi' })?.name).toBe('Abbas Araghchi');
    reopened.close();
  });

  it('refuses a different text under an id already stored, and keeps the first', () => {
    const store = Store.open(join(tmp.path, 'c.db'));
    const a = makeDocument({ id: 'doc-1', text: 'Iran met Russia in Geneva.', source: 'a' });
    const b = makeDocument({ id: 'doc-1', text: 'Israel met Syria.', source: 'b' });
    expect(store.ingest(a, extract(a)).status).toBe('added');
    expect(() => store.ingest(b, extract(b))).toThrow(/doc-1.*already stored with different text/);
    expect(store.documentText('doc-1')).toBe('Iran met Russia in Geneva.');
    store.close();
  });

  it('removes exactly one document and its facts', () => {
    const store = Store.open(join(tmp.path, 'd.db'));
    const a = makeDocument({ text: 'Iran met Russia in Geneva.', source: 'a' });
    const b = makeDocument({ text: 'Israel met Syria in Cairo.', source: 'b' });
    store.ingest(a, extract(a));
    store.ingest(b, extract(b));
    expect(store.removeDocument(a.id)).toBe(true);
    const index = loadIndex(store);
    expect(index.findEntity({ name: 'Russia' })).toBeNull();
    expect(index.findEntity({ name: 'Syria' })?.type).toBe('country');
    expect(store.removeDocument(a.id)).toBe(false);
    store.close();
  });

  it('refuses a file that is not a database, naming it', () => {
    expect(() => Store.open(join(ROOT, 'package.json'))).toThrow(/package\.json is not a newsgraph database/);
  });
});

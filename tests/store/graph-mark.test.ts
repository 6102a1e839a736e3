// A running server rebuilds its graph when another process commits something the graph is built from (documents,
// curation, re-extraction), and not when it commits to other tables (watch's bookkeeping).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { extractDocument, GraphService } from '../../src/pipeline.js';
import { makeDocument } from '../../src/ingest/document.js';
import { Store } from '../../src/store/index.js';
import { tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const until = async (done: () => boolean, ms = 5000): Promise<boolean> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (done()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return done();
};

it('rebuilds for documents and re-extraction from another connection, not for other tables', async () => {
  const path = join(tmp.path, 'mark.db');
  const served = Store.open(path);
  const other = Store.open(path);
  const raw = new Database(path);
  const first = makeDocument({ text: 'Iran met Russia in Geneva on Monday.', source: 'a' });
  served.ingest(first, extractDocument(first));
  const service = new GraphService(served);
  service.watch(20);
  try {
    const start = service.index;
    raw.exec('CREATE TABLE IF NOT EXISTS elsewhere (x INTEGER); INSERT INTO elsewhere VALUES (1);');
    expect(await until(() => service.index !== start, 300)).toBe(false);

    const second = makeDocument({ text: 'Joe Biden met Jill Biden in Washington on Tuesday.', source: 'b' });
    other.ingest(second, extractDocument(second));
    expect(await until(() => service.index.document(second.id) !== null)).toBe(true);

    const afterIngest = service.index;
    other.replaceExtraction(first.id, { ...extractDocument(first), extractor: 'another-version' });
    expect(await until(() => service.index !== afterIngest)).toBe(true);
  } finally {
    service.unwatch();
    raw.close();
    other.close();
    served.close();
  }
});

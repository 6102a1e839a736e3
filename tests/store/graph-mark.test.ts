// A running server follows what another process commits to its database: documents added in place, re-extraction
// by a rebuild, commits to other tables ignored. On SQLite it polls; on PostgreSQL it is told (LISTEN/NOTIFY).
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDocument } from '../../src/ingest/document.js';
import { extractDocument, GraphService } from '../../src/pipeline.js';
import { openStore } from '../../src/store/index.js';
import { tempDir } from '../helpers.js';
import { storeBackends } from './backends.js';

const tmp = tempDir();
const backends = storeBackends(tmp.path);
afterAll(async () => {
  for (const b of backends) await b.cleanup();
  tmp.cleanup();
});

const until = async (done: () => boolean, ms = 5000): Promise<boolean> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (done()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return done();
};

/** Writes to a table the graph is not built from, straight into the database. */
async function writeElsewhere(location: string): Promise<void> {
  if (location.startsWith('postgres')) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    await client.query('CREATE TABLE IF NOT EXISTS elsewhere (x INTEGER); INSERT INTO elsewhere VALUES (1);');
    await client.end();
    return;
  }
  const raw = new Database(location);
  raw.exec('CREATE TABLE IF NOT EXISTS elsewhere (x INTEGER); INSERT INTO elsewhere VALUES (1);');
  raw.close();
}

describe.each(backends)('a server on $name', (backend) => {
  it('adds documents from another connection in place, rebuilds for re-extraction, ignores other tables', async () => {
    const location = await backend.location('mark');
    const served = openStore(location);
    const other = openStore(location, { listen: false });
    const first = makeDocument({ text: 'Iran met Russia in Geneva on Monday.', source: 'a' });
    served.ingest(first, extractDocument(first));
    const service = new GraphService(served);
    // A long poll: on PostgreSQL the notification, not the timer, must bring the change in.
    service.watch(backend.name === 'postgres' ? 60_000 : 20);
    try {
      const start = service.index;
      await writeElsewhere(location);
      expect(await until(() => service.index !== start, 300)).toBe(false);

      const second = makeDocument({ text: 'Joe Biden met Jill Biden in Washington on Tuesday.', source: 'b' });
      other.ingest(second, extractDocument(second));
      expect(await until(() => service.index.document(second.id) !== null)).toBe(true);
      expect(service.incrementalUpdates).toBe(1);
      expect(service.lag()).toMatchObject({ behind: 0, applied: 2, latest: 2 });
      // An ingest through the service itself moves its position too (no lag left behind for /readyz).
      service.ingest({ text: 'Japan met Korea in Tokyo on Sunday.' });
      expect(service.lag()).toMatchObject({ behind: 0, applied: 3, latest: 3 });

      // A re-extraction committed together with another document (one poll sees both): the new extraction shows.
      const third = makeDocument({ text: 'Germany met France in Berlin on Friday.', source: 'c' });
      const replaced = extractDocument(makeDocument({ id: first.id, text: 'Portugal met Spain in Lisbon on Monday.', source: 'a' }));
      other.ingest(third, extractDocument(third));
      other.replaceExtraction(first.id, { ...replaced, extractor: 'another-version' });
      expect(await until(() => service.index.findEntity({ name: 'Lisbon' }) !== null)).toBe(true);
      expect(service.index.document(third.id)).not.toBeNull();
      expect(service.index.findEntity({ name: 'Geneva' })).toBeNull();

      // A removal elsewhere is a rebuild too: the document leaves the graph.
      other.removeDocument(second.id);
      expect(await until(() => service.index.document(second.id) === null)).toBe(true);
      expect(service.lag().behind).toBe(0);
    } finally {
      service.unwatch();
      other.close();
      served.close();
    }
  });
});

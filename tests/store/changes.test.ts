// The store's change log: one change per committed write, in the same transaction, on every backend; a version-1 SQLite
// file migrated with a backfill so that a tool syncing from the beginning sees everything the file holds; PostgreSQL's
// versioned migrations applied once however many processes open a database at once, and stores sharing one database.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, InvalidInputError, KgError, UnavailableError, UsageError } from '../../src/errors.js';
import { makeDocument } from '../../src/ingest/index.js';
import { extract } from '../../src/nlp/index.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/pg-schema.js';
import { openStore, Store } from '../../src/store/index.js';
import { tempDir } from '../helpers.js';
import { type StoreBackend, storeBackends } from './backends.js';

const tmp = tempDir();
const backends = storeBackends(tmp.path);
afterAll(async () => {
  for (const b of backends) await b.cleanup();
  tmp.cleanup();
});

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

describe.each(backends)('store change log on $name', (backend) => {
  it('records exactly one change per write, in commit order, and none for a duplicate or a missing document', async () => {
    const store = openStore(await backend.location('log'));
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

  it('logs nothing when the write itself fails (same transaction)', async () => {
    const store = openStore(await backend.location('refused'));
    const a = doc('Iran met Russia in Geneva.', 'doc-1');
    const clash = doc('Israel met Syria.', 'doc-1');
    store.ingest(a, extract(a));
    expect(() => store.ingest(clash, extract(clash))).toThrow(/already stored with different text/);
    expect(store.changesAfter(0, 10).map((c) => c.kind)).toEqual(['document_added']);
    store.close();
  });

  it('keeps its seqs across reopening, and never reuses one', async () => {
    const location = await backend.location('reopen');
    const store = openStore(location);
    const a = doc('Iran met Russia in Geneva.');
    store.ingest(a, extract(a));
    store.removeDocument(a.id);
    store.close();
    const again = openStore(location);
    expect(again.lastChangeSeq()).toBe(2);
    const b = doc('Israel met Syria in Cairo.');
    again.ingest(b, extract(b));
    expect(again.changesAfter(2, 10).map((c) => [c.seq, c.documentId])).toEqual([[3, b.id]]);
    again.close();
  });
});

describe('a SQLite file from another newsgraph version', () => {
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

const postgres = backends.find((b) => b.name === 'postgres');

/** The PostgreSQL backend; only called inside suites that are skipped without it. */
function pgBackend(): StoreBackend {
  if (!postgres) throw new Error('changes.test: no PostgreSQL backend. Run under vitest with PostgreSQL installed.');
  return postgres;
}

/** One query on its own connection (the test's view of the database, beside the stores'). */
async function pgRows(location: string, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  return pgBackend().query(location, { sqlite: '', postgres: sql }, params);
}

const appliedMigrations = (location: string) => pgRows(location, 'SELECT version, name, applied_at::text AS at FROM newsgraph_migrations ORDER BY version');

/** Opens (and closes) a store in a thread of its own, so that several opens can wait on the database at once. */
function openInThread(location: string): Promise<{ ok: true } | { ok: false; message: string }> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import('tsx/esm/api').then(async (tsx) => {
      tsx.register();
      const { openStore } = await import(workerData.module);
      try {
        openStore(workerData.location, { listen: false }).close();
        parentPort.postMessage({ ok: true });
      } catch (error) {
        parentPort.postMessage({ ok: false, message: error.message });
      }
    });`;
  const worker = new Worker(code, { eval: true, workerData: { module: new URL('../../src/store/index.ts', import.meta.url).href, location } });
  return new Promise((resolve) => {
    worker.once('message', (message) => {
      void worker.terminate();
      resolve(message);
    });
    worker.once('error', (error) => resolve({ ok: false, message: `the thread failed: ${error.message}` }));
  });
}

/** The error opening `location` throws (failing the test when there is none). */
function openError(location: string): KgError {
  try {
    openStore(location).close();
  } catch (error) {
    return error as KgError;
  }
  throw new Error(`changes.test: ${location} opened without an error.`);
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`changes.test: ${what} did not happen within ${ms} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(!postgres)('PostgreSQL migrations', () => {
  it('are numbered 1, 2, … and SCHEMA_VERSION is the last', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('are all recorded after the first open, and a second open applies none of them again', async () => {
    const location = await pgBackend().location('migrations');
    const store = openStore(location);
    const a = doc('Iran met Russia in Geneva.', 'doc-a');
    store.ingest(a, extract(a));
    store.close();
    const first = await appliedMigrations(location);
    expect(first.map((r) => [r.version, r.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
    // Every migration's tables are there (the last one's too).
    const tables = await pgRows(location, "SELECT to_regclass('documents')::text AS documents, to_regclass('jobs')::text AS jobs");
    expect(tables).toEqual([{ documents: 'documents', jobs: 'jobs' }]);

    const again = openStore(location);
    expect(again.count()).toBe(1);
    expect(again.lastChangeSeq()).toBe(1);
    again.close();
    // The same rows, applied at the same moments: nothing was applied twice.
    expect(await appliedMigrations(location)).toEqual(first);
  });

  it('are applied once when several stores open a new database at the same moment', async () => {
    const location = await pgBackend().location('together');
    // Hold the opens back: this uncommitted table makes the first open's migration wait, and the others wait behind
    // it, so that all of them are in the middle of opening when it goes away.
    const blocker = new pg.Client({ connectionString: location });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('CREATE TABLE newsgraph_migrations (version INTEGER PRIMARY KEY)');
      const opening = [openInThread(location), openInThread(location), openInThread(location)];
      const early: unknown[] = [];
      for (const open of opening) void open.then((result) => early.push(result));
      // Watched from another connection: inside the blocker's transaction, pg_stat_activity would stay as first read.
      await waitFor('three opens waiting on a lock', async () => {
        if (early.length) throw new Error(`changes.test: an open ended before the blocker let it: ${JSON.stringify(early)}`);
        const waiting = await pgRows(
          location,
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND application_name = 'newsgraph'",
        );
        return waiting[0]?.n === 3;
      });
      await blocker.query('ROLLBACK');
      // A migration applied twice would fail its CREATE TABLE, and that open with it.
      expect(await Promise.all(opening)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    } finally {
      await blocker.end();
    }
    expect((await appliedMigrations(location)).map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    const store = openStore(location);
    const a = doc('Iran met Russia in Geneva.', 'doc-a');
    expect(store.ingest(a, extract(a)).status).toBe('added');
    store.close();
  });

  it('refuses a database from a newer newsgraph, naming both versions, and changes nothing in it', async () => {
    const location = await pgBackend().location('future');
    const store = openStore(location);
    const a = doc('Iran met Russia in Geneva.', 'doc-a');
    store.ingest(a, extract(a));
    store.close();
    const future = SCHEMA_VERSION + 1;
    await pgRows(location, 'INSERT INTO newsgraph_migrations (version, name) VALUES ($1, $2)', [future, 'from a newer newsgraph']);
    const before = await appliedMigrations(location);

    const refusal = new RegExp(`schema version ${future}, newer than this newsgraph \\(${SCHEMA_VERSION}\\)`);
    const error = openError(location);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(refusal);
    expect(error.message).toContain(new URL(location).pathname.slice(1));
    expect(error.message).toMatch(/Upgrade newsgraph or use another database/);
    expect(await appliedMigrations(location)).toEqual(before);
    expect(await pgRows(location, 'SELECT id FROM documents')).toEqual([{ id: 'doc-a' }]);

    // A database that holds only a newer newsgraph's record is refused before anything is created in it.
    const bare = await pgBackend().location('future-bare');
    await pgRows(bare, 'CREATE TABLE newsgraph_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    await pgRows(bare, 'INSERT INTO newsgraph_migrations (version, name) VALUES ($1, $2)', [future, 'from a newer newsgraph']);
    expect(openError(bare).message).toMatch(refusal);
    expect(await pgRows(bare, "SELECT to_regclass('documents')::text AS documents")).toEqual([{ documents: null }]);
  });
});

describe.skipIf(!postgres)('PostgreSQL stores sharing one database', () => {
  it("see each other's writes at once, and hear of them (LISTEN/NOTIFY)", async () => {
    const location = await pgBackend().location('shared');
    const writer = openStore(location);
    const reader = openStore(location);
    try {
      let heard = 0;
      const stop = reader.onCommit(() => {
        heard++;
      });
      expect(stop).not.toBeNull();
      // The reader's catch-up notice on connecting, then quiet while nobody writes.
      await new Promise((resolve) => setTimeout(resolve, 100));
      heard = 0;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(heard).toBe(0);

      const a = doc('Iran met Russia in Geneva.', 'doc-a');
      expect(writer.ingest(a, extract(a)).status).toBe('added');
      expect(reader.count()).toBe(1);
      expect(reader.document('doc-a')).toMatchObject({ id: 'doc-a', storyId: 'doc-a', source: 'test' });
      expect(reader.documentText('doc-a')).toBe('Iran met Russia in Geneva.');
      expect(reader.changesAfter(0, 10).map((c) => [c.seq, c.kind, c.documentId])).toEqual([[1, 'document_added', 'doc-a']]);
      await waitFor("the reader's onCommit after the writer's ingest", async () => heard > 0, 10_000);

      // The same content through the other store is a duplicate of the stored document.
      expect(reader.ingest(a, extract(a))).toMatchObject({ status: 'duplicate', id: 'doc-a' });
      reader.addCuration('alias', { id: 'country:iran', alias: 'Persia' });
      expect(writer.curations()).toEqual([{ seq: 1, op: 'alias', args: { id: 'country:iran', alias: 'Persia' } }]);
      expect(reader.removeDocument('doc-a')).toBe(true);
      expect(writer.count()).toBe(0);
      expect(writer.lastChangeSeq()).toBe(3);
      expect(writer.changesAfter(1, 10).map((c) => [c.kind, c.documentId ?? c.op])).toEqual([
        ['curation', 'alias'],
        ['document_removed', 'doc-a'],
      ]);
      stop?.();
    } finally {
      writer.close();
      reader.close();
    }
  });
});

describe.skipIf(!postgres)('a PostgreSQL URL that does not work', () => {
  it('names the server it cannot reach, without the password', () => {
    const error = openError('postgres://u:secret@127.0.0.1:1/x');
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.message).toContain('postgres://u:***@127.0.0.1:1/x');
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.message).toMatch(/Check that the server is running/);
    expect(`${String(error)}\n${error.stack}`).not.toContain('secret');
  });

  it('names a database that does not exist, without the password', async () => {
    const url = new URL(await pgBackend().location('exists'));
    url.password = 'secret';
    url.pathname = '/newsgraph_test_no_such_database';
    const error = openError(url.toString());
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toContain(`postgres://${url.username}:***@${url.host}/newsgraph_test_no_such_database`);
    expect(error.message).toMatch(/database "newsgraph_test_no_such_database" does not exist/);
    expect(error.message).toMatch(/Check NEWSGRAPH_DB or --db/);
    expect(`${String(error)}\n${error.stack}`).not.toContain('secret');
  });

  it('refuses a URL that does not parse, without the password', () => {
    const error = openError('postgres://u:secret@127.0.0.1:port/x');
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain('postgres://u:***@127.0.0.1:port/x is not a valid PostgreSQL URL');
    expect(error.message).not.toContain('secret');
  });
});

// Stories: a near-copy of a stored article (syndicated, edited) is stored as another source of the same story and
// adds no facts, so relation weights and evidence count a fact once per story — through the store and a rebuild,
// through the in-place path and through what `newsgraph serve` runs, on every store backend (SQLite, PostgreSQL); and
// through a version-2 SQLite file's upgrade.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { GraphIndex } from '../../src/graph/index.js';
import { type Document, makeDocument, parsePlainText } from '../../src/ingest/index.js';
import { BANDS, COPY_THRESHOLD, shingleHashes } from '../../src/ingest/neardup.js';
import { extract } from '../../src/nlp/index.js';
import { buildIndex, GraphService, loadIndex } from '../../src/pipeline.js';
import { startFront } from '../../src/server/front.js';
import { type DocumentStore, openStore, Store } from '../../src/store/index.js';
import { applyEdits } from '../ingest/wire-edits.js';
import { SHARED, tempDir } from '../helpers.js';
import { type StoreBackend, storeBackends } from './backends.js';

const tmp = tempDir();
const backends = storeBackends(tmp.path);
afterAll(async () => {
  for (const b of backends) await b.cleanup();
  tmp.cleanup();
});

const dev = (n: string): string => readFileSync(join(SHARED, 'eval', 'dev', `${n}.txt`), 'utf8');
/** A Reuters report (Pakistan's new central bank governor): 9 paragraphs, 22 stated relations. */
const STORY = dev('06');
/** Three copies as other outlets run it. */
const COPIES = [
  applyEdits(STORY, ['headline', 'dateline', 'footer'], 1),
  applyEdits(STORY, ['drop', 'typography'], 2),
  applyEdits(STORY, ['reword', 'add', 'footer'], 3),
];
/** Another article on another subject. */
const OTHER = dev('07');

const asFile = (text: string, name: string): Document => parsePlainText(text, name);
const ingest = (store: DocumentStore, doc: Document) => store.ingest(doc, extract(doc));

/** count(*) of rows in the store's database, read directly: `from` is a table and condition with ? placeholders (numbered for PostgreSQL). */
async function countRows(backend: StoreBackend, location: string, from: string, params: unknown[] = []): Promise<number> {
  let n = 0;
  const numbered = from.replace(/\?/g, () => `$${++n}`);
  const rows = await backend.query(location, { sqlite: `SELECT count(*) AS n FROM ${from}`, postgres: `SELECT count(*)::int AS n FROM ${numbered}` }, params);
  return rows[0]?.n as number;
}

const exactJaccard = (a: string, b: string): number => {
  const x = new Set(shingleHashes(a));
  const y = new Set(shingleHashes(b));
  let both = 0;
  for (const h of x) if (y.has(h)) both++;
  return both / (x.size + y.size - both);
};

/** Every relation with its weight and evidence, and every entity as the graph holds it. */
function facts(index: GraphIndex): string {
  const g = index.graph;
  return JSON.stringify({
    edges: g
      .edges()
      .sort()
      .map((e) => {
        const r = g.getEdgeAttributes(e);
        return { id: r.id, weight: r.weight, evidence: r.evidence, confidence: r.confidence };
      }),
    nodes: g
      .nodes()
      .sort()
      .map((n) => g.getNodeAttributes(n)),
  });
}

const totalWeight = (index: GraphIndex): number => index.graph.reduceEdges((sum, _e, r) => sum + r.weight, 0);

describe('the copies', () => {
  it('are edited, keep most of the story and are far from another article', () => {
    for (const copy of COPIES) {
      expect(copy).not.toBe(STORY);
      const j = exactJaccard(STORY, copy);
      expect(j).toBeGreaterThan(COPY_THRESHOLD + 0.1);
      expect(j).toBeLessThan(1);
    }
    expect(exactJaccard(STORY, OTHER)).toBeLessThan(0.05);
    // Counted as documents, the copies would add evidence: each states relations of its own.
    for (const copy of COPIES) expect(extract(asFile(copy, 'c.txt')).relations.length).toBeGreaterThan(10);
  });
});

describe.each(backends)('stories in the store on $name', (backend) => {
  it('files a near-copy as another source of the stored story, logged as an added document', async () => {
    const store = openStore(await backend.location('stories'));
    const story = asFile(STORY, 'story.txt');
    expect(ingest(store, story)).toEqual({ status: 'added', id: story.id, storyId: story.id, similarity: 1 });
    const copies = COPIES.map((t, i) => asFile(t, `copy-${i}.txt`));
    for (const [i, copy] of copies.entries()) {
      const r = ingest(store, copy);
      expect(r.status).toBe('added');
      expect(r.id).toBe(copy.id);
      expect(r.storyId).toBe(story.id);
      // An estimate of the exact Jaccard similarity of the 5-gram sets: within four standard errors (128 hashes).
      const j = exactJaccard(STORY, COPIES[i] as string);
      expect(Math.abs(r.similarity - j)).toBeLessThan(4 * Math.sqrt((j * (1 - j)) / 128) + 1e-9);
    }
    const other = asFile(OTHER, 'other.txt');
    expect(ingest(store, other).storyId).toBe(other.id);
    // The same text as a copy again: a duplicate, answered with the copy's story.
    expect(ingest(store, asFile(COPIES[1] as string, 'again.txt'))).toMatchObject({ status: 'duplicate', id: copies[1]?.id, storyId: story.id });

    // Every copy is stored whole and logged as added (a sync tool sees it), in ingest order.
    expect(store.count()).toBe(5);
    expect(store.documentText(copies[2]?.id as string)).toBe(COPIES[2]);
    expect(store.changesAfter(0, 10).map((c) => [c.kind, c.documentId])).toEqual([story, ...copies, other].map((d) => ['document_added', d.id]));
    expect(store.storySources(story.id).map((d) => d.id)).toEqual([story.id, ...copies.map((c) => c.id)]);
    expect(store.storySources(other.id).map((d) => d.id)).toEqual([other.id]);
    expect(store.document(copies[0]?.id as string)).toMatchObject({ storyId: story.id, source: 'copy-0.txt' });
    store.close();
  });

  it('keeps LSH band keys in an indexed table: 32 per signed document, none for a text too short to compare', async () => {
    const location = await backend.location('bands');
    const store = openStore(location);
    const story = asFile(STORY, 'story.txt');
    ingest(store, story);
    const short = makeDocument({ text: 'Pakistan named a new central bank governor.', source: 'short' });
    ingest(store, short);
    store.close();
    expect(await countRows(backend, location, 'story_bands WHERE document_id = ?', [story.id])).toBe(BANDS);
    expect(await countRows(backend, location, 'story_bands WHERE document_id = ?', [short.id])).toBe(0);
    if (backend.name === 'sqlite') {
      const plan = (
        await backend.query(location, { sqlite: 'EXPLAIN QUERY PLAN SELECT document_id FROM story_bands WHERE key = ? LIMIT 50', postgres: '' }, [1])
      )
        .map((r) => (r as { detail: string }).detail)
        .join(' ');
      expect(plan).toMatch(/SEARCH story_bands USING PRIMARY KEY \(key=\?\)/);
    } else {
      // A table of 32 rows is cheapest read whole whatever its indexes; with sequential scans priced out (per
      // connection, through the URL's startup options), the planner takes an index on key if there is one.
      const url = new URL(location);
      url.searchParams.set('options', '-c enable_seqscan=off');
      const plan = (await backend.query(url.toString(), { sqlite: '', postgres: 'EXPLAIN SELECT document_id FROM story_bands WHERE key = $1 LIMIT 50' }, [1]))
        .map((r) => r['QUERY PLAN'])
        .join('\n');
      expect(plan).toMatch(/(Index (Only )?Scan using|Bitmap Index Scan on) story_bands_pkey\b/);
      expect(plan).toMatch(/Index Cond: \(key = /);
    }
  });

  it('makes the next source canonical when the canonical document is removed, and forgets a removed copy', async () => {
    const location = await backend.location('remove');
    const store = openStore(location);
    const story = asFile(STORY, 'story.txt');
    const copies = COPIES.map((t, i) => asFile(t, `copy-${i}.txt`));
    for (const d of [story, ...copies]) ingest(store, d);
    const [first, second, third] = copies as [Document, Document, Document];

    expect(store.removeDocument(story.id)).toBe(true);
    expect(store.storySources(first.id).map((d) => [d.id, d.storyId])).toEqual([first, second, third].map((d) => [d.id, first.id]));
    expect(store.document(first.id)?.similarity).toBe(1);
    const j = exactJaccard(COPIES[0] as string, COPIES[2] as string);
    expect(Math.abs((store.document(third.id)?.similarity as number) - j)).toBeLessThan(4 * Math.sqrt((j * (1 - j)) / 128) + 1e-9);
    // The graph is built from the new canonical document.
    expect(loadIndex(store).documents.map((d) => d.id)).toEqual([first.id]);

    expect(store.removeDocument(second.id)).toBe(true);
    store.close();
    expect(await countRows(backend, location, 'story_bands WHERE document_id IN (?, ?)', [story.id, second.id])).toBe(0);
    expect(await countRows(backend, location, 'stories')).toBe(2);

    // The original story comes back: now it is a copy of the story its copy tells.
    const again = openStore(location);
    expect(ingest(again, story)).toMatchObject({ status: 'added', storyId: first.id });
    expect(again.storySources(first.id).map((d) => d.id)).toEqual([first.id, third.id, story.id]);
    again.close();
  });
});

describe('a SQLite file from an older newsgraph', () => {
  it('upgrades a version-2 file: stored documents signed and filed in the order they were ingested', () => {
    const path = join(tmp.path, 'v2.db');
    const raw = new Database(path);
    raw.exec(`
      CREATE TABLE documents (id TEXT PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, title TEXT, published_at TEXT, url TEXT,
        source TEXT NOT NULL, text TEXT NOT NULL, chars INTEGER NOT NULL, ingested_at TEXT NOT NULL);
      CREATE TABLE extractions (document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE, extractor_version TEXT NOT NULL, json TEXT NOT NULL);
      CREATE TABLE curation (seq INTEGER PRIMARY KEY AUTOINCREMENT, op TEXT NOT NULL, args TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL CHECK (kind IN ('document_added', 'document_removed', 'curation')),
        document_id TEXT, op TEXT, args TEXT, at TEXT NOT NULL);
      PRAGMA user_version = 2;
    `);
    // The copy was ingested first (its id sorts last): it is the story's canonical document after the upgrade.
    const old = [
      { d: makeDocument({ id: 'z-copy', text: COPIES[0] as string, source: 'old' }), at: '2024-01-01T00:00:00.000Z' },
      { d: makeDocument({ id: 'a-other', text: OTHER, source: 'old' }), at: '2024-01-02T00:00:00.000Z' },
      { d: makeDocument({ id: 'm-story', text: STORY, source: 'old' }), at: '2024-01-03T00:00:00.000Z' },
    ];
    for (const { d, at } of old) {
      raw
        .prepare(
          "INSERT INTO documents (id, content_hash, title, published_at, url, source, text, chars, ingested_at) VALUES (?, ?, NULL, NULL, NULL, 'old', ?, ?, ?)",
        )
        .run(d.id, d.contentHash, d.text, d.text.length, at);
      raw.prepare('INSERT INTO extractions (document_id, extractor_version, json) VALUES (?, ?, ?)').run(d.id, 'old', JSON.stringify(extract(d)));
      raw.prepare("INSERT INTO changes (kind, document_id, at) VALUES ('document_added', ?, ?)").run(d.id, at);
    }
    raw.close();

    const store = Store.open(path);
    expect(store.documents().map((d) => [d.id, d.seq, d.storyId])).toEqual([
      ['a-other', 2, 'a-other'],
      ['m-story', 3, 'z-copy'],
      ['z-copy', 1, 'z-copy'],
    ]);
    // The change log is not written again; writes after the upgrade continue it and are filed too.
    expect(store.lastChangeSeq()).toBe(3);
    const copy = makeDocument({ text: COPIES[2] as string, source: 'new' });
    expect(ingest(store, copy).storyId).toBe('z-copy');
    expect(store.lastChangeSeq()).toBe(4);
    expect(loadIndex(store).documents.map((d) => d.id)).toEqual(['a-other', 'z-copy']);
    store.close();
    const check = new Database(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(3);
    check.close();
  });
});

describe.each(backends)('a story and three edited copies give the graph of the story alone, on $name', (backend) => {
  const story = asFile(STORY, 'story.txt');
  const alone = buildIndex([extract(story)]);

  it('through the store and a rebuild', async () => {
    const store = openStore(await backend.location('rebuild'));
    ingest(store, story);
    for (const [i, t] of COPIES.entries()) ingest(store, asFile(t, `copy-${i}.txt`));
    const index = loadIndex(store);
    expect(facts(index)).toBe(facts(alone));
    expect(totalWeight(index)).toBeGreaterThan(20);
    // Counting each copy as a document would not: the test can tell the two apart.
    expect(totalWeight(buildIndex([...store.extractions()]))).toBeGreaterThan(totalWeight(alone) * 2);
    expect(index.documents.map((d) => d.id)).toEqual([story.id]);
    expect(index.document(story.id)?.sources.map((s) => s.source)).toEqual(['story.txt', 'copy-0.txt', 'copy-1.txt', 'copy-2.txt']);
    store.close();
  });

  it('through the in-place path, one document at a time, with no rebuild', async () => {
    const store = openStore(await backend.location('in-place'));
    const service = new GraphService(store);
    const first = service.ingest({ text: STORY, title: 'Pakistan names IMF economist central bank governor' });
    expect(first).toMatchObject({ added: true, document: { id: story.id } });
    const graph = service.index.graph;
    for (const [i, text] of COPIES.entries()) {
      const before = service.index;
      const r = service.ingest({ text, url: `https://example.org/copy-${i}` });
      expect(r).toMatchObject({ added: true, entities: 0, relations: 0, events: 0, document: { id: story.id } });
      expect(r.document.sources.map((s) => s.url)).toEqual([null, ...COPIES.slice(0, i + 1).map((_, k) => `https://example.org/copy-${k}`)]);
      // A new index (answers kept for the old one are stale), over the same graph (nothing was rebuilt).
      expect(service.index).not.toBe(before);
      expect(service.index.graph).toBe(graph);
    }
    expect(service.incrementalUpdates).toBe(4);
    expect(facts(service.index)).toBe(facts(alone));
    // And what a rebuild from the store gives, sources included.
    const rebuilt = loadIndex(store);
    expect(facts(service.index)).toBe(facts(rebuilt));
    expect(service.index.documents).toEqual(rebuilt.documents);
    service.unwatch();
    store.close();
  });
});

describe.each(backends)('the API on $name shows a story and its sources', (backend) => {
  it('answers ingestDocument of a copy with the canonical document, which lists it', async () => {
    const token = 'stories-token-0123456789abcdef';
    const front = await startFront({
      host: '127.0.0.1',
      port: 0,
      bodyLimit: '100kb',
      log: () => {},
      backend: { module: new URL('../../src/server/store-backend.ts', import.meta.url).href, args: { db: await backend.location('api') } },
      server: { production: false, corsOrigins: [], bodyLimit: '100kb', token },
    });
    try {
      await front.ready;
      const gql = async <T>(query: string, variables: Record<string, unknown> = {}, write = false): Promise<T> => {
        const res = await fetch(`${front.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(write ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await res.json()) as { data?: T; errors?: unknown[] };
        expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
        return body.data as T;
      };
      const INGEST = `mutation($text: String!, $title: String, $url: String, $publishedAt: String) {
        ingestDocument(input: { text: $text, title: $title, url: $url, publishedAt: $publishedAt }) {
          added entities relations document { id title sourceCount sources { id title url source publishedAt similarity } } } }`;
      type Ingested = {
        ingestDocument: {
          added: boolean;
          entities: number;
          relations: number;
          document: { id: string; title: string; sourceCount: number; sources: { id: string; title: string | null; url: string | null; similarity: number }[] };
        };
      };
      const a = await gql<Ingested>(INGEST, { text: STORY, title: 'Pakistan names new central bank governor', publishedAt: '2019-05-04' }, true);
      expect(a.ingestDocument).toMatchObject({ added: true, document: { sourceCount: 1 } });
      expect(a.ingestDocument.relations).toBeGreaterThan(10);
      const storyId = a.ingestDocument.document.id;
      const b = await gql<Ingested>(
        INGEST,
        { text: COPIES[0], title: 'IMF economist to head Pakistan central bank', url: 'https://example.org/wire', publishedAt: '2019-05-05' },
        true,
      );
      expect(b.ingestDocument).toMatchObject({ added: true, entities: 0, relations: 0, document: { id: storyId, sourceCount: 2 } });
      const [own, copy] = b.ingestDocument.document.sources;
      expect(own).toEqual({
        id: storyId,
        title: 'Pakistan names new central bank governor',
        url: null,
        source: 'api',
        publishedAt: '2019-05-04',
        similarity: 1,
      });
      expect(copy).toMatchObject({
        title: 'IMF economist to head Pakistan central bank',
        url: 'https://example.org/wire',
        source: 'api',
        publishedAt: '2019-05-05',
      });
      expect(copy?.similarity).toBeGreaterThanOrEqual(COPY_THRESHOLD);
      expect(copy?.similarity).toBeLessThan(1);

      const read = await gql<{
        documents: { totalCount: number };
        story: { sources: { id: string }[] };
        copy: null;
        changes: { edges: { node: { kind: string; documentId: string; document: { id: string } | null } }[] };
      }>(
        `query($story: ID!, $copy: ID!) { documents { totalCount } story: document(id: $story) { sources(first: 1) { id } }
          copy: document(id: $copy) { id } changes { edges { node { kind documentId document { id } } } } }`,
        { story: storyId, copy: copy?.id },
      );
      expect(read.documents.totalCount).toBe(1);
      expect(read.story.sources).toEqual([{ id: storyId }]);
      expect(read.copy).toBeNull();
      expect(read.changes.edges.map((e) => e.node)).toEqual([
        { kind: 'DOCUMENT_ADDED', documentId: storyId, document: { id: storyId } },
        { kind: 'DOCUMENT_ADDED', documentId: copy?.id, document: null },
      ]);
      const res = await fetch(`${front.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ document(id: "${storyId}") { sources(first: 101) { id } } }` }),
      });
      expect(((await res.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/"first" must be an integer from 0 to 100; got 101/);
    } finally {
      await front.close();
    }
  }, 60_000);
});

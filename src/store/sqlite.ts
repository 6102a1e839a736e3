// The only importer of SQLite: documents, their extractions, curation operations and the change log, in one WAL-mode file.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { InvalidInputError, KgError } from '../errors.js';
import type { Document } from '../ingest/document.js';
import { BAND_CANDIDATES, bandKeys, decodeSignature, encodeSignature, signature } from '../ingest/neardup.js';
import type { Extraction } from '../nlp/types.js';
import { type ChangeRow, DOCUMENT_COLUMNS, type DocumentRow, STORED_DOCUMENT_COLUMNS, type StoredDocumentRow, toChange, toDocument, toStored } from './rows.js';
import { bestMatch, restory, type StoryMember, storySimilarity } from './stories.js';
import type { ChangeKind, DocumentStore, IngestResult, StoredChange, StoredDocument } from './types.js';

/**
 * 2: the change log (`changes`), backfilled from what a version-1 database holds.
 * 3: stories (`stories`, `story_bands`): near-duplicate documents are sources of one story; stored documents are
 *    signed and filed in ingest order on upgrade.
 */
const SCHEMA_VERSION = 3;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS documents (
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
CREATE TABLE IF NOT EXISTS extractions (
  document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  extractor_version TEXT NOT NULL,
  json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS curation (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  op TEXT NOT NULL,
  args TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('document_added', 'document_removed', 'curation')),
  document_id TEXT,
  op TEXT,
  args TEXT,
  at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS stories (
  document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL UNIQUE,
  story_id TEXT NOT NULL,
  similarity REAL NOT NULL,
  signature BLOB
);
CREATE INDEX IF NOT EXISTS stories_by_story ON stories (story_id, seq);
CREATE TABLE IF NOT EXISTS story_bands (
  key INTEGER NOT NULL,
  document_id TEXT NOT NULL,
  PRIMARY KEY (key, document_id)
) WITHOUT ROWID;
`;

/**
 * Version 1 → 2: one change per document still stored and per curation operation, in the order they were committed
 * as far as the stored times tell (documents by ingested_at then id, curation by seq, the two lists merged by time),
 * so that a tool syncing from the beginning sees everything there is. Removals before the upgrade left no trace.
 */
function backfillChanges(db: Database.Database): void {
  const docs = db.prepare('SELECT id, ingested_at AS at FROM documents ORDER BY ingested_at, id').all() as { id: string; at: string }[];
  const ops = db.prepare('SELECT op, args, created_at AS at FROM curation ORDER BY seq').all() as { op: string; args: string; at: string }[];
  const insert = db.prepare('INSERT INTO changes (kind, document_id, op, args, at) VALUES (?, ?, ?, ?, ?)');
  let d = 0;
  let c = 0;
  while (d < docs.length || c < ops.length) {
    const doc = docs[d];
    const op = ops[c];
    if (doc && (!op || doc.at <= op.at)) {
      insert.run('document_added', doc.id, null, null, doc.at);
      d++;
    } else if (op) {
      insert.run('curation', null, op.op, op.args, op.at);
      c++;
    }
  }
}

/**
 * Files documents in stories. Each stored document has a row in `stories`: its ingest order, its story (the id of the
 * story's canonical document, the earliest-ingested member still stored), its estimated similarity with that
 * document and its MinHash signature (null for a text too short to compare). `story_bands` holds each signature's
 * LSH band keys, so that a new document is compared only with the documents sharing a band with it.
 */
class StoryIndex {
  private readonly insertStory: Database.Statement<[string, string, number, Buffer | null]>;
  private readonly insertBand: Database.Statement<[number, string]>;
  private readonly deleteBand: Database.Statement<[number, string]>;
  private readonly byBand: Database.Statement<[number, number], { document_id: string }>;
  private readonly member: Database.Statement<[string], { story_id: string; seq: number; signature: Buffer | null }>;
  private readonly members: Database.Statement<[string], { document_id: string; signature: Buffer | null }>;
  private readonly setStory: Database.Statement<[string, number, string]>;

  constructor(db: Database.Database) {
    this.insertStory = db.prepare(
      'INSERT INTO stories (document_id, seq, story_id, similarity, signature) VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM stories), ?, ?, ?)',
    );
    this.insertBand = db.prepare('INSERT OR IGNORE INTO story_bands (key, document_id) VALUES (?, ?)');
    this.deleteBand = db.prepare('DELETE FROM story_bands WHERE key = ? AND document_id = ?');
    this.byBand = db.prepare('SELECT document_id FROM story_bands WHERE key = ? LIMIT ?');
    this.member = db.prepare('SELECT story_id, seq, signature FROM stories WHERE document_id = ?');
    this.members = db.prepare('SELECT document_id, signature FROM stories WHERE story_id = ? ORDER BY seq');
    this.setStory = db.prepare('UPDATE stories SET story_id = ?, similarity = ? WHERE document_id = ?');
  }

  /**
   * Files a document just stored: a copy (estimated Jaccard ≥ COPY_THRESHOLD with a stored document that shares an
   * LSH band with it) joins the story of the most similar one (the earlier-ingested on a tie), anything else starts
   * its own. Call inside the transaction that stores the document.
   */
  file(id: string, text: string): { storyId: string; similarity: number } {
    const sig = signature(text);
    if (!sig) {
      this.insertStory.run(id, id, 1, null);
      return { storyId: id, similarity: 1 };
    }
    const keys = bandKeys(sig.values);
    const best = bestMatch(
      sig.values,
      keys,
      (key) => this.byBand.all(key, BAND_CANDIDATES).map((r) => r.document_id),
      (other) => this.memberRow(other),
    );
    const storyId = best ? best.storyId : id;
    const similarity = best ? storySimilarity(sig.values, best, this.memberRow(best.storyId)?.signature ?? null) : 1;
    this.insertStory.run(id, storyId, similarity, encodeSignature(sig.values));
    for (const key of keys) this.insertBand.run(key, id);
    return { storyId, similarity };
  }

  private memberRow(id: string): StoryMember | null {
    const row = this.member.get(id);
    return row ? { storyId: row.story_id, seq: row.seq, signature: row.signature ? decodeSignature(row.signature) : null } : null;
  }

  /** The story row of a stored document (read it before the document is deleted). */
  row(id: string): { storyId: string; signature: Uint32Array | null } | null {
    const row = this.member.get(id);
    return row ? { storyId: row.story_id, signature: row.signature ? decodeSignature(row.signature) : null } : null;
  }

  /**
   * After a document was deleted: its band keys go, and when it was its story's canonical document the next member
   * in ingest order becomes canonical, the others' similarity measured against it.
   */
  forget(id: string, row: { storyId: string; signature: Uint32Array | null }): void {
    if (row.signature) for (const key of bandKeys(row.signature)) this.deleteBand.run(key, id);
    if (row.storyId !== id) return;
    const rest = this.members.all(id).map((m) => ({ id: m.document_id, signature: m.signature ? decodeSignature(m.signature) : null }));
    for (const m of restory(rest)) this.setStory.run(m.storyId, m.similarity, m.id);
  }
}

/** Version 2 → 3: every stored document signed and filed in a story, in ingest order (as far as the stored times and rowids tell). */
function backfillStories(db: Database.Database): void {
  const stories = new StoryIndex(db);
  // Ids first: the connection cannot write while a read is being iterated.
  const ids = db.prepare('SELECT id FROM documents ORDER BY ingested_at, rowid').pluck().all() as string[];
  const text = db.prepare('SELECT text FROM documents WHERE id = ?').pluck();
  for (const id of ids) stories.file(id, text.get(id) as string);
}

export class Store implements DocumentStore {
  readonly kind = 'sqlite' as const;
  readonly path: string;
  private readonly db: Database.Database;
  private readonly stories: StoryIndex;

  private constructor(path: string, db: Database.Database) {
    this.path = path;
    this.db = db;
    this.stories = new StoryIndex(db);
  }

  /** Opens (creating if needed) the database file; `:memory:` gives a throwaway store. */
  static open(path: string): Store {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    let db: Database.Database;
    try {
      db = new Database(path);
    } catch (error) {
      throw new InvalidInputError(`store.open: cannot open the database ${path} (${(error as Error).message}). Check NEWSGRAPH_DB or --db.`, { cause: error });
    }
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
      const newer = (version: number): KgError =>
        new KgError(
          'CONFIG',
          `store.open: ${path} has schema version ${version}, newer than this newsgraph (${SCHEMA_VERSION}). Upgrade newsgraph or use another --db.`,
        );
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) throw newer(version);
      if (version < SCHEMA_VERSION) {
        // Read again inside the write transaction: two processes opening an old file at once migrate it once.
        db.transaction(() => {
          const now = db.pragma('user_version', { simple: true }) as number;
          if (now > SCHEMA_VERSION) throw newer(now);
          if (now === SCHEMA_VERSION) return;
          db.exec(SCHEMA);
          if (now < 2) backfillChanges(db);
          if (now < 3) backfillStories(db);
          db.pragma(`user_version = ${SCHEMA_VERSION}`);
        }).immediate();
      }
    } catch (error) {
      db.close();
      if (error instanceof KgError) throw error;
      throw new InvalidInputError(`store.open: ${path} is not a newsgraph database (${(error as Error).message}). Point --db at a new file.`, { cause: error });
    }
    return new Store(path, db);
  }

  /** The id of a stored document with this exact content, if any. */
  findByContent(contentHash: string): string | null {
    const row = this.db.prepare('SELECT id FROM documents WHERE content_hash = ?').get(contentHash) as { id: string } | undefined;
    return row?.id ?? null;
  }

  /**
   * Stores a document, its extraction, its story and its change in one transaction; the same content twice is a
   * no-op. A near-copy of a stored document (see StoryIndex.file) is stored whole, as another source of that
   * document's story: `storyId` is then the story's canonical document, not `id`.
   */
  ingest(doc: Document, extraction: Extraction): IngestResult {
    const run = this.db.transaction((): IngestResult => {
      const existing = this.findByContent(doc.contentHash);
      if (existing) {
        const story = this.stories.row(existing);
        return { status: 'duplicate', id: existing, storyId: story?.storyId ?? existing, similarity: story ? this.similarity(existing) : 1 };
      }
      const clash = this.db.prepare('SELECT id FROM documents WHERE id = ?').get(doc.id) as { id: string } | undefined;
      if (clash) {
        throw new InvalidInputError(
          `store.ingest: document id "${doc.id}" (${doc.source}) is already stored with different text. Give it another id or remove the old one first.`,
        );
      }
      const at = new Date().toISOString();
      this.db
        .prepare('INSERT INTO documents (id, content_hash, title, published_at, url, source, text, chars, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(doc.id, doc.contentHash, doc.title, doc.publishedAt, doc.url, doc.source, doc.text, doc.text.length, at);
      this.db
        .prepare('INSERT INTO extractions (document_id, extractor_version, json) VALUES (?, ?, ?)')
        .run(doc.id, extraction.extractor, JSON.stringify(extraction));
      const story = this.stories.file(doc.id, doc.text);
      this.recordChange('document_added', doc.id, null, null, at);
      return { status: 'added', id: doc.id, ...story };
    });
    return run.immediate();
  }

  private similarity(id: string): number {
    return (this.db.prepare('SELECT similarity FROM stories WHERE document_id = ?').get(id) as { similarity: number } | undefined)?.similarity ?? 1;
  }

  /** Every stored document with its story, by id. */
  documents(): StoredDocument[] {
    return (this.db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM documents d JOIN stories s ON s.document_id = d.id ORDER BY d.id`).all() as DocumentRow[]).map(
      toStored,
    );
  }

  document(id: string): StoredDocument | null {
    const row = this.db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM documents d JOIN stories s ON s.document_id = d.id WHERE d.id = ?`).get(id) as
      | DocumentRow
      | undefined;
    return row ? toStored(row) : null;
  }

  /** A story's stored sources: its canonical document first, then the copies in ingest order (empty for an unknown story). */
  storySources(storyId: string): StoredDocument[] {
    return (
      this.db
        .prepare(`SELECT ${DOCUMENT_COLUMNS} FROM stories s JOIN documents d ON d.id = s.document_id WHERE s.story_id = ? ORDER BY s.seq`)
        .all(storyId) as DocumentRow[]
    ).map(toStored);
  }

  /** Ids of the documents whose text contains the needle, ASCII letters compared without case (SQLite's lower()). */
  documentsContaining(needle: string): Set<string> {
    const rows = this.db.prepare('SELECT id FROM documents WHERE instr(lower(text), lower(?)) > 0').all(needle) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  documentText(id: string): string | null {
    const row = this.db.prepare('SELECT text FROM documents WHERE id = ?').get(id) as { text: string } | undefined;
    return row?.text ?? null;
  }

  extraction(id: string): Extraction | null {
    const row = this.db.prepare('SELECT json FROM extractions WHERE document_id = ?').get(id) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as Extraction) : null;
  }

  /** Every stored extraction, ordered by document id so that rebuilding never depends on ingest order. */
  *extractions(): Generator<Extraction> {
    const rows = this.db.prepare('SELECT json FROM extractions ORDER BY document_id').iterate() as IterableIterator<{ json: string }>;
    for (const row of rows) yield JSON.parse(row.json) as Extraction;
  }

  /** The extractions the graph is built from: each story's canonical document's, by document id (copies add nothing). */
  *storyExtractions(): Generator<Extraction> {
    const rows = this.db
      .prepare('SELECT e.json FROM extractions e JOIN stories s ON s.document_id = e.document_id WHERE s.story_id = s.document_id ORDER BY e.document_id')
      .iterate() as IterableIterator<{ json: string }>;
    for (const row of rows) yield JSON.parse(row.json) as Extraction;
  }

  /** Records a curation operation (and its change); they are re-applied, in order, whenever the graph is rebuilt. */
  addCuration(op: string, args: unknown): number {
    const run = this.db.transaction((): number => {
      const json = JSON.stringify(args);
      const at = new Date().toISOString();
      const seq = Number(this.db.prepare('INSERT INTO curation (op, args, created_at) VALUES (?, ?, ?)').run(op, json, at).lastInsertRowid);
      this.recordChange('curation', null, op, json, at);
      return seq;
    });
    return run.immediate();
  }

  curations(): { seq: number; op: string; args: unknown }[] {
    return (this.db.prepare('SELECT seq, op, args FROM curation ORDER BY seq').all() as { seq: number; op: string; args: string }[]).map((r) => ({
      seq: r.seq,
      op: r.op,
      args: JSON.parse(r.args) as unknown,
    }));
  }

  /** Documents whose stored extraction came from another extractor version. */
  staleDocuments(version: string): string[] {
    return (
      this.db.prepare('SELECT document_id AS id FROM extractions WHERE extractor_version != ? ORDER BY document_id').all(version) as { id: string }[]
    ).map((r) => r.id);
  }

  /** Replaces a document's extraction (after the rules changed). */
  replaceExtraction(id: string, extraction: Extraction): void {
    this.db.prepare('UPDATE extractions SET extractor_version = ?, json = ? WHERE document_id = ?').run(extraction.extractor, JSON.stringify(extraction), id);
  }

  /** Changes whenever another connection commits: a running server polls it to see external builds. */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /**
   * What the graph is built from, in a few bytes: the change log's newest entry (ingests, removals, curation) and how
   * many extractions each extractor version made (a reindex). A commit that leaves it alone (another tool's own
   * tables, such as `watch`'s bookkeeping) does not change the graph.
   */
  graphMark(): string {
    const versions = this.db.prepare('SELECT extractor_version AS v, count(*) AS n FROM extractions GROUP BY extractor_version ORDER BY v').all() as {
      v: string;
      n: number;
    }[];
    return `${this.lastChangeSeq()}|${versions.map((r) => `${r.v}:${r.n}`).join(',')}`;
  }

  storedDocument(id: string): Document | null {
    const row = this.db.prepare(`SELECT ${STORED_DOCUMENT_COLUMNS} FROM documents WHERE id = ?`).get(id) as StoredDocumentRow | undefined;
    return row ? toDocument(row) : null;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
  }

  /**
   * Removes a document and its extraction (and records the change); returns false when there was none. When it was
   * its story's canonical document, the next source in ingest order becomes canonical.
   */
  removeDocument(id: string): boolean {
    const run = this.db.transaction((): boolean => {
      const story = this.stories.row(id);
      if (this.db.prepare('DELETE FROM documents WHERE id = ?').run(id).changes === 0) return false;
      if (story) this.stories.forget(id, story);
      this.recordChange('document_removed', id, null, null, new Date().toISOString());
      return true;
    });
    return run.immediate();
  }

  /** Called inside the transaction of the write it records, so a change is logged exactly when its write commits. */
  private recordChange(kind: ChangeKind, documentId: string | null, op: string | null, args: string | null, at: string): void {
    this.db.prepare('INSERT INTO changes (kind, document_id, op, args, at) VALUES (?, ?, ?, ?, ?)').run(kind, documentId, op, args, at);
  }

  /** Up to `limit` changes with a seq above `seq`, oldest first. */
  changesAfter(seq: number, limit: number): StoredChange[] {
    return (this.db.prepare('SELECT seq, kind, document_id, op, args, at FROM changes WHERE seq > ? ORDER BY seq LIMIT ?').all(seq, limit) as ChangeRow[]).map(
      toChange,
    );
  }

  /** How many changes have a seq above `seq`. */
  countChangesAfter(seq: number): number {
    return (this.db.prepare('SELECT count(*) AS n FROM changes WHERE seq > ?').get(seq) as { n: number }).n;
  }

  /** The seq of the newest change; 0 when there is none. */
  lastChangeSeq(): number {
    return (this.db.prepare('SELECT coalesce(max(seq), 0) AS n FROM changes').get() as { n: number }).n;
  }

  /** SQLite has no notifications: a server polls dataVersion(). */
  onCommit(): null {
    return null;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

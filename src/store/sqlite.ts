// The only importer of SQLite: documents, their extractions and curation operations, in one WAL-mode file.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { InvalidInputError, KgError } from '../errors.js';
import type { Document } from '../ingest/document.js';
import type { Extraction } from '../nlp/types.js';

export interface StoredDocument {
  id: string;
  title: string | null;
  publishedAt: string | null;
  url: string | null;
  source: string;
  chars: number;
  contentHash: string;
  ingestedAt: string;
}

export type IngestStatus = 'added' | 'duplicate';

const SCHEMA_VERSION = 1;

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
`;

interface DocumentRow {
  id: string;
  title: string | null;
  published_at: string | null;
  url: string | null;
  source: string;
  chars: number;
  content_hash: string;
  ingested_at: string;
}

const toStored = (r: DocumentRow): StoredDocument => ({
  id: r.id,
  title: r.title,
  publishedAt: r.published_at,
  url: r.url,
  source: r.source,
  chars: r.chars,
  contentHash: r.content_hash,
  ingestedAt: r.ingested_at,
});

export class Store {
  readonly path: string;
  private readonly db: Database.Database;

  private constructor(path: string, db: Database.Database) {
    this.path = path;
    this.db = db;
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
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) {
        throw new KgError(
          'CONFIG',
          `store.open: ${path} has schema version ${version}, newer than this newsgraph (${SCHEMA_VERSION}). Upgrade newsgraph or use another --db.`,
        );
      }
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
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

  /** Stores a document and its extraction in one transaction; the same content twice is a no-op. */
  ingest(doc: Document, extraction: Extraction): { status: IngestStatus; id: string } {
    const run = this.db.transaction((): { status: IngestStatus; id: string } => {
      const existing = this.findByContent(doc.contentHash);
      if (existing) return { status: 'duplicate', id: existing };
      const clash = this.db.prepare('SELECT id FROM documents WHERE id = ?').get(doc.id) as { id: string } | undefined;
      if (clash) {
        throw new InvalidInputError(
          `store.ingest: document id "${doc.id}" (${doc.source}) is already stored with different text. Give it another id or remove the old one first.`,
        );
      }
      this.db
        .prepare('INSERT INTO documents (id, content_hash, title, published_at, url, source, text, chars, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(doc.id, doc.contentHash, doc.title, doc.publishedAt, doc.url, doc.source, doc.text, doc.text.length, new Date().toISOString());
      this.db
        .prepare('INSERT INTO extractions (document_id, extractor_version, json) VALUES (?, ?, ?)')
        .run(doc.id, extraction.extractor, JSON.stringify(extraction));
      return { status: 'added', id: doc.id };
    });
    return run.immediate();
  }

  documents(): StoredDocument[] {
    return (
      this.db.prepare('SELECT id, title, published_at, url, source, chars, content_hash, ingested_at FROM documents ORDER BY id').all() as DocumentRow[]
    ).map(toStored);
  }

  document(id: string): StoredDocument | null {
    const row = this.db.prepare('SELECT id, title, published_at, url, source, chars, content_hash, ingested_at FROM documents WHERE id = ?').get(id) as
      | DocumentRow
      | undefined;
    return row ? toStored(row) : null;
  }

  documentText(id: string): string | null {
    const row = this.db.prepare('SELECT text FROM documents WHERE id = ?').get(id) as { text: string } | undefined;
    return row?.text ?? null;
  }

  /** Every stored extraction, ordered by document id so that rebuilding never depends on ingest order. */
  *extractions(): Generator<Extraction> {
    const rows = this.db.prepare('SELECT json FROM extractions ORDER BY document_id').iterate() as IterableIterator<{ json: string }>;
    for (const row of rows) yield JSON.parse(row.json) as Extraction;
  }

  /** Records a curation operation; they are re-applied, in order, whenever the graph is rebuilt. */
  addCuration(op: string, args: unknown): number {
    return Number(
      this.db.prepare('INSERT INTO curation (op, args, created_at) VALUES (?, ?, ?)').run(op, JSON.stringify(args), new Date().toISOString()).lastInsertRowid,
    );
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

  storedDocument(id: string): Document | null {
    const row = this.db.prepare('SELECT id, title, published_at, url, source, text, content_hash FROM documents WHERE id = ?').get(id) as
      | { id: string; title: string | null; published_at: string | null; url: string | null; source: string; text: string; content_hash: string }
      | undefined;
    return row
      ? { id: row.id, title: row.title, publishedAt: row.published_at, url: row.url, source: row.source, text: row.text, contentHash: row.content_hash }
      : null;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
  }

  /** Removes a document and its extraction; returns false when there was none. */
  removeDocument(id: string): boolean {
    return this.db.prepare('DELETE FROM documents WHERE id = ?').run(id).changes > 0;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

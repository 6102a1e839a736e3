// Rows as both stores read them (the column names are the same in SQLite and PostgreSQL) and what they become.
import type { Document } from '../ingest/document.js';
import type { ChangeKind, StoredChange, StoredDocument } from './types.js';

/** A stored document's columns with its story (documents d joined with stories s). */
export const DOCUMENT_COLUMNS = 'd.id, d.title, d.published_at, d.url, d.source, d.chars, d.content_hash, d.ingested_at, s.seq, s.story_id, s.similarity';

export interface DocumentRow {
  id: string;
  title: string | null;
  published_at: string | null;
  url: string | null;
  source: string;
  chars: number;
  content_hash: string;
  ingested_at: string;
  seq: number;
  story_id: string;
  similarity: number;
}

export const toStored = (r: DocumentRow): StoredDocument => ({
  id: r.id,
  title: r.title,
  publishedAt: r.published_at,
  url: r.url,
  source: r.source,
  chars: r.chars,
  contentHash: r.content_hash,
  ingestedAt: r.ingested_at,
  seq: r.seq,
  storyId: r.story_id,
  similarity: r.similarity,
});

/** The columns of a stored document as a Document (storedDocument). */
export const STORED_DOCUMENT_COLUMNS = 'id, title, published_at, url, source, text, content_hash';

export interface StoredDocumentRow {
  id: string;
  title: string | null;
  published_at: string | null;
  url: string | null;
  source: string;
  text: string;
  content_hash: string;
}

export const toDocument = (r: StoredDocumentRow): Document => ({
  id: r.id,
  title: r.title,
  publishedAt: r.published_at,
  url: r.url,
  source: r.source,
  text: r.text,
  contentHash: r.content_hash,
});

export interface ChangeRow {
  seq: number;
  kind: ChangeKind;
  document_id: string | null;
  op: string | null;
  args: string | null;
  at: string;
}

export const toChange = (r: ChangeRow): StoredChange => ({ seq: r.seq, kind: r.kind, documentId: r.document_id, op: r.op, args: r.args, at: r.at });

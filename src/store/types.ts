// The store's surface, shared by the SQLite (embedded, default) and PostgreSQL (shared) implementations.
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
  /** Ingest order among the stored documents. */
  seq: number;
  /** The story it tells: the id of the story's canonical document (its earliest-ingested member still stored), its own id when it is that. */
  storyId: string;
  /** Estimated share of word shingles with the canonical document (MinHash): 1 for the canonical document itself. */
  similarity: number;
}

export type IngestStatus = 'added' | 'duplicate';

export type CommitNotice = 'change' | 'reindex' | 'resync';

export interface IngestResult {
  status: IngestStatus;
  /** The document stored (for a duplicate: the one already stored with this content). */
  id: string;
  /** Its story's canonical document: `id` itself unless it is a near-copy of a stored document. */
  storyId: string;
  /** Estimated similarity with the canonical document (1 when it is the canonical document). */
  similarity: number;
}

export type ChangeKind = 'document_added' | 'document_removed' | 'curation';

/** One committed write, as the change feed lists it; `seq` orders them and never repeats (AUTOINCREMENT). */
export interface StoredChange {
  seq: number;
  kind: ChangeKind;
  /** The document added or removed; null for curation. */
  documentId: string | null;
  /** merge, rename or alias; null for documents. */
  op: string | null;
  /** The curation's arguments as stored (JSON text); null for documents. */
  args: string | null;
  /** ISO time of the commit. */
  at: string;
}

/**
 * Documents, their extractions and stories, curation operations and the change log. Every method is synchronous:
 * SQLite answers in-process, PostgreSQL through a connection thread (see postgres.ts), so callers do not care which.
 */
export interface DocumentStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Where it lives, for logs and messages (a PostgreSQL URL without its password). */
  readonly path: string;
  /** The id of a stored document with this exact content, if any. */
  findByContent(contentHash: string): string | null;
  /** Stores a document, its extraction, its story and its change in one transaction; the same content twice is a no-op. */
  ingest(doc: Document, extraction: Extraction): IngestResult;
  /** Every stored document with its story, by id. */
  documents(): StoredDocument[];
  document(id: string): StoredDocument | null;
  /** A story's stored sources: its canonical document first, then the copies in ingest order. */
  storySources(storyId: string): StoredDocument[];
  /** Ids of the documents whose text contains the needle, ASCII letters compared without case. */
  documentsContaining(needle: string): Set<string>;
  documentText(id: string): string | null;
  /** A stored document's extraction (null when there is none). */
  extraction(id: string): Extraction | null;
  /** Every stored extraction, by document id. */
  extractions(): Iterable<Extraction>;
  /** Each story's canonical document's extraction, by document id: what the graph is built from. */
  storyExtractions(): Iterable<Extraction>;
  addCuration(op: string, args: unknown): number;
  curations(): { seq: number; op: string; args: unknown }[];
  staleDocuments(version: string): string[];
  replaceExtraction(id: string, extraction: Extraction): void;
  /** Changes whenever another connection may have committed something; cheap, polled by a running server. */
  dataVersion(): number;
  /** What the graph is built from, in a few bytes: equal marks, equal graphs. */
  graphMark(): string;
  storedDocument(id: string): Document | null;
  count(): number;
  removeDocument(id: string): boolean;
  changesAfter(seq: number, limit: number): StoredChange[];
  countChangesAfter(seq: number): number;
  lastChangeSeq(): number;
  /**
   * Calls `listener` soon after another process commits (PostgreSQL's LISTEN/NOTIFY): `change` for the change log,
   * `reindex` when stored extractions were replaced, `resync` after listening resumed (notices may have been missed
   * meanwhile). Returns how to stop, or null when the store can only be polled.
   */
  onCommit(listener: (what: CommitNotice) => void): (() => void) | null;
  close(): void;
}

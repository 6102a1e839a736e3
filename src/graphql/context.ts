// What every resolver receives: the current graph index, the request's time budget and, for writes, the store.
import type { Deadline, DocumentInfo, EntityNode, GraphIndex } from '../graph/index.js';
import type { StoredChange } from '../store/index.js';

/** What ingestDocument takes: the text, or the HTML of a page (exactly one), and metadata that wins over the page's. */
export interface IngestRequest {
  text?: string | null;
  html?: string | null;
  title?: string | null;
  url?: string | null;
  publishedAt?: string | null;
}

export interface IngestOutcome {
  document: DocumentInfo;
  added: boolean;
  entities: number;
  relations: number;
  events: number;
}

/** Writes, backed by the store; each one leaves a new graph in place for the next request. */
export interface WriteApi {
  ingest(input: IngestRequest): IngestOutcome;
  remove(id: string): boolean;
  merge(ids: string[], into: string): EntityNode;
  rename(id: string, name: string): EntityNode;
  addAlias(id: string, alias: string): EntityNode;
}

/** The store's change log, and word of each new commit (GraphService is the real one). */
export interface ChangeFeed {
  /** Up to `limit` changes with a seq above `seq`, oldest first. */
  after(seq: number, limit: number): StoredChange[];
  /** How many changes have a seq above `seq`. */
  countAfter(seq: number): number;
  /** The newest change's seq (0 when there is none). */
  last(): number;
  /**
   * Calls `listener` after every commit the server learns of: its own writes, and a rebuild after another process
   * wrote to the database. The listener reads what is new with after(); returns the way to stop listening.
   */
  listen(listener: () => void): () => void;
}

export interface GraphContext {
  index: GraphIndex;
  deadline: Deadline;
  /** True when the request carried the right bearer token. */
  writer: boolean;
  /** Null where nothing can be written (e.g. `newsgraph query`). */
  writes: WriteApi | null;
  /** The text of a stored document, for sentence texts. */
  documentText: (id: string) => string | null;
  /** Ids of the stored documents whose text contains the needle (documents.filter.textContains); absent without a store. */
  documentsContaining?: ((needle: string) => ReadonlySet<string>) | null;
  /** The change feed; null or absent where there is no store (e.g. `newsgraph query`). */
  changes?: ChangeFeed | null;
  /** Lets the server keep this answer in its response cache (set for successful queries). */
  markCacheable?: () => void;
}

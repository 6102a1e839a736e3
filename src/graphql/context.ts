// What every resolver receives: the current graph index, the request's time budget and, for writes, the store.
import type { Deadline, DocumentInfo, EntityNode, GraphIndex } from '../graph/index.js';

export interface IngestOutcome {
  document: DocumentInfo;
  added: boolean;
  entities: number;
  relations: number;
  events: number;
}

/** Writes, backed by the store; each one leaves a new graph in place for the next request. */
export interface WriteApi {
  ingest(input: { text: string; title?: string | null; url?: string | null; publishedAt?: string | null }): IngestOutcome;
  remove(id: string): boolean;
  merge(ids: string[], into: string): EntityNode;
  rename(id: string, name: string): EntityNode;
  addAlias(id: string, alias: string): EntityNode;
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
  /** Lets the server keep this answer in its response cache (set for successful queries). */
  markCacheable?: () => void;
}

// The store layer's surface: SQLite by default, PostgreSQL for a postgres:// location.
import { isPostgresUrl, PgStore } from './postgres.js';
import { Store } from './sqlite.js';
import type { DocumentStore } from './types.js';

export { isPostgresUrl, PgStore, redactUrl } from './postgres.js';
export { Store } from './sqlite.js';
export type { ChangeKind, CommitNotice, DocumentStore, IngestResult, IngestStatus, StoredChange, StoredDocument } from './types.js';

/** Opens the store at `location`: a postgres:// URL, else a SQLite file (`:memory:` for a throwaway one). */
export function openStore(location: string, options: { listen?: boolean } = {}): DocumentStore {
  return isPostgresUrl(location) ? PgStore.open(location, options) : Store.open(location);
}

// What `newsgraph watch` remembers between polls and restarts, in its own tables of the store's database file.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { InvalidInputError } from '../errors.js';

/** Per feed: the validators of the last response read in full, and how it has been failing. */
export interface FeedState {
  url: string;
  etag: string | null;
  lastModified: string | null;
  /** ISO time of the last poll of this feed (whatever its outcome). */
  lastPollAt: string | null;
  /** "200", "304", or what went wrong ("HTTP 500", "timed out after 20 s", "not a feed"). */
  lastStatus: string | null;
  /** Failed polls in a row; 0 after a success. */
  failures: number;
  /** ISO time before which the feed is not asked again (backoff, Retry-After); null when it may be asked now. */
  retryAt: string | null;
  lastError: string | null;
}

/** added/duplicate/refused are final; pending items (a page that failed for now) are tried again, up to a limit. */
export type WatchItemStatus = 'added' | 'duplicate' | 'refused' | 'pending';

export interface WatchItem {
  key: string;
  link: string | null;
  feed: string;
  status: WatchItemStatus;
  attempts: number;
  documentId: string | null;
  reason: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS watch_feeds (
  url TEXT PRIMARY KEY,
  etag TEXT,
  last_modified TEXT,
  last_poll_at TEXT,
  last_status TEXT,
  failures INTEGER NOT NULL DEFAULT 0,
  retry_at TEXT,
  last_error TEXT
);
CREATE TABLE IF NOT EXISTS watch_items (
  key TEXT PRIMARY KEY,
  link TEXT,
  feed TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('added', 'duplicate', 'refused', 'pending')),
  attempts INTEGER NOT NULL DEFAULT 0,
  document_id TEXT,
  reason TEXT,
  first_seen_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS watch_items_link ON watch_items (link);
`;

interface FeedRow {
  url: string;
  etag: string | null;
  last_modified: string | null;
  last_poll_at: string | null;
  last_status: string | null;
  failures: number;
  retry_at: string | null;
  last_error: string | null;
}

interface ItemRow {
  key: string;
  link: string | null;
  feed: string;
  status: WatchItemStatus;
  attempts: number;
  document_id: string | null;
  reason: string | null;
}

const toItem = (r: ItemRow): WatchItem => ({
  key: r.key,
  link: r.link,
  feed: r.feed,
  status: r.status,
  attempts: r.attempts,
  documentId: r.document_id,
  reason: r.reason,
});

/**
 * Its own connection to the store's file (the store's own tables and schema version are not touched). The file is in
 * WAL mode, so a running `serve` keeps reading while the watcher writes; busy_timeout waits out the other writers.
 */
export class WatchState {
  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
  ) {}

  /** Opens the watch state in a newsgraph SQLite database, or (`create`) in a file of its own beside a PostgreSQL store. */
  static open(path: string, options: { create?: boolean } = {}): WatchState {
    let db: Database.Database;
    try {
      if (options.create && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      db = new Database(path, { fileMustExist: path !== ':memory:' && !options.create });
    } catch (error) {
      throw new InvalidInputError(`store.WatchState.open: cannot open the database ${path} (${(error as Error).message}). Check NEWSGRAPH_DB or --db.`, {
        cause: error,
      });
    }
    try {
      db.pragma('busy_timeout = 5000');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(SCHEMA);
    } catch (error) {
      db.close();
      throw new InvalidInputError(
        `store.WatchState.open: ${path} cannot hold the watch state (${(error as Error).message}). Point --db at a newsgraph database.`,
        {
          cause: error,
        },
      );
    }
    return new WatchState(path, db);
  }

  feed(url: string): FeedState | null {
    const r = this.db.prepare('SELECT * FROM watch_feeds WHERE url = ?').get(url) as FeedRow | undefined;
    if (!r) return null;
    return {
      url: r.url,
      etag: r.etag,
      lastModified: r.last_modified,
      lastPollAt: r.last_poll_at,
      lastStatus: r.last_status,
      failures: r.failures,
      retryAt: r.retry_at,
      lastError: r.last_error,
    };
  }

  /** Writes each feed's whole state (one row per feed), all in one transaction. */
  saveFeeds(states: FeedState[]): void {
    if (states.length === 0) return;
    const upsert = this.db.prepare(
      `INSERT INTO watch_feeds (url, etag, last_modified, last_poll_at, last_status, failures, retry_at, last_error)
         VALUES (@url, @etag, @lastModified, @lastPollAt, @lastStatus, @failures, @retryAt, @lastError)
         ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, last_poll_at = excluded.last_poll_at,
           last_status = excluded.last_status, failures = excluded.failures, retry_at = excluded.retry_at, last_error = excluded.last_error`,
    );
    this.db
      .transaction(() => {
        for (const state of states) upsert.run(state);
      })
      .immediate();
  }

  /** The item recorded under this key, else one recorded with this link (the same article under another guid or feed). */
  item(key: string, link: string | null): WatchItem | null {
    const byKey = this.db.prepare('SELECT key, link, feed, status, attempts, document_id, reason FROM watch_items WHERE key = ?').get(key) as
      | ItemRow
      | undefined;
    if (byKey) return toItem(byKey);
    if (!link) return null;
    const byLink = this.db
      .prepare(
        "SELECT key, link, feed, status, attempts, document_id, reason FROM watch_items WHERE link = ? ORDER BY status = 'pending', first_seen_at LIMIT 1",
      )
      .get(link) as ItemRow | undefined;
    return byLink ? toItem(byLink) : null;
  }

  /** Records what became of an item; attempts count every try, pending or not. */
  recordItem(item: { key: string; link: string | null; feed: string; status: WatchItemStatus; documentId?: string | null; reason?: string | null }): void {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO watch_items (key, link, feed, status, attempts, document_id, reason, first_seen_at, updated_at)
         VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET link = excluded.link, status = excluded.status, attempts = watch_items.attempts + 1,
           document_id = excluded.document_id, reason = excluded.reason, updated_at = excluded.updated_at`,
      )
      .run(item.key, item.link, item.feed, item.status, item.documentId ?? null, item.reason ?? null, now, now);
  }

  /** How many items are recorded with each status (for logs and tests). */
  counts(): Record<WatchItemStatus, number> {
    const out: Record<WatchItemStatus, number> = { added: 0, duplicate: 0, refused: 0, pending: 0 };
    for (const r of this.db.prepare('SELECT status, count(*) AS n FROM watch_items GROUP BY status').all() as { status: WatchItemStatus; n: number }[])
      out[r.status] = r.n;
    return out;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

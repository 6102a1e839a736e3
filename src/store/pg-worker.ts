// The PostgreSQL store's connection thread: runs the store's queries with node-postgres and answers PgStore's
// synchronous calls (sync-worker.ts). One connection answers the calls (they come one at a time); a second one
// LISTENs for other processes' commits and tells the owning thread.
import pg from 'pg';
import { InvalidInputError, KgError, UnavailableError } from '../errors.js';
import type { Document } from '../ingest/document.js';
import { BAND_CANDIDATES, bandKeys, decodeSignature, encodeSignature, signature } from '../ingest/neardup.js';
import { MIGRATIONS, SCHEMA_VERSION } from './pg-schema.js';
import { type ChangeRow, DOCUMENT_COLUMNS, STORED_DOCUMENT_COLUMNS, type StoredDocumentRow, toChange, toDocument, toStored } from './rows.js';
import { bestMatch, restory, type StoryMember, storySimilarity } from './stories.js';
import { serveSync } from './sync-serve.js';
import type { ChangeKind, IngestResult, StoredChange } from './types.js';

// BIGINT (seq, band keys) as numbers: every value stays below 2^53.
pg.types.setTypeParser(20, Number);

/** Notified, with the change's seq, in the transaction of every write the graph is built from. */
export const CHANGES_CHANNEL = 'newsgraph_changes';
/** Notified when jobs are enqueued, so that idle workers start at once. */
export const JOBS_CHANNEL = 'newsgraph_jobs';
/** Writers take this transaction-level advisory lock: commits happen one at a time, so change seqs commit in order. */
const WRITE_LOCK = 0x6e6577730001;
/** Applying migrations: one process at a time. */
const MIGRATE_LOCK = 0x6e6577730002;
/** A job whose worker stopped this many times is marked failed instead of being tried again. */
export const MAX_ATTEMPTS = 3;

export interface PgInit {
  url: string;
  /** The URL without its password, for messages. */
  shown: string;
  listen: boolean;
}

/** A job as a worker receives it. */
export interface ClaimedJob {
  id: number;
  attempts: number;
  document: Document;
}

export interface JobCounts {
  queued: number;
  running: number;
  done: number;
  failed: number;
  /** Jobs finished in the last minute, per second. */
  ratePerSecond: number;
  /** Documents stored overall (what the graph is built from). */
  documents: number;
  workers: { worker: string; jobs: number; lastFinished: string | null }[];
  recentFailures: { id: number; source: string; error: string; at: string }[];
  oldestQueued: string | null;
}

/** A connection error as the store's error: what failed, where, and what to check. */
function connectionError(shown: string, error: unknown): KgError {
  const e = error as Error & { code?: string };
  const why = e.code ? `${e.code}: ${e.message}` : e.message;
  if (e.code === '3D000' || e.code === '28P01' || e.code === '28000' || e.code === 'ENOTFOUND')
    return new InvalidInputError(
      `store.open: cannot use the PostgreSQL database ${shown} (${why}). Check NEWSGRAPH_DB or --db (postgres://user@host:port/database).`,
      {
        cause: error,
      },
    );
  return new UnavailableError(`store: cannot reach PostgreSQL at ${shown} (${why}). Check that the server is running and reachable, then retry.`);
}

type Query = (sql: string, params?: unknown[]) => Promise<pg.QueryResult>;

serveSync((init, post) => {
  const { url, shown, listen } = init as PgInit;
  let client: pg.Client | null = null;
  let listener: pg.Client | null = null;
  let closing = false;
  let backoff = 500;
  let jobsListened = false;

  /** Connection settings: keepalive and timeouts, so that a dead server or a half-open socket fails a call instead of hanging it. */
  const options = (name: string): pg.ClientConfig => ({
    connectionString: url,
    application_name: name,
    keepAlive: true,
    connectionTimeoutMillis: 30_000,
    // Below the caller's 120 s: a query this long is reported, not waited out (a graph loads in pages).
    query_timeout: 100_000,
  });

  const connect = async (): Promise<pg.Client> => {
    if (client) return client;
    const c = new pg.Client(options('newsgraph'));
    c.on('error', () => {
      // The connection broke (server restart, network): the next call opens a new one.
      if (client === c) client = null;
    });
    try {
      await c.connect();
      // A writer that stops mid-transaction (frozen, not killed) must not hold the write lock for ever.
      await c.query("SET idle_in_transaction_session_timeout = '60s'");
    } catch (error) {
      void c.end().catch(() => {});
      throw connectionError(shown, error);
    }
    client = c;
    return c;
  };

  /**
   * Runs a statement on one connection. A lost connection (or a server shutting down) is reported as unavailable and
   * the connection dropped, so that the next call opens a new one; text PostgreSQL cannot store is bad input.
   */
  const run = async (c: pg.Client, sql: string, params?: unknown[]): Promise<pg.QueryResult> => {
    try {
      return await c.query(sql, params);
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (code === '22021' || code === '22P05')
        throw new InvalidInputError(
          `store: PostgreSQL cannot store this text (${(error as Error).message}): it holds a NUL character or bytes that are not valid UTF-8. Remove them from the input and try again.`,
        );
      if (!code || code.startsWith('08') || code.startsWith('57P') || (error as Error).message.includes('Connection terminated')) {
        if (client === c) client = null;
        void c.end().catch(() => {});
        throw connectionError(shown, error);
      }
      throw error;
    }
  };

  /** A statement on the calls' connection (opened again if it was lost). */
  const q: Query = async (sql, params) => run(await connect(), sql, params);

  /**
   * A transaction on one connection, never continued on another: if that connection is lost mid-way the transaction
   * is gone with it and the error says so. Writers take the write lock first.
   */
  const tx = async <T>(fn: (q: Query) => Promise<T>, lock = true): Promise<T> => {
    const c = await connect();
    const on: Query = (sql, params) => run(c, sql, params);
    await on('BEGIN');
    try {
      if (lock) await on('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const value = await fn(on);
      await on('COMMIT');
      return value;
    } catch (error) {
      if (client === c) await c.query('ROLLBACK').catch(() => {});
      throw error;
    }
  };

  const startListener = async (): Promise<void> => {
    if (closing) return;
    const c = new pg.Client(options('newsgraph-listen'));
    const retry = (): void => {
      if (listener !== c || closing) return;
      listener = null;
      void c.end().catch(() => {});
      post({ type: 'lost' });
      setTimeout(() => void startListener(), backoff).unref();
      backoff = Math.min(backoff * 2, 10_000);
    };
    listener = c;
    c.on('error', retry);
    c.on('end', retry);
    c.on('notification', (n) => post({ type: 'commit', channel: n.channel, payload: n.payload ?? null }));
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
      if (jobsListened) await c.query(`LISTEN ${JOBS_CHANNEL}`);
      backoff = 500;
      // Whatever was committed while not listening is in the change log: the owner catches up from it, and
      // compares what the graph is built from (a reindex meanwhile left no entry in the log).
      post({ type: 'commit', channel: CHANGES_CHANNEL, payload: 'listening' });
    } catch {
      retry();
    }
  };

  const migrate = async (): Promise<void> => {
    await q('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK]);
    try {
      await q(
        'CREATE TABLE IF NOT EXISTS newsgraph_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
      );
      const applied = new Set((await q('SELECT version FROM newsgraph_migrations')).rows.map((r) => r.version as number));
      const newest = Math.max(0, ...applied);
      if (newest > SCHEMA_VERSION)
        throw new KgError(
          'CONFIG',
          `store.open: ${shown} has schema version ${newest}, newer than this newsgraph (${SCHEMA_VERSION}). Upgrade newsgraph or use another database.`,
        );
      for (const m of MIGRATIONS) {
        if (applied.has(m.version)) continue;
        await tx(async (q) => {
          await q(m.sql);
          await q('INSERT INTO newsgraph_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        }, false);
      }
    } finally {
      await q('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK]);
    }
  };

  const member = async (q: Query, ids: readonly string[]): Promise<Map<string, StoryMember>> => {
    const rows = ids.length ? (await q('SELECT document_id, story_id, seq, signature FROM stories WHERE document_id = ANY($1)', [ids])).rows : [];
    return new Map(
      rows.map((r) => [r.document_id as string, { storyId: r.story_id, seq: r.seq, signature: r.signature ? decodeSignature(r.signature) : null }]),
    );
  };

  /** StoryIndex.file of the SQLite store, with the band and member rows read in two queries. */
  const fileStory = async (q: Query, id: string, text: string): Promise<{ storyId: string; similarity: number }> => {
    const sig = signature(text);
    const insert =
      'INSERT INTO stories (document_id, seq, story_id, similarity, signature) VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM stories), $2, $3, $4)';
    if (!sig) {
      await q(insert, [id, id, 1, null]);
      return { storyId: id, similarity: 1 };
    }
    const keys = bandKeys(sig.values);
    const bands = new Map<number, string[]>();
    // At most BAND_CANDIDATES per band, in document-id order, as the SQLite store reads them (a story with thousands
    // of copies costs no more).
    const sql = `SELECT k.key, b.document_id FROM unnest($1::bigint[]) AS k(key)
       CROSS JOIN LATERAL (SELECT document_id FROM story_bands WHERE key = k.key ORDER BY document_id LIMIT ${BAND_CANDIDATES}) b`;
    for (const r of (await q(sql, [[...new Set(keys)]])).rows) {
      const list = bands.get(r.key) ?? [];
      list.push(r.document_id);
      bands.set(r.key, list);
    }
    const members = await member(q, [...new Set([...bands.values()].flat())]);
    const best = bestMatch(
      sig.values,
      keys,
      (key) => bands.get(key) ?? [],
      (other) => members.get(other) ?? null,
    );
    let storyId = id;
    let similarity = 1;
    if (best) {
      storyId = best.storyId;
      const canonical = members.get(best.storyId) ?? (await member(q, [best.storyId])).get(best.storyId);
      similarity = storySimilarity(sig.values, best, canonical?.signature ?? null);
    }
    await q(insert, [id, storyId, similarity, encodeSignature(sig.values)]);
    await q('INSERT INTO story_bands (key, document_id) SELECT unnest($1::bigint[]), $2 ON CONFLICT DO NOTHING', [keys, id]);
    return { storyId, similarity };
  };

  const recordChange = async (q: Query, kind: ChangeKind, documentId: string | null, op: string | null, args: string | null, at: string): Promise<void> => {
    const seq = (await q('INSERT INTO changes (kind, document_id, op, args, at) VALUES ($1, $2, $3, $4, $5) RETURNING seq', [kind, documentId, op, args, at]))
      .rows[0].seq;
    await q('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, String(seq)]);
  };

  const findByContent = async (q: Query, hash: string): Promise<string | null> =>
    ((await q('SELECT id FROM documents WHERE content_hash = $1', [hash])).rows[0]?.id as string | undefined) ?? null;

  /** Store.ingest, inside a transaction that holds the write lock. */
  const ingestIn = async (q: Query, doc: Document, extractor: string, json: string): Promise<IngestResult> => {
    const existing = await findByContent(q, doc.contentHash);
    if (existing) {
      const row = (await q('SELECT story_id, similarity FROM stories WHERE document_id = $1', [existing])).rows[0];
      return { status: 'duplicate', id: existing, storyId: row?.story_id ?? existing, similarity: row?.similarity ?? 1 };
    }
    if ((await q('SELECT 1 FROM documents WHERE id = $1', [doc.id])).rowCount) {
      throw new InvalidInputError(
        `store.ingest: document id "${doc.id}" (${doc.source}) is already stored with different text. Give it another id or remove the old one first.`,
      );
    }
    const at = new Date().toISOString();
    await q(
      'INSERT INTO documents (id, content_hash, title, published_at, url, source, text, chars, ingested_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [doc.id, doc.contentHash, doc.title, doc.publishedAt, doc.url, doc.source, doc.text, doc.text.length, at],
    );
    await q('INSERT INTO extractions (document_id, extractor_version, json) VALUES ($1, $2, $3)', [doc.id, extractor, json]);
    const story = await fileStory(q, doc.id, doc.text);
    await recordChange(q, 'document_added', doc.id, null, null, at);
    return { status: 'added', id: doc.id, ...story };
  };

  const lastChangeSeq = async (): Promise<number> => (await q('SELECT coalesce(max(seq), 0) AS n FROM changes')).rows[0].n;

  const graphMark = async (): Promise<string> => {
    const versions = (
      await q('SELECT extractor_version AS v, count(*) AS n FROM extractions GROUP BY extractor_version ORDER BY extractor_version COLLATE "C"')
    ).rows;
    return `${await lastChangeSeq()}|${versions.map((r) => `${r.v}:${r.n}`).join(',')}`;
  };

  return {
    async open() {
      await connect();
      await migrate();
      if (listen) await startListener();
      return true;
    },
    async close() {
      closing = true;
      const l = listener;
      listener = null;
      await Promise.all([client?.end().catch(() => {}), l?.end().catch(() => {})]);
      client = null;
      return true;
    },
    findByContent: (hash: string) => findByContent(q, hash),
    ingest: (doc: Document, extractor: string, json: string) => tx((q) => ingestIn(q, doc, extractor, json)),
    async documents() {
      return (await q(`SELECT ${DOCUMENT_COLUMNS} FROM documents d JOIN stories s ON s.document_id = d.id ORDER BY d.id`)).rows.map(toStored);
    },
    async document(id: string) {
      const row = (await q(`SELECT ${DOCUMENT_COLUMNS} FROM documents d JOIN stories s ON s.document_id = d.id WHERE d.id = $1`, [id])).rows[0];
      return row ? toStored(row) : null;
    },
    async storySources(storyId: string) {
      return (
        await q(`SELECT ${DOCUMENT_COLUMNS} FROM stories s JOIN documents d ON d.id = s.document_id WHERE s.story_id = $1 ORDER BY s.seq`, [storyId])
      ).rows.map(toStored);
    },
    async documentsContaining(needle: string) {
      // COLLATE "C": lower() folds ASCII letters only, as SQLite's does.
      return (await q('SELECT id FROM documents WHERE strpos(lower(text COLLATE "C"), lower($1 COLLATE "C")) > 0', [needle])).rows.map((r) => r.id as string);
    },
    async documentText(id: string) {
      return ((await q('SELECT text FROM documents WHERE id = $1', [id])).rows[0]?.text as string | undefined) ?? null;
    },
    async extraction(id: string) {
      return ((await q('SELECT json FROM extractions WHERE document_id = $1', [id])).rows[0]?.json as string | undefined) ?? null;
    },
    /** A page of extractions (as JSON text) after `after` in document-id order; `stories` keeps canonical documents only. */
    async extractionPage(after: string | null, limit: number, stories: boolean) {
      const where = [after === null ? 'TRUE' : 'e.document_id > $2', stories ? 's.story_id = s.document_id' : 'TRUE'].join(' AND ');
      const join = stories ? 'JOIN stories s ON s.document_id = e.document_id' : '';
      const params: unknown[] = after === null ? [limit] : [limit, after];
      return (await q(`SELECT e.document_id AS id, e.json FROM extractions e ${join} WHERE ${where} ORDER BY e.document_id LIMIT $1`, params)).rows as {
        id: string;
        json: string;
      }[];
    },
    addCuration: (op: string, json: string) =>
      tx(async (q) => {
        const at = new Date().toISOString();
        const seq = (await q('INSERT INTO curation (op, args, created_at) VALUES ($1, $2, $3) RETURNING seq', [op, json, at])).rows[0].seq as number;
        await recordChange(q, 'curation', null, op, json, at);
        return seq;
      }),
    async curations() {
      return (await q('SELECT seq, op, args FROM curation ORDER BY seq')).rows as { seq: number; op: string; args: string }[];
    },
    async staleDocuments(version: string) {
      return (await q('SELECT document_id AS id FROM extractions WHERE extractor_version != $1 ORDER BY document_id', [version])).rows.map(
        (r) => r.id as string,
      );
    },
    replaceExtraction: (id: string, extractor: string, json: string) =>
      tx(async (q) => {
        await q('UPDATE extractions SET extractor_version = $1, json = $2 WHERE document_id = $3', [extractor, json, id]);
        // In the same transaction: the notice goes out exactly when the new extraction is visible.
        await q('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, 'reindex']);
        return true;
      }, false),
    graphMark,
    async storedDocument(id: string) {
      const row = (await q(`SELECT ${STORED_DOCUMENT_COLUMNS} FROM documents WHERE id = $1`, [id])).rows[0] as StoredDocumentRow | undefined;
      return row ? toDocument(row) : null;
    },
    async count() {
      return Number((await q('SELECT count(*) AS n FROM documents')).rows[0].n);
    },
    removeDocument: (id: string) =>
      tx(async (q) => {
        const row = (await member(q, [id])).get(id);
        if (!(await q('DELETE FROM documents WHERE id = $1', [id])).rowCount) return false;
        if (row) {
          if (row.signature) await q('DELETE FROM story_bands WHERE document_id = $1 AND key = ANY($2)', [id, bandKeys(row.signature)]);
          if (row.storyId === id) {
            const rest = (await q('SELECT document_id, signature FROM stories WHERE story_id = $1 ORDER BY seq', [id])).rows.map((r) => ({
              id: r.document_id as string,
              signature: r.signature ? decodeSignature(r.signature) : null,
            }));
            for (const m of restory(rest)) await q('UPDATE stories SET story_id = $1, similarity = $2 WHERE document_id = $3', [m.storyId, m.similarity, m.id]);
          }
        }
        await recordChange(q, 'document_removed', id, null, null, new Date().toISOString());
        return true;
      }),
    async changesAfter(seq: number, limit: number): Promise<StoredChange[]> {
      return (await q('SELECT seq, kind, document_id, op, args, at FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2', [seq, limit])).rows.map((r) =>
        toChange(r as ChangeRow),
      );
    },
    async countChangesAfter(seq: number) {
      return Number((await q('SELECT count(*) AS n FROM changes WHERE seq > $1', [seq])).rows[0].n);
    },
    lastChangeSeq,

    // The job queue (distributed extraction).
    /** Queues documents not stored and not already queued; returns how many were queued and how many skipped. */
    enqueue: (docs: Document[]) =>
      tx(async (q) => {
        let queued = 0;
        for (const doc of docs) {
          // The unique index on open jobs' content keeps two enqueues running at once from queuing it twice.
          const r = await q(
            `INSERT INTO jobs (source, content_hash, document)
             SELECT $1, $2, $3
             WHERE NOT EXISTS (SELECT 1 FROM documents WHERE content_hash = $2)
             ON CONFLICT (content_hash) WHERE state IN ('queued', 'running') DO NOTHING`,
            [doc.source, doc.contentHash, JSON.stringify(doc)],
          );
          queued += r.rowCount ?? 0;
        }
        if (queued) await q('SELECT pg_notify($1, $2)', [JOBS_CHANNEL, String(queued)]);
        return { queued, skipped: docs.length - queued };
      }, false),
    /**
     * The next job: first one whose worker's connection is gone (it stopped mid-job), then the oldest queued, each
     * found through the partial index of open jobs. The claiming connection's pid and start time mark the job as this
     * worker's; SKIP LOCKED keeps two workers off one job. `attempts` is the claim's token: completing or failing a
     * job another worker has since taken again changes nothing.
     */
    async claimJob(worker: string) {
      const claim = async (where: string): Promise<{ id: number; attempts: number; document: string; previous: string | null } | undefined> =>
        (
          await q(
            `WITH pick AS (
               SELECT j.id, j.worker AS previous FROM jobs j WHERE ${where} ORDER BY j.id LIMIT 1 FOR UPDATE SKIP LOCKED)
             UPDATE jobs SET state = 'running', attempts = attempts + 1, worker = $1, worker_pid = pg_backend_pid(),
               worker_started = (SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()), started_at = now()
             FROM pick WHERE jobs.id = pick.id
             RETURNING jobs.id, jobs.attempts, jobs.document, pick.previous`,
            [worker],
          )
        ).rows[0];
      for (;;) {
        const row =
          (await claim(
            `j.state = 'running' AND NOT EXISTS (
               SELECT 1 FROM pg_stat_activity a WHERE a.pid = j.worker_pid AND a.backend_start = j.worker_started)`,
          )) ?? (await claim(`j.state = 'queued'`));
        if (!row) return null;
        if (row.attempts > MAX_ATTEMPTS) {
          await q(`UPDATE jobs SET state = 'failed', finished_at = now(), error = $2 WHERE id = $1`, [
            row.id,
            `the worker extracting it stopped (killed or disconnected) ${MAX_ATTEMPTS} times; the last was ${row.previous ?? 'unnamed'}. Check that worker's log (a document that crashes or exhausts its worker), then newsgraph status --retry-failed.`,
          ]);
          continue;
        }
        return { id: row.id, attempts: row.attempts, document: JSON.parse(row.document) as Document } satisfies ClaimedJob;
      }
    },
    /** Stores a job's document and marks the job done, in one transaction: a worker killed before the commit leaves the job to be retried. */
    completeJob: (id: number, attempts: number, doc: Document, extractor: string, json: string) =>
      tx(async (q) => {
        const result = await ingestIn(q, doc, extractor, json);
        // Still this claim's? If another worker took the job meanwhile its own outcome stands (the content is stored once either way).
        await q(
          `UPDATE jobs SET state = 'done', result = $3, document_id = $4, finished_at = now(), error = NULL WHERE id = $1 AND attempts = $2 AND state = 'running'`,
          [id, attempts, result.status, result.id],
        );
        return result;
      }),
    async failJob(id: number, attempts: number, error: string) {
      await q(`UPDATE jobs SET state = 'failed', error = $3, finished_at = now() WHERE id = $1 AND attempts = $2 AND state = 'running'`, [id, attempts, error]);
      return true;
    },
    /** Puts failed jobs back on the queue (all, or the given ids). */
    async retryFailed(ids: number[] | null) {
      const r = await q(
        `UPDATE jobs SET state = 'queued', attempts = 0, error = NULL, finished_at = NULL WHERE state = 'failed' AND ($1::bigint[] IS NULL OR id = ANY($1))`,
        [ids],
      );
      if (r.rowCount) await q('SELECT pg_notify($1, $2)', [JOBS_CHANNEL, String(r.rowCount)]);
      return r.rowCount ?? 0;
    },
    async jobCounts(): Promise<JobCounts> {
      const counts = Object.fromEntries((await q('SELECT state, count(*) AS n FROM jobs GROUP BY state')).rows.map((r) => [r.state, Number(r.n)]));
      const recent = Number((await q(`SELECT count(*) AS n FROM jobs WHERE finished_at > now() - interval '60 seconds'`)).rows[0].n);
      const workers = (
        await q(
          `SELECT worker, count(*) AS n, max(finished_at) AS last FROM jobs WHERE worker IS NOT NULL AND (finished_at > now() - interval '10 minutes' OR state = 'running')
           GROUP BY worker ORDER BY worker`,
        )
      ).rows.map((r) => ({ worker: r.worker as string, jobs: Number(r.n), lastFinished: r.last ? (r.last as Date).toISOString() : null }));
      const failures = (await q(`SELECT id, source, error, finished_at FROM jobs WHERE state = 'failed' ORDER BY finished_at DESC, id DESC LIMIT 5`)).rows.map(
        (r) => ({
          id: r.id as number,
          source: r.source as string,
          error: (r.error as string | null) ?? '',
          at: r.finished_at ? (r.finished_at as Date).toISOString() : '',
        }),
      );
      const oldest = (await q(`SELECT min(enqueued_at) AS t FROM jobs WHERE state = 'queued'`)).rows[0].t as Date | null;
      return {
        queued: counts.queued ?? 0,
        running: counts.running ?? 0,
        done: counts.done ?? 0,
        failed: counts.failed ?? 0,
        ratePerSecond: recent / 60,
        documents: Number((await q('SELECT count(*) AS n FROM documents')).rows[0].n),
        workers,
        recentFailures: failures,
        oldestQueued: oldest ? oldest.toISOString() : null,
      };
    },
    /** Starts listening for enqueued jobs too (a worker waits on them instead of polling fast). */
    async listenJobs() {
      jobsListened = true;
      const l = listener;
      if (l) await l.query(`LISTEN ${JOBS_CHANNEL}`);
      return l !== null;
    },
  };
});

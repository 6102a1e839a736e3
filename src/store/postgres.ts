// The PostgreSQL store: the same synchronous interface as the SQLite one, its queries run by a connection thread
// (pg-worker.ts) that the calling thread waits on. Several processes share one database: builds, extraction workers
// taking jobs from its queue, and servers that follow its change log (LISTEN/NOTIFY tells them when to look).
import { UsageError } from '../errors.js';
import type { Document } from '../ingest/document.js';
import type { Extraction } from '../nlp/types.js';
import type { ClaimedJob, JobCounts, PgInit } from './pg-worker.js';
import { SyncWorker } from './sync-worker.js';
import type { CommitNotice, DocumentStore, IngestResult, StoredChange, StoredDocument } from './types.js';

/** postgres:// and postgresql:// locations name a PostgreSQL database; anything else is a SQLite file. */
export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location.trim());

/** The URL without its password, for logs and messages. */
export function redactUrl(location: string): string {
  try {
    const u = new URL(location);
    if (u.password) u.password = '***';
    if (u.searchParams.has('password')) u.searchParams.set('password', '***');
    return u.toString();
  } catch {
    // Not a URL (a password with "/" or "#" in it, say): what follows the user name up to the last "@" goes.
    const start = location.indexOf('//') + 2;
    const at = location.lastIndexOf('@');
    let shown = location;
    if (start >= 2 && at > start) {
      const credentials = location.slice(start, at);
      const colon = credentials.indexOf(':');
      if (colon >= 0) shown = `${location.slice(0, start)}${credentials.slice(0, colon)}:***${location.slice(at)}`;
    }
    return shown.replace(/([?&]password=)[^&]*/i, '$1***');
  }
}

/** Extractions are read this many at a time while a graph loads. */
const PAGE = 1000;

export class PgStore implements DocumentStore {
  readonly kind = 'postgres' as const;
  readonly path: string;
  private readonly worker: SyncWorker;
  private readonly listeners = new Set<(what: CommitNotice) => void>();
  private readonly jobListeners = new Set<() => void>();

  private constructor(location: string, listen: boolean) {
    this.path = redactUrl(location);
    try {
      new URL(location);
    } catch {
      throw new UsageError(
        `store.open: ${this.path} is not a valid PostgreSQL URL. Use postgres://user[:password]@host[:port]/database (or ?host=/socket/dir).`,
      );
    }
    const init: PgInit = { url: location, shown: this.path, listen };
    this.worker = new SyncWorker('pg-worker', init, (message) => {
      const m = message as { type: string; channel?: string; payload?: string | null };
      if (m.type !== 'commit') return;
      if (m.channel === 'newsgraph_jobs') for (const listener of [...this.jobListeners]) listener();
      else {
        const what: CommitNotice = m.payload === 'reindex' ? 'reindex' : m.payload === 'listening' ? 'resync' : 'change';
        for (const listener of [...this.listeners]) listener(what);
      }
    });
  }

  /**
   * Connects, applying migrations the database lacks. `listen` (default true) keeps a second connection LISTENing
   * for other processes' commits (onCommit); a one-shot command can do without.
   */
  static open(location: string, options: { listen?: boolean } = {}): PgStore {
    const store = new PgStore(location, options.listen ?? true);
    try {
      store.worker.call('open');
    } catch (error) {
      store.worker.close();
      throw error;
    }
    return store;
  }

  findByContent(contentHash: string): string | null {
    return this.worker.call('findByContent', contentHash);
  }

  ingest(doc: Document, extraction: Extraction): IngestResult {
    return this.worker.call('ingest', doc, extraction.extractor, JSON.stringify(extraction));
  }

  documents(): StoredDocument[] {
    return this.worker.call('documents');
  }

  document(id: string): StoredDocument | null {
    return this.worker.call('document', id);
  }

  storySources(storyId: string): StoredDocument[] {
    return this.worker.call('storySources', storyId);
  }

  documentsContaining(needle: string): Set<string> {
    return new Set(this.worker.call<string[]>('documentsContaining', needle));
  }

  documentText(id: string): string | null {
    return this.worker.call('documentText', id);
  }

  extraction(id: string): Extraction | null {
    const json = this.worker.call<string | null>('extraction', id);
    return json === null ? null : (JSON.parse(json) as Extraction);
  }

  private *pages(stories: boolean): Generator<Extraction> {
    let after: string | null = null;
    for (;;) {
      const rows: { id: string; json: string }[] = this.worker.call('extractionPage', after, PAGE, stories);
      for (const row of rows) yield JSON.parse(row.json) as Extraction;
      const last = rows[rows.length - 1];
      if (!last || rows.length < PAGE) return;
      after = last.id;
    }
  }

  extractions(): Iterable<Extraction> {
    return this.pages(false);
  }

  storyExtractions(): Iterable<Extraction> {
    return this.pages(true);
  }

  addCuration(op: string, args: unknown): number {
    return this.worker.call('addCuration', op, JSON.stringify(args));
  }

  curations(): { seq: number; op: string; args: unknown }[] {
    return this.worker
      .call<{ seq: number; op: string; args: string }[]>('curations')
      .map((r) => ({ seq: r.seq, op: r.op, args: JSON.parse(r.args) as unknown }));
  }

  staleDocuments(version: string): string[] {
    return this.worker.call('staleDocuments', version);
  }

  replaceExtraction(id: string, extraction: Extraction): void {
    this.worker.call('replaceExtraction', id, extraction.extractor, JSON.stringify(extraction));
  }

  /** The change log's newest seq (an index lookup); a reindex elsewhere is told by onCommit instead. */
  dataVersion(): number {
    return this.lastChangeSeq();
  }

  graphMark(): string {
    return this.worker.call('graphMark');
  }

  storedDocument(id: string): Document | null {
    return this.worker.call('storedDocument', id);
  }

  count(): number {
    return this.worker.call('count');
  }

  removeDocument(id: string): boolean {
    return this.worker.call('removeDocument', id);
  }

  changesAfter(seq: number, limit: number): StoredChange[] {
    return this.worker.call('changesAfter', seq, limit);
  }

  countChangesAfter(seq: number): number {
    return this.worker.call('countChangesAfter', seq);
  }

  lastChangeSeq(): number {
    return this.worker.call('lastChangeSeq');
  }

  onCommit(listener: (what: CommitNotice) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  // The job queue: `newsgraph build --enqueue` fills it, `newsgraph worker` empties it, `newsgraph status` shows it.

  enqueue(docs: Document[]): { queued: number; skipped: number } {
    return this.worker.call('enqueue', docs);
  }

  claimJob(worker: string): ClaimedJob | null {
    return this.worker.call('claimJob', worker);
  }

  /** Stores the job's document and marks the job done (when `job` is still this claim: its id and attempts). */
  completeJob(job: { id: number; attempts: number }, doc: Document, extraction: Extraction): IngestResult {
    return this.worker.call('completeJob', job.id, job.attempts, doc, extraction.extractor, JSON.stringify(extraction));
  }

  failJob(job: { id: number; attempts: number }, error: string): void {
    this.worker.call('failJob', job.id, job.attempts, error);
  }

  retryFailed(ids: number[] | null = null): number {
    return this.worker.call('retryFailed', ids);
  }

  jobCounts(): JobCounts {
    return this.worker.call('jobCounts');
  }

  /** Calls `listener` when jobs are enqueued (an idle worker starts at once instead of at its next poll). */
  onJobs(listener: () => void): () => void {
    this.worker.call('listenJobs');
    this.jobListeners.add(listener);
    return () => {
      this.jobListeners.delete(listener);
    };
  }

  close(): void {
    this.worker.close();
  }
}

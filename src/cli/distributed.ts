// Extraction spread over processes and machines: `build --enqueue` puts documents on the PostgreSQL job queue,
// `newsgraph worker` (any number, anywhere) extracts and stores them, `newsgraph status` shows the queue.
import { hostname } from 'node:os';
import { InvalidInputError, UnavailableError, UsageError } from '../errors.js';
import type { Document } from '../ingest/document.js';
import { streamDocuments } from '../ingest/read.js';
import { emptyWarcStats } from '../ingest/warc.js';
import type { Extraction } from '../nlp/types.js';
import type { JobCounts } from '../store/pg-worker.js';
import { type DocumentStore, PgStore } from '../store/index.js';
import { ExtractPool } from '../workers/extract-pool.js';

export type Log = (line: string) => void;

/** The store as a job queue, or a usage error saying how to get one. */
export function queueOf(store: DocumentStore, command: string): PgStore {
  if (store instanceof PgStore) return store;
  throw new UsageError(
    `${command}: the job queue lives in a PostgreSQL database; ${store.path} is a SQLite file. Give --db postgres://user@host/database (or NEWSGRAPH_DB), or run newsgraph build without --enqueue, which extracts in worker threads itself.`,
  );
}

export interface EnqueueSummary {
  queued: number;
  skipped: number;
  refused: { source: string; reason: string }[];
  seconds: number;
}

/** Reads PATH as build does and queues its documents in batches (no NLP here); already stored or queued content is skipped. */
export async function enqueueInput(queue: PgStore, path: string, log: Log): Promise<EnqueueSummary> {
  const started = performance.now();
  const summary: EnqueueSummary = { queued: 0, skipped: 0, refused: [], seconds: 0 };
  let batch: Document[] = [];
  let bytes = 0;
  let lastLog = Date.now();
  const flush = (): void => {
    if (!batch.length) return;
    const r = queue.enqueue(batch);
    summary.queued += r.queued;
    summary.skipped += r.skipped;
    batch = [];
    bytes = 0;
    if (Date.now() - lastLog > 5000) {
      lastLog = Date.now();
      log(`newsgraph build --enqueue: ${summary.queued} queued so far`);
    }
  };
  for await (const item of streamDocuments(path, emptyWarcStats())) {
    if (!item.ok) {
      summary.refused.push({ source: item.source, reason: item.error.message });
      continue;
    }
    batch.push(item.document);
    bytes += item.document.text.length;
    // A batch is one transaction: a few hundred documents or a few MB, whichever comes first.
    if (batch.length >= 200 || bytes >= 8_000_000) flush();
  }
  flush();
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

export interface WorkerOptions {
  /** Shown in `status` and stored with each job it takes. */
  name: string;
  /** Exit once no job is queued or running (for scripts, tests and the benchmark). */
  drain: boolean;
  /** Per-document extraction budget (ms). */
  budgetMs?: number;
  /** Aborting stops after the current job. */
  signal: AbortSignal;
  log: Log;
}

export interface WorkerSummary {
  done: number;
  duplicates: number;
  failed: number;
  seconds: number;
  /** CPU seconds this process used (user + system, all its threads) while working. */
  cpuSeconds: number;
  /** The same from the end of the first job on (start-up and warm-up left out), and the documents stored in that time. */
  steadyCpuSeconds: number;
  steadyDocuments: number;
}

export const defaultWorkerName = (): string => `${hostname()}:${process.pid}`;

/**
 * Takes jobs one at a time until stopped (or, with `drain`, until the queue is empty): extracts each in a worker
 * thread with a time budget, then stores the document and marks the job done in one transaction. A job that fails
 * (a refused document, an extraction error or timeout) is marked failed with its error and not retried; a job whose
 * worker dies is taken again by the next worker that asks (its connection is gone, so the job is orphaned).
 */
export async function runWorker(queue: PgStore, options: WorkerOptions): Promise<WorkerSummary> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const summary: WorkerSummary = { done: 0, duplicates: 0, failed: 0, seconds: 0, cpuSeconds: 0, steadyCpuSeconds: 0, steadyDocuments: 0 };
  let steady: { cpu: NodeJS.CpuUsage; done: number } | null = null;
  const pool = new ExtractPool(1, options.budgetMs);
  let wake: (() => void) | null = null;
  const stopListening = queue.onJobs(() => wake?.());
  const onAbort = (): void => wake?.();
  options.signal.addEventListener('abort', onAbort);
  let lastLog = Date.now();
  /**
   * A database call, tried again while the database is unreachable (a restart, the network): the worker waits it
   * out instead of exiting. Safe for every call here: completing a job twice stores its content once.
   */
  const patiently = async <T>(call: () => T): Promise<T> => {
    for (let wait = 1000; ; wait = Math.min(wait * 2, 30_000)) {
      try {
        return call();
      } catch (error) {
        if (!(error instanceof UnavailableError) || options.signal.aborted) throw error;
        options.log(`newsgraph worker ${options.name}: ${error.message} Trying again in ${wait / 1000} s.`);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  };
  try {
    while (!options.signal.aborted) {
      const job = await patiently(() => queue.claimJob(options.name));
      if (!job) {
        if (options.drain) {
          const c = await patiently(() => queue.jobCounts());
          if (c.queued === 0 && c.running === 0) break;
        }
        // Idle: woken by a NOTIFY from an enqueue, else look again in a second (a killed worker's job, a lost notice).
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1000);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
        continue;
      }
      const doc = job.document;
      const fail = async (error: unknown): Promise<void> => {
        const message = error instanceof Error ? error.message : String(error);
        await patiently(() => queue.failJob(job, message));
        summary.failed++;
        options.log(`newsgraph worker ${options.name}: job ${job.id} (${doc.source}) failed: ${message}`);
      };
      let extraction: Extraction;
      try {
        extraction = await pool.run(doc);
      } catch (error) {
        await fail(error);
        continue;
      }
      try {
        const r = await patiently(() => queue.completeJob(job, doc, extraction));
        if (r.status === 'added') summary.done++;
        else summary.duplicates++;
        steady ??= { cpu: process.cpuUsage(), done: summary.done };
      } catch (error) {
        // A refused document fails its job; a lost database stops the worker (the job is taken again elsewhere).
        if (!(error instanceof InvalidInputError)) throw error;
        await fail(error);
      }
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        const s = (performance.now() - started) / 1000;
        options.log(
          `newsgraph worker ${options.name}: ${summary.done} stored, ${summary.duplicates} already stored, ${summary.failed} failed (${(summary.done / s).toFixed(1)} docs/s)`,
        );
      }
    }
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    stopListening();
    await pool.close();
  }
  const used = process.cpuUsage(cpu);
  summary.seconds = (performance.now() - started) / 1000;
  summary.cpuSeconds = (used.user + used.system) / 1e6;
  if (steady) {
    const after = process.cpuUsage(steady.cpu);
    summary.steadyCpuSeconds = (after.user + after.system) / 1e6;
    summary.steadyDocuments = summary.done - steady.done;
  }
  return summary;
}

const pad = (s: string, n: number): string => s.padEnd(n);

/** `newsgraph status` as text. */
export function statusText(c: JobCounts, where: string): string[] {
  const lines = [
    `newsgraph status: ${where}`,
    `  jobs: ${c.queued} queued, ${c.running} running, ${c.done} done, ${c.failed} failed`,
    `  rate: ${c.ratePerSecond.toFixed(1)} jobs/s over the last minute${c.queued > 0 && c.ratePerSecond > 0 ? `; queue empty in about ${Math.ceil(c.queued / c.ratePerSecond)} s` : ''}`,
    `  documents stored: ${c.documents}${c.oldestQueued ? `; oldest queued job since ${c.oldestQueued}` : ''}`,
  ];
  if (c.workers.length) {
    lines.push('  workers (last 10 minutes):');
    for (const w of c.workers) lines.push(`    ${pad(w.worker, 32)} ${String(w.jobs).padStart(6)} jobs  last finished ${w.lastFinished ?? '—'}`);
  }
  if (c.recentFailures.length) {
    lines.push('  latest failures (newsgraph status --retry-failed queues them again):');
    for (const f of c.recentFailures) lines.push(`    job ${f.id} ${f.source} at ${f.at}: ${f.error}`);
  }
  return lines;
}

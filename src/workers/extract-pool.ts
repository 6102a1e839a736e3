// A pool of extraction workers with a per-document time budget: a document that runs over is refused and its
// worker replaced, so one pathological input can neither hang a bulk ingest nor take the process down.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TimeoutError } from '../errors.js';
import type { Document } from '../ingest/document.js';
import type { Extraction } from '../nlp/types.js';

interface Job {
  id: number;
  doc: Document;
  resolve: (x: Extraction) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

export const DEFAULT_WORKERS = Math.max(1, Math.min(2, availableParallelism()));

function spawn(): Worker {
  // From TypeScript sources (tests, dev) the worker registers tsx first to load itself.
  if (import.meta.url.endsWith('.ts')) {
    const url = new URL('./extract-worker.ts', import.meta.url).href;
    return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`, { eval: true });
  }
  return new Worker(fileURLToPath(new URL('./extract-worker.js', import.meta.url)));
}

export class ExtractPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    readonly size: number = DEFAULT_WORKERS,
    private readonly budgetMs = 60_000,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.makeSlot());
  }

  /** Jobs waiting or running: callers keep this bounded to bound memory. */
  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.job).length;
  }

  run(doc: Document): Promise<Extraction> {
    if (this.closed) return Promise.reject(new Error('extract pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, doc, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private makeSlot(): Slot {
    const slot: Slot = { worker: spawn(), job: null, timer: null };
    slot.worker.on('message', (msg: { id: number; extraction?: Extraction; error?: string }) => {
      const job = slot.job;
      if (!job || job.id !== msg.id) return;
      this.finish(slot);
      if (msg.extraction) job.resolve(msg.extraction);
      else job.reject(new Error(msg.error ?? 'extraction failed'));
      this.dispatch();
    });
    slot.worker.on('error', (error) => this.replace(slot, error));
    return slot;
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
  }

  /** A worker that crashed or ran out of time is dropped and a fresh one takes its place. */
  private replace(slot: Slot, error: Error): void {
    const job = slot.job;
    this.finish(slot);
    void slot.worker.terminate();
    const i = this.slots.indexOf(slot);
    if (!this.closed && i >= 0) this.slots[i] = this.makeSlot();
    job?.reject(error);
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift() as Job;
      slot.job = job;
      slot.timer = setTimeout(() => {
        this.replace(
          slot,
          new TimeoutError(
            `extraction of ${job.doc.source} took longer than ${this.budgetMs / 1000} s and was stopped. Split the document or check it for unusual content.`,
          ),
        );
      }, this.budgetMs);
      slot.worker.postMessage({ id: job.id, doc: job.doc });
    }
  }
}

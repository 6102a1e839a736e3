// Synchronous calls into a worker thread that does asynchronous work (the PostgreSQL client): the caller posts a
// request and sleeps on a shared flag (Atomics.wait) until the worker has posted the answer, then takes it off the
// port with receiveMessageOnPort. The store interface stays synchronous whatever the backend, as SQLite's is.
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { ConfigError, InvalidInputError, KgError, type KgErrorCode, NotFoundError, TimeoutError, UnavailableError, UsageError } from '../errors.js';

/** What the worker thread is handed (see serveSync). */
export interface SyncWorkerData {
  flag: Int32Array;
  calls: MessagePort;
  events: MessagePort;
  init: unknown;
}

/** Each reply names its request: a reply to a call that gave up (a timeout) is told apart and dropped. */
export type SyncReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { code: string | null; message: string } };

/** flag[0]: a reply was posted; flag[1]: the thread stopped (its exit or an uncaught error). */
const REPLIED = 0;
const STOPPED = 1;

/** A KgError thrown in the worker, as the same class here (callers tell refusals from outages by class). */
function kgError(code: string, message: string): KgError | null {
  switch (code as KgErrorCode) {
    case 'BAD_INPUT':
      return new InvalidInputError(message);
    case 'NOT_FOUND':
      return new NotFoundError(message);
    case 'USAGE':
      return new UsageError(message);
    case 'CONFIG':
      return new ConfigError(message);
    case 'TIMEOUT':
      return new TimeoutError(message);
    case 'UNAVAILABLE':
      return new UnavailableError(message);
    case 'UNAUTHENTICATED':
    case 'INTERNAL':
      return new KgError(code as KgErrorCode, message);
    default:
      return null;
  }
}

/** How long one call may take before the caller gives up (a lost server, a lock held elsewhere). */
const CALL_TIMEOUT_MS = 120_000;

export class SyncWorker {
  private readonly worker: Worker;
  private readonly calls: MessagePort;
  private readonly flag: Int32Array;
  private closed = false;
  private nextId = 0;
  private stopped: string | null = null;

  /**
   * @param name the worker module beside this file, without extension (`pg-worker`).
   * @param onEvent receives what the worker posts on its own (notifications), on the event loop.
   */
  constructor(name: string, init: unknown, onEvent: (message: unknown) => void) {
    this.flag = new Int32Array(new SharedArrayBuffer(8));
    const calls = new MessageChannel();
    const events = new MessageChannel();
    this.calls = calls.port1;
    const workerData: SyncWorkerData = { flag: this.flag, calls: calls.port2, events: events.port2, init };
    const transferList = [calls.port2, events.port2];
    // From TypeScript sources (tests, dev) the worker registers tsx first to load itself.
    this.worker = import.meta.url.endsWith('.ts')
      ? new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL(`./${name}.ts`, import.meta.url).href)}); });`,
          { eval: true, workerData, transferList },
        )
      : new Worker(fileURLToPath(new URL(`./${name}.js`, import.meta.url)), { workerData, transferList });
    events.port1.on('message', onEvent);
    events.port1.unref();
    this.worker.on('error', (error) => {
      this.stopped = error.message;
    });
    this.worker.unref();
  }

  /** Runs `method` in the worker and returns its value, or throws its error (KgErrors keep their class of code). */
  call<T>(method: string, ...args: unknown[]): T {
    if (this.closed) throw new UnavailableError(`store: called ${method} after the store was closed.`);
    const stoppedError = (): UnavailableError =>
      new UnavailableError(`store.${method}: the database thread stopped (${this.stopped ?? 'it exited'}). Restart the command; see the log for the cause.`);
    if (this.stopped !== null || Atomics.load(this.flag, STOPPED) === 1) throw stoppedError();
    const id = ++this.nextId;
    Atomics.store(this.flag, REPLIED, 0);
    this.calls.postMessage({ id, method, args });
    const deadline = Date.now() + CALL_TIMEOUT_MS;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new TimeoutError(`store.${method}: no answer from the database in ${CALL_TIMEOUT_MS / 1000} s. Check that the server is up and not locked.`);
      Atomics.wait(this.flag, REPLIED, 0, Math.min(left, 1000));
      const received = receiveMessageOnPort(this.calls);
      if (!received) {
        if (Atomics.load(this.flag, STOPPED) === 1) throw stoppedError();
        // Woken without a reply to take (a late reply already taken): wait again.
        Atomics.store(this.flag, REPLIED, 0);
        continue;
      }
      const reply = received.message as SyncReply;
      // A late answer to an earlier call that gave up: not this call's.
      if (reply.id !== id) continue;
      if (reply.ok) return reply.value as T;
      const { code, message } = reply.error;
      throw (code ? kgError(code, message) : null) ?? new Error(message);
    }
  }

  /** Ends the worker (after its `close` handler ran). */
  close(): void {
    if (this.closed) return;
    try {
      this.call('close');
    } catch {
      // Closing a store whose connection is gone is not an error.
    }
    this.closed = true;
    void this.worker.terminate();
  }
}

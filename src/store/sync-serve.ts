// The worker-thread side of SyncWorker: answers each request with its handler's value and wakes the caller.
import { workerData } from 'node:worker_threads';
import { isKgError } from '../errors.js';
import type { SyncReply, SyncWorkerData } from './sync-worker.js';

export type Handlers = Record<string, (...args: never[]) => unknown>;

/** Serves `handlers` to the thread that started this worker; returns the worker's data and its event port. */
export function serveSync(make: (init: unknown, post: (event: unknown) => void) => Handlers): void {
  const data = workerData as SyncWorkerData;
  const post = (event: unknown): void => data.events.postMessage(event);
  const handlers = make(data.init, post);
  const reply = (message: SyncReply): void => {
    data.calls.postMessage(message);
    Atomics.store(data.flag, 0, 1);
    Atomics.notify(data.flag, 0);
  };
  // A thread that stops (an uncaught error, an exit) wakes a caller waiting on it, which then says so at once.
  const stopped = (): void => {
    Atomics.store(data.flag, 1, 1);
    Atomics.notify(data.flag, 0);
  };
  process.on('exit', stopped);
  process.on('uncaughtException', (error) => {
    stopped();
    throw error;
  });
  // One request at a time: the caller sleeps until it has its answer.
  let chain: Promise<void> = Promise.resolve();
  data.calls.on('message', ({ id, method, args }: { id: number; method: string; args: never[] }) => {
    chain = chain.then(async () => {
      const handler = handlers[method];
      try {
        if (!handler) throw new Error(`store: the database thread has no method ${method}.`);
        reply({ id, ok: true, value: await handler(...args) });
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        reply({ id, ok: false, error: { code: isKgError(e) ? e.code : null, message: e.message } });
      }
    });
  });
}

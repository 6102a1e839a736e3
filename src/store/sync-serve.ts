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
  // One request at a time: the caller sleeps until it has its answer.
  let chain: Promise<void> = Promise.resolve();
  data.calls.on('message', ({ method, args }: { method: string; args: never[] }) => {
    chain = chain.then(async () => {
      const handler = handlers[method];
      try {
        if (!handler) throw new Error(`store: the database thread has no method ${method}.`);
        reply({ ok: true, value: await handler(...args) });
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        reply({ ok: false, error: { code: isKgError(e) ? e.code : null, message: e.message } });
      }
    });
  });
}

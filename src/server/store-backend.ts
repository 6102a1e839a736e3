// The backend `newsgraph serve` runs behind its front: the graph of a SQLite store, rebuilt when the store changes.
import { GraphService } from '../pipeline.js';
import { openStore } from '../store/index.js';
import type { BackendFactory } from './backend.js';

export interface StoreBackendArgs {
  db: string;
}

export const createBackend: BackendFactory = (args, log) => {
  const { db } = args as StoreBackendArgs;
  const started = performance.now();
  const store = openStore(db);
  try {
    const service = new GraphService(store, log);
    service.watch();
    const s = service.index.stats();
    log(
      `newsgraph: graph of ${s.documents} documents, ${s.entities} entities, ${s.relations} relations loaded in ${Math.round(performance.now() - started)} ms from ${store.path}`,
    );
    return {
      source: () => service,
      lag: () => service.lag(),
      close: () => {
        service.unwatch();
        store.close();
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
};

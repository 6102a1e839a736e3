// Starts the analytics worker for a graph and hands back its result (or the error) as a promise.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AnalyticsInput, AnalyticsResult } from './analytics.js';
import type { KnowledgeGraph } from './model.js';

export function analyticsInput(graph: KnowledgeGraph): AnalyticsInput {
  const nodes = graph.filterNodes((_id, n) => n.type !== 'event').sort();
  const keep = new Set(nodes);
  const edges: [string, string, number][] = [];
  graph.forEachEdge((_key, e) => {
    if (!e.cooccurrence && keep.has(e.source) && keep.has(e.target)) edges.push([e.source, e.target, e.weight * e.confidence]);
  });
  edges.sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
  return { nodes, edges };
}

/** Runs in a worker thread; from TypeScript sources (tests, dev) the worker registers tsx first to load itself. */
export function runAnalytics(graph: KnowledgeGraph): Promise<AnalyticsResult> {
  const workerData = analyticsInput(graph);
  const worker = import.meta.url.endsWith('.ts')
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./analytics-worker.ts', import.meta.url).href)}); });`,
        { eval: true, workerData },
      )
    : new Worker(fileURLToPath(new URL('./analytics-worker.js', import.meta.url)), { workerData });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: AnalyticsResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`analytics worker exited with code ${code}`));
    });
  });
}

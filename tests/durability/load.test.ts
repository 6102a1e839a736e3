// A bounded load test on loopback: 50 connections for 10 s, a mix of entity, search, neighborhood and shortestPath
// queries while documents are ingested through the API. No errors, no non-2xx answers, memory back near its start.
import { join } from 'node:path';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphService, ingestPath } from '../../src/pipeline.js';
import { type RunningServer, startServer } from '../../src/server/app.js';
import { startFront } from '../../src/server/front.js';
import { Store } from '../../src/store/index.js';
import { ROOT, tempDir } from '../helpers.js';

const TOKEN = 'load-test-token-0123456789';
const tmp = tempDir();
let store: Store;
let service: GraphService;
let server: RunningServer;

beforeAll(async () => {
  store = Store.open(join(tmp.path, 'load.db'));
  ingestPath(store, join(ROOT, 'seeds'));
  service = new GraphService(store);
  server = await startServer(() => service, { host: '127.0.0.1', port: 0, production: true, corsOrigins: [], bodyLimit: '100kb', token: TOKEN, log: () => {} });
});
afterAll(async () => {
  await server?.close();
  store?.close();
  tmp.cleanup();
});

const QUERIES = [
  {
    query: 'query($n: String) { entity(name: $n) { id name relations(first: 10) { edges { node { type target { name } } } } } }',
    variables: { n: 'Araghchi' },
  },
  { query: 'query($t: String!) { search(text: $t, first: 5) { id name } }', variables: { t: 'iran' } },
  { query: 'query($id: ID!) { neighborhood(id: $id, hops: 2, limit: 50) { truncated nodes { id } edges { id } } }', variables: { id: 'country:iran' } },
  { query: '{ shortestPath(from: "Abbas Araghchi", to: "Joe Biden") { length edges { type } } }' },
];

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/** Ingests a document through the API every 250 ms while autocannon runs the query mix for 10 s. */
async function loadWhileIngesting(url: string): Promise<{ result: autocannon.Result; ingested: number; ingestErrors: number }> {
  let ingested = 0;
  let ingestErrors = 0;
  let stop = false;
  const writer = (async () => {
    while (!stop) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({
          query: 'mutation($t: String!) { ingestDocument(input: { text: $t }) { added } }',
          variables: { t: `Report ${ingested}: Iran and Russia held talks in Geneva on Monday, officials said.` },
        }),
      });
      const body = (await res.json()) as { errors?: unknown };
      if (!res.ok || body.errors) ingestErrors++;
      ingested++;
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const result = await autocannon({
    url: `${url}/graphql`,
    connections: 50,
    duration: 10,
    requests: QUERIES.map((q) => ({ method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify(q) })),
  });
  stop = true;
  await writer;
  return { result, ingested, ingestErrors };
}

function expectClean({ result, ingested, ingestErrors }: Awaited<ReturnType<typeof loadWhileIngesting>>): void {
  expect(result.errors).toBe(0);
  expect(result.timeouts).toBe(0);
  expect(result.non2xx).toBe(0);
  expect(result.requests.total).toBeGreaterThan(1000);
  expect(ingested).toBeGreaterThan(5);
  expect(ingestErrors).toBe(0);
}

describe('under load', () => {
  it('answers every request while documents are being ingested, and gives its memory back', async () => {
    expect(typeof (globalThis as { gc?: unknown }).gc, 'vitest.config.ts runs tests with --expose-gc').toBe('function');
    gc();
    const before = process.memoryUsage().heapUsed;
    const run = await loadWhileIngesting(server.url);
    expectClean(run);
    expect(service.index.documents.length).toBe(1 + run.ingested);
    // Each one joined the graph in place: no full rebuild per write.
    expect(service.incrementalUpdates).toBe(run.ingested);
    await service.analyticsReady;
    gc();
    const after = process.memoryUsage().heapUsed;
    // Bounded growth: the new documents, the response cache (capped) and one graph, not a leak per request.
    expect(after - before).toBeLessThan(150 * 1024 * 1024);
  });

  it('does the same as `newsgraph serve` runs it: a front with its cache, the graph in a backend thread', async () => {
    const db = join(tmp.path, 'front-load.db');
    const seeded = Store.open(db);
    ingestPath(seeded, join(ROOT, 'seeds'));
    seeded.close();
    const front = await startFront({
      host: '127.0.0.1',
      port: 0,
      bodyLimit: '100kb',
      log: () => {},
      backend: { module: new URL('../../src/server/store-backend.ts', import.meta.url).href, args: { db } },
      server: { production: true, corsOrigins: [], bodyLimit: '100kb', token: TOKEN },
    });
    try {
      await front.ready;
      gc();
      const before = process.memoryUsage().heapUsed;
      const run = await loadWhileIngesting(front.url);
      expectClean(run);
      const res = await fetch(`${front.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ stats { documents } }' }),
      });
      expect(((await res.json()) as { data: { stats: { documents: number } } }).data.stats.documents).toBe(1 + run.ingested);
      gc();
      // The front holds only its cache (answers of one small graph at a time).
      expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
    } finally {
      await front.close();
    }
  }, 60_000);
});

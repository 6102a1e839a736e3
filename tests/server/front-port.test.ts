// The front hands JSON POST /graphql to the backend over its worker port instead of a second HTTP request (front.ts).
// Whatever way a request takes, the answer must be the one a single-thread server (no front, no port) gives for the
// same graph: reads, errors, refusals, writes (which go over HTTP), CORS. Real SQLite file, real HTTP on 127.0.0.1.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPath } from '../../src/pipeline.js';
import { type RunningServer, startServer } from '../../src/server/app.js';
import { type RunningFront, startFront } from '../../src/server/front.js';
import { createBackend } from '../../src/server/store-backend.js';
import { Store } from '../../src/store/index.js';
import { ROOT, tempDir } from '../helpers.js';

const tmp = tempDir();
const DB = join(tmp.path, 'port.db');
const TOKEN = 'port-token-0123456789abcdef';
const ALLOWED = 'http://research.example';
const server = { production: true, corsOrigins: [ALLOWED], bodyLimit: '100kb', token: TOKEN };
let front: RunningFront;
let single: RunningServer;
let closeSingle: () => void | Promise<void> = () => {};

beforeAll(async () => {
  const store = Store.open(DB);
  ingestPath(store, join(ROOT, 'seeds'));
  store.close();
  front = await startFront({
    host: '127.0.0.1',
    port: 0,
    bodyLimit: '100kb',
    log: () => {},
    backend: { module: new URL('../../src/server/store-backend.ts', import.meta.url).href, args: { db: DB } },
    server,
  });
  await front.ready;
  const backend = await createBackend({ db: DB }, () => {});
  closeSingle = () => backend.close?.();
  single = await startServer(backend.source, { ...server, host: '127.0.0.1', port: 0, responseCache: false, log: () => {} });
}, 60_000);
afterAll(async () => {
  await front?.close();
  await single?.close();
  await closeSingle();
  tmp.cleanup();
});

const ask = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const cors = ['access-control-allow-origin', 'vary', 'access-control-allow-headers', 'access-control-allow-methods'].map((h) => res.headers.get(h));
  return { status: res.status, type: res.headers.get('content-type'), cors, body: await res.text() };
};

const READS: [string, unknown][] = [
  ['an entity by name', { query: 'query($n: String!) { entity(name: $n) { id name type degree } }', variables: { n: 'Araghchi' } }],
  ['a two-hop neighbourhood with literals', { query: '{ search(text: "Iran", first: 1) { id neighborhood: id } }' }],
  ['an unknown entity (an error in the answer)', { query: '{ neighborhood(id: "person:nobody-at-all", hops: 2) { nodes { id } } }' }],
  ['a wrong variable type (refused by validation)', { query: 'query($n: Int!) { search(text: $n) { id } }', variables: { n: 3 } }],
  ['a field that does not exist', { query: '{ nothingHere }' }],
  ['introspection in production', { query: '{ __schema { types { name } } }' }],
  ['a query over its cost limit', { query: '{ entities(first: 100) { edges { node { relations(first: 100) { edges { node { id } } } } } } }' }],
];

describe('front → backend over the worker port', () => {
  for (const [what, body] of READS)
    it(`answers ${what} as a single-thread server does`, async () => {
      const viaFront = await ask(front.url, body);
      const direct = await ask(single.url, body);
      expect(viaFront).toEqual(direct);
      expect(viaFront.body.length).toBeGreaterThan(10);
    });

  it('gives an allowed origin its CORS headers and nothing to others, as a single-thread server does', async () => {
    const body = { query: '{ stats { documents } }' };
    for (const origin of [ALLOWED, 'http://elsewhere.example']) {
      const viaFront = await ask(front.url, body, { origin });
      expect(viaFront).toEqual(await ask(single.url, body, { origin }));
      expect(viaFront.cors[0]).toBe(origin === ALLOWED ? ALLOWED : null);
    }
  });

  it('answers JSON that is not a GraphQL request, and broken JSON, as a single-thread server does', async () => {
    // An unknown key is Apollo's to judge (it answers); the others are refused.
    for (const body of ['{"query": "{ stats { documents } }", "extra": 1}', '{"query": ', '[1, 2]', '{"query": ""}']) {
      const viaFront = await ask(front.url, body);
      expect(viaFront).toEqual(await ask(single.url, body));
      if (!body.includes('extra')) expect(viaFront.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('refuses a write without the token and takes one with it (writes go over HTTP)', async () => {
    const write = {
      query: 'mutation($t: String!) { ingestDocument(input: { text: $t, title: "Port test" }) { added document { id } } }',
      variables: { t: 'Ada Lovelace met Charles Babbage in London on Monday.' },
    };
    const refused = await ask(front.url, write);
    expect(refused.body).toMatch(/FORBIDDEN|UNAUTHENTICATED|token/i);
    const taken = await ask(front.url, write, { authorization: `Bearer ${TOKEN}` });
    expect(taken.status).toBe(200);
    expect(JSON.parse(taken.body).errors).toBeUndefined();
    // The next read through the port sees the new document.
    const after = JSON.parse((await ask(front.url, { query: '{ stats { documents } }' })).body) as { data: { stats: { documents: number } } };
    expect(after.data.stats.documents).toBe(2);
  });
});

// The GraphQL API over a real listening socket on 127.0.0.1, answering from the seed graph.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphService, ingestPath } from '../../src/pipeline.js';
import { type RunningServer, startServer } from '../../src/server/app.js';
import { exampleQueries } from '../../src/server/ide.js';
import { Store } from '../../src/store/index.js';
import { ROOT, SEED_TEXT, tempDir } from '../helpers.js';

const tmp = tempDir();
let server: RunningServer;
let store: Store;
let service: GraphService;
const TOKEN = 'test-token-0123456789abcdef';
const logs: string[] = [];

beforeAll(async () => {
  store = Store.open(join(tmp.path, 'http.db'));
  ingestPath(store, join(ROOT, 'seeds'));
  service = new GraphService(store);
  await service.analyticsReady;
  server = await startServer(() => service, {
    host: '127.0.0.1',
    port: 0,
    production: false,
    corsOrigins: [],
    bodyLimit: '100kb',
    token: TOKEN,
    log: (l) => logs.push(l),
  });
});
afterAll(async () => {
  await server?.close();
  store?.close();
  tmp.cleanup();
});

interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function gql(query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: GraphqlBody }> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as GraphqlBody };
}

describe('acceptance queries', () => {
  it('listens on 127.0.0.1 and answers /healthz', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it.each([
    ['Araghchi', 'Abbas Araghchi', 'PERSON'],
    ['US', 'United States', 'COUNTRY'],
    ['IRGC', 'Islamic Revolutionary Guard Corps', 'ORGANIZATION'],
    ['araghchi', 'Abbas Araghchi', 'PERSON'],
  ])('entity(name: %s) is %s, %s', async (name, expected, type) => {
    const { status, body } = await gql('query($n: String) { entity(name: $n) { name type } }', { n: name });
    expect(status).toBe(200);
    expect(body.data?.entity).toEqual({ name: expected, type });
  });

  it('finds a shortest path from Abbas Araghchi to Joe Biden whose every edge has evidence', async () => {
    const { body } = await gql(`{ shortestPath(from: "person:abbas-araghchi", to: "Joe Biden") {
      length nodes { id } edges { type source { id } target { id } evidence(first: 100) { edges { node { text start end document { id } } } } } } }`);
    const path = body.data?.shortestPath as {
      length: number;
      nodes: { id: string }[];
      edges: { source: { id: string }; target: { id: string }; evidence: { edges: { node: { text: string; start: number; end: number } }[] } }[];
    };
    expect(path.nodes[0]?.id).toBe('person:abbas-araghchi');
    expect(path.nodes.at(-1)?.id).toBe('person:joe-biden');
    expect(path.length).toBe(path.edges.length);
    expect(path.length).toBeGreaterThan(0);
    for (const [i, e] of path.edges.entries()) {
      expect(e.evidence.edges.length).toBeGreaterThan(0);
      // Consecutive edges chain through the path's nodes, whichever way each edge points.
      const ends = [e.source.id, e.target.id].sort();
      expect(ends).toEqual([path.nodes[i]?.id, path.nodes[i + 1]?.id].sort());
      for (const { node: ev } of e.evidence.edges) expect(ev.end).toBeGreaterThan(ev.start);
    }
  });

  it('pages through entities with cursors, each exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const { body } = await gql(
        'query($after: String) { entities(first: 10, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }',
        { after },
      );
      const conn = body.data?.entities as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string } }[] };
      seen.push(...conn.edges.map((e) => e.node.id));
      if (!conn.pageInfo.hasNextPage) {
        expect(seen).toHaveLength(conn.totalCount);
        break;
      }
      after = conn.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(40);
  });

  it('returns relations with their evidence sentences, and a neighborhood with truncation', async () => {
    const { body } =
      await gql(`{ entity(id: "person:abbas-araghchi") { roles { title of { name } } relations(first: 50) { edges { node { type target { name } evidence(first: 1) { edges { node { text } } } } } } }
      neighborhood(id: "country:iran", hops: 2, limit: 5) { truncated nodes { id } } }`);
    const e = body.data?.entity as {
      roles: { title: string; of: { name: string } | null }[];
      relations: { edges: { node: { type: string; target: { name: string }; evidence: { edges: { node: { text: string } }[] } } }[] };
    };
    expect(e.roles).toContainEqual({ title: 'foreign minister', of: { name: 'Iran' } });
    const fm = e.relations.edges.map((x) => x.node).find((r) => r.type === 'foreign_minister_of');
    expect(fm?.target.name).toBe('Iran');
    expect(fm?.evidence.edges[0]?.node.text).toContain('Araghchi');
    const n = body.data?.neighborhood as { truncated: boolean; nodes: unknown[] };
    expect(n.nodes).toHaveLength(5);
    expect(n.truncated).toBe(true);
  });

  it('answers search, documents and stats', async () => {
    const { body } = await gql(
      '{ search(text: "revolutionary guard") { name } documents { totalCount edges { node { title chars } } } stats { documents entities byType { type count } } }',
    );
    expect((body.data?.search as { name: string }[] | undefined)?.[0]?.name).toBe('Islamic Revolutionary Guard Corps');
    expect((body.data as { documents: { edges: { node: unknown }[] } }).documents.edges.map((e) => e.node)).toEqual([
      { title: 'Ahead of Trump presidency, Iran sends mixed messages on US talks', chars: SEED_TEXT.length },
    ]);
    const stats = body.data?.stats as { documents: number; entities: number; byType: { type: string; count: number }[] };
    expect(stats.documents).toBe(1);
    expect(stats.byType.reduce((s, b) => s + b.count, 0)).toBe(stats.entities);
  });

  it('runs every IDE example query without errors', async () => {
    expect(exampleQueries().length).toBeGreaterThan(5);
    for (const q of exampleQueries().filter((x) => !x.query.includes('mutation'))) {
      const { status, body } = await gql(q.query, q.variables);
      expect(status, q.title).toBe(200);
      expect(body.errors, q.title).toBeUndefined();
    }
  });
});

describe('errors', () => {
  it('answers malformed GraphQL with 400 and a JSON body, no stack trace', async () => {
    const { status, body } = await gql('{ entity(name: "x" { name }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+/);
  });

  it('answers a body that is not JSON with 400 JSON', async () => {
    const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as GraphqlBody;
    expect(body.errors?.[0]?.message).toMatch(/not valid JSON/);
  });

  it('answers an oversized body with 413 JSON', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ stats { entities } } # ${'x'.repeat(200_000)}` }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as GraphqlBody).errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('gives BAD_USER_INPUT for out-of-range arguments and a garbage cursor, NOT_FOUND for unknown entities', async () => {
    expect((await gql('{ neighborhood(id: "country:iran", hops: 9) { truncated } }')).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await gql('{ entities(first: 5000) { totalCount } }')).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await gql('{ entities(after: "garbage!") { totalCount } }')).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const nf = await gql('{ shortestPath(from: "Nobody Atall", to: "Joe Biden") { length } }');
    expect(nf.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(nf.body.errors?.[0]?.message).toMatch(/Nobody Atall/);
  });

  it('refuses a GET without a preflight header (CSRF prevention)', async () => {
    const res = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ stats { entities } }')}`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(400);
  });
});

describe('the IDE page', () => {
  it('is served for a browser GET and references no other origin', async () => {
    const res = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('/ide/graphiql.js');
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    for (const asset of ['react.js', 'react-dom.js', 'graphiql.js', 'graphiql.css', 'app.js']) {
      const a = await fetch(`${server.url}/ide/${asset}`);
      expect(a.status, asset).toBe(200);
    }
    const css = await (await fetch(`${server.url}/ide/graphiql.css`)).text();
    expect(css).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
  });
});

// The exploration API over a real socket on 127.0.0.1: every query family, writes behind a token, curation that
// survives a rebuild, and the protections (limits, cost, time budget, production mode, CORS, batching, GET).
import { join } from 'node:path';
import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatError } from '../../src/graphql/schema.js';
import { GraphService, ingestPath } from '../../src/pipeline.js';
import { type RunningServer, type ServerOptions, startServer } from '../../src/server/app.js';
import { Store } from '../../src/store/index.js';
import { ROOT, tempDir } from '../helpers.js';

const TOKEN = 'api-test-token-0123456789';
const tmp = tempDir();
let store: Store;
let service: GraphService;
let server: RunningServer;
const extra: RunningServer[] = [];

const base = (over: Partial<ServerOptions> = {}): ServerOptions => ({
  host: '127.0.0.1',
  port: 0,
  production: false,
  corsOrigins: ['http://allowed.example'],
  bodyLimit: '100kb',
  token: TOKEN,
  log: () => {},
  ...over,
});

beforeAll(async () => {
  store = Store.open(join(tmp.path, 'api.db'));
  ingestPath(store, join(ROOT, 'seeds'));
  service = new GraphService(store);
  await service.analyticsReady;
  server = await startServer(() => service, base());
});
afterAll(async () => {
  for (const s of extra) await s.close();
  await server?.close();
  store?.close();
  tmp.cleanup();
});

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function gql(
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
  url = server.url,
): Promise<{ status: number; body: Body }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Body };
}
const data = async <T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T> => {
  const { body } = await gql(query, variables, headers);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
};
const code = (b: Body): unknown => b.errors?.[0]?.extensions?.code;
const auth = { authorization: `Bearer ${TOKEN}` };

describe('queries', () => {
  it('node(id:) finds an entity, a relation and a document', async () => {
    const docId = service.index.documents[0]?.id as string;
    const d = await data<Record<string, { __typename: string; id: string }>>(
      `query($d: ID!) { e: node(id: "country:iran") { __typename id } r: node(id: "person:abbas-araghchi|foreign_minister_of|country:iran") { __typename id } d: node(id: $d) { __typename id } x: node(id: "nope") { id } }`,
      { d: docId },
    );
    expect(d.e).toEqual({ __typename: 'Entity', id: 'country:iran' });
    expect(d.r?.__typename).toBe('Relation');
    expect(d.d).toEqual({ __typename: 'Document', id: docId });
    expect(d.x).toBeNull();
  });

  it('filters and orders entities: type, name, mentions, degree', async () => {
    const d = await data<{ byMentions: { edges: { node: { name: string; mentionCount: number } }[] }; busy: { edges: { node: { degree: number } }[] } }>(
      `{ byMentions: entities(filter: { type: COUNTRY }, orderBy: { field: MENTIONS, direction: DESC }, first: 3) { edges { node { name mentionCount } } }
         busy: entities(filter: { minDegree: 5 }, first: 50) { edges { node { degree } } } }`,
    );
    const counts = d.byMentions.edges.map((e) => e.node.mentionCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(d.byMentions.edges[0]?.node.name).toBe('Iran');
    expect(d.busy.edges.length).toBeGreaterThan(0);
    for (const e of d.busy.edges) expect(e.node.degree).toBeGreaterThanOrEqual(5);
  });

  it('search tolerates case, accents and small typos, and filters by type', async () => {
    const d = await data<Record<string, { name: string }[]>>(`{
      typo: search(text: "Revolutionery Gard") { name }
      accents: search(text: "ARÁGHCHI") { name }
      people: search(text: "iran", types: [PERSON]) { name } }`);
    expect(d.typo?.[0]?.name).toBe('Islamic Revolutionary Guard Corps');
    expect(d.accents?.[0]?.name).toBe('Abbas Araghchi');
    for (const p of d.people ?? []) expect(p.name).not.toBe('Iran');
  });

  it('pages an entity’s relations as a connection, and lists its neighbours and events', async () => {
    const first = await data<{
      entity: { relations: { totalCount: number; pageInfo: { endCursor: string; hasNextPage: boolean }; edges: { node: { id: string } }[] } };
    }>('{ entity(name: "Iran") { relations(first: 5) { totalCount pageInfo { endCursor hasNextPage } edges { node { id } } } } }');
    const rels = first.entity.relations;
    expect(rels.edges).toHaveLength(5);
    expect(rels.pageInfo.hasNextPage).toBe(true);
    const second = await data<{ entity: { relations: { edges: { node: { id: string } }[] }; neighbors: { name: string }[]; events: { eventType: string }[] } }>(
      'query($a: String) { entity(name: "Iran") { relations(first: 5, after: $a) { edges { node { id } } } neighbors(first: 5) { name } events(first: 5) { eventType } } }',
      { a: rels.pageInfo.endCursor },
    );
    const ids = [...rels.edges, ...second.entity.relations.edges].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(10);
    expect(second.entity.neighbors).toHaveLength(5);
    expect(second.entity.events.length).toBeGreaterThan(0);
  });

  it('traverses: neighborhood by entity type, directed shortest path, paths between two entities', async () => {
    const d = await data<{
      n: { nodes: { type: string }[] };
      sp: { edges: { type: string }[] } | null;
      none: { length: number } | null;
      ps: { length: number; nodes: { id: string }[] }[];
    }>(`{
      n: neighborhood(id: "country:iran", hops: 1, limit: 100, entityTypes: [PERSON]) { nodes { type } }
      sp: shortestPath(from: "Abbas Araghchi", to: "Iran", relationTypes: ["foreign_minister_of"], directed: true) { edges { type } }
      none: shortestPath(from: "Iran", to: "Abbas Araghchi", relationTypes: ["foreign_minister_of"], directed: true, maxHops: 2) { length }
      ps: paths(from: "Abbas Araghchi", to: "Hezbollah", maxHops: 4, first: 5) { length nodes { id } } }`);
    expect(new Set(d.n.nodes.map((n) => n.type))).toEqual(new Set(['PERSON', 'COUNTRY']));
    expect(d.sp?.edges.map((e) => e.type)).toEqual(['foreign_minister_of']);
    expect(d.none).toBeNull();
    expect(d.ps.length).toBeGreaterThan(0);
    const lengths = d.ps.map((p) => p.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    for (const p of d.ps) {
      expect(p.nodes[0]?.id).toBe('person:abbas-araghchi');
      expect(p.nodes.at(-1)?.id).toBe('organization:hezbollah');
      expect(new Set(p.nodes.map((n) => n.id)).size).toBe(p.nodes.length);
    }
  });

  it('filters relations by type, source and confidence', async () => {
    const d = await data<{ relations: { totalCount: number; edges: { node: { type: string; source: { id: string }; confidence: number } }[] } }>(
      '{ relations(filter: { type: "located_in", minConfidence: 0.7 }, first: 100) { totalCount edges { node { type source { id } confidence } } } }',
    );
    expect(d.relations.edges.length).toBeGreaterThan(0);
    expect(d.relations.totalCount).toBe(d.relations.edges.length);
    for (const { node: r } of d.relations.edges) {
      expect(r.type).toBe('located_in');
      expect(r.confidence).toBeGreaterThanOrEqual(0.7);
    }
  });

  it('lists events by type, participant and date, and an entity’s timeline in date order', async () => {
    const d = await data<{
      attacks: { edges: { node: { eventType: string; participants: { role: string; entity: { id: string } }[] } }[] };
      dated: { edges: { node: { date: { value: string } } }[] };
      timeline: { edges: { node: { date: { value: string | null } | null } }[] };
    }>(`{
      attacks: events(filter: { type: "attack", participant: "Israel" }, first: 20) { edges { node { eventType participants { role entity { id } } } } }
      dated: events(filter: { from: "2020", to: "2024" }, first: 50) { edges { node { date { value } } } }
      timeline(entity: "Iran", first: 100) { edges { node { date { value } } } } }`);
    expect(d.attacks.edges.length).toBeGreaterThan(0);
    for (const e of d.attacks.edges) {
      expect(e.node.eventType).toBe('attack');
      expect(e.node.participants.map((p) => p.entity.id)).toContain('country:israel');
    }
    for (const e of d.dated.edges) {
      expect(e.node.date.value.slice(0, 4) >= '2020' && e.node.date.value.slice(0, 4) <= '2024').toBe(true);
    }
    const values = d.timeline.edges.map((e) => e.node.date?.value).filter((v): v is string => Boolean(v));
    expect(values).toEqual([...values].sort());
  });

  it('returns a document with its sentences and the entities named in each', async () => {
    const id = service.index.documents[0]?.id as string;
    const d = await data<{ document: { sentences: { edges: { node: { index: number; text: string; entities: { id: string }[] } }[] } } }>(
      'query($id: ID!) { document(id: $id) { sentences(first: 5) { edges { node { index text entities { id } } } } } }',
      {
        id,
      },
    );
    const s1 = d.document.sentences.edges[1]?.node;
    expect(s1?.text.startsWith('US President-elect Donald Trump makes remarks')).toBe(true);
    // Palm Beach, Florida: not the most populous Palm Beach in GeoNames (a Gold Coast suburb), so its id names where it is.
    expect(s1?.entities.map((e) => e.id)).toEqual(expect.arrayContaining(['person:donald-trump', 'place:mar-a-lago', 'place:palm-beach-us-fl']));
  });

  it('ranks by centrality and groups communities, computed off the request path', async () => {
    const d = await data<{
      pr: { entity: { id: string }; score: number }[];
      deg: { score: number }[];
      bc: { score: number }[];
      communities: { size: number; members: { id: string }[] }[];
    }>(`{
      pr: centrality(metric: PAGERANK, first: 3) { entity { id } score }
      deg: centrality(metric: DEGREE, first: 3) { score }
      bc: centrality(metric: BETWEENNESS, type: COUNTRY, first: 3) { score }
      communities(first: 3) { size members(first: 3) { id } } }`);
    expect(d.pr[0]?.entity.id).toBe('country:iran');
    expect(d.deg.map((x) => x.score)).toEqual([...d.deg.map((x) => x.score)].sort((a, b) => b - a));
    expect(d.bc).toHaveLength(3);
    expect(d.communities[0]?.size).toBeGreaterThan(1);
  });

  it('rejects a garbage cursor and a cursor from another ordering', async () => {
    expect(code((await gql('{ entities(after: "Zm9v") { totalCount } }')).body)).toBe('BAD_USER_INPUT');
    const d = await data<{ entities: { pageInfo: { endCursor: string } } }>('{ entities(first: 2) { pageInfo { endCursor } } }');
    const other = await gql('query($a: String) { entities(orderBy: { field: MENTIONS, direction: DESC }, after: $a) { totalCount } }', {
      a: d.entities.pageInfo.endCursor,
    });
    expect(code(other.body)).toBe('BAD_USER_INPUT');
    expect(other.body.errors?.[0]?.message).toMatch(/another ordering/);
  });
});

describe('writes', () => {
  it('are refused without the token, and with a wrong one', async () => {
    const m = 'mutation { addAlias(id: "country:iran", alias: "Persia") { aliases } }';
    expect(code((await gql(m)).body)).toBe('UNAUTHENTICATED');
    expect(code((await gql(m, {}, { authorization: 'Bearer wrong-token-xxxxxxxxxx' })).body)).toBe('UNAUTHENTICATED');
  });

  it('are refused when the server has no token at all', async () => {
    const s = await startServer(() => service, base({ token: null }));
    extra.push(s);
    const r = await gql('mutation { addAlias(id: "country:iran", alias: "Persia") { aliases } }', {}, auth, s.url);
    expect(code(r.body)).toBe('UNAUTHENTICATED');
  });

  it('pages through all entities exactly once while a document is ingested between pages', async () => {
    const before = (await data<{ entities: { totalCount: number } }>('{ entities { totalCount } }')).entities.totalCount;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const d: { entities: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string } }[] } } = await data(
        'query($a: String) { entities(first: 10, after: $a) { pageInfo { hasNextPage endCursor } edges { node { id } } } }',
        { a: after },
      );
      seen.push(...d.entities.edges.map((e) => e.node.id));
      if (page === 2) {
        const added = await data<{ ingestDocument: { added: boolean } }>(
          'mutation($t: String!) { ingestDocument(input: { text: $t, title: "Paging" }) { added } }',
          { t: 'Albanian Prime Minister Edi Rama met Zoran Milanovic in Zagreb on Monday.' },
          auth,
        );
        expect(added.ingestDocument.added).toBe(true);
      }
      if (!d.entities.pageInfo.hasNextPage) break;
      after = d.entities.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(before);
  });

  it('ingests a document that the next request can query, and a second time is a no-op', async () => {
    const text = 'Iranian Foreign Minister Abbas Araghchi met Russian Foreign Minister Sergei Lavrov in Moscow on Monday.';
    const first = await data<{ ingestDocument: { added: boolean; entities: number; document: { id: string; title: string } } }>(
      'mutation($t: String!) { ingestDocument(input: { text: $t, title: "Moscow talks", publishedAt: "2025-01-20" }) { added entities document { id title } } }',
      { t: text },
      auth,
    );
    expect(first.ingestDocument).toMatchObject({ added: true, document: { title: 'Moscow talks' } });
    expect(first.ingestDocument.entities).toBeGreaterThan(2);
    const lavrov = await data<{ entity: { name: string; roles: { title: string; of: { name: string } | null }[] } }>(
      '{ entity(name: "Lavrov") { name roles { title of { name } } } }',
    );
    expect(lavrov.entity.name).toBe('Sergei Lavrov');
    expect(lavrov.entity.roles).toContainEqual({ title: 'foreign minister', of: { name: 'Russia' } });
    const again = await data<{ ingestDocument: { added: boolean; document: { id: string } } }>(
      'mutation($t: String!) { ingestDocument(input: { text: $t }) { added document { id } } }',
      { t: text },
      auth,
    );
    expect(again.ingestDocument).toEqual({ added: false, document: { id: first.ingestDocument.document.id } });
    const removed = await data<{ removeDocument: { removed: boolean } }>(
      'mutation($id: ID!) { removeDocument(id: $id) { removed } }',
      { id: first.ingestDocument.document.id },
      auth,
    );
    expect(removed.removeDocument.removed).toBe(true);
    expect((await data<{ entity: unknown }>('{ entity(name: "Lavrov") { name } }')).entity).toBeNull();
  });

  it('ingests an article given as the HTML of its page, and refuses both or neither of text and html', async () => {
    const html = `<!doctype html><html><head><title>Talks in Oslo | Example News</title>
      <meta property="article:published_time" content="2025-02-03T08:00:00Z"><link rel="canonical" href="https://news.example/oslo-talks"></head>
      <body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Talks in Oslo</h1>
      <p>Norwegian Foreign Minister Espen Barth Eide met Finnish President Alexander Stubb in Oslo on Monday.</p>
      <p>The two leaders discussed Arctic security and energy cooperation for several hours.</p></article>
      <footer>Subscribe to our newsletter</footer></body></html>`;
    const added = await data<{ ingestDocument: { added: boolean; document: { id: string; title: string; url: string; publishedAt: string } } }>(
      'mutation($h: String!) { ingestDocument(input: { html: $h }) { added document { id title url publishedAt } } }',
      { h: html },
      auth,
    );
    expect(added.ingestDocument).toMatchObject({
      added: true,
      document: { title: 'Talks in Oslo', url: 'https://news.example/oslo-talks', publishedAt: '2025-02-03' },
    });
    const sentences = await data<{ document: { sentences: { edges: { node: { text: string } }[] } } }>(
      'query($id: ID!) { document(id: $id) { sentences(first: 10) { edges { node { text } } } } }',
      { id: added.ingestDocument.document.id },
    );
    const text = sentences.document.sentences.edges.map((e) => e.node.text).join(' ');
    expect(text).toContain('Espen Barth Eide met Finnish President Alexander Stubb');
    expect(text).not.toMatch(/newsletter|Home/);
    for (const input of ['{ text: "A", html: "<p>A</p>" }', '{ title: "Nothing" }']) {
      const r = await gql(`mutation { ingestDocument(input: ${input}) { added } }`, {}, auth);
      expect(r.body.errors?.[0]?.message).toMatch(/give the article as exactly one of "text" \(plain text\) and "html"/);
      expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    await data('mutation($id: ID!) { removeDocument(id: $id) { removed } }', { id: added.ingestDocument.document.id }, auth);
  });

  it('answers a repeated query from the response cache until a write changes the graph', async () => {
    const ask = () =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ stats { documents } }' }),
      });
    const first = await ask();
    const a = (await first.json()) as { data: { stats: { documents: number } } };
    const second = await ask();
    expect(second.headers.get('x-newsgraph-cache')).toBe('hit');
    expect(await second.json()).toEqual(a);
    await data('mutation { ingestDocument(input: { text: "Chile and Peru signed a fishing accord in Lima on Friday." }) { added } }', {}, auth);
    const third = await ask();
    expect(third.headers.get('x-newsgraph-cache')).toBeNull();
    expect(((await third.json()) as { data: { stats: { documents: number } } }).data.stats.documents).toBe(a.data.stats.documents + 1);
  });

  it('refuses bad input to ingestDocument with BAD_USER_INPUT', async () => {
    const r = await gql('mutation { ingestDocument(input: { text: "   " }) { added } }', {}, auth);
    expect(code(r.body)).toBe('BAD_USER_INPUT');
    expect(r.body.errors?.[0]?.message).toMatch(/empty/);
  });

  it('keeps curation (merge, rename, alias) and re-applies it when the graph is rebuilt from the store', async () => {
    await data('mutation { addAlias(id: "country:iran", alias: "Persia") { id } }', {}, auth);
    await data('mutation { renameEntity(id: "organization:nbc-news", name: "NBC") { id } }', {}, auth);
    const merged = await data<{ mergeEntities: { id: string; aliases: string[] } }>(
      'mutation { mergeEntities(ids: ["place:tehran"], into: "country:iran") { id aliases } }',
      {},
      auth,
    ).catch(() => null);
    expect(merged).toBeNull(); // a place and a country do not merge
    const rebuilt = new GraphService(store);
    expect(rebuilt.index.findEntity({ name: 'Persia' })?.id).toBe('country:iran');
    expect(rebuilt.index.node('organization:nbc-news').name).toBe('NBC');
    expect(rebuilt.index.node('organization:nbc-news').aliases).toContain('NBC News');
  });
});

describe('protection', () => {
  it('refuses deep, alias-heavy and directive-heavy queries at validation', async () => {
    const deep = await gql(`{ entity(name: "Iran") { ${'relations(first: 1) { edges { node { source { '.repeat(4)} id ${'} } } }'.repeat(4)} } }`);
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0]?.message).toMatch(/depth limit/i);
    const aliases = await gql(`{ ${Array.from({ length: 30 }, (_, i) => `a${i}: stats { entities }`).join(' ')} }`);
    expect(aliases.status).toBe(400);
    expect(aliases.body.errors?.[0]?.message).toMatch(/aliases/i);
    const directives = await gql(`{ stats { ${'entities @include(if: true) '.repeat(12)} } }`);
    expect(directives.status).toBe(400);
    expect(directives.body.errors?.[0]?.message).toMatch(/directives/i);
  });

  it('answers token overflow with 400, not 500', async () => {
    const huge = `{ stats { ${'entities '.repeat(4000)} } }`;
    const r = await gql(huge);
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.message).toMatch(/token/i);
  });

  it('refuses neighbors(first:100){neighbors(first:100){…}} by cost before execution', async () => {
    const r = await gql('{ entity(name: "Iran") { neighbors(first: 100) { neighbors(first: 100) { neighbors(first: 100) { id } } } } }');
    expect(r.status).toBe(400);
    expect(code(r.body)).toBe('QUERY_TOO_COMPLEX');
    expect(r.body.data).toBeUndefined();
  });

  it('caps first, hops and maxHops', async () => {
    for (const q of [
      '{ search(text: "iran", first: 101) { id } }',
      '{ neighborhood(id: "country:iran", hops: 4) { truncated } }',
      '{ shortestPath(from: "Iran", to: "Israel", maxHops: 7) { length } }',
      '{ paths(from: "Iran", to: "Israel", maxHops: 5) { length } }',
    ]) {
      expect(code((await gql(q)).body), q).toBe('BAD_USER_INPUT');
    }
  });

  it('stops a query over its time budget with TIMEOUT', async () => {
    const s = await startServer(() => service, base({ budgetMs: 0 }));
    extra.push(s);
    const r = await gql('{ neighborhood(id: "country:iran", hops: 3, limit: 500) { truncated } }', {}, {}, s.url);
    expect(code(r.body)).toBe('TIMEOUT');
  });

  it('masks unexpected errors as "Internal server error" and logs the detail', () => {
    const logged: string[] = [];
    const formatted = formatError((l) => logged.push(l))(
      { message: 'secret detail at /srv/x.js:1', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      new Error('secret detail'),
    );
    expect(formatted).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(logged.join('\n')).toContain('secret detail');
  });

  it('in production: no introspection and no field suggestions', async () => {
    const s = await startServer(() => service, base({ production: true }));
    extra.push(s);
    expect((await gql('{ __schema { types { name } } }', {}, {}, s.url)).body.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await gql('{ entitty(name: "Iran") { name } }', {}, {}, s.url);
    expect(typo.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const dev = await gql('{ entitty(name: "Iran") { name } }');
    expect(dev.body.errors?.[0]?.message).toMatch(/Did you mean/);
  });

  it('turns batching off, refuses mutations over GET, and allows only listed origins', async () => {
    const batch = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ stats { entities } }' }, { query: '{ stats { entities } }' }]),
    });
    expect(batch.status).toBe(400);
    const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent('mutation { addAlias(id: "country:iran", alias: "X") { id } }')}`, {
      headers: { 'apollo-require-preflight': 'true', accept: 'application/json', ...auth },
    });
    expect(get.status).toBe(405);
    const ok = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'http://allowed.example', 'access-control-request-method': 'POST' },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://allowed.example');
    const other = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers /readyz with 503 until the graph is loaded, while /healthz already answers', async () => {
    let loaded: GraphService | null = null;
    const s = await startServer(() => loaded, base());
    extra.push(s);
    expect((await fetch(`${s.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    expect((await gql('{ stats { entities } }', {}, {}, s.url)).status).toBe(503);
    loaded = service;
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
  });

  it('passes the graphql-http audit with no errors', async () => {
    const results = await auditServer({ url: `${server.url}/graphql` });
    expect(results.filter((r) => r.status === 'error').map((r) => `${r.id} ${r.name}`)).toEqual([]);
  });
});

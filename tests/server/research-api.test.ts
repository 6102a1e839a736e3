// The research API as a downstream tool uses it: a standard GraphQL client (graphql-request, not our own fetch
// helper) paging through every document and relation of a 1,000-document dated graph over a real socket, and
// period filters that agree with a brute-force filter over the stored evidence on random periods.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphService, ingestStream } from '../../src/pipeline.js';
import { type RunningServer, startServer } from '../../src/server/app.js';
import { Store } from '../../src/store/index.js';
import { tempDir } from '../helpers.js';

const FIRST = ['Alice', 'Bruno', 'Carla', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Keiko', 'Lars'];
const LAST = ['Moreau', 'Novak', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Sato', 'Tanaka', 'Ueda', 'Varga'];
const COUNTRIES = ['France', 'Germany', 'Brazil', 'Japan', 'Kenya', 'Canada', 'India', 'Mexico'];
const ORGS = ['Northwind Bank', 'Helix Energy Corporation', 'Blue Harbor Group', 'Orion Mining Company', 'Atlas Shipping Corporation'];
const DOCUMENTS = 1000;
/** Every 40th document has no date. */
const UNDATED = Array.from({ length: DOCUMENTS }, (_, i) => i).filter((i) => i % 40 === 7).length;

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length] as T;

/** Short dated news items over half a year whose people, companies and countries recur across documents. */
function corpus(): string {
  const lines: string[] = [];
  for (let i = 0; i < DOCUMENTS; i++) {
    // The picks repeat every 120 items: each cycle shifts the surnames, so that no two items are the same text but
    // for "Report N" (that would be one story syndicated twice, and count once: a near-duplicate).
    const cycle = Math.floor(i / 120);
    const p1 = `${pick(FIRST, i)} ${pick(LAST, i * 7 + 3 + cycle)}`;
    const p2 = `${pick(FIRST, i * 5 + 1)} ${pick(LAST, i * 3 + cycle)}`;
    const text =
      `${p1}, the chief executive of ${pick(ORGS, i)}, met ${p2} in ${pick(COUNTRIES, i * 11)} on Monday. ` +
      `${p2} said ${pick(COUNTRIES, i * 3 + 1)} would work with ${pick(ORGS, i * 2 + 1)}. Report ${i}.`;
    const day = new Date(Date.UTC(2024, 0, 1) + ((i * 37) % 180) * 86_400_000).toISOString().slice(0, 10);
    lines.push(JSON.stringify({ id: `doc-${String(i).padStart(4, '0')}`, title: `Report ${i}`, text, ...(i % 40 === 7 ? {} : { publishedAt: day }) }));
  }
  return `${lines.join('\n')}\n`;
}

const tmp = tempDir();
let store: Store;
let service: GraphService;
let server: RunningServer;
let client: GraphQLClient;
/** Each document's date (from the store), each entity's mentions (from the stored extractions), each relation's whole evidence. */
const dates = new Map<string, string | null>();
const evidence = new Map<string, { documentId: string; sentence: number }[]>();
const mentions = new Map<string, { documentId: string; sentence: number }[]>();

beforeAll(async () => {
  const input = join(tmp.path, 'news.jsonl');
  writeFileSync(input, corpus());
  store = Store.open(join(tmp.path, 'research.db'));
  const summary = await ingestStream(store, input);
  expect(summary.added).toBe(DOCUMENTS);
  for (const d of store.documents()) dates.set(d.id, d.publishedAt);
  for (const x of store.extractions()) {
    for (const e of x.entities) {
      const list = mentions.get(e.id) ?? [];
      for (const m of e.mentions)
        if (!list.some((l) => l.documentId === x.document.id && l.sentence === m.sentence)) list.push({ documentId: x.document.id, sentence: m.sentence });
      mentions.set(e.id, list);
    }
  }
  service = new GraphService(store);
  await service.analyticsReady;
  // Every stated relation with all of its evidence (relations between entities, and events' participants).
  service.index.graph.forEachEdge((id, e) => {
    if (!e.cooccurrence)
      evidence.set(
        id,
        e.evidence.map((ev) => ({ documentId: ev.documentId, sentence: ev.sentence })),
      );
  });
  server = await startServer(() => service, { host: '127.0.0.1', port: 0, production: false, corsOrigins: [], bodyLimit: '100kb', token: null, log: () => {} });
  client = new GraphQLClient(`${server.url}/graphql`);
}, 120_000);

afterAll(async () => {
  await server?.close();
  service?.unwatch();
  store?.close();
  tmp.cleanup();
});

interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: T }[];
}

/** Every node of a connection, page by page, as a client would walk it. */
async function pageAll<T>(
  query: string,
  pick: (data: never) => Connection<T>,
  variables: Record<string, unknown> = {},
): Promise<{ nodes: T[]; totals: number[] }> {
  const nodes: T[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (let page = 0; page < 200; page++) {
    const c = pick(await client.request<never>(query, { ...variables, after }));
    totals.push(c.totalCount);
    nodes.push(...c.edges.map((e) => e.node));
    if (!c.pageInfo.hasNextPage) return { nodes, totals };
    after = c.pageInfo.endCursor;
  }
  throw new Error('more than 200 pages');
}

/** A period as the API takes it, and the same test written independently: compare the date's prefix to each end. */
interface P {
  from: string;
  to: string;
}
const inside = (date: string | null | undefined, p: P): boolean => !!date && date.slice(0, p.from.length) >= p.from && date.slice(0, p.to.length) <= p.to;

const periodArb: fc.Arbitrary<P> = fc
  .tuple(fc.integer({ min: -20, max: 190 }), fc.integer({ min: 0, max: 70 }), fc.constantFrom('day', 'month'))
  .map(([start, length, precision]) => {
    const at = (offset: number): string => new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, precision === 'day' ? 10 : 7);
    return { from: at(start), to: at(start + length) };
  });

describe('paging with a standard GraphQL client', () => {
  it('pages through all 1,000 documents, oldest first, undated last and counted', async () => {
    const { nodes, totals } = await pageAll<{ id: string; publishedAt: string | null }>(
      'query($after: String) { documents(orderBy: PUBLISHED, first: 100, after: $after) { totalCount undated pageInfo { hasNextPage endCursor } edges { cursor node { id publishedAt } } } }',
      (d: { documents: Connection<{ id: string; publishedAt: string | null }> }) => d.documents,
    );
    expect(nodes).toHaveLength(DOCUMENTS);
    expect(new Set(nodes.map((n) => n.id))).toEqual(new Set(dates.keys()));
    expect(new Set(totals)).toEqual(new Set([DOCUMENTS]));
    const dated = nodes.filter((n) => n.publishedAt !== null).map((n) => n.publishedAt as string);
    expect(dated).toEqual([...dated].sort());
    expect(nodes.slice(-UNDATED).every((n) => n.publishedAt === null)).toBe(true);
    const { documents } = await client.request<{ documents: { undated: number } }>('{ documents(first: 1) { undated } }');
    expect(documents.undated).toBe(UNDATED);
  });

  it('pages through every stated relation, strongest first, each exactly once', async () => {
    const { nodes } = await pageAll<{ id: string; weight: number }>(
      'query($after: String) { relations(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id weight } } } }',
      (d: { relations: Connection<{ id: string; weight: number }> }) => d.relations,
    );
    expect(nodes.length).toBeGreaterThan(100);
    expect(new Set(nodes.map((n) => n.id))).toEqual(new Set(evidence.keys()));
    expect(nodes).toHaveLength(evidence.size);
    for (const n of nodes) expect(n.weight).toBe(evidence.get(n.id)?.length);
    const weights = nodes.map((n) => n.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });

  it('filters documents by text, title, source and entity', async () => {
    const items = corpus()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; title: string; text: string });
    const d = await client.request<Record<'text' | 'title' | 'entity' | 'source' | 'none', { totalCount: number }>>(`{
      text: documents(filter: { textContains: "NORTHWIND BANK, met" }, first: 1) { totalCount }
      title: documents(filter: { titleContains: "report 12" }, first: 1) { totalCount }
      entity: documents(filter: { entity: "Northwind Bank" }, first: 1) { totalCount }
      source: documents(filter: { source: "${join(tmp.path, 'news.jsonl')}" }, first: 1) { totalCount }
      none: documents(filter: { source: "elsewhere.jsonl" }, first: 1) { totalCount } }`);
    expect(d.text.totalCount).toBe(items.filter((x) => x.text.includes('Northwind Bank, met')).length);
    expect(d.text.totalCount).toBeGreaterThan(0);
    expect(d.title.totalCount).toBe(items.filter((x) => x.title.startsWith('Report 12')).length);
    expect(d.entity.totalCount).toBe(items.filter((x) => x.text.includes('Northwind Bank')).length);
    expect(d.source.totalCount).toBe(DOCUMENTS);
    expect(d.none.totalCount).toBe(0);
  });

  it('refuses a cursor from another listing, naming the fix', async () => {
    const { documents } = await client.request<{ documents: { pageInfo: { endCursor: string } } }>('{ documents(first: 1) { pageInfo { endCursor } } }');
    await expect(client.request('query($a: String) { relations(first: 1, after: $a) { totalCount } }', { a: documents.pageInfo.endCursor })).rejects.toThrow(
      /another ordering/,
    );
  });
});

describe('period filters agree with the stored evidence', () => {
  test.prop([periodArb], { numRuns: 20 })('relations in a period: the relations with evidence in it, weighed by that evidence', async (p) => {
    const { nodes } = await pageAll<{ id: string; weight: number; evidence: { totalCount: number } }>(
      'query($after: String, $p: Period) { relations(period: $p, first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id weight evidence(first: 1) { totalCount } } } } }',
      (d: { relations: Connection<{ id: string; weight: number; evidence: { totalCount: number } }> }) => d.relations,
      { p },
    );
    const expected = new Map<string, number>();
    for (const [id, list] of evidence) {
      const n = list.filter((e) => inside(dates.get(e.documentId), p)).length;
      if (n > 0) expected.set(id, n);
    }
    expect(new Map(nodes.map((n) => [n.id, n.weight]))).toEqual(expected);
    for (const n of nodes) expect(n.evidence.totalCount).toBe(n.weight);
  });

  test.prop([periodArb], { numRuns: 20 })('documents in a period, and an entity’s activity and documents in it', async (p) => {
    const { nodes, totals } = await pageAll<{ id: string }>(
      'query($after: String, $p: Period) { documents(period: $p, first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }',
      (d: { documents: Connection<{ id: string }> }) => d.documents,
      { p },
    );
    const expected = [...dates].filter(([, date]) => inside(date, p)).map(([id]) => id);
    expect(new Set(nodes.map((n) => n.id))).toEqual(new Set(expected));
    expect(totals[0]).toBe(expected.length);
    const id = 'organization:northwind-bank';
    const { entity } = await client.request<{
      entity: { activity: { buckets: { mentions: number; documents: number }[] }; documents: { totalCount: number } };
    }>(
      'query($p: Period) { entity(id: "organization:northwind-bank") { activity(period: $p, bucket: WEEK) { buckets { mentions documents } } documents(period: $p) { totalCount } } }',
      { p },
    );
    const told = (mentions.get(id) ?? []).filter((m) => inside(dates.get(m.documentId), p));
    expect(entity.activity.buckets.reduce((s, b) => s + b.mentions, 0)).toBe(told.length);
    expect(entity.activity.buckets.reduce((s, b) => s + b.documents, 0)).toBe(new Set(told.map((m) => m.documentId)).size);
    expect(entity.documents.totalCount).toBe(new Set(told.map((m) => m.documentId)).size);
  });

  test.prop([periodArb, fc.constantFrom('organization:northwind-bank', 'country:france', 'country:kenya')], { numRuns: 15 })(
    'a neighbourhood in a period walks only relations with evidence in it',
    async (p, center) => {
      const { neighborhood } = await client.request<{ neighborhood: { nodes: { id: string }[]; edges: { id: string; weight: number }[] } }>(
        'query($c: ID!, $p: Period) { neighborhood(id: $c, hops: 1, limit: 500, period: $p) { nodes { id } edges { id weight } } }',
        { c: center, p },
      );
      const within = new Map<string, number>();
      for (const [id, list] of evidence) {
        const n = list.filter((e) => inside(dates.get(e.documentId), p)).length;
        if (n > 0) within.set(id, n);
      }
      const ends = (id: string): string[] => {
        const [s, , t] = id.split('|');
        return [s as string, t as string];
      };
      const reached = new Set<string>([center]);
      for (const id of within.keys()) if (ends(id).includes(center)) for (const e of ends(id)) reached.add(e);
      const edges = [...within].filter(([id]) => ends(id).every((e) => reached.has(e)));
      expect(new Set(neighborhood.nodes.map((n) => n.id))).toEqual(reached);
      expect(new Map(neighborhood.edges.map((e) => [e.id, e.weight]))).toEqual(new Map(edges));
    },
  );
});

describe('periods on events and paths', () => {
  test.prop([periodArb], { numRuns: 10 })('events in a period: those told of in documents published in it', async (p) => {
    const { nodes } = await pageAll<{ id: string }>(
      'query($after: String, $p: Period) { events(period: $p, orderBy: ID, first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }',
      (d: { events: Connection<{ id: string }> }) => d.events,
      { p },
    );
    const expected = service.index.graph.filterNodes((_id, n) => n.type === 'event' && n.documents.some((d) => inside(dates.get(d), p)));
    expect(nodes.map((n) => n.id).sort()).toEqual(expected.sort());
  });

  test.prop(
    [
      periodArb,
      fc.constantFrom('country:france', 'country:kenya', 'organization:orion-mining-company'),
      fc.constantFrom('country:japan', 'organization:northwind-bank'),
    ],
    {
      numRuns: 15,
    },
  )('a shortest path in a period uses only relations with evidence in it, and is as short as one there is', async (p, from, to) => {
    const { shortestPath } = await client.request<{
      shortestPath: { length: number; edges: { id: string; evidence: { edges: { node: { document: { publishedAt: string | null } } }[] } }[] } | null;
    }>(
      'query($f: ID!, $t: ID!, $p: Period) { shortestPath(from: $f, to: $t, maxHops: 4, period: $p) { length edges { id evidence(first: 100) { edges { node { document { publishedAt } } } } } } }',
      { f: from, t: to, p },
    );
    // Breadth-first over the relations with evidence in the period, either way (stated ones first, as the API does).
    const stated = [...evidence].filter(([, list]) => list.some((e) => inside(dates.get(e.documentId), p))).map(([id]) => id.split('|'));
    const hops = (): number | null => {
      const seen = new Set<string>([from]);
      let frontier: string[] = [from];
      for (let h = 1; h <= 4; h++) {
        const next: string[] = [];
        for (const at of frontier)
          for (const [s, , t] of stated) {
            const other = s === at ? t : t === at ? s : null;
            if (!other || seen.has(other)) continue;
            if (other === to) return h;
            seen.add(other);
            next.push(other);
          }
        frontier = next;
      }
      return null;
    };
    const expected = hops();
    if (expected === null) {
      // No stated path in the period: none at all, or one through co-occurrences (said so by the API).
      if (shortestPath) for (const e of shortestPath.edges) expect(evidence.has(e.id)).toBe(e.id.split('|')[1] !== 'co_occurs_with');
      return;
    }
    expect(shortestPath?.length).toBe(expected);
    for (const e of shortestPath?.edges ?? []) {
      expect(e.evidence.edges.length).toBeGreaterThan(0);
      for (const ev of e.evidence.edges) expect(inside(ev.node.document.publishedAt, p)).toBe(true);
    }
  });
});

describe('time', () => {
  it('ranks trending entities by the rise of their mentions against the period before', async () => {
    const { trending } = await client.request<{
      trending: {
        from: string;
        to: string;
        compareFrom: string;
        compareTo: string;
        undatedDocuments: number;
        entities: { entity: { id: string }; mentions: number; previousMentions: number; rise: number }[];
      };
    }>(
      '{ trending(period: { from: "2024-03-01", to: "2024-03-31" }, type: ORGANIZATION, first: 5) { from to compareFrom compareTo undatedDocuments entities { entity { id } mentions previousMentions rise } } }',
    );
    expect([trending.from, trending.to, trending.compareFrom, trending.compareTo]).toEqual(['2024-03-01', '2024-03-31', '2024-01-30', '2024-02-29']);
    expect(trending.undatedDocuments).toBe(UNDATED);
    expect(trending.entities.length).toBeGreaterThan(0);
    const rises = trending.entities.map((t) => t.rise);
    expect(rises).toEqual([...rises].sort((a, b) => b - a));
    for (const t of trending.entities) {
      const now = (mentions.get(t.entity.id) ?? []).filter((m) => inside(dates.get(m.documentId), { from: '2024-03-01', to: '2024-03-31' })).length;
      const before = (mentions.get(t.entity.id) ?? []).filter((m) => inside(dates.get(m.documentId), { from: '2024-01-30', to: '2024-02-29' })).length;
      expect([t.mentions, t.previousMentions]).toEqual([now, before]);
      expect(t.rise).toBeCloseTo(now - before * (31 / 31), 6);
    }
  });

  it('ranks degree within a period by the stated relations with evidence in it', async () => {
    const p = { from: '2024-02', to: '2024-02' };
    const { centrality } = await client.request<{ centrality: { entity: { id: string }; score: number }[] }>(
      'query($p: Period) { centrality(metric: DEGREE, period: $p, first: 3) { entity { id } score } }',
      { p },
    );
    expect(centrality.length).toBe(3);
    for (const c of centrality) {
      const n = [...evidence].filter(
        ([id, list]) => id.split('|').some((end, i) => i !== 1 && end === c.entity.id) && list.some((e) => inside(dates.get(e.documentId), p)),
      ).length;
      expect(c.score).toBe(n);
    }
  });

  it('refuses a period that is not one, saying what to write', async () => {
    await expect(client.request('{ relations(period: { from: "last week" }) { totalCount } }')).rejects.toThrow(
      /relations\.period\.from: "last week" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD/,
    );
  });
});

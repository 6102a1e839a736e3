// The explorer's first view (graph/overview.ts): stated components against a breadth-first search, the scopes and
// their totals, truncation by degree or PageRank, publication days, the page's parameters, and /explore/view.json.
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError, NotFoundError } from '../../src/errors.js';
import { createGraph, type EntityNode, GraphIndex, type KnowledgeGraph, type RelationEdge } from '../../src/graph/index.js';
import { OVERVIEW_DEFAULT_LIMIT, type Overview, overview, parseOverviewOptions, statedComponents } from '../../src/graph/overview.js';
import { startSeedServer } from '../helpers.js';
import { documentInfo as doc, entityNode } from '../support/fixtures.js';

const entity = (id: string, name: string, documents: string[] = []): EntityNode =>
  entityNode(id, { name, mentionCount: Math.max(1, documents.length), documents: [...documents].sort() });

/** A relation keyed "source|type|target"; `documents` are where its evidence comes from, one sentence each. */
function relation(source: string, type: string, target: string, documents: string[] = [], cooccurrence = false): RelationEdge {
  return {
    id: `${source}|${type}|${target}`,
    type,
    source,
    target,
    confidence: 0.8,
    weight: Math.max(1, documents.length),
    evidence: documents.map((documentId, i) => ({ documentId, sentence: i, start: 0, end: 1, text: 'x' })),
    rules: [],
    predicates: [],
    modality: null,
    cooccurrence,
  };
}

const cooccurs = (a: string, b: string, documents: string[] = []): RelationEdge => relation(a, 'co_occurs_with', b, documents, true);

function graphOf(nodes: EntityNode[], edges: RelationEdge[]): KnowledgeGraph {
  const g = createGraph();
  for (const n of nodes) g.addNode(n.id, n);
  for (const e of edges) g.addDirectedEdgeWithKey(e.id, e.source, e.target, e);
  return g;
}

/** Components by breadth-first search over stated relations, written out plainly: the reference. */
function bfsComponents(g: KnowledgeGraph): string[][] {
  const adjacent = new Map<string, string[]>();
  g.forEachEdge((_k, e) => {
    if (e.cooccurrence) return;
    adjacent.set(e.source, [...(adjacent.get(e.source) ?? []), e.target]);
    adjacent.set(e.target, [...(adjacent.get(e.target) ?? []), e.source]);
  });
  const seen = new Set<string>();
  const components: string[][] = [];
  for (const start of [...adjacent.keys()].sort()) {
    if (seen.has(start)) continue;
    seen.add(start);
    const component = [start];
    for (let i = 0; i < component.length; i++) {
      for (const next of adjacent.get(component[i] as string) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        component.push(next);
      }
    }
    components.push(component.sort());
  }
  // Starts are visited in id order, so among equal sizes the one holding the smallest id comes first already.
  return components.sort((a, b) => b.length - a.length);
}

const statedDegree = (g: KnowledgeGraph, id: string): number => g.reduceEdges(id, (n, _k, e) => (e.cooccurrence ? n : n + 1), 0);

const ids = (o: Overview): string[] => o.nodes.map((n) => n.id).sort();
const edgeIds = (o: Overview): string[] => o.edges.map((e) => e.id).sort();

// ── A graph with three stated components, co-occurrences that connect nothing, and isolates ──
//   component 1 (4): anna —met→ ben (twice, two relation types), ben → carl, carl → dora
//   component 2 (3): emil → fay → gus
//   component 3 (2): hana → ivan
//   co-occurrence only: jon ~ kim, and anna ~ emil (joins no components); no relation at all: lea
const A = 'person:anna';
const B = 'person:ben';
const C = 'person:carl';
const D = 'person:dora';
const E = 'person:emil';
const F = 'person:fay';
const G = 'person:gus';
const H = 'organization:hana';
const I = 'organization:ivan';
const J = 'place:jon';
const K = 'place:kim';
const L = 'place:lea';

function threeComponents(): GraphIndex {
  const nodes = [
    entity(A, 'Anna Adler'),
    entity(B, 'Ben Brook'),
    entity(C, 'Carl Cole'),
    entity(D, 'Dora Dunn'),
    entity(E, 'Emil Eck'),
    entity(F, 'Fay Fox'),
    entity(G, 'Gus Gold'),
    entity(H, 'Hana Holdings'),
    entity(I, 'Ivan Industries'),
    entity(J, 'Jonville'),
    entity(K, 'Kimtown'),
    entity(L, 'Leaport'),
  ];
  const edges = [
    relation(A, 'met', B),
    relation(A, 'criticized', B),
    relation(B, 'met', C),
    relation(C, 'met', D),
    relation(E, 'met', F),
    relation(F, 'met', G),
    relation(H, 'acquired', I),
    cooccurs(J, K),
    cooccurs(A, E),
  ];
  return new GraphIndex(graphOf(nodes, edges), []);
}

describe('statedComponents', () => {
  it('groups entities joined by stated relations, largest first; co-occurrences and isolates are in none', () => {
    const index = threeComponents();
    expect(statedComponents(index)).toEqual([[A, B, C, D].sort(), [E, F, G].sort(), [H, I].sort()]);
    expect(statedComponents(index)).toEqual(bfsComponents(index.graph));
  });

  it('puts the component holding the smallest id first among equal sizes, and finds none in a graph of co-occurrences', () => {
    const pairs = new GraphIndex(
      graphOf(
        [entity('person:zed', 'Zed'), entity('person:yan', 'Yan'), entity('person:bob', 'Bob'), entity('person:xia', 'Xia')],
        [relation('person:zed', 'met', 'person:yan'), relation('person:xia', 'met', 'person:bob')],
      ),
      [],
    );
    expect(statedComponents(pairs)).toEqual([
      ['person:bob', 'person:xia'],
      ['person:yan', 'person:zed'],
    ]);
    const onlyCooccurrence = new GraphIndex(graphOf([entity('person:p', 'P'), entity('person:q', 'Q')], [cooccurs('person:p', 'person:q')]), []);
    expect(statedComponents(onlyCooccurrence)).toEqual([]);
    expect(statedComponents(new GraphIndex(createGraph(), []))).toEqual([]);
  });

  it('joins two components through a relation between their last-named members (union by smaller root)', () => {
    // c—d and a—b are found first as separate sets; d → b then joins them, whichever root each had.
    const ids4 = ['person:a', 'person:b', 'person:c', 'person:d'];
    const index = new GraphIndex(
      graphOf(
        ids4.map((id) => entity(id, id.slice(7))),
        [relation('person:d', 'met', 'person:c'), relation('person:b', 'met', 'person:a'), relation('person:d', 'met', 'person:b')],
      ),
      [],
    );
    expect(statedComponents(index)).toEqual([ids4]);
  });
});

// ── Random graphs: statedComponents and overview() against the plain reference ──
const randomGraphArb = fc.integer({ min: 1, max: 24 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.record({ s: fc.nat({ max: n - 1 }), t: fc.nat({ max: n - 1 }), cooccurrence: fc.boolean(), type: fc.constantFrom('met', 'said') }), {
      maxLength: 40,
    }),
    limit: fc.integer({ min: 1, max: n + 2 }),
    scope: fc.constantFrom('core', 'connected', 'all') as fc.Arbitrary<'core' | 'connected' | 'all'>,
  }),
);

function randomGraph(n: number, edges: { s: number; t: number; cooccurrence: boolean; type: string }[]): KnowledgeGraph {
  const names = Array.from({ length: n }, (_, i) => `person:n${String(i).padStart(2, '0')}`);
  const g = createGraph();
  for (const id of names) g.addNode(id, entity(id, `Name ${id.slice(7)}`));
  edges.forEach(({ s, t, cooccurrence, type }, i) => {
    if (s === t) return;
    const e = { ...relation(names[s] as string, cooccurrence ? 'co_occurs_with' : type, names[t] as string, [], cooccurrence), id: `e${i}` };
    g.addDirectedEdgeWithKey(e.id, e.source, e.target, e);
  });
  return g;
}

describe('agreement with a breadth-first search on random graphs', () => {
  test.prop([randomGraphArb], { numRuns: 300 })('statedComponents, the scopes, the totals and truncation by degree', ({ n, edges, limit, scope }) => {
    const g = randomGraph(n, edges);
    const index = new GraphIndex(g, []);
    const components = bfsComponents(g);
    expect(statedComponents(index)).toEqual(components);

    const members = scope === 'core' ? (components[0] ?? []) : scope === 'connected' ? components.flat() : g.nodes();
    const expectedKept = [...members]
      .sort((a, b) => statedDegree(g, b) - statedDegree(g, a) || (a < b ? -1 : 1))
      .slice(0, limit)
      .sort();
    const o = overview(index, { scope, limit });
    expect(o.ranking).toBe('degree');
    expect(ids(o)).toEqual(expectedKept);
    expect(o.inScope).toBe(members.length);
    expect(o.truncated).toBe(members.length > limit);
    const kept = new Set(expectedKept);
    const expectedEdges = g.filterEdges((_k, e) => !e.cooccurrence && kept.has(e.source) && kept.has(e.target)).sort();
    expect(edgeIds(o)).toEqual(expectedEdges);
    const connected = components.reduce((s, c) => s + c.length, 0);
    expect(o.totals).toEqual({
      entities: n,
      relations: g.filterEdges((_k, e) => !e.cooccurrence).length,
      isolates: n - connected,
      components: components.length,
      largestComponent: components[0]?.length ?? 0,
      connected,
    });
    for (const node of o.nodes) expect(node.degree, node.id).toBe(statedDegree(g, node.id));
  });
});

describe('overview scopes', () => {
  const totals = { entities: 12, relations: 7, isolates: 3, components: 3, largestComponent: 4, connected: 9 };

  it('opens on the largest component, its stated relations only', () => {
    const o = overview(threeComponents());
    expect(o.scope).toBe('core');
    expect(o.focus).toBeNull();
    expect(ids(o)).toEqual([A, B, C, D].sort());
    expect(edgeIds(o)).toEqual([`${A}|criticized|${B}`, `${A}|met|${B}`, `${B}|met|${C}`, `${C}|met|${D}`]);
    expect(o.totals).toEqual(totals);
    expect(o.inScope).toBe(4);
    expect(o.truncated).toBe(false);
    expect(o.limit).toBe(OVERVIEW_DEFAULT_LIMIT);
    // Degree counts stated relations in the whole graph (both relations with Ben; the co-occurrence with Emil not).
    expect(Object.fromEntries(o.nodes.map((n) => [n.id, n.degree]))).toEqual({ [A]: 2, [B]: 3, [C]: 2, [D]: 1 });
    expect(o.nodes.find((n) => n.id === D)).toMatchObject({ label: 'Dora Dunn', type: 'person', aliases: [], mentions: 1, pagerank: 0 });
    const edge = o.edges.find((e) => e.id === `${B}|met|${C}`);
    expect(edge).toEqual({ id: `${B}|met|${C}`, source: B, target: C, relation: 'met', confidence: 0.8, days: [] });
    // Laid out: finite positions, not all in one place.
    for (const n of o.nodes) expect(Number.isFinite(n.x) && Number.isFinite(n.y), n.id).toBe(true);
    expect(new Set(o.nodes.map((n) => `${n.x},${n.y}`)).size).toBe(4);
  });

  it('shows every entity in a stated relation with scope connected, and everything with scope all', () => {
    const connected = overview(threeComponents(), { scope: 'connected' });
    expect(connected.scope).toBe('connected');
    expect(ids(connected)).toEqual([A, B, C, D, E, F, G, H, I].sort());
    expect(connected.edges).toHaveLength(7);
    expect(connected.inScope).toBe(9);
    expect(connected.totals).toEqual(totals);

    const all = overview(threeComponents(), { scope: 'all' });
    expect(all.scope).toBe('all');
    expect(ids(all)).toEqual([A, B, C, D, E, F, G, H, I, J, K, L].sort());
    // Co-occurrences are never drawn, even between two entities both shown.
    expect(edgeIds(all)).toEqual(edgeIds(connected));
    expect(all.edges.some((e) => e.relation === 'co_occurs_with')).toBe(false);
    expect(all.inScope).toBe(12);
    expect(all.nodes.find((n) => n.id === J)?.degree).toBe(0);
  });

  it('focuses on an entity and what lies two stated hops from it, by id or by name', () => {
    const index = threeComponents();
    const fromB = overview(index, { focus: B });
    expect(fromB.scope).toBe('focus');
    expect(fromB.focus).toBe(B);
    expect(ids(fromB)).toEqual([A, B, C, D].sort());
    // Two hops from Dora: Carl, then Ben; Anna is three away.
    const fromD = overview(index, { focus: 'Dora Dunn' });
    expect(fromD.focus).toBe(D);
    expect(ids(fromD)).toEqual([B, C, D].sort());
    expect(edgeIds(fromD)).toEqual([`${B}|met|${C}`, `${C}|met|${D}`]);
    expect(fromD.inScope).toBe(3);
    expect(fromD.totals).toEqual(totals);
    // The co-occurrence with Emil does not reach component 2.
    expect(ids(overview(index, { focus: 'anna adler' }))).toEqual([A, B, C].sort());
    // An isolate's neighbourhood is itself (a focus outside the core is what it is for).
    expect(ids(overview(index, { focus: L }))).toEqual([L]);
    // The focus wins over a scope.
    expect(overview(index, { focus: H, scope: 'all' }).scope).toBe('focus');
  });

  it('refuses a focus that names no entity, naming it', () => {
    const index = threeComponents();
    expect(() => overview(index, { focus: 'Nobody Atall' })).toThrow(NotFoundError);
    expect(() => overview(index, { focus: 'Nobody Atall' })).toThrow(/explore\.focus: no entity with id or name "Nobody Atall"\. Try search/);
  });

  it('answers an empty graph with nothing and zero totals', () => {
    const o = overview(new GraphIndex(createGraph(), []));
    expect(o.nodes).toEqual([]);
    expect(o.edges).toEqual([]);
    expect(o.totals).toEqual({ entities: 0, relations: 0, isolates: 0, components: 0, largestComponent: 0, connected: 0 });
    expect(o.dates).toEqual({ from: null, to: null, days: [], undatedDocuments: 0 });
  });
});

// ── Truncation: one component of seven ──
//   hub → a, b, c, d, e; a → b; a → c; b → f
//   stated degrees: hub 5, a 3, b 3, c 2, d 1, e 1, f 1
const T = (x: string): string => `person:${x}`;
function star(): GraphIndex {
  const names = ['hub', 'a', 'b', 'c', 'd', 'e', 'f'];
  const edges = [
    ...['a', 'b', 'c', 'd', 'e'].map((x) => relation(T('hub'), 'met', T(x))),
    relation(T('a'), 'met', T('b')),
    relation(T('a'), 'met', T('c')),
    relation(T('b'), 'met', T('f')),
    // A co-occurrence adds nothing to a degree.
    cooccurs(T('f'), T('e')),
  ];
  return new GraphIndex(
    graphOf(
      names.map((x) => entity(T(x), `Person ${x}`)),
      edges,
    ),
    [],
  );
}

describe('truncation to the top entities', () => {
  it('keeps the top entities by stated degree while PageRank is not ready, ties by id', () => {
    const three = overview(star(), { limit: 3 });
    expect(three.ranking).toBe('degree');
    // hub 5, then a and b (3 each, a before b by id).
    expect(ids(three)).toEqual([T('a'), T('b'), T('hub')]);
    expect(edgeIds(three)).toEqual([`${T('a')}|met|${T('b')}`, `${T('hub')}|met|${T('a')}`, `${T('hub')}|met|${T('b')}`]);
    expect(three.inScope).toBe(7);
    expect(three.truncated).toBe(true);
    expect(three.limit).toBe(3);

    // d, e and f tie at 1: d by id.
    const five = overview(star(), { limit: 5 });
    expect(ids(five)).toEqual([T('a'), T('b'), T('c'), T('d'), T('hub')]);
    expect(edgeIds(five)).toHaveLength(6);

    const whole = overview(star(), { limit: 7 });
    expect(whole.truncated).toBe(false);
    expect(whole.nodes).toHaveLength(7);
    expect(whole.edges).toHaveLength(8);
  });

  it('keeps the top entities by PageRank once the analytics are in, ties by id, unscored ones last', () => {
    const index = star();
    index.analytics = {
      pagerank: { [T('f')]: 0.3, [T('b')]: 0.25, [T('d')]: 0.2, [T('c')]: 0.1, [T('a')]: 0.1, [T('e')]: 0.05 },
      betweenness: null,
      communities: {},
      seconds: 0,
    };
    const three = overview(index, { limit: 3 });
    expect(three.ranking).toBe('pagerank');
    expect(ids(three)).toEqual([T('b'), T('d'), T('f')]);
    // Of the relations among them only b → f; hub (the highest degree, no score) is left out.
    expect(edgeIds(three)).toEqual([`${T('b')}|met|${T('f')}`]);
    expect(Object.fromEntries(three.nodes.map((n) => [n.id, n.pagerank]))).toEqual({ [T('b')]: 0.25, [T('d')]: 0.2, [T('f')]: 0.3 });
    expect(three.truncated).toBe(true);
    expect(three.inScope).toBe(7);
    // a and c tie at 0.1: a by id.
    expect(ids(overview(index, { limit: 4 }))).toEqual([T('a'), T('b'), T('d'), T('f')]);
    // hub has no score: it ranks below e's 0.05.
    expect(ids(overview(index, { limit: 6 }))).not.toContain(T('hub'));
    expect(overview(index, { limit: 7 }).nodes.find((n) => n.id === T('hub'))?.pagerank).toBe(0);
  });

  it('keeps the focus when its neighbourhood is cut to the limit, and says it was cut', () => {
    // Two hops from d: hub, then a, b, c and e: six entities; f is three hops away.
    const o = overview(star(), { focus: T('d'), limit: 3 });
    expect(o.focus).toBe(T('d'));
    expect(o.inScope).toBe(6);
    expect(o.truncated).toBe(true);
    // By degree: hub 5, a 3, b 3; the focus takes the last place (b's).
    expect(ids(o)).toEqual([T('a'), T('d'), T('hub')]);
    expect(edgeIds(o)).toEqual([`${T('hub')}|met|${T('a')}`, `${T('hub')}|met|${T('d')}`]);
  });
});

// ── Days ──
// Day numbers counted by hand: 2024-01-01 is day 19723 (54 years of 365 days since 1970, plus 13 leap days, 1972–2020).
const DAY_2023_12_31 = 19722;
const DAY_2024_02_10 = 19723 + 31 + 9; // 19763
const DAY_2024_03_01 = 19723 + 31 + 29; // 19783 (2024 is a leap year)
const DAY_2024_03_05 = DAY_2024_03_01 + 4; // 19787

function dated(): GraphIndex {
  const documents = [
    doc('d1', '2024-03-01'),
    doc('d2', '2024-03-01T23:30:00Z'),
    doc('d3', '2024-02-10'),
    doc('d4', null),
    doc('d5', '2024-03-05'),
    doc('d6', 'sometime last spring'),
    doc('d7', '2023-12-31'),
  ];
  const nodes = [
    entity(A, 'Anna Adler', ['d1', 'd2', 'd3', 'd4']),
    entity(B, 'Ben Brook', ['d5', 'd1']),
    entity(C, 'Carl Cole', ['d4', 'd6']),
    // Named only in d7, and in no relation: outside the core, yet its document is in the corpus activity.
    entity(L, 'Leaport', ['d7']),
  ];
  const edges = [
    relation(A, 'met', B, ['d5', 'd1', 'd4', 'd1', 'd2']),
    relation(B, 'met', C, ['d4', 'd6']),
    // Not drawn, whatever its dates.
    cooccurs(A, C, ['d3']),
  ];
  return new GraphIndex(graphOf(nodes, edges), documents);
}

describe('publication days', () => {
  it('gives each node the distinct days of its dated documents, ascending, and each relation those of its evidence', () => {
    const o = overview(dated());
    expect(Object.fromEntries(o.nodes.map((n) => [n.id, n.days]))).toEqual({
      [A]: [DAY_2024_02_10, DAY_2024_03_01],
      [B]: [DAY_2024_03_01, DAY_2024_03_05],
      [C]: [],
    });
    expect(Object.fromEntries(o.edges.map((e) => [e.id, e.days]))).toEqual({
      [`${A}|met|${B}`]: [DAY_2024_03_01, DAY_2024_03_05],
      [`${B}|met|${C}`]: [],
    });
  });

  it('counts the dated documents per day over the whole corpus and the undated apart', () => {
    const { dates } = overview(dated());
    expect(dates).toEqual({
      from: '2023-12-31',
      to: '2024-03-05',
      days: [
        [DAY_2023_12_31, 1],
        [DAY_2024_02_10, 1],
        [DAY_2024_03_01, 2],
        [DAY_2024_03_05, 1],
      ],
      undatedDocuments: 2,
    });
    // Each node's days are among the corpus days.
    const corpusDays = new Set(dates.days.map(([d]) => d));
    for (const n of overview(dated(), { scope: 'all' }).nodes) for (const d of n.days) expect(corpusDays.has(d), `${n.id} day ${d}`).toBe(true);
  });
});

describe('parseOverviewOptions', () => {
  it('reads the page parameters; empty ones mean the defaults', () => {
    expect(parseOverviewOptions({ scope: 'all', limit: '25', focus: 'Anna Adler' })).toEqual({ scope: 'all', limit: 25, focus: 'Anna Adler' });
    expect(parseOverviewOptions({ scope: 'connected', limit: '100000' })).toEqual({ scope: 'connected', limit: 100000 });
    expect(parseOverviewOptions({ scope: '', limit: '', focus: '' })).toEqual({});
    expect(parseOverviewOptions({})).toEqual({});
  });

  it.each([
    [{ scope: 'nope' }, /^explore: scope is "nope"; use core, connected, all\.$/],
    [{ scope: 'CORE' }, /^explore: scope is "CORE"; use core, connected, all\.$/],
    [{ limit: '0' }, /^explore: limit is "0"; use a whole number from 1 to 100000\.$/],
    [{ limit: '1.5' }, /^explore: limit is "1\.5"; use a whole number from 1 to 100000\.$/],
    [{ limit: '100001' }, /^explore: limit is "100001"; use a whole number from 1 to 100000\.$/],
    [{ limit: 'abc' }, /^explore: limit is "abc"; use a whole number from 1 to 100000\.$/],
    [{ limit: '-3' }, /^explore: limit is "-3"; use a whole number/],
  ])('refuses %o, naming the parameter and the fix', (raw, message) => {
    let caught: unknown = null;
    try {
      parseOverviewOptions(raw);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect((caught as InvalidInputError).code).toBe('BAD_INPUT');
    expect((caught as Error).message).toMatch(message);
  });
});

describe('/explore/view.json over HTTP (the seed graph)', () => {
  let seed: Awaited<ReturnType<typeof startSeedServer>>;

  beforeAll(async () => {
    seed = await startSeedServer();
  });

  afterAll(async () => {
    await seed?.close();
  });

  const get = async (query = ''): Promise<{ status: number; type: string | null; text: string }> => {
    const res = await fetch(`${seed.server.url}/explore/view.json${query}`);
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };

  it('answers with the core of the seed graph, ranked by PageRank once the analytics are ready', async () => {
    const r = await get();
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^application\/json/);
    const o = JSON.parse(r.text) as Overview;
    const g = seed.service.index.graph;
    const components = bfsComponents(g);
    const core = components[0] as string[];
    // The seed is one article: a core of a few entities, well under the default limit.
    expect(core.length).toBeGreaterThan(2);
    expect(core.length).toBeLessThan(OVERVIEW_DEFAULT_LIMIT);
    expect(o.scope).toBe('core');
    expect(o.ranking).toBe('pagerank');
    expect(ids(o)).toEqual(core);
    const inCore = new Set(core);
    expect(edgeIds(o)).toEqual(g.filterEdges((_k, e) => !e.cooccurrence && inCore.has(e.source) && inCore.has(e.target)).sort());
    const connected = components.reduce((s, c) => s + c.length, 0);
    expect(o.totals).toEqual({
      entities: g.order,
      relations: g.filterEdges((_k, e) => !e.cooccurrence).length,
      isolates: g.order - connected,
      components: components.length,
      largestComponent: core.length,
      connected,
    });
    expect(o.truncated).toBe(false);
  });

  it('keeps the top entities of the core by PageRank with ?limit', async () => {
    const o = JSON.parse((await get('?limit=3')).text) as Overview;
    const pagerank = seed.service.index.analytics?.pagerank ?? {};
    const core = bfsComponents(seed.service.index.graph)[0] as string[];
    const top = [...core]
      .sort((a, b) => (pagerank[b] ?? 0) - (pagerank[a] ?? 0) || (a < b ? -1 : 1))
      .slice(0, 3)
      .sort();
    expect(ids(o)).toEqual(top);
    expect(o.truncated).toBe(true);
    expect(o.inScope).toBe(core.length);
  });

  it('includes the isolates with ?scope=all', async () => {
    const o = JSON.parse((await get('?scope=all')).text) as Overview;
    expect(o.totals.isolates).toBeGreaterThan(0);
    expect(o.nodes).toHaveLength(o.totals.entities);
    expect(ids(o)).toEqual(seed.service.index.graph.nodes().sort());
  });

  it('refuses a bad scope with 400 and the message, and an unknown focus with 404 naming it', async () => {
    const bad = await get('?scope=nope');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toEqual({
      errors: [{ message: 'explore: scope is "nope"; use core, connected, all.', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    const badLimit = await get('?limit=1.5');
    expect(badLimit.status).toBe(400);
    expect(badLimit.text).toContain('limit is \\"1.5\\"; use a whole number from 1 to 100000');
    const nobody = await get('?focus=Nobody%20Atall');
    expect(nobody.status).toBe(404);
    const body = JSON.parse(nobody.text) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('NOT_FOUND');
    expect(body.errors[0]?.message).toMatch(/^explore\.focus: no entity with id or name "Nobody Atall"/);
  });

  it('answers a focus by name with that entity and its neighbourhood', async () => {
    const g = seed.service.index.graph;
    // The entity of the core with the most stated relations, asked for by its name.
    const core = bfsComponents(g)[0] as string[];
    const hub = [...core].sort((a, b) => statedDegree(g, b) - statedDegree(g, a) || (a < b ? -1 : 1))[0] as string;
    const o = JSON.parse((await get(`?focus=${encodeURIComponent(g.getNodeAttribute(hub, 'name'))}`)).text) as Overview;
    expect(o.scope).toBe('focus');
    expect(o.focus).toBe(hub);
    // Within two stated hops, by breadth-first search.
    const within = new Set([hub]);
    for (let hop = 0; hop < 2; hop++) {
      for (const id of [...within]) {
        g.forEachEdge(id, (_k, e) => {
          if (!e.cooccurrence) within.add(e.source === id ? e.target : e.source);
        });
      }
    }
    // More than the hub alone, or the check would hold for any answer naming it.
    expect(within.size).toBeGreaterThan(2);
    expect(ids(o)).toEqual([...within].sort());
  });

  it('answers the same request from its cache until the graph changes', async () => {
    const first = await get('?scope=connected');
    const again = await get('?scope=connected');
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);

    // Proof it is the kept answer and not a recomputation that happens to agree: a label changed in place (no new
    // index) is not seen.
    const g = seed.service.index.graph;
    const someone = (JSON.parse(first.text) as Overview).nodes[0]?.id as string;
    const name = g.getNodeAttribute(someone, 'name');
    g.setNodeAttribute(someone, 'name', 'Renamed In Place');
    try {
      expect((await get('?scope=connected')).text).toBe(first.text);
    } finally {
      g.setNodeAttribute(someone, 'name', name);
    }

    // A document added through the service makes a new index: the answer is computed again and shows it.
    const before = JSON.parse((await get('?scope=all')).text) as Overview;
    seed.service.ingest({ text: 'Zebulon Quarrington met Philippa Oyelaran-Whitcombe in Reykjavik on Tuesday.', publishedAt: '2031-01-15' });
    const after = JSON.parse((await get('?scope=all')).text) as Overview;
    expect(after.totals.entities).toBe(seed.service.index.graph.order);
    expect(after.totals.entities).toBeGreaterThan(before.totals.entities);
    expect(after.dates.to).toBe('2031-01-15');
  });

  it('ranks by the new PageRank once the analytics of a graph grown in place are in', async () => {
    seed.service.ingest({ text: 'Ottoline Vanderkamp criticized Bartholomew Ingersley-Frane in Valparaiso on Friday.', publishedAt: '2031-02-03' });
    // Until the worker runs again the grown graph answers with the previous analytics (its new entities score 0).
    const stale = seed.service.index.analytics;
    expect(stale).not.toBeNull();
    const early = JSON.parse((await get('?scope=all')).text) as Overview;
    expect(early.ranking).toBe('pagerank');
    // The worker is scheduled a second after the last write; it sets the new answer on the same index.
    const deadline = Date.now() + 30_000;
    while (seed.service.index.analytics === stale && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const fresh = seed.service.index.analytics?.pagerank;
    expect(fresh, 'new analytics within 30 s').not.toBe(stale?.pagerank);
    const late = JSON.parse((await get('?scope=all')).text) as Overview;
    for (const n of late.nodes) expect(n.pagerank, n.id).toBe(fresh?.[n.id] ?? 0);
  });
});

// The name index: search ranking by table, exact lookups and nameContains, agreement with the old full scan on random
// graphs (built whole and changed in place), and documents ingested in place through the real pipeline.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { KgError } from '../../src/errors.js';
import { createGraph, type DocumentInfo, type EntityNode, type EntityOrderField, foldKey, GraphIndex, type KnowledgeGraph } from '../../src/graph/index.js';
import type { EntityType } from '../../src/nlp/types.js';
import { GraphService } from '../../src/pipeline.js';
import { Store } from '../../src/store/index.js';
import { bruteContains, bruteFind, bruteSearch } from './brute-force.js';
import { documentInfo, entityNode } from '../support/fixtures.js';

const entity = (id: string, name: string, extra: { aliases?: string[]; mentions?: number; acronym?: string } = {}): EntityNode =>
  entityNode(id, { name, aliases: extra.aliases ?? [], mentionCount: extra.mentions ?? 1, documents: ['d'], acronym: extra.acronym ?? null });

function graphOf(nodes: EntityNode[]): KnowledgeGraph {
  const g = createGraph();
  for (const n of nodes) g.addNode(n.id, n);
  return g;
}

const doc = (id: string): DocumentInfo => documentInfo(id, null, { source: '' });

/** Every page of entities(filter: {nameContains}), ordered by id. */
function containing(index: GraphIndex, needle: string, first = 3): string[] {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page = index.listEntities({ nameContains: needle }, { field: 'id', descending: false }, first, after);
    ids.push(...page.items.map((i) => i.node.id));
    if (!page.hasNextPage) return ids;
    after = page.items.at(-1)?.cursor ?? null;
  }
}

const TABLE = graphOf([
  entity('person:joe-biden', 'Joe Biden', { aliases: ['Biden', 'President Biden'], mentions: 10 }),
  entity('person:jill-biden', 'Jill Biden', { mentions: 3 }),
  entity('person:hunter-biden', 'Hunter Biden', { mentions: 3 }),
  entity('place:bidenville', 'Bidenville'),
  entity('organization:abiden-corp', 'Abiden Corp', { mentions: 2 }),
  entity('organization:islamic-revolutionary-guard-corps', 'Islamic Revolutionary Guard Corps', {
    aliases: ['Revolutionary Guards'],
    acronym: 'IRGC',
    mentions: 5,
  }),
  entity('person:abbas-araghchi', 'Abbas Araghchi', { aliases: ['Araghchi'], mentions: 4 }),
  entity('place:sao-paulo', 'São Paulo', { mentions: 2 }),
  entity('place:hague', 'The Hague'),
  entity('country:iran', 'Iran', { mentions: 20 }),
  entity('organization:iranian-red-crescent', 'Iranian Red Crescent'),
  entity('person:maria-silva', 'Maria Silva', { mentions: 2 }),
  entity('person:ana-silva', 'Ana Silva', { mentions: 2 }),
]);

describe('search ranking', () => {
  const index = new GraphIndex(TABLE, []);
  const cases: { name: string; text: string; types?: EntityType[]; first?: number; expected: string[] }[] = [
    {
      name: 'exact alias, then prefix, then whole word (ties by id), then substring',
      text: 'Biden',
      expected: ['person:joe-biden', 'place:bidenville', 'person:hunter-biden', 'person:jill-biden', 'organization:abiden-corp'],
    },
    {
      name: 'case does not matter',
      text: 'BIDEN',
      expected: ['person:joe-biden', 'place:bidenville', 'person:hunter-biden', 'person:jill-biden', 'organization:abiden-corp'],
    },
    {
      name: 'prefixes by mentions, then substrings by mentions and id',
      text: 'bid',
      expected: ['person:joe-biden', 'place:bidenville', 'person:hunter-biden', 'person:jill-biden', 'organization:abiden-corp'],
    },
    { name: 'first cuts the ranked list', text: 'biden', first: 2, expected: ['person:joe-biden', 'place:bidenville'] },
    { name: 'accents fold away', text: 'sao paulo', expected: ['place:sao-paulo'] },
    { name: 'accents in the query too', text: 'SÃO', expected: ['place:sao-paulo'] },
    { name: 'a whole word', text: 'paulo', expected: ['place:sao-paulo'] },
    { name: 'a leading article is ignored', text: 'the hague', expected: ['place:hague'] },
    { name: 'a possessive is ignored', text: "Araghchi's", expected: ['person:abbas-araghchi'] },
    { name: 'an acronym is a form', text: 'irgc', expected: ['organization:islamic-revolutionary-guard-corps'] },
    { name: 'one typo in each of two words', text: 'Revolutionery Gard', expected: ['organization:islamic-revolutionary-guard-corps'] },
    { name: 'a dropped letter in a 7-letter word', text: 'Araghci', expected: ['person:abbas-araghchi'] },
    { name: 'two typos from 8 letters', text: 'Revolutonery', expected: ['organization:islamic-revolutionary-guard-corps'] },
    { name: 'three typos are too many', text: 'Rvolutonery', expected: [] },
    { name: 'one typo from 4 letters', text: 'Iram', expected: ['country:iran'] },
    { name: 'no typo under 4 letters', text: 'Irn', expected: [] },
    { name: 'every query word a prefix of a word of one form', text: 'jo bid', expected: ['person:joe-biden'] },
    { name: 'words from two different forms do not combine', text: 'joe president', expected: [] },
    { name: 'type filter', text: 'iran', types: ['organization'], expected: ['organization:iranian-red-crescent'] },
    { name: 'exact before prefix', text: 'iran', expected: ['country:iran', 'organization:iranian-red-crescent'] },
    { name: 'equal scores and mentions: by id', text: 'silva', expected: ['person:ana-silva', 'person:maria-silva'] },
    { name: 'substring across words', text: 'na sil', expected: ['person:ana-silva'] },
  ];
  it.each(cases)('$name: "$text"', ({ text, types, first, expected }) => {
    expect(index.search(text, types ?? null, first ?? 10).map((n) => n.id)).toEqual(expected);
    expect(bruteSearch(TABLE, text, types ?? null, first ?? 10)).toEqual(expected);
  });

  it('refuses an empty search with BAD_INPUT', () => {
    const attempt = (): unknown => index.search(' !? ', null, 10);
    expect(attempt).toThrow(KgError);
    expect(attempt).toThrow(/search text is empty/);
    try {
      attempt();
    } catch (error) {
      expect((error as KgError).code).toBe('BAD_INPUT');
    }
  });
});

describe('exact lookups and nameContains', () => {
  const index = new GraphIndex(TABLE, []);
  it.each([
    ['Biden', 'person:joe-biden'],
    ['president biden', 'person:joe-biden'],
    ['IRGC', 'organization:islamic-revolutionary-guard-corps'],
    ['the hague', 'place:hague'],
    // No form is "silva": persons by surname, equal mentions, the smaller id.
    ['Silva', 'person:ana-silva'],
    // A surname is a person's: "Paulo" is a place's last word.
    ['Paulo', null],
    ['Bide', null],
  ])('findEntity(name: "%s") is %s', (name, id) => {
    expect(index.findEntity({ name })?.id ?? null).toBe(id);
    expect(bruteFind(TABLE, name)).toBe(id);
  });

  it.each([
    ['iran', ['country:iran', 'organization:iranian-red-crescent']],
    ['IDE', ['organization:abiden-corp', 'person:hunter-biden', 'person:jill-biden', 'person:joe-biden', 'place:bidenville']],
    // The acronym is no name or alias: nameContains has never looked at it.
    ['irgc', []],
    // One letter, written with an accent: every name or alias with an "a".
    [
      'ã',
      [
        'country:iran',
        'organization:abiden-corp',
        'organization:iranian-red-crescent',
        'organization:islamic-revolutionary-guard-corps',
        'person:abbas-araghchi',
        'person:ana-silva',
        'person:maria-silva',
        'place:hague',
        'place:sao-paulo',
      ],
    ],
    ['zz', []],
  ])('nameContains "%s"', (needle, expected) => {
    expect(containing(index, needle)).toEqual(expected);
    expect(bruteContains(TABLE, needle)).toEqual(expected);
  });

  it('counts nameContains matches with the other filters applied', () => {
    const page = index.listEntities({ nameContains: 'biden', type: 'person' }, { field: 'mentions', descending: true }, 1, null);
    expect(page.items.map((i) => i.node.id)).toEqual(['person:joe-biden']);
    expect(page.hasNextPage).toBe(true);
    expect(page.totalCount()).toBe(3);
  });
});

describe('nameContains past the first few thousand entities of a listing', () => {
  /** The full listing in this order, without the needle, kept to what the old full scan says holds it. */
  const expected = (index: GraphIndex, needle: string, order: { field: EntityOrderField; descending: boolean }, type: EntityType | null): string[] => {
    const holders = new Set(bruteContains(index.graph, needle));
    return index
      .listEntities({ type }, order, 100_000, null)
      .items.map((i) => i.node.id)
      .filter((id) => holders.has(id));
  };
  const paged = (index: GraphIndex, needle: string, order: { field: EntityOrderField; descending: boolean }, type: EntityType | null): string[] => {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = index.listEntities({ nameContains: needle, type }, order, 2, after);
      ids.push(...page.items.map((i) => i.node.id));
      expect(page.totalCount()).toBe(expected(index, needle, order, type).length);
      if (!page.hasNextPage) return ids;
      after = page.items.at(-1)?.cursor ?? null;
    }
  };
  const ORDERS: { field: EntityOrderField; descending: boolean }[] = [
    { field: 'id', descending: false },
    { field: 'name', descending: false },
    { field: 'mentions', descending: true },
  ];

  it('pages the holders the index finds in the listing order, also after changes in place', () => {
    // Holders of "harbour" are few and sit at the far end of the id listing, behind 3,000 that are not.
    const nodes = Array.from({ length: 3000 }, (_, i) => entity(`person:a${String(i).padStart(4, '0')}`, `Filler Person ${i}`, { mentions: 1 + (i % 3) }));
    for (let i = 0; i < 7; i++) nodes.push(entity(`place:z${i}`, `Rare Harbour ${i}`, { mentions: 1 + (i % 2) }));
    nodes.push(entity('country:harbourland', 'Harbourland', { aliases: ['Harbour State'] }));
    const graph = graphOf(nodes);
    let index = new GraphIndex(graph, []);
    for (const order of ORDERS) {
      for (const type of [null, 'place'] as const) {
        const want = expected(index, 'harbour', order, type);
        expect(want.length).toBeGreaterThan(0);
        expect(paged(index, 'HARBOUR', order, type)).toEqual(want);
      }
    }
    // In place: a filler gains the word, a holder loses it, a new holder arrives.
    graph.replaceNodeAttributes('person:a0042', { ...graph.getNodeAttributes('person:a0042'), name: 'Harbour Master', mentionCount: 9 });
    graph.replaceNodeAttributes('place:z3', { ...graph.getNodeAttributes('place:z3'), name: 'Dry Dock', aliases: [] });
    graph.addNode('place:zz', entity('place:zz', 'New Harbour'));
    index = index.update({ change: { nodes: new Set(['person:a0042', 'place:z3', 'place:zz']), newEdges: new Set(), edges: new Set() }, document: doc('u') });
    for (const order of ORDERS) {
      const got = paged(index, 'harbour', order, null);
      expect(got).toEqual(expected(index, 'harbour', order, null));
      expect(got).toContain('person:a0042');
      expect(got).not.toContain('place:z3');
    }
    // A short needle held by nearly everyone is met in the listing itself.
    expect(paged(index, 'er', { field: 'id', descending: false }, 'place')).toEqual(expected(index, 'er', { field: 'id', descending: false }, 'place'));
  });
});

// Random graphs over a small vocabulary, so that names share words, prefixes, substrings, accents and near misses.
const WORDS = [
  'Ana',
  'Anna',
  'Åna',
  'Bob',
  'Bobby',
  'de',
  'la',
  'Silva',
  'Sílva',
  'Costa',
  'Cos',
  "O'Neil",
  'Mar',
  'Marven',
  'Marvem',
  'Kalo',
  'kalos',
  'Revolutionary',
  'Revolutonary',
  'x',
];
const TYPES: EntityType[] = ['person', 'country', 'organization', 'place', 'program', 'event'];
const nameArb = fc
  .tuple(fc.boolean(), fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }), fc.constantFrom(' ', ' ', '-', "'s "))
  .map(([article, words, sep]) => `${article ? 'The ' : ''}${words.join(sep)}`);
const entityArb = fc.record({
  type: fc.constantFrom(...TYPES),
  name: nameArb,
  aliases: fc.array(nameArb, { maxLength: 2 }),
  acronym: fc.option(fc.constantFrom('AB', 'IRGC', 'X', 'Cos'), { nil: null }),
  mentions: fc.integer({ min: 1, max: 3 }),
});
const graphArb = fc
  .array(entityArb, { minLength: 1, maxLength: 25 })
  .map((es) => es.map((e, i) => entity(`${e.type}:e${String(i).padStart(2, '0')}`, e.name, { ...e, acronym: e.acronym ?? undefined })));

/** A query from a name of the graph (whole, a prefix or a slice; with a typo or two; in capitals) or from the vocabulary. */
const queryArb = (nodes: EntityNode[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...WORDS, 'ana silva', 'mar cos', 'the', 'zz', 'a', 'ar', 'é'),
    fc
      .record({
        form: fc.constantFrom(...nodes.flatMap((n) => [n.name, ...n.aliases])),
        cut: fc.constantFrom('whole', 'prefix', 'slice'),
        a: fc.nat(),
        b: fc.nat(),
        edits: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.nat()), { maxLength: 2 }),
        upper: fc.boolean(),
      })
      .map(({ form, cut, a, b, edits, upper }) => {
        const from = cut === 'slice' ? a % form.length : 0;
        let q = cut === 'whole' ? form : form.slice(from, from + 1 + (b % (form.length - from)));
        // A typo or two: a letter dropped, added, changed, or two neighbours swapped.
        for (const [op, where] of edits) {
          const at = where % (q.length + 1);
          if (op === 0) q = q.slice(0, at) + q.slice(at + 1);
          else if (op === 1) q = `${q.slice(0, at)}e${q.slice(at)}`;
          else if (op === 2) q = `${q.slice(0, at)}a${q.slice(at + 1)}`;
          else if (op === 3 && at + 1 < q.length) q = q.slice(0, at) + q.charAt(at + 1) + q.charAt(at) + q.slice(at + 2);
        }
        return upper ? q.toUpperCase() : q;
      }),
  );
const typesArb = fc.option(fc.subarray(TYPES, { minLength: 1, maxLength: 2 }), { nil: null });

/** The index and the old full scan give the same answers for these queries. */
function expectAgreement(index: GraphIndex, queries: [string, EntityType[] | null, number][]): void {
  for (const [q, types, first] of queries) {
    if (!foldKey(q)) continue;
    expect(
      index.search(q, types, first).map((n) => n.id),
      `search "${q}" ${types} ${first}`,
    ).toEqual(bruteSearch(index.graph, q, types, first));
    expect(index.findEntity({ name: q })?.id ?? null, `findEntity "${q}"`).toBe(bruteFind(index.graph, q));
    expect(containing(index, q), `nameContains "${q}"`).toEqual(bruteContains(index.graph, q));
  }
}

describe('agreement with a full scan', () => {
  test.prop(
    [
      graphArb.chain((nodes) =>
        fc.tuple(fc.constant(nodes), fc.array(fc.tuple(queryArb(nodes), typesArb, fc.integer({ min: 1, max: 12 })), { minLength: 1, maxLength: 12 })),
      ),
    ],
    { numRuns: 150 },
  )('search, findEntity and nameContains answer what scanning every name answers', ([nodes, queries]) => {
    expectAgreement(new GraphIndex(graphOf(nodes), []), queries);
  });

  const change = fc.record({
    target: fc.nat(),
    kind: fc.constantFrom('rename', 'aliases', 'mentions', 'add'),
    name: nameArb,
    aliases: fc.array(nameArb, { maxLength: 2 }),
    mentions: fc.integer({ min: 1, max: 4 }),
    type: fc.constantFrom(...TYPES),
  });

  test.prop(
    [
      graphArb.chain((nodes) =>
        fc.tuple(
          fc.constant(nodes),
          fc.array(change, { minLength: 1, maxLength: 8 }),
          fc.array(fc.tuple(queryArb(nodes), typesArb, fc.integer({ min: 1, max: 12 })), { minLength: 1, maxLength: 8 }),
        ),
      ),
    ],
    { numRuns: 100 },
  )('entities renamed, re-aliased, re-ranked or added in place are found by what they are now', ([nodes, changes, queries]) => {
    const graph = graphOf(nodes);
    let index = new GraphIndex(graph, []);
    index.search('ana', null, 5);
    const used: string[] = [];
    changes.forEach((c, k) => {
      const ids = graph.nodes();
      const id = ids[c.target % ids.length] as string;
      let touched = id;
      if (c.kind === 'add') {
        touched = `${c.type}:n${k}`;
        graph.addNode(touched, entity(touched, c.name, { aliases: c.aliases, mentions: c.mentions }));
      } else {
        // Copy on write, as build.ts does for a live graph: the old attributes stay whole.
        const old = graph.getNodeAttributes(id);
        const next =
          c.kind === 'rename'
            ? { ...old, name: c.name, aliases: c.aliases, acronym: null }
            : c.kind === 'aliases'
              ? { ...old, aliases: [...old.aliases, ...c.aliases] }
              : { ...old, mentionCount: old.mentionCount + c.mentions };
        graph.replaceNodeAttributes(id, next);
        used.push(old.name);
      }
      index = index.update({ change: { nodes: new Set([touched]), newEdges: new Set(), edges: new Set() }, document: doc(`u${k}`) });
    });
    // The old names too: a renamed entity must no longer answer to them.
    expectAgreement(index, [...queries, ...used.map((u): [string, null, number] => [u, null, 10])]);
  });

  it('stays right when in-place changes outgrow the index and it is rebuilt', () => {
    const graph = graphOf([entity('person:a', 'Marven Kalo'), entity('place:b', 'Kalos Bay', { mentions: 2 })]);
    let index = new GraphIndex(graph, []);
    // Past 4096 forms added in place the tail is folded into a rebuild; go through it twice.
    for (let k = 0; k < 5000; k++) {
      const id = `person:p${k}`;
      graph.addNode(id, entity(id, k % 2 ? `Ana Kalo ${k}` : `Bob Marvem ${k}`, { mentions: 1 + (k % 4) }));
      if (k % 3 === 0)
        graph.replaceNodeAttributes('person:a', { ...graph.getNodeAttributes('person:a'), mentionCount: k, name: k % 2 ? 'Marven Kalo' : 'Kalo Marven' });
      index = index.update({ change: { nodes: new Set([id, 'person:a']), newEdges: new Set(), edges: new Set() }, document: doc(`u${k}`) });
    }
    expectAgreement(index, [
      ['kalo', null, 10],
      ['marven kalo', null, 5],
      ['kalo marven', null, 5],
      ['4999', null, 3],
      ['marvem', ['person'], 7],
      ['kalos', null, 3],
      ['bob', null, 12],
    ]);
  });
});

describe('documents ingested in place, through the pipeline', () => {
  const QUERIES = ['irgc', 'guard', 'Revolutionery', 'silva', 'costa', 'mari', 'lavrov', 'sergei', 'moscow', 'porto', 'ana'];

  it('finds entities added, re-aliased and re-ranked in place by their new names, and merged ones by the survivor', () => {
    const store = Store.open(':memory:');
    const service = new GraphService(store);
    const agree = (): void =>
      expectAgreement(
        service.index,
        QUERIES.map((q): [string, null, number] => [q, null, 5]),
      );
    service.ingest({ text: 'The Islamic Revolutionary Guard Corps said on Monday that it had detected explosives.' });
    expect(service.index.search('IRGC', null, 5)).toEqual([]);
    // In place: the acronym and an alias arrive, and the mention count with them.
    service.ingest({ text: "In response, Iran's Islamic Revolutionary Guard Corps (IRGC) suspended devices." });
    expect(service.incrementalUpdates).toBe(2);
    expect(service.index.search('IRGC', null, 5).map((n) => n.id)).toEqual(['organization:islamic-revolutionary-guard-corps']);
    expect(service.index.findEntity({ name: 'irgc' })?.id).toBe('organization:islamic-revolutionary-guard-corps');
    agree();
    // In place: new people, then "Silva" and "Costa" as their aliases.
    service.ingest({ text: 'Maria Silva, the mayor of Porto, met Prime Minister Ana Costa of Portugal in Lisbon.' });
    expect(service.index.search('Mari', ['person'], 5).map((n) => n.id)).toEqual(['person:maria-silva']);
    expect(service.index.search('Slva', ['person'], 5).map((n) => n.id)).toEqual(['person:maria-silva']);
    service.ingest({ text: 'Silva said the talks went well. Costa agreed.' });
    expect(service.incrementalUpdates).toBe(4);
    expect(service.index.node('person:maria-silva').aliases).toContain('Silva');
    expect(service.index.search('silva', null, 5)[0]?.id).toBe('person:maria-silva');
    agree();
    service.ingest({ text: 'On Tuesday, Lavrov told reporters in Moscow that talks would go on.' });
    expect(service.index.search('lavrov', ['person'], 5).map((n) => n.id)).toEqual(['person:lavrov']);
    // "Sergei Lavrov" changes an earlier merge: the graph is rebuilt and "Lavrov" now names the survivor only.
    service.ingest({ text: 'Russian Foreign Minister Sergei Lavrov met Iranian officials in Moscow.' });
    expect(service.incrementalUpdates).toBe(5);
    expect(service.index.search('lavrov', ['person'], 5).map((n) => n.id)).toEqual(['person:sergei-lavrov']);
    expect(service.index.findEntity({ name: 'Lavrov' })?.id).toBe('person:sergei-lavrov');
    agree();
    // And in place again on the rebuilt graph.
    service.ingest({ text: 'Costa met Lavrov in Porto on Friday.' });
    expect(service.incrementalUpdates).toBe(6);
    agree();
    service.unwatch();
    store.close();
  });
});

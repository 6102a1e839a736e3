// Incremental updates: a document ingested through the service joins the served graph in place, and the result is
// exactly what a full rebuild from the store gives — graph, document list, name lookups, sorted listings,
// adjacency — whatever the order of arrival, including documents that change earlier merge decisions (which fall
// back to a rebuild).
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { EntityOrderField, GraphIndex } from '../../src/graph/index.js';
import { parsePlainText } from '../../src/ingest/index.js';
import { extract } from '../../src/nlp/index.js';
import { GraphService, loadIndex } from '../../src/pipeline.js';
import { Store } from '../../src/store/index.js';
import { OVERLAPPING_TEXTS, SEED_TEXT } from '../helpers.js';

const TEXTS = [
  ...OVERLAPPING_TEXTS,
  'Trump said Iran must stop. Russian Foreign Minister Sergei Lavrov met Iranian officials in Moscow.',
  'On Tuesday, Lavrov told reporters in Moscow that talks would go on.',
  'Maria Silva, the mayor of Porto, met Prime Minister Ana Costa of Portugal in Lisbon.',
  'Silva said the talks went well. Costa agreed.',
  'Senator Maria Silva of Portugal spoke in Porto on Friday.',
];

const ORDERS: [EntityOrderField, boolean][] = [
  ['id', false],
  ['name', false],
  ['mentions', true],
  ['mentions', false],
  ['degree', true],
];

/** Everything a query can see, in a comparable form. */
function view(index: GraphIndex): string {
  const g = index.graph;
  const nodes = g.nodes().sort();
  const listing = (field: EntityOrderField, descending: boolean): string[] => {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = index.listEntities({}, { field, descending }, 7, after);
      ids.push(...page.items.map((i) => i.node.id));
      if (!page.hasNextPage) break;
      after = page.items.at(-1)?.cursor ?? null;
    }
    return ids;
  };
  const events = (order: 'date' | 'id'): string[] => {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = index.events({}, order, 5, after);
      ids.push(...page.items.map((i) => i.node.id));
      if (!page.hasNextPage) break;
      after = page.items.at(-1)?.cursor ?? null;
    }
    return ids;
  };
  const lookups: Record<string, string | null> = {};
  for (const id of nodes) {
    const n = index.node(id);
    for (const form of [n.name, ...n.aliases, n.name.split(' ').at(-1) as string]) lookups[form] = index.findEntity({ name: form })?.id ?? null;
  }
  return JSON.stringify({
    nodes: nodes.map((id) => g.getNodeAttributes(id)),
    edges: g
      .edges()
      .sort()
      .map((e) => g.getEdgeAttributes(e)),
    documents: index.documents.map((d) => ({ ...d, sentences: index.sentences(d.id) })),
    stats: index.stats(),
    listings: ORDERS.map(([f, d]) => listing(f, d)),
    events: [events('date'), events('id')],
    lookups,
    adjacency: nodes.map((id) => [index.relationsOf(id, 'both', { includeCooccurrence: true }).map((e) => e.id), index.degree(id)]),
    search: ['biden', 'irgc', 'silva', 'moscow'].map((q) => index.search(q, null, 5).map((n) => n.id)),
  });
}

/** Warms the lazily built parts (listings, adjacency) so that the update path has to keep them right. */
function warm(index: GraphIndex): void {
  for (const [f, d] of ORDERS) index.listEntities({}, { field: f, descending: d }, 3, null);
  for (const order of ['date', 'id'] as const) index.events({}, order, 3, null);
  for (const id of index.graph.nodes()) index.relationsOf(id, 'both');
}

describe('incremental ingest', () => {
  test.prop([fc.shuffledSubarray([...TEXTS.keys()], { minLength: TEXTS.length, maxLength: TEXTS.length }), fc.integer({ min: 0, max: TEXTS.length })], {
    numRuns: 12,
  })('adding documents one at a time gives exactly the graph a full rebuild gives, in any order', (order, split) => {
    const store = Store.open(':memory:');
    for (const i of order.slice(0, split)) {
      const doc = parsePlainText(TEXTS[i] as string, `t${i}.txt`);
      store.ingest(doc, extract(doc));
    }
    const service = new GraphService(store);
    warm(service.index);
    for (const i of order.slice(split)) {
      service.ingest({ text: TEXTS[i] as string });
      warm(service.index);
    }
    expect(view(service.index)).toBe(view(loadIndex(store)));
    service.unwatch();
    store.close();
  });

  it('updates in place when the new document leaves earlier merges alone, and rebuilds when it does not', () => {
    const store = Store.open(':memory:');
    const service = new GraphService(store);
    expect(service.index.graph.order).toBe(0);
    service.ingest({ text: 'On Tuesday, Lavrov told reporters in Moscow that talks would go on.' });
    service.ingest({ text: 'Iran met Russia in Geneva on Monday.' });
    const graph = service.index.graph;
    expect(service.incrementalUpdates).toBe(2);
    // "Lavrov" alone was a person of its own; a document naming Sergei Lavrov changes that decision: rebuild.
    service.ingest({ text: 'Russian Foreign Minister Sergei Lavrov met Iranian officials in Moscow.' });
    expect(service.incrementalUpdates).toBe(2);
    expect(service.index.graph).not.toBe(graph);
    expect(service.index.findEntity({ name: 'Lavrov' })?.name).toBe('Sergei Lavrov');
    expect(service.index.graph.filterNodes((_id, n) => n.name === 'Lavrov')).toEqual([]);
    // The seed article: large, and sharing entities with what is there.
    service.ingest({ text: SEED_TEXT });
    expect(service.incrementalUpdates).toBe(3);
    expect(view(service.index)).toBe(view(loadIndex(store)));
    service.unwatch();
    store.close();
  });

  it('keeps the event listing in date order when dated events arrive in place', () => {
    const store = Store.open(':memory:');
    const service = new GraphService(store);
    service.ingest({ text: 'Iran met Russia in Geneva on Monday, January 13, 2025.' });
    warm(service.index);
    service.ingest({ text: 'Israel struck Hezbollah in Lebanon on March 3, 2024. Biden met Netanyahu in Washington on July 4, 2023.' });
    expect(service.incrementalUpdates).toBe(2);
    const dates = service.index.events({}, 'date', 10, null).items.map((i) => i.node.date?.value ?? null);
    expect(dates).toEqual(['2023-07-04', '2024-03-03', null]);
    expect(view(service.index)).toBe(view(loadIndex(store)));
    service.unwatch();
    store.close();
  });

  it('keeps analytics answering while new ones are computed', async () => {
    const store = Store.open(':memory:');
    const doc = parsePlainText(SEED_TEXT, 'seed.txt');
    store.ingest(doc, extract(doc));
    const service = new GraphService(store);
    await service.analyticsReady;
    const top = service.index.centrality('pagerank', null, 3);
    expect(top).toHaveLength(3);
    service.ingest({ text: 'Iran met Russia in Geneva on Monday.' });
    expect(service.incrementalUpdates).toBe(1);
    expect(service.index.centrality('pagerank', null, 3).map((s) => s.entity.id)).toEqual(top.map((s) => s.entity.id));
    service.unwatch();
    store.close();
  });
});

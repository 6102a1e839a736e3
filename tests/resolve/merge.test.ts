// Cross-document resolution and order independence of the graph built from several articles.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/nlp/index.js';
import { buildIndex } from '../../src/pipeline.js';

const doc = (id: string, text: string) => extract({ id, title: null, publishedAt: null, text });

const CORPUS = [
  doc('a', 'US President-elect Donald Trump spoke at Mar-a-Lago in Palm Beach, Florida, on Tuesday.'),
  doc('b', 'Trump said Iran must not get a bomb. Iran rejected the demand.'),
  doc('c', "In response, Iran's Islamic Revolutionary Guard Corps suspended devices."),
  doc('d', 'The IRGC said on Monday that it had detected explosives.'),
  doc('e', 'Joe Biden met Jill Biden in Washington. Biden said little.'),
];

describe('cross-document resolution', () => {
  const index = buildIndex(CORPUS);
  it('keeps the fullest name whichever article comes first', () => {
    const reversed = buildIndex([...CORPUS].reverse().map((x, i) => ({ ...x, id: `z${i}`, document: { ...x.document, id: `z${i}` } })));
    expect(reversed.findEntity({ name: 'Trump' })?.name).toBe('Donald Trump');
  });
  it('merges a surname met alone in one article into the full name from another', () => {
    const trump = index.findEntity({ name: 'Trump' });
    expect(trump?.id).toBe('person:donald-trump');
    expect(trump?.documents).toEqual(['a', 'b']);
    expect(index.hasNode('person:trump')).toBe(false);
  });
  it('merges an acronym into the one organization that carries it', () => {
    const irgc = index.findEntity({ name: 'IRGC' });
    expect(irgc?.name).toBe('Islamic Revolutionary Guard Corps');
    expect(irgc?.documents).toEqual(['c', 'd']);
  });
  it('never merges two people who share a surname', () => {
    expect(index.hasNode('person:joe-biden')).toBe(true);
    expect(index.hasNode('person:jill-biden')).toBe(true);
  });
  it('makes events nodes joined to their participants by role edges', () => {
    const stats = index.stats();
    expect(stats.byType.find((b) => b.type === 'event')?.count ?? 0).toBeGreaterThanOrEqual(0);
    for (const key of index.graph.edges()) {
      const e = index.edge(key);
      expect(index.hasNode(e.source) && index.hasNode(e.target)).toBe(true);
      expect(e.evidence.length).toBeGreaterThan(0);
    }
  });
});

const snapshot = (order: number[]): string => {
  const index = buildIndex(order.map((i) => CORPUS[i] as (typeof CORPUS)[number]));
  const nodes = index.graph
    .nodes()
    .sort()
    .map((n) => index.graph.getNodeAttributes(n));
  const edges = index.graph
    .edges()
    .sort()
    .map((e) => index.graph.getEdgeAttributes(e));
  return JSON.stringify({ nodes, edges });
};

describe('order independence', () => {
  const reference = snapshot([0, 1, 2, 3, 4]);
  test.prop([fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 })], { numRuns: 25 })('any ingest order gives the same graph', (order) => {
    expect(snapshot(order)).toBe(reference);
  });
});

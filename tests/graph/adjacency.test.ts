// The adjacency table (src/graph/adjacency.ts) against the graph itself: every entity's relations in every direction,
// strongest first, on random multigraphs (parallel relations, self-loops, co-occurrence), built whole and after
// relations were added and re-weighed in place.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createGraph, type DocumentInfo, GraphIndex, type KnowledgeGraph, type RelationEdge } from '../../src/graph/index.js';
import { neighborhood, type Walkable } from '../../src/graph/traverse.js';
import { documentInfo, entityNode } from '../support/fixtures.js';

const DIRECTIONS = ['out', 'in', 'both'] as const;

const relation = (id: string, source: string, target: string, weight: number, confidence: number, cooccurrence: boolean): RelationEdge => ({
  id,
  type: cooccurrence ? 'co_occurs_with' : 'meets',
  source,
  target,
  confidence,
  weight,
  evidence: [],
  rules: [],
  predicates: [],
  modality: null,
  cooccurrence,
});

/** What a relations list must be, read from graphology: stated first, then heavier, surer (to 0.001), then by id. */
function expected(graph: KnowledgeGraph, id: string, direction: (typeof DIRECTIONS)[number], withCooccurrence: boolean): string[] {
  const keys = direction === 'out' ? graph.outEdges(id) : direction === 'in' ? graph.inEdges(id) : graph.edges(id);
  const key = (e: RelationEdge): [number, number, number, string] => [e.cooccurrence ? 1 : 0, -e.weight, -Math.round(e.confidence * 1000), e.id];
  return keys
    .map((k) => graph.getEdgeAttributes(k))
    .filter((e) => withCooccurrence || !e.cooccurrence)
    .sort((a, b) => {
      const x = key(a);
      const y = key(b);
      for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
      return x[3] < y[3] ? -1 : x[3] > y[3] ? 1 : 0;
    })
    .map((e) => e.id);
}

/** Walks on the table (index.walk) give what the same walk over relationsOf gives, whatever the hops, limit and co-occurrence. */
function checkWalks(graph: KnowledgeGraph, index: GraphIndex, fresh: boolean): void {
  const listsOnly: Walkable = { node: (id) => index.node(id), relationsOf: (id, direction, options) => index.relationsOf(id, direction, options) };
  let fast = 0;
  let walks = 0;
  graph.forEachNode((id) => {
    for (const hops of [1, 2, 3])
      for (const limit of [1, 3, 8, 50])
        for (const includeCooccurrence of [false, true]) {
          const options = { includeCooccurrence };
          walks++;
          if (index.walk(id, hops, limit, includeCooccurrence, () => {})) fast++;
          const got = neighborhood(index, id, hops, limit, options);
          const want = neighborhood(listsOnly, id, hops, limit, options);
          expect({ nodes: got.nodes.map((n) => n.id), edges: got.edges.map((e) => e.id), truncated: got.truncated }, `${id} ${hops} ${limit}`).toEqual({
            nodes: want.nodes.map((n) => n.id),
            edges: want.edges.map((e) => e.id),
            truncated: want.truncated,
          });
        }
  });
  // Built whole, the table knows every entity: no walk falls back to the lists.
  if (fresh) expect(fast).toBe(walks);
}

function checkAll(graph: KnowledgeGraph, index: GraphIndex, fresh: boolean): void {
  checkWalks(graph, index, fresh);
  graph.forEachNode((id) => {
    for (const direction of DIRECTIONS)
      for (const withCooccurrence of [false, true])
        expect(
          index.relationsOf(id, direction, { includeCooccurrence: withCooccurrence }).map((e) => e.id),
          `${id} ${direction} ${withCooccurrence}`,
        ).toEqual(expected(graph, id, direction, withCooccurrence));
  });
}

const edgeArb = (nodes: number) =>
  fc.record({
    source: fc.nat(nodes - 1),
    target: fc.nat(nodes - 1),
    weight: fc.integer({ min: 1, max: 3 }),
    confidence: fc.constantFrom(0.5, 0.6, 0.6004, 0.9),
    cooccurrence: fc.boolean(),
  });

const graphArb = fc
  .integer({ min: 1, max: 25 })
  .chain((nodes) =>
    fc.record({ nodes: fc.constant(nodes), edges: fc.array(edgeArb(nodes), { maxLength: 150 }), added: fc.array(edgeArb(nodes + 2), { maxLength: 30 }) }),
  );

const nodeId = (i: number): string => `person:n${i}`;
const doc = (id: string): DocumentInfo => documentInfo(id, null, { source: '' });

describe('adjacency table', () => {
  test.prop([graphArb], { numRuns: 150 })(
    'lists every entity’s relations as the graph holds them, built whole and after changes in place',
    ({ nodes, edges, added }) => {
      const graph = createGraph();
      for (let i = 0; i < nodes + 2; i++) if (i < nodes) graph.addNode(nodeId(i), entityNode(nodeId(i)));
      // The graph refuses self-loops: such a draw relates the entity to the next one.
      const other = (e: { source: number; target: number }, n: number): number => (e.source === e.target ? (e.target + 1) % n : e.target);
      edges.forEach((e, k) => {
        if (nodes < 2 && e.source === e.target) return;
        e.target = other(e, nodes);
        const r = relation(`r${String(k).padStart(3, '0')}`, nodeId(e.source), nodeId(e.target), e.weight, e.confidence, e.cooccurrence);
        graph.addEdgeWithKey(r.id, r.source, r.target, r);
      });
      let index = new GraphIndex(graph, []);
      checkAll(graph, index, true);
      // In place: two new entities, new relations, and an old relation made heavier (as a second document stating it).
      const newEdges = new Set<string>();
      const changed = new Set<string>();
      const touched = new Set<string>();
      for (let i = nodes; i < nodes + 2; i++) {
        graph.addNode(nodeId(i), entityNode(nodeId(i)));
        touched.add(nodeId(i));
      }
      added.forEach((e, k) => {
        e.target = other(e, nodes + 2);
        const r = relation(`s${String(k).padStart(3, '0')}`, nodeId(e.source), nodeId(e.target), e.weight, e.confidence, e.cooccurrence);
        graph.addEdgeWithKey(r.id, r.source, r.target, r);
        newEdges.add(r.id);
      });
      const old = graph.edges()[0];
      if (old && !newEdges.has(old)) {
        graph.updateEdgeAttribute(old, 'weight', (w) => (w as number) + 5);
        changed.add(old);
      }
      index = index.update({ change: { nodes: touched, newEdges, edges: changed }, document: doc('later') });
      checkAll(graph, index, false);
    },
  );

  it('keeps hubs’ lists and answers a neighbourhood as the graph does', () => {
    // A hub with 40 relations (over the size whose lists are kept) and a ring around it.
    const graph = createGraph();
    for (let i = 0; i < 41; i++) graph.addNode(nodeId(i), entityNode(nodeId(i)));
    for (let i = 1; i < 41; i++) {
      const r = relation(`h${i}`, nodeId(0), nodeId(i), 1 + (i % 3), 0.5 + (i % 5) / 10, i % 7 === 0);
      graph.addEdgeWithKey(r.id, r.source, r.target, r);
      const s = relation(`ring${i}`, nodeId(i), nodeId(1 + (i % 40)), 1, 0.7, false);
      graph.addEdgeWithKey(s.id, s.source, s.target, s);
    }
    const index = new GraphIndex(graph, []);
    checkAll(graph, index, true);
    // Asked twice, a hub's list is the same kept list (not listed again), and still right.
    expect(index.relationsOf(nodeId(0), 'both')).toBe(index.relationsOf(nodeId(0), 'both'));
    // Two hops, at most 10 entities, walked here over the lists read from graphology: the same entities and relations.
    for (const start of [nodeId(0), nodeId(3)]) {
      const walk = index.neighborhood(start, 2, 10);
      const seen = [start];
      let frontier = [start];
      let truncated = false;
      for (let h = 0; h < 2 && !truncated; h++) {
        const next: string[] = [];
        for (const at of frontier) {
          for (const id of expected(graph, at, 'both', false)) {
            const e = graph.getEdgeAttributes(id);
            const far = e.source === at ? e.target : e.source;
            if (seen.includes(far)) continue;
            if (seen.length >= 10) {
              truncated = true;
              break;
            }
            seen.push(far);
            next.push(far);
          }
          if (truncated) break;
        }
        frontier = next;
      }
      expect(walk.nodes.map((n) => n.id)).toEqual([...seen].sort());
      expect(walk.truncated).toBe(truncated);
      const inside = graph.filterEdges((_k, e) => !e.cooccurrence && seen.includes(e.source) && seen.includes(e.target)).sort();
      expect(walk.edges.map((e) => e.id).sort()).toEqual(inside);
      expect(walk.nodes.map((n) => n.id)).toContain(nodeId(0));
    }
  });
});

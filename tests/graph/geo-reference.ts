// The reference near and within must agree with (a haversine distance and filters written out plainly, independent of
// src/graph/geo.ts), hand-built located entities, and random graphs with points at the poles and on both sides of the
// antimeridian. Shared by tests/graph/geo.test.ts (GraphIndex) and tests/graphql/geo.test.ts (through a server).
import { fc } from '@fast-check/vitest';
import { expect } from 'vitest';
import { MAX_NEAR_KM } from '../../src/graph/geo.js';
import { createGraph, type DocumentInfo, type EntityNode, GraphIndex, type KnowledgeGraph } from '../../src/graph/index.js';
import type { NearHit, Period } from '../../src/graph/query.js';
import { parsePeriod } from '../../src/graph/time.js';
import type { EntityType, GeoAttributes } from '../../src/nlp/types.js';
import { documentInfo, entityNode } from '../support/fixtures.js';

// ---- The reference: a haversine distance and filters written out plainly, independent of geo.ts. ----

const R = 6371;
const RAD = Math.PI / 180;
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const a = Math.sin(((lat2 - lat1) * RAD) / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(((lon2 - lon1) * RAD) / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface Located {
  id: string;
  lat: number;
  lon: number;
  countryCode: string;
  node: EntityNode;
}

/** Every entity with a point: its own reading, or an event's location's. */
export function located(g: KnowledgeGraph): Located[] {
  const out: Located[] = [];
  g.forEachNode((id, n) => {
    const geo = n.type === 'event' ? (n.location && g.hasNode(n.location) ? g.getNodeAttributes(n.location).geo : null) : n.geo;
    if (geo) out.push({ id, lat: geo.lat, lon: geo.lon, countryCode: geo.countryCode, node: n });
  });
  return out;
}

export interface Filter {
  types: EntityType[] | null;
  /** YYYY-MM-DD ends, compared as strings with the documents' dates; undated documents are outside. */
  period: { from: string; to: string } | null;
}

export function keeps(filter: Filter, published: Map<string, string | null>): (n: EntityNode) => boolean {
  return (n) => {
    if (filter.types && filter.types.length > 0 && !filter.types.includes(n.type)) return false;
    if (!filter.period) return true;
    const { from, to } = filter.period;
    return n.documents.some((d) => {
      const day = published.get(d)?.slice(0, 10);
      return day !== undefined && day >= from && day <= to;
    });
  };
}

export const periodOf = (filter: Filter): Period | null => parsePeriod(filter.period, 'test.period');

/** A point this close (km) to a boundary may fall either way under floating point: it is not held against either answer. */
export const EPS = 1e-6;

/**
 * `hits` is a correct answer of near(lat, lon, km, first) over `candidates` (the located entities the filter keeps):
 * each hit is such a candidate within km at the distance said, the order is by distance then id, and no candidate
 * is left out that should have come before the last hit (or, on a short page, that is within km at all).
 */
export function expectNearAnswer(hits: NearHit[], candidates: Located[], lat: number, lon: number, km: number, first: number): void {
  const ref = new Map(candidates.map((c) => [c.id, { ...c, d: haversineKm(lat, lon, c.lat, c.lon) }]));
  expect(hits.length).toBeLessThanOrEqual(first);
  for (const h of hits) {
    const r = ref.get(h.entity.id);
    expect(r, `${h.entity.id} is not a located entity the filter keeps`).toBeDefined();
    expect(Math.abs(h.distanceKm - (r?.d ?? Number.NaN))).toBeLessThan(EPS);
    expect(r?.d).toBeLessThanOrEqual(km + EPS);
  }
  for (let i = 1; i < hits.length; i++) {
    const a = hits[i - 1] as NearHit;
    const b = hits[i] as NearHit;
    expect(a.distanceKm < b.distanceKm || (a.distanceKm === b.distanceKm && a.entity.id < b.entity.id), `order at ${i}`).toBe(true);
  }
  const returned = new Set(hits.map((h) => h.entity.id));
  const last = hits.at(-1);
  const lastRef = last ? ref.get(last.entity.id) : undefined;
  for (const r of ref.values()) {
    if (returned.has(r.id) || r.d > km - EPS) continue;
    // Within km for sure and not returned: only allowed when the page is full and it comes after the last hit.
    expect(hits.length, `${r.id} at ${r.d} km is missing from a short page`).toBe(first);
    expect(r.d, `${r.id} is nearer than the last hit`).toBeGreaterThanOrEqual((lastRef?.d ?? 0) - EPS);
    if (lastRef && r.lat === lastRef.lat && r.lon === lastRef.lon) expect(r.id > lastRef.id, `tie with ${lastRef.id} goes by id`).toBe(true);
  }
}

/** The within listing, written out: located in the country, kept by the filter, most mentioned first, then by id. */
export function bruteWithin(g: KnowledgeGraph, code: string, keep: (n: EntityNode) => boolean): string[] {
  return located(g)
    .filter((l) => l.countryCode === code && keep(l.node))
    .sort((a, b) => b.node.mentionCount - a.node.mentionCount || (a.id < b.id ? -1 : 1))
    .map((l) => l.id);
}

/** All pages of within, followed by cursor. */
export function allWithin(index: GraphIndex, country: string, filter: Filter, pageSize: number): { ids: string[]; total: number } {
  const ids: string[] = [];
  let after: string | null = null;
  let total = -1;
  for (let guard = 0; guard < 1000; guard++) {
    const page = index.within(country, filter.types, periodOf(filter), pageSize, after);
    if (total < 0) total = page.totalCount();
    ids.push(...page.items.map((it) => it.node.id));
    if (!page.hasNextPage) break;
    after = page.items.at(-1)?.cursor ?? null;
  }
  return { ids, total };
}

// ---- Hand-built graphs. ----

export function geo(name: string, lat: number, lon: number, countryCode: string, extra: Partial<GeoAttributes> = {}): GeoAttributes {
  return {
    geonamesId: null,
    name,
    lat,
    lon,
    countryCode,
    admin1: null,
    population: null,
    confidence: 0.9,
    reason: 'test',
    runnerUp: null,
    ...extra,
  };
}

export const entity = (id: string, name: string, documents: string[], where: GeoAttributes | null, mentions = documents.length): EntityNode =>
  entityNode(id, { name, mentionCount: mentions, documents: [...documents].sort(), eventType: id.startsWith('event:') ? 'attack' : null, geo: where });

export const eventAt = (id: string, location: string | null, documents: string[]): EntityNode => ({ ...entity(id, id, documents, null), location });

export const doc = (id: string, publishedAt: string | null): DocumentInfo => documentInfo(id, publishedAt);

export function indexOf(nodes: EntityNode[], docs: DocumentInfo[]): GraphIndex {
  const g = createGraph();
  for (const n of nodes) g.addNode(n.id, n);
  return new GraphIndex(
    g,
    [...docs].sort((a, b) => (a.id < b.id ? -1 : 1)),
  );
}

// ---- Random graphs. ----

export const COUNTRIES: [string, string][] = [
  ['LY', 'Libya'],
  ['FR', 'France'],
  ['US', 'United States'],
  ['FJ', 'Fiji'],
];
export const DATES = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-02-01', null] as const;
export const DOCS = DATES.map((d, i) => doc(`d${i}`, d));
export const PUBLISHED = new Map<string, string | null>(DOCS.map((d) => [d.id, d.publishedAt]));

export const latArb = fc.oneof(fc.double({ min: -90, max: 90, noNaN: true }), fc.constantFrom(90, -90, 89.9999, -89.9999, 0));
export const lonArb = fc.oneof(fc.double({ min: -180, max: 180, noNaN: true }), fc.constantFrom(180, -180, 179.9999, -179.9999, 0));
/** Fresh points, or a few shared ones (so that distances tie), at the poles and on both sides of the antimeridian. */
export const pointArb = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(latArb, lonArb) },
  { weight: 1, arbitrary: fc.constantFrom<[number, number]>([90, 0], [-90, 45], [0, 180], [0, -180], [12, 179.99], [12, -179.99], [32.767, 22.637]) },
);
export const docsArb = fc.subarray(
  DOCS.map((d) => d.id),
  { minLength: 1 },
);

export const placeArb = fc.record({
  point: fc.option(pointArb, { freq: 6 }),
  country: fc.integer({ min: 0, max: COUNTRIES.length - 1 }),
  isCountry: fc.boolean(),
  docs: docsArb,
  mentions: fc.integer({ min: 1, max: 4 }),
});
export const eventArb = fc.record({ at: fc.nat(), docs: docsArb });
export interface GraphSpec {
  places: { point: [number, number] | null; country: number; isCountry: boolean; docs: string[]; mentions: number }[];
  events: { at: number; docs: string[] }[];
}
export const graphArb: fc.Arbitrary<GraphSpec> = fc.record({ places: fc.array(placeArb, { maxLength: 60 }), events: fc.array(eventArb, { maxLength: 30 }) });

export const filterArb: fc.Arbitrary<Filter> = fc.record({
  types: fc.option(fc.subarray<EntityType>(['place', 'country', 'event', 'person'])),
  period: fc.option(
    fc.tuple(fc.constantFrom('2024-01-01', '2024-01-02'), fc.constantFrom('2024-01-02', '2024-01-31', '2024-12-31')).map(([from, to]) => ({ from, to })),
  ),
});
export const queryArb = fc.record({
  point: fc.oneof(fc.tuple(latArb, lonArb), pointArb),
  km: fc.oneof(fc.double({ min: 0.001, max: MAX_NEAR_KM, noNaN: true }), fc.constantFrom(1, 50, 500, 5000, 10_000, 20_015.09, MAX_NEAR_KM)),
  first: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(100)),
  filter: filterArb,
});

export function randomGraph(spec: GraphSpec): KnowledgeGraph {
  const g = createGraph();
  spec.places.forEach((p, i) => {
    const [code, name] = COUNTRIES[p.country] as [string, string];
    const where = p.point ? geo(name, p.point[0], p.point[1], code) : null;
    g.addNode(`${p.isCountry ? 'country' : 'place'}:p${i}`, entity(`${p.isCountry ? 'country' : 'place'}:p${i}`, `P${i}`, p.docs, where, p.mentions));
  });
  const placeIds = g.nodes();
  spec.events.forEach((e, i) => {
    const location = placeIds.length > 0 ? (placeIds[e.at % placeIds.length] as string) : null;
    g.addNode(`event:e${i}`, eventAt(`event:e${i}`, location, e.docs));
  });
  return g;
}

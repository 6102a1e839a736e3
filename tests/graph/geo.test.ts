// The geo index behind near and within (graph/geo.ts through GraphIndex): a worked example with distances known from
// the coordinates, the argument checks, and property tests against a brute-force haversine filter on random graphs
// (points at the poles and on both sides of the antimeridian included), built whole and brought up to date in place.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { countryCodeOf, MAX_NEAR_KM } from '../../src/graph/geo.js';
import { GraphIndex } from '../../src/graph/index.js';
import { parsePeriod } from '../../src/graph/time.js';
import type { EntityType, Extraction } from '../../src/nlp/types.js';
import { addToIndex, buildGraphState, buildIndex } from '../../src/pipeline.js';
import {
  allWithin,
  bruteWithin,
  COUNTRIES,
  DOCS,
  doc,
  entity,
  eventAt,
  expectNearAnswer,
  filterArb,
  geo,
  graphArb,
  haversineKm,
  indexOf,
  keeps,
  located,
  PUBLISHED,
  periodOf,
  pointArb,
  queryArb,
  randomGraph,
} from './geo-reference.js';

// Real coordinates (GeoNames): Darnah and Benghazi in Libya, Paris in France and in Texas.
const DARNAH = geo('Darnah', 32.76704, 22.63669, 'LY', { geonamesId: 87205 });
const BENGHAZI = geo('Benghazi', 32.11486, 20.06859, 'LY', { geonamesId: 88319 });
const PARIS = geo('Paris', 48.85341, 2.3488, 'FR', { geonamesId: 2988507 });
const PARIS_TX = geo('Paris', 33.66094, -95.55551, 'US', { geonamesId: 4717560, admin1: 'TX' });
const LIBYA = geo('Libya', 25, 17, 'LY');

function example(): GraphIndex {
  return indexOf(
    [
      entity('place:darnah', 'Derna', ['d1', 'd2'], DARNAH, 5),
      entity('place:benghazi', 'Benghazi', ['d1'], BENGHAZI, 2),
      entity('place:paris', 'Paris', ['d3'], PARIS, 3),
      entity('place:paris-texas', 'Paris', ['d4'], PARIS_TX, 1),
      entity('country:libya', 'Libya', ['d1', 'd2'], LIBYA, 4),
      entity('place:atlantis', 'Atlantis', ['d1'], null),
      entity('person:someone', 'Someone', ['d1'], null),
      eventAt('event:flood', 'place:darnah', ['d2']),
      eventAt('event:nowhere', 'place:atlantis', ['d1']),
    ],
    [doc('d1', '2023-09-10'), doc('d2', '2023-09-12'), doc('d3', '2024-01-05'), doc('d4', null)],
  );
}

describe('near and within on a hand-built graph', () => {
  it('finds what is within km of a point, nearest first, an event at its place with ties by id', () => {
    const index = example();
    const hits = index.near(DARNAH.lat, DARNAH.lon, 300, null, null, 20);
    // Darnah to Benghazi is about 250 km; Libya's point (25 N 17 E) is about 1,000 km away.
    expect(hits.map((h) => h.entity.id)).toEqual(['event:flood', 'place:darnah', 'place:benghazi']);
    expect(hits[0]?.distanceKm).toBe(0);
    expect(hits[2]?.distanceKm).toBeCloseTo(haversineKm(DARNAH.lat, DARNAH.lon, BENGHAZI.lat, BENGHAZI.lon), 6);
    expect(hits[2]?.distanceKm).toBeGreaterThan(240);
    expect(hits[2]?.distanceKm).toBeLessThan(260);
    expect(index.near(DARNAH.lat, DARNAH.lon, 200, null, null, 20).map((h) => h.entity.id)).toEqual(['event:flood', 'place:darnah']);
    // `first` cuts inside the tie at Darnah by id.
    expect(index.near(DARNAH.lat, DARNAH.lon, 300, null, null, 1).map((h) => h.entity.id)).toEqual(['event:flood']);
  });

  it('keeps the two Parises apart by their coordinates', () => {
    const index = example();
    expect(index.near(48.86, 2.35, 50, null, null, 10).map((h) => h.entity.id)).toEqual(['place:paris']);
    expect(index.near(33.66, -95.56, 50, null, null, 10).map((h) => h.entity.id)).toEqual(['place:paris-texas']);
  });

  it('filters by type and by the period of the documents', () => {
    const index = example();
    expect(index.near(DARNAH.lat, DARNAH.lon, 2000, ['country'], null, 10).map((h) => h.entity.id)).toEqual(['country:libya']);
    expect(index.near(DARNAH.lat, DARNAH.lon, 2000, ['event', 'place'], null, 10).map((h) => h.entity.id)).toEqual([
      'event:flood',
      'place:darnah',
      'place:benghazi',
    ]);
    // Only d2 is published on 2023-09-12: Darnah, Libya and the flood are told of then, Benghazi (d1 only) is not.
    const sept12 = parsePeriod({ from: '2023-09-12', to: '2023-09-12' }, 'test');
    expect(index.near(DARNAH.lat, DARNAH.lon, 2000, null, sept12, 10).map((h) => h.entity.id)).toEqual(['event:flood', 'place:darnah', 'country:libya']);
  });

  it('finds a whole country by code or name, with the events at its places, most mentioned first', () => {
    const index = example();
    const ids = (country: string, types: EntityType[] | null = null) => index.within(country, types, null, 20, null).items.map((it) => it.node.id);
    const libya = ['place:darnah', 'country:libya', 'place:benghazi', 'event:flood'];
    expect(ids('LY')).toEqual(libya);
    expect(ids('ly')).toEqual(libya);
    expect(ids('Libya')).toEqual(libya);
    expect(ids('  libya ')).toEqual(libya);
    expect(ids('LY', ['event'])).toEqual(['event:flood']);
    expect(ids('United States')).toEqual(['place:paris-texas']);
    expect(ids('France')).toEqual(['place:paris']);
    expect(ids('JP')).toEqual([]);
    const page = index.within('LY', null, null, 2, null);
    expect(page.items.map((it) => it.node.id)).toEqual(libya.slice(0, 2));
    expect(page.hasNextPage).toBe(true);
    expect(page.totalCount()).toBe(4);
    const next = index.within('LY', null, null, 2, page.items.at(-1)?.cursor ?? null);
    expect(next.items.map((it) => it.node.id)).toEqual(libya.slice(2));
    expect(next.hasNextPage).toBe(false);
  });

  it('reads country names and codes', () => {
    expect(countryCodeOf('LY')).toBe('LY');
    expect(countryCodeOf('fr')).toBe('FR');
    expect(countryCodeOf('the United States')).toBe('US');
    expect(countryCodeOf('Libya')).toBe('LY');
    expect(countryCodeOf('ZZ')).toBeNull();
    expect(countryCodeOf('Atlantis')).toBeNull();
  });

  it('refuses arguments out of range, naming the argument and the range', () => {
    const index = example();
    const refusal = (f: () => unknown): InvalidInputError => {
      try {
        f();
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInputError);
        return error as InvalidInputError;
      }
      throw new Error('expected a refusal');
    };
    expect(refusal(() => index.near(90.5, 0, 10, null, null, 5)).message).toMatch(/^near\.lat: 90\.5 is not a latitude\. Give degrees from -90 .* to 90/);
    expect(refusal(() => index.near(0, -180.01, 10, null, null, 5)).message).toMatch(
      /^near\.lon: -180\.01 is not a longitude\. Give degrees from -180 .* to 180/,
    );
    expect(refusal(() => index.near(0, 0, 0, null, null, 5)).message).toMatch(
      /^near\.km: 0 is not a search radius\. Give kilometres greater than 0 and at most 20,038/,
    );
    expect(refusal(() => index.near(0, 0, MAX_NEAR_KM + 1, null, null, 5)).message).toMatch(/^near\.km: 20039/);
    expect(refusal(() => index.near(Number.NaN, 0, 10, null, null, 5)).message).toMatch(/^near\.lat: NaN/);
    expect(refusal(() => index.within('Atlantis', null, null, 5, null)).message).toBe(
      'within.country: "Atlantis" is neither an ISO 3166-1 alpha-2 code nor a country name. Give a code such as "LY" or a name such as "Libya".',
    );
    expect(refusal(() => index.within('ZZ', null, null, 5, null)).message).toMatch(/^within\.country: "ZZ"/);
    // The edges of the ranges are taken.
    expect(index.near(90, 180, MAX_NEAR_KM, null, null, 100)).toHaveLength(6);
    expect(index.near(-90, -180, 1, null, null, 100)).toEqual([]);
  });
});

describe('near and within against brute force', () => {
  test.prop([graphArb, fc.array(queryArb, { minLength: 1, maxLength: 4 })], { numRuns: 250 })(
    'near agrees with a haversine filter on random points',
    (spec, queries) => {
      const g = randomGraph(spec);
      const index = new GraphIndex(g, DOCS);
      const all = located(g);
      for (const q of queries) {
        const [lat, lon] = q.point;
        const hits = index.near(lat, lon, q.km, q.filter.types, periodOf(q.filter), q.first);
        expectNearAnswer(
          hits,
          all.filter((l) => keeps(q.filter, PUBLISHED)(l.node)),
          lat,
          lon,
          q.km,
          q.first,
        );
      }
    },
  );

  test.prop([graphArb, fc.integer({ min: 0, max: COUNTRIES.length - 1 }), fc.boolean(), filterArb, fc.integer({ min: 1, max: 7 })], { numRuns: 200 })(
    'within agrees with a filter on the country code, page by page',
    (spec, c, byName, filter, pageSize) => {
      const g = randomGraph(spec);
      const index = new GraphIndex(g, DOCS);
      const [code, name] = COUNTRIES[c] as [string, string];
      const expected = bruteWithin(g, code, keeps(filter, PUBLISHED));
      const got = allWithin(index, byName ? name : code.toLowerCase(), filter, pageSize);
      expect(got.ids).toEqual(expected);
      expect(got.total).toBe(expected.length);
    },
  );
});

// ---- In place: documents added one by one through the pipeline (pipeline.addToIndex → GraphIndex.update). ----

/** A document naming places (a place named again may be read elsewhere, surer) and events at them. */
interface DocSpec {
  places: { slot: number; point: [number, number]; country: number; confidence: number }[];
  events: { slot: number }[];
}

const SLOTS = 40;
const docSpecArb: fc.Arbitrary<DocSpec> = fc.record({
  places: fc.uniqueArray(
    fc.record({
      slot: fc.integer({ min: 0, max: SLOTS - 1 }),
      point: pointArb,
      country: fc.integer({ min: 0, max: COUNTRIES.length - 1 }),
      confidence: fc.constantFrom(0.5, 0.7, 0.9),
    }),
    { selector: (p) => p.slot, maxLength: 6 },
  ),
  events: fc.array(fc.record({ slot: fc.nat() }), { maxLength: 3 }),
});

const slotName = (slot: number): string => `Geoslot${String.fromCharCode(97 + (slot % 26))}${String.fromCharCode(97 + Math.floor(slot / 26))}`;

function extractionOf(i: number, spec: DocSpec): Extraction {
  const id = `doc${String(i).padStart(4, '0')}`;
  const mention = { start: 0, end: 4, text: 'x', sentence: 0 };
  return {
    id,
    document: { id, title: null, publishedAt: `2024-03-${String((i % 28) + 1).padStart(2, '0')}`, chars: 100 },
    extractor: 'test',
    sentences: [{ index: 0, start: 0, end: 100 }],
    entities: spec.places.map((p) => {
      const [code, name] = COUNTRIES[p.country] as [string, string];
      return {
        id: `place:s${p.slot}`,
        type: 'place' as const,
        name: slotName(p.slot),
        aliases: [],
        mentions: [mention],
        confidence: 0.9,
        attributes: { geo: geo(name, p.point[0], p.point[1], code, { confidence: p.confidence }) },
      };
    }),
    relations: [],
    cooccurrences: [],
    events: spec.places.length
      ? spec.events.map((e, k) => {
          const at = `place:s${(spec.places[e.slot % spec.places.length] as { slot: number }).slot}`;
          return {
            id: `event:${id}-${k}`,
            eventType: 'attack',
            quadClass: 'material_conflict',
            name: `attack ${id} ${k}`,
            trigger: { start: 0, end: 4, text: 'x' },
            date: null,
            location: at,
            participants: [{ entity: at, role: 'location' as const }],
            evidence: { start: 0, end: 4, text: 'x', sentence: 0 },
            confidence: 0.8,
            rule: 'test',
          };
        })
      : [],
  };
}

const meta = (x: Extraction) => ({ id: x.document.id, url: null, source: 'test' });

/** Builds from the first `built` documents, asks near once (the geo index is built), then adds the rest in place. */
function inPlace(xs: Extraction[], built: number, query: () => [number, number, number]): GraphIndex {
  const { index: first, state } = buildGraphState(xs.slice(0, built), xs.slice(0, built).map(meta), []);
  let index = first;
  const [lat, lon, km] = query();
  // Both the tree and the by-country lists exist before the documents come in place.
  index.near(lat, lon, km, null, null, 10);
  index.within('LY', null, null, 5, null);
  for (const x of xs.slice(built)) {
    const next = addToIndex(index, state, x, meta(x));
    if (!next) throw new Error(`addToIndex refused ${x.document.id}`);
    index = next;
  }
  return index;
}

describe('near and within after documents are added in place', () => {
  test.prop([fc.array(docSpecArb, { minLength: 1, maxLength: 12 }), fc.nat(), fc.array(queryArb, { minLength: 1, maxLength: 3 })], { numRuns: 120 })(
    'answer as a graph built whole does, and as brute force does',
    (specs, cut, queries) => {
      const xs = specs.map((s, i) => extractionOf(i, s));
      const q0 = queries[0] as (typeof queries)[number];
      const live = inPlace(xs, cut % (xs.length + 1), () => [q0.point[0], q0.point[1], q0.km]);
      const whole = buildIndex(xs, xs.map(meta));
      const published = new Map(xs.map((x) => [x.document.id, x.document.publishedAt]));
      const all = located(live.graph);
      for (const q of queries) {
        const [lat, lon] = q.point;
        const filter = { ...q.filter, period: q.filter.period && { from: '2024-03-03', to: '2024-03-09' } };
        const hits = live.near(lat, lon, q.km, filter.types, periodOf(filter), q.first);
        expectNearAnswer(
          hits,
          all.filter((l) => keeps(filter, published)(l.node)),
          lat,
          lon,
          q.km,
          q.first,
        );
        const fresh = whole.near(lat, lon, q.km, filter.types, periodOf(filter), q.first);
        expect(hits.map((h) => [h.entity.id, h.distanceKm])).toEqual(fresh.map((h) => [h.entity.id, h.distanceKm]));
      }
      for (const [code] of COUNTRIES) {
        const ids = (index: GraphIndex) => allWithin(index, code, { types: null, period: null }, 5).ids;
        expect(ids(live)).toEqual(bruteWithin(live.graph, code, () => true));
        expect(ids(live)).toEqual(ids(whole));
      }
    },
  );

  it('moves a place and the events there when a surer reading arrives, and folds many additions into a new tree', () => {
    const xs: Extraction[] = [];
    // A place first read in Libya with confidence 0.5, with an event there.
    xs.push(extractionOf(0, { places: [{ slot: 0, point: [DARNAH.lat, DARNAH.lon], country: 0, confidence: 0.5 }], events: [{ slot: 0 }] }));
    // Then many documents, each with three new places north of Paris (more than the tree's tail holds before a rebuild).
    for (let i = 1; i <= 120; i++) {
      const x = extractionOf(i, { places: [], events: [] });
      x.entities = [0, 1, 2].map((k) => ({
        id: `place:paris-${i}-${k}`,
        type: 'place',
        name: `Parisquarter${slotName(i * 3 + k)}`,
        aliases: [],
        mentions: [{ start: 0, end: 4, text: 'x', sentence: 0 }],
        confidence: 0.9,
        attributes: { geo: geo('Quarter', PARIS.lat + (i * 3 + k) * 1e-3, PARIS.lon, 'FR') },
      }));
      xs.push(x);
    }
    // Last, the first place read surer, in France.
    xs.push(extractionOf(121, { places: [{ slot: 0, point: [PARIS.lat, PARIS.lon], country: 1, confidence: 0.9 }], events: [] }));
    const live = inPlace(xs, 1, () => [DARNAH.lat, DARNAH.lon, 10]);
    expect(live.near(DARNAH.lat, DARNAH.lon, 10, null, null, 10)).toEqual([]);
    const atParis = live.near(PARIS.lat, PARIS.lon, 0.001, null, null, 10).map((h) => h.entity.id);
    expect(atParis).toEqual(['event:doc0000-0', 'place:s0']);
    expect(live.near(PARIS.lat, PARIS.lon, 100, ['place'], null, 100).length).toBe(100);
    expect(live.within('LY', null, null, 10, null).items).toEqual([]);
    expect(live.within('FR', null, null, 100, null).totalCount()).toBe(1 + 1 + 360);
    const all = located(live.graph);
    expectNearAnswer(live.near(PARIS.lat, PARIS.lon, 30, null, null, 100), all, PARIS.lat, PARIS.lon, 30, 100);
  });

  it('finds a place once when its reading moves away and back', () => {
    const at = (i: number, point: [number, number], country: number, confidence: number) =>
      extractionOf(i, { places: [{ slot: 7, point, country, confidence }], events: [{ slot: 0 }] });
    const xs = [at(0, [DARNAH.lat, DARNAH.lon], 0, 0.5), at(1, [PARIS.lat, PARIS.lon], 1, 0.7), at(2, [DARNAH.lat, DARNAH.lon], 0, 0.9)];
    const live = inPlace(xs, 1, () => [0, 0, 1]);
    expect(live.near(DARNAH.lat, DARNAH.lon, 1, null, null, 10).map((h) => h.entity.id)).toEqual([
      'event:doc0000-0',
      'event:doc0001-0',
      'event:doc0002-0',
      'place:s7',
    ]);
    expect(live.near(PARIS.lat, PARIS.lon, 1, null, null, 10)).toEqual([]);
    expect(live.within('LY', null, null, 10, null).items.map((it) => it.node.id)).toEqual([
      'place:s7',
      'event:doc0000-0',
      'event:doc0001-0',
      'event:doc0002-0',
    ]);
    expect(live.within('FR', null, null, 10, null).totalCount()).toBe(0);
  });
});

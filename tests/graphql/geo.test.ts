// Entity.geo, near and within through GraphQL over a real server on 127.0.0.1: the gazetteer reading an extraction
// carries comes out as written, near and within answer by distance and by country (and agree with a brute-force
// haversine filter on random graphs), bad arguments get messages naming the fix, and the cost limit holds.
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EntityNode, GraphIndex } from '../../src/graph/index.js';
import type { NearHit } from '../../src/graph/query.js';
import type { ExtractedEntity, Extraction, GeoAttributes } from '../../src/nlp/types.js';
import { buildIndex } from '../../src/pipeline.js';
import { type RunningServer, type ServedGraph, startServer } from '../../src/server/app.js';
import {
  bruteWithin,
  COUNTRIES,
  DOCS,
  expectNearAnswer,
  type Filter,
  filterArb,
  geo,
  graphArb,
  haversineKm,
  keeps,
  located,
  PUBLISHED,
  queryArb,
  randomGraph,
} from '../graph/geo-reference.js';
import { locatedEntity } from '../support/fixtures.js';

// Real coordinates (GeoNames).
const DARNAH = geo('Darnah', 32.76704, 22.63669, 'LY', { geonamesId: 87205, admin1: '70', population: 78782, confidence: 0.8, reason: 'country named' });
const BENGHAZI = geo('Benghazi', 32.11486, 20.06859, 'LY', { geonamesId: 88319, population: 650629 });
const LIBYA = geo('Libya', 25, 17, 'LY', { confidence: 1, reason: 'country by name' });
const PARIS_TX = geo('Paris', 33.66094, -95.55551, 'US', { geonamesId: 4717560, admin1: 'TX', population: 24782, confidence: 1, reason: 'enclosing place' });
const PARIS: GeoAttributes = {
  ...geo('Paris', 48.85341, 2.3488, 'FR', { geonamesId: 2988507, admin1: '11', population: 2138551, confidence: 0.6, reason: 'population' }),
  runnerUp: { geonamesId: 4717560, name: 'Paris', lat: 33.66094, lon: -95.55551, countryCode: 'US', admin1: 'TX', population: 24782 },
};

const place = locatedEntity;

function extraction(id: string, publishedAt: string | null, entities: ExtractedEntity[], eventAt: string | null = null): Extraction {
  return {
    id,
    document: { id, title: null, publishedAt, chars: 100 },
    extractor: 'test',
    sentences: [{ index: 0, start: 0, end: 100 }],
    entities,
    relations: [],
    cooccurrences: [],
    events: eventAt
      ? [
          {
            id: `event:${id}`,
            eventType: 'disaster',
            quadClass: null,
            name: `flood in ${id}`,
            trigger: { start: 0, end: 5, text: 'flood' },
            date: null,
            location: eventAt,
            participants: [{ entity: eventAt, role: 'location' }],
            evidence: { start: 0, end: 5, text: 'flood', sentence: 0 },
            confidence: 0.8,
            rule: 'test',
          },
        ]
      : [],
  };
}

/** Three articles as the extraction would give them, geo attributes and all, built by the pipeline. */
function exampleIndex(): GraphIndex {
  const xs = [
    extraction(
      'libya',
      '2023-09-12',
      [
        place('place:derna', 'Derna', DARNAH, 3),
        place('country:libya', 'Libya', LIBYA, 2),
        place('place:benghazi', 'Benghazi', BENGHAZI),
        place('person:someone', 'Someone Else', null),
      ],
      'place:derna',
    ),
    extraction('court', '2024-01-05', [place('place:paris', 'Paris', PARIS, 2)]),
    extraction('flood', null, [place('place:paris-texas', 'Paris Texas', PARIS_TX)]),
  ];
  return buildIndex(
    xs,
    xs.map((x) => ({ id: x.id, url: null, source: 'test' })),
  );
}

let served: ServedGraph;
let server: RunningServer;
const serve = (index: GraphIndex): void => {
  served = { index, documentText: () => null, writes: null };
};

beforeAll(async () => {
  serve(exampleIndex());
  server = await startServer(() => served, {
    host: '127.0.0.1',
    port: 0,
    production: false,
    corsOrigins: [],
    bodyLimit: '100kb',
    token: null,
    responseCache: false,
    log: () => {},
  });
});
afterAll(async () => {
  await server?.close();
});

interface GqlResult {
  status: number;
  data: Record<string, unknown> | null;
  errors: { message: string; extensions?: { code?: string } }[] | undefined;
}

async function gql(query: string, variables: Record<string, unknown> = {}): Promise<GqlResult> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown> | null; errors?: GqlResult['errors'] };
  return { status: res.status, data: body.data ?? null, errors: body.errors };
}

/** A field of a successful answer. */
function field<T>(r: GqlResult, name: string): T {
  expect(r.errors).toBeUndefined();
  return r.data?.[name] as T;
}

const GEO_FIELDS = 'geonamesId name lat lon countryCode admin1 population confidence reason runnerUp { geonamesId name lat lon countryCode admin1 population }';
const NEAR = `query($lat: Float!, $lon: Float!, $km: Float!, $types: [EntityType!], $period: Period, $first: Int) {
  near(lat: $lat, lon: $lon, km: $km, types: $types, period: $period, first: $first) { distanceKm entity { id type } }
}`;
const WITHIN = `query($country: String!, $types: [EntityType!], $period: Period, $first: Int, $after: String) {
  within(country: $country, types: $types, period: $period, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id mentionCount } }
  }
}`;

interface NearRow {
  distanceKm: number;
  entity: { id: string; type: string };
}
interface WithinPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { id: string } }[];
}

describe('Entity.geo', () => {
  it('gives the reading the extraction carried, with the runner-up; null when unresolved', async () => {
    const r = await gql(`{ paris: entity(id: "place:paris") { name geo { ${GEO_FIELDS} } }
      tx: entity(id: "place:paris-texas") { geo { geonamesId lat lon admin1 runnerUp { name } } }
      person: entity(id: "person:someone") { geo { lat } }
      libya: entity(name: "Libya") { iso geo { geonamesId countryCode population admin1 } }
      event: entity(id: "event:libya") { geo { lat } location { id geo { geonamesId name } } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({
      paris: { name: 'Paris', geo: PARIS },
      tx: { geo: { geonamesId: 4717560, lat: 33.66094, lon: -95.55551, admin1: 'TX', runnerUp: null } },
      person: { geo: null },
      libya: { iso: null, geo: { geonamesId: null, countryCode: 'LY', population: null, admin1: null } },
      event: { geo: null, location: { id: 'place:derna', geo: { geonamesId: 87205, name: 'Darnah' } } },
    });
  });
});

describe('near and within', () => {
  it('answers near by great-circle distance, events at their place, ties by id', async () => {
    const r = await gql(NEAR, { lat: DARNAH.lat, lon: DARNAH.lon, km: 300 });
    expect(r.errors).toBeUndefined();
    const rows = field<NearRow[]>(r, 'near');
    expect(rows.map((x) => [x.entity.id, x.entity.type])).toEqual([
      ['event:libya', 'EVENT'],
      ['place:derna', 'PLACE'],
      ['place:benghazi', 'PLACE'],
    ]);
    expect(rows[0]?.distanceKm).toBe(0);
    expect(rows[2]?.distanceKm).toBeCloseTo(haversineKm(DARNAH.lat, DARNAH.lon, BENGHAZI.lat, BENGHAZI.lon), 6);
    // Types and a period: only countries; only what documents of January 2024 tell of.
    const countries = await gql(NEAR, { lat: DARNAH.lat, lon: DARNAH.lon, km: 2000, types: ['COUNTRY'] });
    expect(field<NearRow[]>(countries, 'near').map((x) => x.entity.id)).toEqual(['country:libya']);
    const january = await gql(NEAR, { lat: 0, lon: 0, km: 20_038, period: { from: '2024-01', to: '2024-01' } });
    expect(field<NearRow[]>(january, 'near').map((x) => x.entity.id)).toEqual(['place:paris']);
    // Paris, France and Paris, Texas are two points.
    const texas = await gql(NEAR, { lat: 33.6, lon: -95.5, km: 100 });
    expect(field<NearRow[]>(texas, 'near').map((x) => x.entity.id)).toEqual(['place:paris-texas']);
  });

  it('answers within by code or name as a connection, page after page', async () => {
    const first = await gql(WITHIN, { country: 'Libya', first: 2 });
    expect(first.errors).toBeUndefined();
    const page = field<WithinPage>(first, 'within');
    // Most mentioned first: Derna (3), Libya (2), then Benghazi and the event (1 each) by id.
    expect(page.edges.map((e) => e.node.id)).toEqual(['place:derna', 'country:libya']);
    expect(page.totalCount).toBe(4);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await gql(WITHIN, { country: 'LY', first: 2, after: page.pageInfo.endCursor });
    expect(field<WithinPage>(second, 'within').edges.map((e) => e.node.id)).toEqual(['event:libya', 'place:benghazi']);
    expect(field<WithinPage>(second, 'within').pageInfo.hasNextPage).toBe(false);
    const us = await gql(WITHIN, { country: 'us' });
    expect(field<WithinPage>(us, 'within').edges.map((e) => e.node.id)).toEqual(['place:paris-texas']);
    const events = await gql(WITHIN, { country: 'Libya', types: ['EVENT'] });
    expect(field<WithinPage>(events, 'within').edges.map((e) => e.node.id)).toEqual(['event:libya']);
  });

  it('refuses bad arguments with a message naming the argument and the fix', async () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      [NEAR, { lat: 91, lon: 0, km: 10 }, 'near', /^near\.lat: 91 is not a latitude\. Give degrees from -90/],
      [NEAR, { lat: 0, lon: 200, km: 10 }, 'near', /^near\.lon: 200 is not a longitude\. Give degrees from -180/],
      [NEAR, { lat: 0, lon: 0, km: -5 }, 'near', /^near\.km: -5 is not a search radius\. Give kilometres greater than 0 and at most 20,038/],
      [NEAR, { lat: 0, lon: 0, km: 30_000 }, 'near', /^near\.km: 30000/],
      [NEAR, { lat: 0, lon: 0, km: 10, first: 101 }, 'near', /^"first" must be an integer from 1 to 100; got 101\.$/],
      [NEAR, { lat: 0, lon: 0, km: 10, period: { from: '2024-13' } }, 'near', /^near\.period\.from: "2024-13" is not a date/],
      [
        WITHIN,
        { country: 'Atlantis' },
        'within',
        /^within\.country: "Atlantis" is neither an ISO 3166-1 alpha-2 code nor a country name\. Give a code such as "LY"/,
      ],
      [WITHIN, { country: 'LY', first: 101 }, 'within', /^"first" must be an integer from 0 to 100; got 101\.$/],
      [WITHIN, { country: 'LY', after: 'nonsense' }, 'within', /is not a cursor from this API/],
    ];
    for (const [query, variables, field, message] of cases) {
      const r = await gql(query, variables);
      expect(r.errors?.[0]?.message, `${field} ${JSON.stringify(variables)}`).toMatch(message);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('counts near and within against the query cost limit like other lists', async () => {
    const nested = await gql('{ near(lat: 0, lon: 0, km: 100, first: 100) { entity { neighbors(first: 100) { aliases(first: 5) } } } }');
    expect(nested.status).toBe(400);
    expect(nested.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const paged = await gql('{ within(country: "LY", first: 100) { edges { node { relations(first: 100) { edges { node { id } } } } } } }');
    expect(paged.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });
});

/** What GraphQL returned, as the reference checker takes it (the entity looked up in the served graph). */
const asHits = (rows: NearRow[], index: GraphIndex): NearHit[] =>
  rows.map((r) => ({ entity: index.node(r.entity.id) as EntityNode, distanceKm: r.distanceKm }));

const graphqlTypes = (f: Filter): string[] | null => (f.types ? f.types.map((t) => t.toUpperCase()) : null);

describe('near and within through GraphQL against brute force', () => {
  test.prop([graphArb, queryArb], { numRuns: 60 })('near agrees with a haversine filter on random points', async (spec, q) => {
    const index = new GraphIndex(randomGraph(spec), DOCS);
    serve(index);
    const [lat, lon] = q.point;
    const r = await gql(NEAR, { lat, lon, km: q.km, first: q.first, types: graphqlTypes(q.filter), period: q.filter.period });
    expect(r.errors).toBeUndefined();
    const candidates = located(index.graph).filter((l) => keeps(q.filter, PUBLISHED)(l.node));
    expectNearAnswer(asHits(field<NearRow[]>(r, 'near'), index), candidates, lat, lon, q.km, q.first);
  });

  test.prop([graphArb, fc.integer({ min: 0, max: COUNTRIES.length - 1 }), filterArb, fc.integer({ min: 1, max: 9 })], { numRuns: 40 })(
    'within agrees with a filter on the country code, page by page',
    async (spec, c, filter, pageSize) => {
      const index = new GraphIndex(randomGraph(spec), DOCS);
      serve(index);
      const [code, name] = COUNTRIES[c] as [string, string];
      const ids: string[] = [];
      let after: string | null = null;
      let total = -1;
      for (let guard = 0; guard < 200; guard++) {
        const r = await gql(WITHIN, { country: guard % 2 ? name : code, types: graphqlTypes(filter), period: filter.period, first: pageSize, after });
        expect(r.errors).toBeUndefined();
        const page = field<WithinPage>(r, 'within');
        if (total < 0) total = page.totalCount;
        ids.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      const expected = bruteWithin(index.graph, code, keeps(filter, PUBLISHED));
      expect(ids).toEqual(expected);
      expect(total).toBe(expected.length);
    },
  );
});

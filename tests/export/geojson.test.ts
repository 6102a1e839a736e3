// The GeoJSON export: RFC 7946 (validated by @placemarkio/check-geojson), read by a standard reader (d3-geo) with the
// coordinates in [lon, lat] order, properties carrying ids and counts, and the same file from the CLI and from HTTP
// (content type application/geo+json, .geojson), scoped like the other formats.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from '@fast-check/vitest';
import { check, getIssues } from '@placemarkio/check-geojson';
import { geoBounds, geoDistance, geoEquirectangular, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportChunks, parseExportOptions, prepareExport } from '../../src/export/index.js';
import { GraphIndex } from '../../src/graph/index.js';
import { makeDocument } from '../../src/ingest/document.js';
import type { ExtractedEntity, Extraction } from '../../src/nlp/types.js';
import { loadIndex } from '../../src/pipeline.js';
import { type RunningServer, startServer } from '../../src/server/app.js';
import { Store } from '../../src/store/index.js';
import { DOCS, geo, graphArb, located, randomGraph } from '../graph/geo-reference.js';
import { runCli, tempDir } from '../helpers.js';
import { locatedEntity } from '../support/fixtures.js';

// Real coordinates (GeoNames); latitude and longitude differ everywhere, so a swapped pair shows.
const DARNAH = geo('Darnah', 32.76704, 22.63669, 'LY', { geonamesId: 87205, confidence: 0.8, reason: 'country named' });
const PARIS = geo('Paris', 48.85341, 2.3488, 'FR', { geonamesId: 2988507, confidence: 0.6, reason: 'population' });
const PARIS_TX = geo('Paris', 33.66094, -95.55551, 'US', { geonamesId: 4717560, admin1: 'TX', confidence: 1, reason: 'enclosing place' });
// More digits than a map needs: the file carries five decimals.
const LIBYA = geo('Libya', 25.0000004, 17.123456789, 'LY', { confidence: 1, reason: 'country by name' });

const mention = { start: 0, end: 5, text: 'x', sentence: 0 };
const entity = locatedEntity;

/** Stored articles whose extractions carry gazetteer readings (as the extractor writes them), in a real SQLite store. */
const ARTICLES: { id: string; publishedAt: string | null; text: string; entities: ExtractedEntity[]; eventAt?: string }[] = [
  {
    id: 'flood-1',
    publishedAt: '2023-09-12',
    text: 'Derna was hit by a flood. Libya asked for help. Someone Else spoke.',
    entities: [entity('place:derna', 'Derna', DARNAH, 3), entity('country:libya', 'Libya', LIBYA, 2), entity('person:someone', 'Someone Else', null)],
    eventAt: 'place:derna',
  },
  {
    id: 'flood-2',
    publishedAt: '2023-09-14',
    text: 'Derna again, and Libya.',
    entities: [entity('place:derna', 'Derna', DARNAH), entity('country:libya', 'Libya', LIBYA)],
  },
  { id: 'court', publishedAt: '2024-01-05', text: 'A court in Paris ruled.', entities: [entity('place:paris', 'Paris', PARIS, 2)] },
  {
    id: 'storm',
    publishedAt: null,
    text: 'A storm in Paris Texas and in Nowhere Town.',
    entities: [entity('place:paris-texas', 'Paris Texas', PARIS_TX), entity('place:nowhere', 'Nowhere Town', null)],
    eventAt: 'place:nowhere',
  },
];

function extractionOf(a: (typeof ARTICLES)[number]): Extraction {
  return {
    id: a.id,
    document: { id: a.id, title: null, publishedAt: a.publishedAt, chars: a.text.length },
    extractor: 'test',
    sentences: [{ index: 0, start: 0, end: a.text.length }],
    entities: a.entities,
    relations: [
      ...(a.entities.some((e) => e.id === 'person:someone')
        ? [
            {
              id: 'person:someone|visited|place:derna',
              type: 'visited',
              source: 'person:someone',
              target: 'place:derna',
              confidence: 0.8,
              rule: 'r',
              evidence: [mention],
            },
          ]
        : []),
    ],
    cooccurrences: [],
    events: a.eventAt
      ? [
          {
            id: `event:${a.id}`,
            eventType: 'disaster',
            quadClass: null,
            name: `disaster ${a.id}`,
            trigger: { start: 0, end: 5, text: 'flood' },
            date: { text: 'Sunday', value: a.publishedAt },
            location: a.eventAt,
            participants: [{ entity: a.eventAt, role: 'location' as const }],
            evidence: { start: 0, end: 5, text: 'flood', sentence: 0 },
            confidence: 0.8,
            rule: 'test',
          },
        ]
      : [],
  };
}

let dir: ReturnType<typeof tempDir>;
let dbPath: string;
let index: GraphIndex;
let server: RunningServer;

beforeAll(async () => {
  dir = tempDir();
  dbPath = join(dir.path, 'geo.db');
  const store = Store.open(dbPath);
  for (const a of ARTICLES) store.ingest(makeDocument({ id: a.id, text: a.text, publishedAt: a.publishedAt, source: 'test' }), extractionOf(a));
  index = loadIndex(store);
  store.close();
  server = await startServer(() => ({ index, documentText: () => null, writes: null }), {
    host: '127.0.0.1',
    port: 0,
    production: false,
    corsOrigins: [],
    bodyLimit: '100kb',
    token: null,
    log: () => {},
  });
});
afterAll(async () => {
  await server?.close();
  dir?.cleanup();
});

const exported = (raw: Parameters<typeof parseExportOptions>[0] = {}): string =>
  [...exportChunks('geojson', prepareExport(index, parseExportOptions(raw)))].join('');

type PointFeature = Feature<Point, Record<string, unknown>>;
const featureById = (fc: FeatureCollection<Point>): Map<string, PointFeature> => new Map(fc.features.map((f) => [String(f.id), f as PointFeature]));

describe('GeoJSON export', () => {
  it('is valid RFC 7946 GeoJSON: a FeatureCollection of points, no crs', () => {
    const text = exported();
    expect(getIssues(text)).toEqual([]);
    const parsed = check(text) as FeatureCollection<Point>;
    expect(parsed.type).toBe('FeatureCollection');
    expect(text).not.toContain('"crs"');
    for (const f of parsed.features) {
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('Point');
      expect(f.geometry.coordinates).toHaveLength(2);
    }
  });

  it('holds the located places, countries and events (at their place), and nothing unlocated', () => {
    const byId = featureById(JSON.parse(exported()) as FeatureCollection<Point>);
    expect([...byId.keys()].sort()).toEqual(['country:libya', 'event:flood-1', 'place:derna', 'place:paris', 'place:paris-texas']);
    expect(byId.get('event:flood-1')?.geometry.coordinates).toEqual([DARNAH.lon, DARNAH.lat]);
  });

  it('writes [longitude, latitude], five decimals, as a standard reader (d3-geo) reads them', () => {
    const collection = JSON.parse(exported()) as FeatureCollection<Point>;
    const byId = featureById(collection);
    expect(byId.get('place:paris')?.geometry.coordinates).toEqual([2.3488, 48.85341]);
    expect(byId.get('place:paris-texas')?.geometry.coordinates).toEqual([-95.55551, 33.66094]);
    expect(byId.get('country:libya')?.geometry.coordinates).toEqual([17.12346, 25]);
    // The bounding box of all points: west to Paris, Texas, east to Darnah; south to Libya's point, north to Paris.
    const [[west, south], [east, north]] = geoBounds(collection);
    expect(west).toBeCloseTo(PARIS_TX.lon, 6);
    expect(east).toBeCloseTo(DARNAH.lon, 6);
    expect(south).toBeCloseTo(25, 6);
    expect(north).toBeCloseTo(PARIS.lat, 6);
    // Projected: x grows east with longitude, y grows south as latitude falls (equirectangular, one unit a radian).
    const path = geoPath(geoEquirectangular().scale(1).translate([0, 0]));
    const [x, y] = path.centroid(byId.get('place:paris') as PointFeature);
    expect(x).toBeCloseTo((PARIS.lon * Math.PI) / 180, 9);
    expect(y).toBeCloseTo((-PARIS.lat * Math.PI) / 180, 9);
    expect(path(collection)).toMatch(/^M/);
    // Paris to Paris, Texas along the sphere: about 7,800 km.
    const km = geoDistance(
      byId.get('place:paris')?.geometry.coordinates as [number, number],
      byId.get('place:paris-texas')?.geometry.coordinates as [number, number],
    );
    expect(km * 6371).toBeGreaterThan(7700);
    expect(km * 6371).toBeLessThan(7900);
  });

  it('carries ids, counts, dates and the gazetteer reading in the properties', () => {
    const byId = featureById(JSON.parse(exported()) as FeatureCollection<Point>);
    expect(byId.get('place:derna')?.properties).toEqual({
      id: 'place:derna',
      name: 'Derna',
      type: 'place',
      mentions: 4,
      documents: 2,
      // Someone Else visited it, and the flood happened there.
      degree: 2,
      firstSeen: '2023-09-12',
      lastSeen: '2023-09-14',
      geonamesId: 87205,
      gazetteerName: 'Darnah',
      countryCode: 'LY',
      admin1: null,
      population: null,
      confidence: 0.8,
      reason: 'country named',
    });
    expect(byId.get('place:paris-texas')?.properties).toMatchObject({ firstSeen: null, lastSeen: null, geonamesId: 4717560, admin1: 'TX', confidence: 1 });
    expect(byId.get('country:libya')?.properties).toMatchObject({ type: 'country', geonamesId: null, countryCode: 'LY', mentions: 3, documents: 2 });
    expect(byId.get('event:flood-1')?.properties).toMatchObject({
      type: 'event',
      eventType: 'disaster',
      date: '2023-09-12',
      location: 'place:derna',
      geonamesId: 87205,
      countryCode: 'LY',
    });
  });

  it('is scoped like the other formats; an event keeps its place when the place is not exported', () => {
    const ids = (raw: Parameters<typeof parseExportOptions>[0]) =>
      (JSON.parse(exported(raw)) as FeatureCollection<Point>).features.map((f) => String(f.id)).sort();
    expect(ids({ types: 'place' })).toEqual(['place:derna', 'place:paris', 'place:paris-texas']);
    expect(ids({ types: 'event' })).toEqual(['event:flood-1']);
    expect(ids({ types: 'person' })).toEqual([]);
    expect(JSON.parse(exported({ types: 'person' }))).toEqual({ type: 'FeatureCollection', features: [] });
    expect(getIssues(exported({ types: 'person' }))).toEqual([]);
  });

  it('is served at /export/geojson as application/geo+json, a .geojson file, with the same scope parameters', async () => {
    const res = await fetch(`${server.url}/export/geojson`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/geo+json');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="newsgraph.geojson"');
    const body = await res.text();
    expect(body).toBe(exported());
    expect(getIssues(body)).toEqual([]);
    const scoped = await fetch(`${server.url}/export/geojson?types=event`);
    expect((JSON.parse(await scoped.text()) as FeatureCollection).features.map((f) => f.id)).toEqual(['event:flood-1']);
    const bad = await fetch(`${server.url}/export/geojson?types=planet`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('entity type \\"planet\\" is not one of');
  });

  it('is written by `newsgraph export --format geojson`, to stdout or --out', async () => {
    const out = runCli(['export', '--format', 'geojson', '--db', dbPath]);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(exported());
    const file = join(dir.path, 'places.geojson');
    const scoped = runCli(['export', '--format', 'geojson', '--types', 'place,country', '--db', dbPath, '--out', file]);
    expect(scoped.status).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(getIssues(text)).toEqual([]);
    expect((JSON.parse(text) as FeatureCollection).features.map((f) => f.id).sort()).toEqual([
      'country:libya',
      'place:derna',
      'place:paris',
      'place:paris-texas',
    ]);
    const bad = runCli(['export', '--format', 'geojsn', '--db', dbPath]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--format must be one of json, gexf, graphml, cyjs, neo4j, dot, jsonl, geojson (got "geojsn")');
  });
});

describe('GeoJSON export of random graphs', () => {
  test.prop([graphArb], { numRuns: 60 })('validates, poles and antimeridian included, each point at [lon, lat]', (spec) => {
    const g = randomGraph(spec);
    const text = [...exportChunks('geojson', prepareExport(new GraphIndex(g, DOCS), {}))].join('');
    expect(getIssues(text)).toEqual([]);
    const byId = featureById(JSON.parse(text) as FeatureCollection<Point>);
    const want = located(g);
    expect([...byId.keys()].sort()).toEqual(want.map((l) => l.id).sort());
    for (const l of want) {
      const [lon, lat] = (byId.get(l.id) as PointFeature).geometry.coordinates as [number, number];
      expect(Math.abs(lon - l.lon)).toBeLessThanOrEqual(0.5e-5 + 1e-12);
      expect(Math.abs(lat - l.lat)).toBeLessThanOrEqual(0.5e-5 + 1e-12);
    }
  });
});

// Place linking on the dev set against a hand-made gold list (tests/fixtures/geo-dev-gold.json): the share of gold
// places with a GeoNames record that extraction links to that record, and no city for places that are none.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocumentFile } from '../../src/ingest/index.js';
import { type ExtractedEntity, type Extraction, extract, nameKey } from '../../src/nlp/index.js';
import { ROOT, SHARED } from '../helpers.js';

interface GoldPlace {
  doc: string;
  name: string;
  geonamesId: number | null;
  country?: string;
  context: string;
}

const DEV = join(SHARED, 'eval', 'dev');
const GOLD = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'geo-dev-gold.json'), 'utf8')) as { places: GoldPlace[] };
/** The issue's bar: place entities with a GeoNames record linked to the right one. */
const MIN_ACCURACY = 0.9;

/** The place (or, for a name typed otherwise, any entity) the gold name denotes: by name, alias or mention. */
function entityFor(x: Extraction, name: string): ExtractedEntity | undefined {
  const key = nameKey(name);
  const named = (e: ExtractedEntity): boolean => [e.name, ...e.aliases, ...e.mentions.map((m) => m.text)].some((n) => nameKey(n) === key);
  return x.entities.find((e) => e.type === 'place' && named(e)) ?? x.entities.find(named);
}

describe.skipIf(!existsSync(DEV))('place linking on the dev set', () => {
  const extractions = new Map<string, Extraction>();
  beforeAll(() => {
    for (const doc of new Set(GOLD.places.map((p) => p.doc))) {
      const d = readDocumentFile(join(DEV, `${doc}.txt`))[0];
      if (!d) throw new Error(`no document in ${doc}.txt`);
      extractions.set(doc, extract(d));
    }
  });

  it('the gold list is what it says: cities with their country, and places that are none', () => {
    const cities = GOLD.places.filter((p) => p.geonamesId !== null);
    expect(cities.length).toBeGreaterThanOrEqual(10);
    for (const p of cities) expect(p.country, `${p.doc} ${p.name}`).toMatch(/^[A-Z]{2}$/);
    // Each gold name is written in its article as given.
    for (const p of GOLD.places) expect(readFileSync(join(DEV, `${p.doc}.txt`), 'utf8')).toContain(p.name);
  });

  it(`links at least ${MIN_ACCURACY * 100} % of the gold places that have a GeoNames record to that record`, () => {
    const cities = GOLD.places.filter((p) => p.geonamesId !== null);
    const wrong: string[] = [];
    for (const p of cities) {
      const e = entityFor(extractions.get(p.doc) as Extraction, p.name);
      const geo = e?.attributes.geo;
      if (geo?.geonamesId === p.geonamesId && geo.countryCode === p.country) continue;
      wrong.push(
        `${p.doc} ${p.name}: expected ${p.geonamesId} (${p.country}), got ${e ? (geo ? `${geo.geonamesId} ${geo.name} (${geo.countryCode})` : `no reading (${e.type})`) : 'no entity'}`,
      );
    }
    const accuracy = (cities.length - wrong.length) / cities.length;
    console.log(
      `geo linking on the dev set: ${cities.length - wrong.length} of ${cities.length} gold places right (${(accuracy * 100).toFixed(1)} %)${wrong.length ? `; wrong: ${wrong.join('; ')}` : ''}`,
    );
    expect(accuracy, wrong.join('\n')).toBeGreaterThanOrEqual(MIN_ACCURACY);
  });

  it('gives no city to the places that are none (continents, regions, buildings)', () => {
    const linked: string[] = [];
    for (const p of GOLD.places.filter((g) => g.geonamesId === null)) {
      const geo = entityFor(extractions.get(p.doc) as Extraction, p.name)?.attributes.geo;
      if (geo?.geonamesId) linked.push(`${p.doc} ${p.name} → ${geo.name} (${geo.countryCode})`);
    }
    expect(linked).toEqual([]);
  });

  it('every country of the dev set gets its ISO code and coordinates', () => {
    for (const [doc, x] of extractions) {
      for (const e of x.entities.filter((c) => c.type === 'country')) {
        const geo = e.attributes.geo;
        expect(geo, `${doc} ${e.name}`).toBeDefined();
        expect(geo?.countryCode).toBe(e.attributes.iso);
        expect(geo?.geonamesId).toBeNull();
        expect(Math.abs(geo?.lat ?? 999)).toBeLessThanOrEqual(90);
        expect(Math.abs(geo?.lon ?? 999)).toBeLessThanOrEqual(180);
      }
    }
  });
});

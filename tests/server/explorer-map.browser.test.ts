// The explorer's map view in headless Chromium, over a graph built here from hand-written extractions whose places
// and countries carry gazetteer coordinates: the world draws offline from the bundled Natural Earth shapes, each
// located entity is a circle where its coordinates project (inside its country's shape), a click opens its panel
// and focuses it in the graph view too, and the type filter, the period slider and the isolates toggle decide which
// circles are drawn. Expectations come from the table below, not from the page's code.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { geoNaturalEarth1 } from 'd3-geo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraph, GraphIndex } from '../../src/graph/index.js';
import { TYPE_COLORS } from '../../src/graph/style.js';
import type { ExtractedEntity, ExtractedRelation, Extraction, GeoAttributes } from '../../src/nlp/types.js';
import { type RunningServer, startServer } from '../../src/server/app.js';
import { BROWSER_TESTS, launchChromium, ROOT } from '../helpers.js';

const DAYS = { d1: '2024-03-01', d2: '2024-03-02', d3: '2024-03-03' } as const;
type Doc = keyof typeof DAYS;

interface Row {
  id: string;
  type: 'person' | 'organization' | 'place' | 'country';
  name: string;
  /** Mentions per document. */
  docs: Partial<Record<Doc, number>>;
  /** [lon, lat], and the ISO 3166 numeric code of the Natural Earth shape it lies in (null: too close to the coast at 1:110m). */
  at?: [number, number];
  shape?: string | null;
  geonamesId?: number | null;
  countryCode?: string;
}

// Coordinates from GeoNames (cities) and world-countries (a country's point).
const ROWS: Row[] = [
  { id: 'person:jane-doe', type: 'person', name: 'Jane Doe', docs: { d1: 2, d2: 1, d3: 1 } },
  { id: 'organization:acme-corp', type: 'organization', name: 'Acme Corp', docs: { d1: 1, d2: 1 } },
  { id: 'place:paris', type: 'place', name: 'Paris', docs: { d1: 5 }, at: [2.3522, 48.8566], shape: '250', geonamesId: 2988507, countryCode: 'FR' },
  { id: 'country:france', type: 'country', name: 'France', docs: { d1: 2, d2: 1 }, at: [2, 46], shape: '250', geonamesId: null, countryCode: 'FR' },
  {
    id: 'place:buenos-aires',
    type: 'place',
    name: 'Buenos Aires',
    docs: { d1: 1 },
    at: [-58.37723, -34.61315],
    shape: '032',
    geonamesId: 3435910,
    countryCode: 'AR',
  },
  { id: 'place:berlin', type: 'place', name: 'Berlin', docs: { d2: 3 }, at: [13.41053, 52.52437], shape: '276', geonamesId: 2950159, countryCode: 'DE' },
  { id: 'country:japan', type: 'country', name: 'Japan', docs: { d2: 2 }, at: [138, 36], shape: '392', geonamesId: null, countryCode: 'JP' },
  {
    id: 'place:paris-texas',
    type: 'place',
    name: 'Paris, Texas',
    docs: { d2: 1 },
    at: [-95.55551, 33.66094],
    shape: '840',
    geonamesId: 4717560,
    countryCode: 'US',
  },
  { id: 'place:derna', type: 'place', name: 'Derna', docs: { d3: 4 }, at: [22.63917, 32.76704], shape: null, geonamesId: 87205, countryCode: 'LY' },
  { id: 'country:libya', type: 'country', name: 'Libya', docs: { d3: 3 }, at: [17, 25], shape: '434', geonamesId: null, countryCode: 'LY' },
  { id: 'place:nairobi', type: 'place', name: 'Nairobi', docs: { d3: 2 }, at: [36.81667, -1.28333], shape: '404', geonamesId: 184745, countryCode: 'KE' },
  // A place the gazetteer did not resolve: in the graph, never on the map.
  { id: 'place:gotham', type: 'place', name: 'Gotham', docs: { d3: 1 } },
  // A located place in no stated relation: outside the overview until the isolates are included.
  { id: 'place:sydney', type: 'place', name: 'Sydney', docs: { d3: 1 }, at: [151.20732, -33.86785], shape: '036', geonamesId: 2147714, countryCode: 'AU' },
];
const RELATIONS: [string, string, string, Doc][] = [
  ['person:jane-doe', 'visited', 'place:paris', 'd1'],
  ['place:paris', 'located_in', 'country:france', 'd1'],
  ['person:jane-doe', 'works_for', 'organization:acme-corp', 'd1'],
  ['organization:acme-corp', 'based_in', 'place:buenos-aires', 'd1'],
  ['person:jane-doe', 'visited', 'place:berlin', 'd2'],
  ['country:france', 'met', 'country:japan', 'd2'],
  ['organization:acme-corp', 'based_in', 'place:paris-texas', 'd2'],
  ['place:derna', 'located_in', 'country:libya', 'd3'],
  ['person:jane-doe', 'visited', 'place:derna', 'd3'],
  ['person:jane-doe', 'visited', 'place:nairobi', 'd3'],
  ['place:gotham', 'near', 'place:derna', 'd3'],
];

const row = (id: string): Row => ROWS.find((r) => r.id === id) as Row;
const located = ROWS.filter((r) => r.at);
const inRelation = new Set(RELATIONS.flatMap(([s, , t]) => [s, t]));
/** Located entities of the first view (the connected core: every entity here in a relation is in one component). */
const coreLocated = located.filter((r) => inRelation.has(r.id)).map((r) => r.id);
const mentions = (r: Row): number => Object.values(r.docs).reduce((n, m) => n + (m ?? 0), 0);

function extraction(doc: Doc): Extraction {
  const entities: ExtractedEntity[] = ROWS.filter((r) => r.docs[doc]).map((r) => {
    const geo: GeoAttributes | undefined = r.at
      ? {
          geonamesId: r.geonamesId ?? null,
          name: r.name,
          lon: r.at[0],
          lat: r.at[1],
          countryCode: r.countryCode as string,
          admin1: null,
          population: null,
          confidence: 1,
          reason: 'hand-written test input',
          runnerUp: null,
        }
      : undefined;
    return {
      id: r.id,
      type: r.type,
      name: r.name,
      aliases: [],
      mentions: Array.from({ length: r.docs[doc] ?? 0 }, (_, i) => ({ start: i * 20, end: i * 20 + r.name.length, text: r.name, sentence: i })),
      confidence: 0.9,
      attributes: geo ? { geo } : {},
    };
  });
  const relations: ExtractedRelation[] = RELATIONS.filter((x) => x[3] === doc).map(([s, type, t]) => ({
    id: `${s}|${type}|${t}`,
    type,
    source: s,
    target: t,
    confidence: 0.8,
    rule: 'hand-written',
    evidence: [{ start: 0, end: 30, sentence: 0, text: `${row(s).name} ${type.replace('_', ' ')} ${row(t).name}.` }],
  }));
  return {
    id: `x-${doc}`,
    document: { id: doc, title: `Report ${doc}`, publishedAt: `${DAYS[doc]}T09:00:00Z`, chars: 2_000 },
    extractor: 'hand-written',
    sentences: Array.from({ length: 6 }, (_, i) => ({ index: i, start: i * 20, end: i * 20 + 19 })),
    entities,
    relations,
    cooccurrences: [],
    events: [],
  };
}

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: import('playwright-core').Page;
let origin = '';
const consoleErrors: string[] = [];
const foreign: string[] = [];
const paths = new Set<string>();

interface Circle {
  id: string;
  type: string;
  cx: number;
  cy: number;
  r: number;
  fill: string;
  title: string;
  cls: string;
}
const circles = (): Promise<Circle[]> =>
  page.$$eval('#map circle[data-id]', (cs) =>
    cs.map((c) => ({
      id: c.getAttribute('data-id') ?? '',
      type: c.getAttribute('data-type') ?? '',
      cx: Number(c.getAttribute('cx')),
      cy: Number(c.getAttribute('cy')),
      r: Number(c.getAttribute('r')),
      fill: c.getAttribute('fill') ?? '',
      title: c.querySelector('title')?.textContent ?? '',
      cls: c.getAttribute('class') ?? '',
    })),
  );
const drawnIds = async (): Promise<string[]> => (await circles()).map((c) => c.id).sort();
const byId = async (): Promise<Map<string, Circle>> => new Map((await circles()).map((c) => [c.id, c]));
interface Hook {
  state: { focus: string | null };
  focus: (q: string) => Promise<string | null>;
  renderer: { getNodeDisplayData: (id: string) => { highlighted?: boolean; hidden?: boolean } | undefined };
}
const hook = <T>(fn: (ex: Hook) => T): Promise<T> => page.evaluate(`(${fn.toString()})(window.__explorer)`) as Promise<T>;

beforeAll(async () => {
  const { graph, documents } = buildGraph((Object.keys(DAYS) as Doc[]).map(extraction));
  const served = { index: new GraphIndex(graph, documents), documentText: () => null, writes: null };
  server = await startServer(() => served, { host: '127.0.0.1', port: 0, production: false, corsOrigins: [], bodyLimit: '100kb', token: null, log: () => {} });
  origin = new URL(server.url).origin;
  if (!BROWSER_TESTS) return;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  // Anything bound elsewhere is recorded and refused: the map must draw from this server alone.
  await page.route(
    (url) => url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:',
    (route) => {
      foreign.push(route.request().url());
      return route.abort();
    },
  );
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.origin === origin) paths.add(url.pathname);
  });
  await page.goto(`${server.url}/explore`, { waitUntil: 'networkidle' });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.skipIf(!BROWSER_TESTS)('/explore map view', () => {
  it('draws the world offline and each located entity of the view where its coordinates are', async () => {
    expect(await page.isVisible('#map')).toBe(false);
    await page.click('#view-map');
    await page.waitForSelector('#map circle[data-id]');
    expect(await page.isVisible('#map')).toBe(true);
    expect(await page.isVisible('#graph')).toBe(false);
    expect(await page.getAttribute('#view-map', 'aria-pressed')).toBe('true');

    // Every country of Natural Earth 1:110m is drawn, from the bundle: nothing was fetched for it.
    const atlas = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'world-atlas', 'countries-110m.json'), 'utf8')) as {
      objects: { countries: { geometries: { id?: string }[] } };
    };
    const shapes = atlas.objects.countries.geometries.length;
    expect(shapes).toBeGreaterThan(150);
    expect(await page.locator('#map path.country').count()).toBe(shapes);
    expect(await page.locator('#map path.country[data-id="250"]').getAttribute('d')).toMatch(/^M[\d.-]/);
    expect(foreign).toEqual([]);
    expect([...paths].sort()).toEqual(['/explore', '/explore/explorer.js', '/explore/view.json']);

    // The core's located places and countries, no others (not the unresolved place, not the isolate, not people).
    expect(await drawnIds()).toEqual([...coreLocated].sort());
    expect(coreLocated).toHaveLength(9);
    expect(await page.getAttribute('#map .map-note', 'data-located')).toBe('9');

    // Where the page's projection puts the coordinates (its fitted scale and translation, read from the page).
    const svg = await page.$eval('#map svg', (s) => ({ ...(s as SVGSVGElement).dataset }));
    expect(svg.projection).toBe('naturalEarth1');
    expect(svg.zoom).toBe('1,0,0');
    const [tx, ty] = (svg.translate ?? '').split(',').map(Number) as [number, number];
    const projection = geoNaturalEarth1().scale(Number(svg.scale)).translate([tx, ty]);
    const drawn = await byId();
    const maxMentions = Math.max(...coreLocated.map((id) => mentions(row(id))));
    for (const id of coreLocated) {
      const r = row(id);
      const c = drawn.get(id) as Circle;
      const [x, y] = projection(r.at as [number, number]) as [number, number];
      expect(Math.abs(c.cx - x), id).toBeLessThan(0.01);
      expect(Math.abs(c.cy - y), id).toBeLessThan(0.01);
      expect(c.fill).toBe(TYPE_COLORS[r.type]);
      expect(c.title).toContain(r.name);
      if (mentions(r) === maxMentions) expect(c.r).toBe(Math.max(...[...drawn.values()].map((d) => d.r)));
    }
    // Larger for more mentions, by the square root: equal steps of √mentions are equal steps of radius.
    const radius = (id: string): number => (drawn.get(id) as Circle).r;
    const rootOf = (id: string): number => Math.sqrt(mentions(row(id)));
    const slope = (a: string, b: string): number => (radius(a) - radius(b)) / (rootOf(a) - rootOf(b));
    expect(slope('place:paris', 'place:buenos-aires')).toBeGreaterThan(0);
    expect(Math.abs(slope('place:paris', 'place:buenos-aires') - slope('place:derna', 'country:japan'))).toBeLessThan(0.01);

    // Independently of the projection's numbers: west is left, north is up, and each circle lies in its country's shape.
    const at = (id: string): Circle => drawn.get(id) as Circle;
    expect(at('place:paris').cx).toBeLessThan(at('place:berlin').cx);
    expect(at('place:berlin').cy).toBeLessThan(at('place:paris').cy);
    expect(at('place:paris-texas').cx).toBeLessThan(at('place:paris').cx);
    expect(at('place:buenos-aires').cy).toBeGreaterThan(at('place:nairobi').cy);
    expect(at('country:japan').cx).toBeGreaterThan(at('place:nairobi').cx);
    // Names, each by its own circle, overprinting no other name and no other circle (measured as drawn, 1 px slack).
    const labels = await page.$$eval('#map text[data-id]', (ts) =>
      ts.map((t) => {
        const b = (t as SVGTextElement).getBBox();
        return { id: t.getAttribute('data-id') ?? '', text: t.textContent ?? '', x: b.x, y: b.y, w: b.width, h: b.height };
      }),
    );
    expect(labels.length).toBeGreaterThanOrEqual(7);
    for (const [i, l] of labels.entries()) {
      expect(l.text).toBe(row(l.id).name);
      const own = at(l.id);
      expect(Math.hypot(own.cx - Math.max(l.x, Math.min(own.cx, l.x + l.w)), own.cy - Math.max(l.y, Math.min(own.cy, l.y + l.h)))).toBeLessThan(own.r + 6);
      for (const o of labels.slice(i + 1))
        expect(l.x + 1 < o.x + o.w && o.x + 1 < l.x + l.w && l.y + 1 < o.y + o.h && o.y + 1 < l.y + l.h, `${l.id}/${o.id}`).toBe(false);
      for (const c of drawn.values()) {
        if (c.id === l.id) continue;
        const gap = Math.hypot(c.cx - Math.max(l.x, Math.min(c.cx, l.x + l.w)), c.cy - Math.max(l.y, Math.min(c.cy, l.y + l.h)));
        expect(gap, `${l.id} over ${c.id}`).toBeGreaterThan(c.r - 1);
      }
    }
    for (const id of coreLocated) {
      const shape = row(id).shape;
      if (!shape) continue;
      const c = at(id);
      const inside = await page.$eval(
        `#map path.country[data-id="${shape}"]`,
        (p, pt) => {
          const svgEl = (p as SVGPathElement).ownerSVGElement as SVGSVGElement;
          const point = svgEl.createSVGPoint();
          point.x = pt.x;
          point.y = pt.y;
          return (p as SVGPathElement).isPointInFill(point);
        },
        { x: c.cx, y: c.cy },
      );
      expect(inside, `${id} in shape ${shape}`).toBe(true);
    }
  });

  it('opens the panel of a clicked place and focuses it in the graph view, and shows the graph focus on the map', async () => {
    // Paris lies under France's circle near its centre: click its uncovered top, checking that the point is Paris.
    const box = (await page.locator('#map svg').boundingBox()) as { x: number; y: number };
    const paris = (await byId()).get('place:paris') as Circle;
    const point = { x: paris.cx, y: paris.cy - paris.r + 2 };
    expect(await page.evaluate((p) => document.elementFromPoint(p.x, p.y)?.getAttribute('data-id'), { x: box.x + point.x, y: box.y + point.y })).toBe(
      'place:paris',
    );
    await page.mouse.click(box.x + point.x, box.y + point.y);
    await expect.poll(() => page.textContent('#panel h2'), { timeout: 10_000 }).toBe('Paris');
    await page.waitForSelector('#panel .relations li');
    expect(await page.textContent('#panel .relations')).toContain('Jane Doe');
    expect(await hook((ex) => ex.state.focus)).toBe('place:paris');
    // Highlighted on the map; what is not linked to it is faded.
    await expect.poll(async () => (await byId()).get('place:paris')?.cls).toContain('focus');
    const neighboursOfParis = new Set(RELATIONS.flatMap(([s, , t]) => (s === 'place:paris' ? [t] : t === 'place:paris' ? [s] : [])));
    const drawn = await circles();
    for (const c of drawn) if (c.id !== 'place:paris') expect(c.cls.includes('faded'), c.id).toBe(!neighboursOfParis.has(c.id));
    expect(drawn.filter((c) => !c.cls.includes('faded')).map((c) => c.id)).toEqual(expect.arrayContaining(['place:paris', 'country:france']));

    // Back to the graph: Paris is its focus there.
    await page.click('#view-graph');
    expect(await page.isVisible('#graph')).toBe(true);
    expect(await page.isVisible('#map')).toBe(false);
    expect(await hook((ex) => ex.renderer.getNodeDisplayData('place:paris')?.highlighted)).toBe(true);

    // And the other way: an entity focused in the graph is the one highlighted on the map.
    expect(await hook((ex) => ex.focus('Berlin'))).toBe('place:berlin');
    await page.click('#view-map');
    await expect.poll(async () => (await byId()).get('place:berlin')?.cls).toContain('focus');
    const now = await circles();
    expect(now.filter((c) => c.cls.includes('focus')).map((c) => c.id)).toEqual(['place:berlin']);
    // Berlin's only neighbour is Jane Doe, who has no location: every other circle is faded.
    expect(now.filter((c) => !c.cls.includes('faded')).map((c) => c.id)).toEqual(['place:berlin']);
    expect(await page.locator('#map text[data-id="place:berlin"]').textContent()).toBe('Berlin');

    await page.click('#clear');
    await expect.poll(async () => (await circles()).filter((c) => c.cls !== 'place').length).toBe(0);
  });

  it('draws only the types shown and the entities named in the period', async () => {
    await page.locator('#legend input[data-type="place"]').uncheck();
    await expect.poll(drawnIds).toEqual(coreLocated.filter((id) => row(id).type !== 'place').sort());
    await page.locator('#legend input[data-type="place"]').check();
    await expect.poll(drawnIds).toEqual([...coreLocated].sort());

    const radii = new Map([...(await byId())].map(([id, c]) => [id, c.r]));
    // One slider step a day over the three dated reports.
    for (const [i, doc] of (['d1', 'd2', 'd3'] as Doc[]).entries()) {
      await page.locator('#period').fill(String(i));
      expect(await page.textContent('#period-label')).toBe(DAYS[doc]);
      const expected = coreLocated.filter((id) => row(id).docs[doc]).sort();
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(coreLocated.length);
      await expect.poll(drawnIds).toEqual(expected);
      // Sizes stay those of the whole view while the period changes: the largest of a day is not made the largest.
      for (const [id, c] of await byId()) expect(c.r, id).toBe(radii.get(id));
    }
    await page.locator('#period-all').check();
    await expect.poll(drawnIds).toEqual([...coreLocated].sort());
  });

  it('includes the located places in no stated relation on request', async () => {
    expect(await drawnIds()).not.toContain('place:sydney');
    expect(await page.textContent('#map .map-include')).toBe('Show the 1 entity in no stated relation too');
    await page.click('#map .map-include');
    await expect.poll(drawnIds, { timeout: 10_000 }).toEqual(located.map((r) => r.id).sort());
    expect(await page.isChecked('#isolates')).toBe(true);
    expect(await page.locator('#map .map-include').count()).toBe(0);
    const sydney = (await byId()).get('place:sydney') as Circle;
    const inAustralia = await page.$eval(
      '#map path.country[data-id="036"]',
      (p, pt) => {
        const point = ((p as SVGPathElement).ownerSVGElement as SVGSVGElement).createSVGPoint();
        point.x = pt.x;
        point.y = pt.y;
        return (p as SVGPathElement).isPointInFill(point);
      },
      { x: sydney.cx, y: sydney.cy },
    );
    expect(inAustralia).toBe(true);
  });

  it('zooms about the pointer with the wheel and back out on a double click', async () => {
    const box = (await page.locator('#map svg').boundingBox()) as { x: number; y: number };
    const before = await byId();
    const berlin = before.get('place:berlin') as Circle;
    const paris = before.get('place:paris') as Circle;
    // The pointer on Berlin, at whole pixels (as the browser reports pointer positions).
    const pointer = { x: Math.round(box.x + berlin.cx), y: Math.round(box.y + berlin.cy) };
    await page.mouse.move(pointer.x, pointer.y);
    await page.mouse.wheel(0, -500);
    await expect.poll(() => page.getAttribute('#map svg', 'data-zoom')).not.toBe('1,0,0');
    const k = Number((await page.getAttribute('#map svg', 'data-zoom'))?.split(',')[0]);
    expect(k).toBeGreaterThan(2);
    const after = await byId();
    const berlin2 = after.get('place:berlin') as Circle;
    const paris2 = after.get('place:paris') as Circle;
    // The point under the pointer stays put (Berlin, a fraction of a pixel from it, moves k times that fraction away);
    // distances grow by the zoom; circles keep their size.
    const px = pointer.x - box.x;
    const py = pointer.y - box.y;
    expect(Math.abs(berlin2.cx - (px + (berlin.cx - px) * k))).toBeLessThan(0.05);
    expect(Math.abs(berlin2.cy - (py + (berlin.cy - py) * k))).toBeLessThan(0.05);
    expect(Math.hypot(berlin2.cx - berlin.cx, berlin2.cy - berlin.cy)).toBeLessThan(2);
    expect(paris2.cx - berlin2.cx).toBeCloseTo((paris.cx - berlin.cx) * k, 1);
    expect(paris2.r).toBe(paris.r);
    await page.mouse.dblclick(box.x + 4, box.y + 4);
    await expect.poll(() => page.getAttribute('#map svg', 'data-zoom')).toBe('1,0,0');
    expect((await byId()).get('place:paris')?.cx).toBe(paris.cx);

    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'explorer-map.png') });
    expect(foreign).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

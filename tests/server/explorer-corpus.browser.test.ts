// The /explore page on a real corpus in headless Chromium: CoNLL-2003 dev (216 dated articles, ~3,000 entities,
// most of them in no stated relation). The first view must be the connected core with the isolates counted and
// hidden, labels must never overprint each other, and the period slider must show exactly the relations with
// evidence in the period. Expectations are computed here from the graph and the stored documents, not read back
// from the page's own code.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphService, ingestStream } from '../../src/pipeline.js';
import { type RunningServer, startServer } from '../../src/server/app.js';
import { Store } from '../../src/store/index.js';
import { BROWSER_TESTS, launchChromium, SHARED, tempDir } from '../helpers.js';

const CONLL = join(SHARED, 'eval', 'conll2003-dev.jsonl');
const tmp = tempDir();
let store: Store;
let service: GraphService;
let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: import('playwright-core').Page;
const consoleErrors: string[] = [];

interface Box {
  node: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Hook {
  renderer: {
    getNodeDisplayData: (id: string) => { x: number; y: number; size: number; hidden?: boolean } | undefined;
    getEdgeDisplayData: (id: string) => { hidden?: boolean } | undefined;
    framedGraphToViewport: (p: { x: number; y: number }) => { x: number; y: number };
    refresh: () => void;
  };
  graph: { order: number; size: number; nodes: () => string[]; edges: () => string[]; getNodeAttribute: (n: string, a: string) => unknown };
  state: { avoidLabelOverlap: boolean; period: { from: number; to: number } | null };
  labelBoxes: () => Box[];
  visibleEdges: () => string[];
  periods: () => { from: number; to: number; label: string }[];
  focus: (q: string) => Promise<string | null>;
}
const hook = <T>(fn: (ex: Hook) => T): Promise<T> => page.evaluate(`(${fn.toString()})(window.__explorer)`) as Promise<T>;

/** Connected components over stated relations, by breadth-first search. */
function components(): { largest: Set<string>; isolates: string[] } {
  const g = service.index.graph;
  const adjacent = new Map<string, Set<string>>();
  g.forEachEdge((_k, e) => {
    if (e.cooccurrence) return;
    for (const [a, b] of [
      [e.source, e.target],
      [e.target, e.source],
    ] as const) {
      const set = adjacent.get(a) ?? new Set<string>();
      set.add(b);
      adjacent.set(a, set);
    }
  });
  const seen = new Set<string>();
  let largest = new Set<string>();
  for (const start of adjacent.keys()) {
    if (seen.has(start)) continue;
    const part = new Set([start]);
    const queue = [start];
    seen.add(start);
    while (queue.length) {
      for (const next of adjacent.get(queue.pop() as string) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        part.add(next);
        queue.push(next);
      }
    }
    if (part.size > largest.size) largest = part;
  }
  return { largest, isolates: g.nodes().filter((n) => !adjacent.has(n)) };
}

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const overlappingPairs = (boxes: Box[]): [string, string][] => {
  const pairs: [string, string][] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) if (overlaps(boxes[i] as Box, boxes[j] as Box)) pairs.push([(boxes[i] as Box).label, (boxes[j] as Box).label]);
  return pairs;
};

beforeAll(async () => {
  store = Store.open(join(tmp.path, 'conll.db'));
  await ingestStream(store, CONLL);
  service = new GraphService(store);
  await service.analyticsReady;
  server = await startServer(() => service, { host: '127.0.0.1', port: 0, production: false, corsOrigins: [], bodyLimit: '100kb', token: null, log: () => {} });
  if (!BROWSER_TESTS) return;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(`${server.url}/explore`, { waitUntil: 'networkidle' });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  // ForceAtlas2 refines the server's layout for up to three seconds: measure labels on the settled drawing.
  await page.waitForTimeout(3_500);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  service?.unwatch();
  store?.close();
  tmp.cleanup();
});

describe.skipIf(!BROWSER_TESTS)('/explore on CoNLL-2003 dev', () => {
  it('opens on the largest connected part, with the entities in no stated relation hidden and counted', async () => {
    const { largest, isolates } = components();
    expect(service.index.graph.order).toBeGreaterThan(2_500);
    expect(isolates.length).toBeGreaterThan(500);
    const shown = await hook((ex) => ex.graph.nodes());
    expect(new Set(shown)).toEqual(largest);
    expect(shown.some((n) => isolates.includes(n))).toBe(false);
    expect(await page.locator('#isolates-count').getAttribute('data-count')).toBe(String(isolates.length));
    expect(await page.locator('#isolates-count').textContent()).toContain(isolates.length.toLocaleString('en'));
    expect(await page.locator('#isolates').isChecked()).toBe(false);
    expect(await page.textContent('#status')).toContain(`${largest.size.toLocaleString('en')} of ${service.index.graph.order.toLocaleString('en')} entities`);
  });

  it('draws labels that do not overlap, where sigma alone would overprint them', async () => {
    const boxes = await hook((ex) => ex.labelBoxes());
    expect(boxes.length).toBeGreaterThanOrEqual(20);
    expect(overlappingPairs(boxes)).toEqual([]);
    // Each box is where the node's label is drawn, as wide as its text in the label font (measured here afresh).
    const checks = await hook((ex) => {
      const ctx = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
      ctx.font = 'normal 14px Arial';
      return ex.labelBoxes().map((b) => {
        const d = ex.renderer.getNodeDisplayData(b.node);
        const at = d ? ex.renderer.framedGraphToViewport(d) : { x: Number.NaN, y: Number.NaN };
        return {
          dx: b.x - at.x,
          dy: at.y - b.y,
          width: b.width,
          measured: ctx.measureText(b.label).width,
          label: ex.graph.getNodeAttribute(b.node, 'label') === b.label,
        };
      });
    });
    for (const c of checks) {
      expect(c.label).toBe(true);
      expect(c.dx).toBeGreaterThan(3);
      expect(c.dx).toBeLessThan(30);
      expect(c.dy).toBeGreaterThan(0);
      expect(c.dy).toBeLessThan(14);
      expect(Math.abs(c.width - c.measured)).toBeLessThan(0.5);
    }
    // Without the placement, sigma's label grid alone lets labels overprint each other on this graph.
    const unchecked = await hook((ex) => {
      ex.state.avoidLabelOverlap = false;
      ex.renderer.refresh();
      const all = ex.labelBoxes();
      ex.state.avoidLabelOverlap = true;
      ex.renderer.refresh();
      return all;
    });
    expect(overlappingPairs(unchecked).length).toBeGreaterThan(0);
  });

  it('shows, for a period on the slider, exactly the relations with evidence published in it', async () => {
    const periods = await hook((ex) => ex.periods());
    // The articles' datelines span four days (1996-08-29 to 09-01): one slider step a day.
    expect(periods.map((p) => p.label)).toEqual(['1996-08-29', '1996-08-30', '1996-08-31', '1996-09-01']);
    const published = new Map(store.documents().map((d) => [d.id, d.publishedAt?.slice(0, 10) ?? null]));
    const viewEdges = await hook((ex) => ex.graph.edges());
    const expected = (day: string): string[] =>
      viewEdges.filter((key) => service.index.edge(key).evidence.some((x) => published.get(x.documentId) === day)).sort();
    const all = (await hook((ex) => ex.visibleEdges())).sort();
    expect(all).toEqual([...viewEdges].sort());
    let seenDays = 0;
    for (const [i, day] of ['1996-08-30', '1996-08-31'].entries()) {
      await page.locator('#period').fill(String(i + 1));
      expect(await page.textContent('#period-label')).toBe(day);
      const visible = (await hook((ex) => ex.visibleEdges())).sort();
      expect(visible).toEqual(expected(day));
      expect(visible.length).toBeGreaterThan(0);
      expect(visible.length).toBeLessThan(viewEdges.length);
      // What sigma draws agrees: the relations outside the period are hidden.
      const hidden = await hook((ex) => ex.graph.edges().filter((e) => ex.renderer.getEdgeDisplayData(e)?.hidden));
      expect(hidden.filter((e) => visible.includes(e))).toEqual([]);
      seenDays++;
    }
    expect(seenDays).toBe(2);
    await page.locator('#period-all').check();
    expect((await hook((ex) => ex.visibleEdges())).length).toBe(viewEdges.length);
    // Play steps through the days from the first.
    await page.click('#play');
    await expect.poll(() => page.textContent('#period-label'), { timeout: 5_000 }).toBe('1996-08-30');
    await page.click('#play');
    await page.locator('#period-all').check();
  });

  it('sizes nodes by PageRank on request, and opens an entity with its activity over time', async () => {
    await page.selectOption('#size-by', 'pagerank');
    const sizes = await hook((ex) => ex.graph.nodes().map((n) => [n, ex.graph.getNodeAttribute(n, 'size') as number] as const));
    const pagerank = service.index.analytics?.pagerank ?? {};
    const top = [...sizes].sort((a, b) => (pagerank[b[0]] ?? 0) - (pagerank[a[0]] ?? 0))[0] as readonly [string, number];
    expect(top[1]).toBe(Math.max(...sizes.map((s) => s[1])));
    const name = service.index.node(top[0]).name;
    expect(await page.evaluate((q) => (window as unknown as { __explorer: Hook }).__explorer.focus(q), name)).toBe(top[0]);
    await page.waitForSelector('#panel .activity svg', { timeout: 10_000 });
    expect(await page.textContent('#panel h2')).toBe(name);
    const bars = await page.locator('#panel .activity svg rect').count();
    expect(bars).toBe(Number(await page.locator('#panel .activity').getAttribute('data-buckets')));
    expect(bars).toBeGreaterThan(0);
    await page.click('#clear');
  });

  it('finds an entity outside the view and brings it with its neighbourhood, then goes back', async () => {
    const { largest, isolates } = components();
    // An isolate whose name no other entity shares, so that the search has one right answer.
    const names = new Map<string, number>();
    service.index.graph.forEachNode((_n, a) => names.set(a.name.toLowerCase(), (names.get(a.name.toLowerCase()) ?? 0) + 1));
    const target = isolates.find((n) => names.get(service.index.node(n).name.toLowerCase()) === 1 && service.index.node(n).name.length > 8) as string;
    expect(target).toBeDefined();
    await page.fill('#search', service.index.node(target).name);
    await page.click('#search-form button');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __explorer: { state: { focus: string | null } } }).__explorer.state.focus))
      .toBe(target);
    expect(await hook((ex) => ex.graph.order)).toBe(1);
    expect(await page.isVisible('#back')).toBe(true);
    await page.click('#back');
    await expect.poll(() => hook((ex) => ex.graph.order), { timeout: 20_000 }).toBe(largest.size);
  });

  it('shows the isolates when asked, and goes back to the core', async () => {
    const { largest } = components();
    await page.locator('#isolates').check();
    await expect.poll(() => hook((ex) => ex.graph.order), { timeout: 20_000 }).toBe(service.index.graph.order);
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('#isolates').uncheck();
    await expect.poll(() => hook((ex) => ex.graph.order), { timeout: 20_000 }).toBe(largest.size);
    expect(consoleErrors).toEqual([]);
  });
});

// The /explore page in real headless Chromium: offline, draws the seed graph, search focuses an entity, a click shows
// its evidence. Also the /export downloads over HTTP.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROWSER_TESTS, browserAndSeedServer, ROOT } from '../helpers.js';

const fixture = browserAndSeedServer();

interface ExplorerHook {
  renderer: {
    getNodeDisplayData: (id: string) => { x: number; y: number } | undefined;
    graphToViewport: (p: { x: number; y: number }) => { x: number; y: number };
    getCamera: () => { getState: () => { ratio: number }; setState: (s: { x?: number; y?: number; ratio?: number }) => void };
    refresh: () => void;
  };
  graph: { order: number };
  state: { focus: string | null };
}

describe.skipIf(!BROWSER_TESTS)('/explore', () => {
  it('draws the graph from this server only, focuses a search, and shows evidence for a clicked entity', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const foreign: string[] = [];
    const consoleErrors: string[] = [];
    const origin = new URL(fixture.url).origin;
    page.on('request', (req) => {
      const url = req.url();
      if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`${fixture.url}/explore`, { waitUntil: 'networkidle' });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    expect(await page.locator('#graph canvas').count()).toBeGreaterThan(0);
    const order = await page.evaluate(() => (window as unknown as { __explorer: ExplorerHook }).__explorer.graph.order);
    expect(order).toBeGreaterThan(40);
    expect(await page.locator('#legend input').count()).toBeGreaterThanOrEqual(5);

    await page.fill('#search', 'Araghchi');
    await page.click('#search-form button');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __explorer: ExplorerHook }).__explorer.state.focus)).toBe('person:abbas-araghchi');
    // Let the layout and the camera settle, then zoom in close on him (so that no neighbour, however big, is drawn
    // over him) and click where he is drawn.
    await page.waitForTimeout(3_500);
    await page.evaluate(() => {
      const ex = (window as unknown as { __explorer: ExplorerHook }).__explorer;
      const d = ex.renderer.getNodeDisplayData('person:abbas-araghchi');
      const camera = ex.renderer.getCamera();
      if (d) camera.setState({ x: d.x, y: d.y, ratio: camera.getState().ratio / 30 });
      ex.renderer.refresh();
    });
    await page.waitForTimeout(300);
    const point = await page.evaluate(() => {
      const ex = (window as unknown as { __explorer: ExplorerHook }).__explorer;
      const d = ex.renderer.getNodeDisplayData('person:abbas-araghchi');
      return d ? ex.renderer.graphToViewport(d) : null;
    });
    expect(point).not.toBeNull();
    const box = await page.locator('#graph').boundingBox();
    await page.mouse.click((box?.x ?? 0) + (point?.x ?? 0), (box?.y ?? 0) + (point?.y ?? 0));
    await page.waitForSelector('#panel .evidence', { timeout: 10_000 });
    expect(await page.locator('#panel h2').textContent()).toBe('Abbas Araghchi');
    expect(await page.locator('#panel .evidence').first().textContent()).toMatch(/Araghchi/);
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'explorer.png') });
    expect(foreign).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});

describe('/export downloads', () => {
  it('serves each format as a named attachment, and refuses unknown formats and bad options with JSON', async () => {
    const gexf = await fetch(`${fixture.url}/export/gexf?types=person,country`);
    expect(gexf.status).toBe(200);
    expect(gexf.headers.get('content-disposition')).toBe('attachment; filename="newsgraph.gexf"');
    expect(await gexf.text()).toContain('<gexf');
    const rels = await fetch(`${fixture.url}/export/neo4j?part=relationships`);
    expect((await rels.text()).split('\n')[0]).toMatch(/^:START_ID,:END_ID,:TYPE/);
    const jsonl = await fetch(`${fixture.url}/export/jsonl`);
    expect(JSON.parse((await jsonl.text()).split('\n')[0] as string).entities.length).toBeGreaterThan(40);
    const focus = await fetch(`${fixture.url}/export/cyjs?focus=Araghchi&hops=1`);
    const cy = (await focus.json()) as { elements: { nodes: { data: { id: string } }[] } };
    expect(cy.elements.nodes.map((n) => n.data.id)).toContain('person:abbas-araghchi');
    const unknown = await fetch(`${fixture.url}/export/pdf`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/No export format "pdf"/);
    const bad = await fetch(`${fixture.url}/export/json?hops=9`);
    expect(bad.status).toBe(400);
    const missing = await fetch(`${fixture.url}/export/json?focus=Nobody%20Atall`);
    expect(missing.status).toBe(404);
  });
});

// The GraphiQL IDE in real headless Chromium: loads offline from our server, runs the first example, shows data.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphService, ingestPath } from '../../src/pipeline.js';
import { type RunningServer, startServer } from '../../src/server/app.js';
import { Store } from '../../src/store/index.js';
import { ROOT, tempDir } from '../helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const tmp = tempDir();
let server: RunningServer;
let store: Store;
let service: GraphService;
const TOKEN = 'test-token-0123456789abcdef';
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH. .ci/run installs it.`);
  store = Store.open(join(tmp.path, 'ide.db'));
  ingestPath(store, join(ROOT, 'seeds'));
  service = new GraphService(store);
  server = await startServer(() => service, {
    host: '127.0.0.1',
    port: 0,
    production: false,
    corsOrigins: [],
    bodyLimit: '100kb',
    token: TOKEN,
    log: () => {},
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  store?.close();
  tmp.cleanup();
});

describe('GraphiQL at /graphql', () => {
  it('loads from this server only, runs the first example query and shows its data', async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    const consoleErrors: string[] = [];
    const origin = new URL(server.url).origin;
    page.on('request', (req) => {
      const url = req.url();
      if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`${server.url}/graphql`, { waitUntil: 'networkidle' });
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await expect.poll(async () => (await result.textContent()) ?? '', { timeout: 20_000 }).toContain('Abbas Araghchi');
    // The result pane renders only its visible lines: check what comes first (id, roles).
    expect(await result.textContent()).toContain('person:abbas-araghchi');
    expect(await result.textContent()).toContain('foreign minister');
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'ide.png') });
    expect(foreign).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});

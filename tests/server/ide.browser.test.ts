// The GraphiQL IDE in real headless Chromium: loads offline from our server, runs the first example, shows data.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROWSER_TESTS, browserAndSeedServer, ROOT } from '../helpers.js';

const fixture = browserAndSeedServer();

describe.skipIf(!BROWSER_TESTS)('GraphiQL at /graphql', () => {
  it('loads from this server only, runs the first example query and shows its data', async () => {
    const page = await fixture.browser.newPage();
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
    await page.goto(`${fixture.url}/graphql`, { waitUntil: 'networkidle' });
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

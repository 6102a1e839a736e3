// Shared test helpers: paths, the seed article, temporary folders and running the CLI for real.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM, launchChromium } from './support/chromium.js';

export { CHROMIUM, launchChromium };

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SEED_PATH = join(ROOT, 'seeds', '000_b2a2aa0bd98a27c3.txt');
export const SEED_TEXT = readFileSync(SEED_PATH, 'utf8');
export const SHARED = join(ROOT, '..', 'shared');
export const BIN = join(ROOT, 'bin', 'newsgraph.js');

/** Short news-like texts whose entities overlap across documents (shared names, acronyms, surnames). */
export const OVERLAPPING_TEXTS = [
  'Iran met Russia in Geneva on Monday.',
  'Joe Biden met Jill Biden in Washington. Biden said little.',
  'Israel struck Hezbollah in Lebanon.',
  "In response, Iran's Islamic Revolutionary Guard Corps (IRGC) suspended devices.",
  'The IRGC said on Monday that it had detected explosives.',
  'US President-elect Donald Trump spoke at Mar-a-Lago in Palm Beach, Florida.',
];

export function tempDir(prefix = 'newsgraph-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: options.input,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A real server on 127.0.0.1 (free port) over a fresh SQLite file holding the seed article; analytics ready. */
export async function startSeedServer(overrides: Partial<import('../src/server/app.js').ServerOptions> = {}) {
  const { GraphService, ingestPath } = await import('../src/pipeline.js');
  const { startServer } = await import('../src/server/app.js');
  const { Store } = await import('../src/store/index.js');
  const dir = tempDir();
  const store = Store.open(join(dir.path, 'seed.db'));
  ingestPath(store, join(ROOT, 'seeds'));
  const service = new GraphService(store);
  await service.analyticsReady;
  const server = await startServer(() => service, {
    host: '127.0.0.1',
    port: 0,
    production: false,
    corsOrigins: [],
    bodyLimit: '100kb',
    token: null,
    log: () => {},
    ...overrides,
  });
  return {
    server,
    service,
    store,
    close: async () => {
      await server.close();
      store.close();
      dir.cleanup();
    },
  };
}

/**
 * Whether the browser suites run: always under CI=true (where a missing Chromium must fail them), elsewhere only when
 * Chromium is installed — and then one loud line says they were skipped and how to run them.
 */
export const BROWSER_TESTS = ((): boolean => {
  if (process.env.CI === 'true' || existsSync(CHROMIUM)) return true;
  process.stderr.write(
    `\n*** Browser tests SKIPPED: Chromium not found at ${CHROMIUM}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH; CI=true makes them required. ***\n\n`,
  );
  return false;
})();

/**
 * For a browser test file: Chromium and a seed server, started before its tests and closed after. The returned
 * object is filled in by beforeAll.
 */
export function browserAndSeedServer(): { browser: import('playwright-core').Browser; url: string } {
  const fixture = {} as { browser: import('playwright-core').Browser; url: string };
  let seed: Awaited<ReturnType<typeof startSeedServer>> | undefined;
  beforeAll(async () => {
    if (BROWSER_TESTS) fixture.browser = await launchChromium();
    seed = await startSeedServer();
    fixture.url = seed.server.url;
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await seed?.close();
  });
  return fixture;
}

// `newsgraph watch` as a user runs it, against feeds and article pages served by real HTTP servers on 127.0.0.1.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/index.js';
import { WatchState } from '../../src/store/watch-state.js';
import { formatDuration, parseDuration, retryAfterMs } from '../../src/watch/index.js';
import { BIN, ROOT, runCli, tempDir } from '../helpers.js';

const tmp = tempDir('newsgraph-watch-');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface Seen {
  path: string;
  headers: IncomingMessage['headers'];
  at: number;
}

/** One web site: its own server (so its own host:port), a request log, and the most requests it ever had at once. */
interface Site {
  base: string;
  log: Seen[];
  maxInFlight: number;
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  close: () => Promise<void>;
  paths: () => string[];
}

const sites: Site[] = [];
afterAll(async () => {
  await Promise.all(sites.map((s) => s.close()));
  tmp.cleanup();
});

/** Every site shares one count of requests in flight over all sites. */
let globalInFlight = 0;
let globalMax = 0;

async function site(handle: Site['handle']): Promise<Site> {
  let inFlight = 0;
  const s: Site = {
    base: '',
    log: [],
    maxInFlight: 0,
    handle,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    paths: () => s.log.map((l) => l.path),
  };
  const server: Server = createServer((req, res) => {
    s.log.push({ path: req.url ?? '', headers: req.headers, at: Date.now() });
    inFlight++;
    globalInFlight++;
    s.maxInFlight = Math.max(s.maxInFlight, inFlight);
    globalMax = Math.max(globalMax, globalInFlight);
    res.on('close', () => {
      inFlight--;
      globalInFlight--;
    });
    s.handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  s.base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  sites.push(s);
  return s;
}

const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}, delayMs = 0): void => {
  setTimeout(() => {
    res.writeHead(status, headers);
    res.end(body);
  }, delayMs);
};

interface ItemSpec {
  title: string;
  link: string;
  guid?: string;
  pubDate?: string;
  description?: string;
}

const rss = (items: ItemSpec[]): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Test feed</title><link>https://example.invalid/</link>\n${items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${i.link}</link>${i.guid ? `<guid isPermaLink="false">${i.guid}</guid>` : ''}${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ''}${i.description ? `<description>${i.description}</description>` : ''}</item>`,
    )
    .join('\n')}\n</channel></rss>`;

/** An article page in the shape news sites use: navigation, the article with its headline and date, a footer. */
const page = (p: { title?: string; date?: string; paragraphs: string[] }): string => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">${p.title ? `<title>${p.title} | Test Site</title><meta property="og:title" content="${p.title}">` : ''}
${p.date ? `<meta property="article:published_time" content="${p.date}T08:00:00Z">` : ''}</head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<main><article>${p.title ? `<h1>${p.title}</h1>` : ''}${p.paragraphs.map((t) => `<p>${t}</p>`).join('\n')}</article></main>
<footer>© Test Site</footer></body></html>`;

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const XML = { 'content-type': 'application/rss+xml; charset=utf-8' };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The built CLI in a child process (asynchronously: the sites answer from this process). */
function watch(args: string[], options: { onSpawn?: (child: ChildProcess) => void } = {}): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'watch', ...args], { cwd: ROOT, env: { ...process.env, NEWSGRAPH_DB: join(tmp.path, 'unused.db') } });
    let stdout = '';
    let stderr = '';
    const kill = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    options.onSpawn?.(child);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(kill);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const summaryLines = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('watch: poll'));

function feedsFile(name: string, urls: string[]): string {
  const path = join(tmp.path, name);
  writeFileSync(path, `# feeds for ${name}\n\n${urls.join('\n')}\n`);
  return path;
}

function storedDocuments(db: string) {
  const store = Store.open(db);
  try {
    return store.documents();
  } finally {
    store.close();
  }
}

describe('newsgraph watch: new items, conditional requests, repeats, restarts', () => {
  it('adds new items, gets 304 next time, never fetches a seen item again, and resumes after a restart', async () => {
    let version = 1;
    const items: ItemSpec[] = [];
    const harbour = await site((req, res) => {
      if (req.url === '/feed.xml') {
        const etag = `"v${version}"`;
        if (req.headers['if-none-match'] === etag) return send(res, 304, '');
        return send(res, 200, rss(items), { ...XML, etag });
      }
      if (req.url === '/news/budget')
        return send(
          res,
          200,
          page({
            title: 'Harbour Council approves budget',
            date: '2025-01-14',
            paragraphs: [
              'The Harbour Council in Tromso approved its budget on Tuesday after a long debate.',
              'Mayor Kari Lund said the vote was closer than expected.',
            ],
          }),
          HTML,
          30,
        );
      // No title and no date on the page: both come from the feed item.
      if (req.url === '/news/ferry')
        return send(
          res,
          200,
          page({ paragraphs: ['Ferries to Lindholm will leave earlier from Monday, the operator said.', 'Fares rise by five percent in March.'] }),
          HTML,
          30,
        );
      if (req.url === '/news/bridge')
        return send(res, 200, page({ title: 'Bridge reopens', paragraphs: ['The Varnes bridge reopened to traffic on Sunday after repairs.'] }), HTML);
      return send(res, 404, 'not found');
    });
    items.push(
      { title: 'Budget approved', link: `${harbour.base}/news/budget`, guid: 'b-1', pubDate: 'Tue, 14 Jan 2025 18:00:00 GMT' },
      { title: 'Ferry timetable changes', link: `${harbour.base}/news/ferry`, guid: 'f-1', pubDate: 'Wed, 15 Jan 2025 07:00:00 +0100' },
      // The same article again under another guid: seen by its link, not fetched twice.
      { title: 'Budget approved (updated)', link: `${harbour.base}/news/budget`, guid: 'b-2' },
    );
    const db = join(tmp.path, 'harbour.db');
    const feeds = feedsFile('harbour.txt', [`${harbour.base}/feed.xml`]);

    const first = await watch(['--feeds', feeds, '--once', '--db', db]);
    expect(first.code).toBe(0);
    expect(summaryLines(first.stderr)).toEqual(['watch: poll 1 — 1 feed, 0 not modified, 2 new items, 2 added, 0 refused, 0 errors; done']);
    expect(harbour.paths()).toEqual(['/feed.xml', '/news/budget', '/news/ferry']);
    expect(harbour.log.every((l) => l.headers['user-agent'] === `newsgraph/${VERSION} (+https://github.com/newsgraph)`)).toBe(true);
    // One host: one request at a time (each page takes 30 ms to answer).
    expect(harbour.maxInFlight).toBe(1);
    const docs = storedDocuments(db);
    const budget = docs.find((d) => d.url === `${harbour.base}/news/budget`);
    const ferry = docs.find((d) => d.url === `${harbour.base}/news/ferry`);
    expect(docs).toHaveLength(2);
    expect(budget).toMatchObject({ title: 'Harbour Council approves budget', publishedAt: '2025-01-14', source: `${harbour.base}/news/budget` });
    expect(ferry).toMatchObject({ title: 'Ferry timetable changes', publishedAt: '2025-01-15' });
    const store = Store.open(db);
    const budgetText = store.documentText(budget?.id ?? '') ?? '';
    store.close();
    expect(budgetText).toContain('Mayor Kari Lund said the vote was closer than expected.');
    expect(budgetText).not.toContain('Home');

    // Second poll: the feed has not changed, so a conditional request and nothing else.
    const second = await watch(['--feeds', feeds, '--once', '--db', db]);
    expect(second.code).toBe(0);
    expect(summaryLines(second.stderr)).toEqual(['watch: poll 1 — 1 feed, 1 not modified, 0 new items, 0 added, 0 refused, 0 errors; done']);
    expect(harbour.paths().slice(3)).toEqual(['/feed.xml']);
    expect(harbour.log[3]?.headers['if-none-match']).toBe('"v1"');

    // The feed changes: only the new item's page is fetched; the seen ones are remembered across the restart.
    version = 2;
    items.unshift({ title: 'Bridge reopens', link: `${harbour.base}/news/bridge`, guid: 'br-1', pubDate: 'Sun, 19 Jan 2025 12:00:00 GMT' });
    const third = await watch(['--feeds', feeds, '--once', '--db', db]);
    expect(summaryLines(third.stderr)).toEqual(['watch: poll 1 — 1 feed, 0 not modified, 1 new item, 1 added, 0 refused, 0 errors; done']);
    expect(harbour.paths().slice(4)).toEqual(['/feed.xml', '/news/bridge']);
    expect(harbour.log[4]?.headers['if-none-match']).toBe('"v1"');
    expect(storedDocuments(db)).toHaveLength(3);
  });
});

describe('newsgraph watch: failing feeds do not stop the others', () => {
  it('reports a feed that errors, times out, returns garbage or refuses connections, stores the good one, and backs off', async () => {
    const good = await site((req, res) => {
      if (req.url === '/feed.xml') return send(res, 200, rss([{ title: 'Mill closes', link: `${good.base}/mill`, guid: 'm-1' }]), { ...XML, etag: '"g1"' });
      if (req.url === '/mill')
        return send(res, 200, page({ title: 'Mill closes', paragraphs: ['The Brandt paper mill in Osterby will close in June, the company said.'] }), HTML);
      return send(res, 404, '');
    });
    const failing = await site((_req, res) => send(res, 500, 'Internal Server Error'));
    const slow = await site(() => {
      // Never answers: the watcher's timeout must end the request.
    });
    const garbage = await site((_req, res) => send(res, 200, '<rss version="2.0"><channel><title>Cut short</title><item><title>Half an ite', XML));
    const gone = await site(() => {});
    const goneUrl = `${gone.base}/feed.xml`;
    await gone.close();
    const db = join(tmp.path, 'failing.db');
    const feeds = feedsFile('failing.txt', [`${failing.base}/feed.xml`, `${slow.base}/feed.xml`, `${garbage.base}/feed.xml`, goneUrl, `${good.base}/feed.xml`]);

    const first = await watch(['--feeds', feeds, '--once', '--timeout', '1s', '--db', db]);
    expect(first.code).toBe(0);
    const [line] = summaryLines(first.stderr);
    expect(line).toMatch(/^watch: poll 1 — 5 feeds, 0 not modified, 1 new item, 1 added, 0 refused, 4 errors \(.*\); done$/);
    expect(line).toContain(`${failing.base}/feed.xml: HTTP 500`);
    expect(line).toContain(`${slow.base}/feed.xml: timed out after 1 s`);
    expect(line).toContain(`${garbage.base}/feed.xml: not a feed`);
    expect(line).toContain(`${goneUrl}: connection refused (ECONNREFUSED)`);
    // The full reason follows on its own line.
    expect(first.stderr).toContain(`error: ingest.parseFeed: ${garbage.base}/feed.xml is not well-formed XML`);
    expect(storedDocuments(db).map((d) => d.title)).toEqual(['Mill closes']);

    // Straight away again: the four failing feeds are backing off (not asked), the good one answers as before.
    const again = await watch(['--feeds', feeds, '--once', '--timeout', '1s', '--db', db]);
    expect(summaryLines(again.stderr)).toEqual(['watch: poll 1 — 5 feeds, 0 not modified, 4 backing off, 0 new items, 0 added, 0 refused, 0 errors; done']);
    expect(failing.paths()).toEqual(['/feed.xml']);
    expect(garbage.paths()).toEqual(['/feed.xml']);
    const state = WatchState.open(db);
    try {
      expect(state.feed(`${failing.base}/feed.xml`)).toMatchObject({ failures: 1, lastStatus: 'HTTP 500' });
      expect(Date.parse(state.feed(`${slow.base}/feed.xml`)?.retryAt ?? '')).toBeGreaterThan(Date.now());
    } finally {
      state.close();
    }
  });

  it('falls back to the item text when a page fails, and retries an item without text next poll, the feed read in full again', async () => {
    let pageStatus = 429;
    const news = await site((req, res) => {
      if (req.url === '/feed.xml') {
        if (req.headers['if-none-match'] === '"n1"') return send(res, 304, '');
        return send(
          res,
          200,
          rss([
            { title: 'Strike called off', link: `${news.base}/strike`, guid: 's-1' },
            { title: 'Dock fire', link: `${news.base}/fire`, guid: 'd-1', description: 'A fire at Pier 4 in Harwick was put out by crews on Friday.' },
            { title: 'Gone page', link: `${news.base}/gone`, guid: 'g-1' },
          ]),
          { ...XML, etag: '"n1"' },
        );
      }
      if (req.url === '/strike') {
        if (pageStatus === 429) return send(res, 429, 'slow down', { 'retry-after': '1' });
        return send(res, 200, page({ title: 'Strike called off', paragraphs: ['Dock workers in Harwick called off Monday’s strike after talks.'] }), HTML);
      }
      if (req.url === '/fire') return send(res, 503, 'unavailable');
      return send(res, 404, 'no such page');
    });
    const db = join(tmp.path, 'retry.db');
    const feeds = feedsFile('retry.txt', [`${news.base}/feed.xml`]);
    const first = await watch(['--feeds', feeds, '--once', '--db', db]);
    expect(summaryLines(first.stderr)).toEqual([
      'watch: poll 1 — 1 feed, 0 not modified, 3 new items, 1 added, 1 refused (HTTP 404), 1 to retry, 0 errors; done',
    ]);
    expect(first.stderr).toContain(`refused: watch.fetchPage: ${news.base}/gone: HTTP 404, and the feed item has no text of its own. It is not tried again.`);
    expect(first.stderr).toContain(`retry: watch.fetchPage: ${news.base}/strike: HTTP 429`);
    // The 503 page's item carried its own text: stored from the feed.
    expect(storedDocuments(db)).toMatchObject([{ title: 'Dock fire', url: `${news.base}/fire`, source: `${news.base}/feed.xml#item-2` }]);
    expect(news.paths()).toEqual(['/feed.xml', '/strike', '/fire', '/gone']);
    // After the 429 (Retry-After: 1) the host was left alone for at least a second before the next request.
    expect((news.log[2]?.at ?? 0) - (news.log[1]?.at ?? 0)).toBeGreaterThanOrEqual(1000);

    pageStatus = 200;
    const second = await watch(['--feeds', feeds, '--once', '--db', db]);
    // The ETag was not kept while an item was left to retry: the feed is read in full, and only that item fetched.
    expect(news.log[4]).toMatchObject({ path: '/feed.xml' });
    expect(news.log[4]?.headers['if-none-match']).toBeUndefined();
    expect(news.paths().slice(5)).toEqual(['/strike']);
    expect(summaryLines(second.stderr)).toEqual(['watch: poll 1 — 1 feed, 0 not modified, 1 new item, 1 added, 0 refused, 0 errors; done']);
    const third = await watch(['--feeds', feeds, '--once', '--db', db]);
    expect(summaryLines(third.stderr)).toEqual(['watch: poll 1 — 1 feed, 1 not modified, 0 new items, 0 added, 0 refused, 0 errors; done']);
    expect(news.log[6]?.headers['if-none-match']).toBe('"n1"');
  });

  it('is polite: one request at a time per host, different hosts in parallel, at most 4 at once', async () => {
    globalMax = 0;
    const many = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const s: Site = await site((req, res) => {
          if (req.url === '/feed.xml')
            return send(
              res,
              200,
              rss([1, 2].map((n) => ({ title: `Item ${n}`, link: `${s.base}/p${n}`, guid: `${n}`, description: `Item ${n} from ${s.base} says little.` }))),
              XML,
              150,
            );
          return send(
            res,
            200,
            page({ title: `Page ${req.url}`, paragraphs: [`The page at ${req.url} of ${s.base} reports a quiet day in Harwick.`] }),
            HTML,
            150,
          );
        });
        return s;
      }),
    );
    const db = join(tmp.path, 'polite.db');
    const run = await watch([
      '--feeds',
      feedsFile(
        'polite.txt',
        many.map((s) => `${s.base}/feed.xml`),
      ),
      '--once',
      '--db',
      db,
    ]);
    expect(summaryLines(run.stderr)).toEqual(['watch: poll 1 — 6 feeds, 0 not modified, 12 new items, 12 added, 0 refused, 0 errors; done']);
    for (const s of many) {
      expect(s.paths()).toEqual(['/feed.xml', '/p1', '/p2']);
      expect(s.maxInFlight).toBe(1);
    }
    expect(globalMax).toBeLessThanOrEqual(4);
    expect(globalMax).toBeGreaterThanOrEqual(2);
  });
});

describe('newsgraph watch: stopping', () => {
  it('exits 0 promptly on SIGTERM during a poll, and the unfinished item is fetched next time', async () => {
    let hang = true;
    const slowSite = await site((req, res) => {
      if (req.url === '/feed.xml') return send(res, 200, rss([{ title: 'Slow story', link: `${slowSite.base}/slow`, guid: 'slow-1' }]), XML);
      if (hang) return; // the page never answers while hang is set
      return send(res, 200, page({ title: 'Slow story', paragraphs: ['The slow story finally arrived in Harwick on Thursday.'] }), HTML);
    });
    const db = join(tmp.path, 'stop.db');
    const feeds = feedsFile('stop.txt', [`${slowSite.base}/feed.xml`]);
    let signalled = 0;
    const run = await watch(['--feeds', feeds, '--every', '10s', '--timeout', '60s', '--db', db], {
      onSpawn: (child) => {
        // Once the page request is in flight, stop the watcher.
        const check = setInterval(() => {
          if (!slowSite.paths().includes('/slow')) return;
          clearInterval(check);
          signalled = Date.now();
          child.kill('SIGTERM');
        }, 20);
        child.on('exit', () => clearInterval(check));
      },
    });
    expect(signalled).toBeGreaterThan(0);
    expect(run.code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5000);
    expect(run.stderr).toContain('newsgraph watch: SIGTERM, stopping');
    expect(summaryLines(run.stderr)).toEqual([
      'watch: poll 1 — 1 feed, 0 not modified, 1 new item, 0 added, 0 refused, 0 errors; stopped before the poll finished',
    ]);
    const state = WatchState.open(db);
    expect(state.counts()).toEqual({ added: 0, duplicate: 0, refused: 0, pending: 0 });
    state.close();

    hang = false;
    const next = await watch(['--feeds', feeds, '--once', '--db', db]);
    expect(summaryLines(next.stderr)).toEqual(['watch: poll 1 — 1 feed, 0 not modified, 1 new item, 1 added, 0 refused, 0 errors; done']);
  });
});

describe('newsgraph watch: bad arguments exit 2 with one line naming the fix', () => {
  const feeds = (): string => feedsFile('ok.txt', ['http://127.0.0.1:9/feed.xml']);
  const cases: [string, () => string[], RegExp][] = [
    ['no --feeds', () => ['--once'], /watch: give --feeds FILE, a file with one feed URL per line/],
    ['--every under 10s', () => ['--feeds', feeds(), '--every', '5s'], /watch: --every 5s is under the minimum of 10s\. Use 10s or more\./],
    ['--every without a unit', () => ['--feeds', feeds(), '--every', '15'], /watch: --every "15" is not a duration\. Write a number with a unit: 30s, 15m, 1h/],
    ['a missing feed list', () => ['--feeds', join(tmp.path, 'nope.txt')], /watch\.readFeedList: .*nope\.txt does not exist/],
    [
      'a line that is not a URL',
      () => ['--feeds', feedsFile('bad.txt', ['http://127.0.0.1:9/a.xml', 'feeds.example.com/rss'])],
      /watch\.readFeedList: .*bad\.txt:4 is not a URL \("feeds\.example\.com\/rss"\)/,
    ],
    ['an ftp URL', () => ['--feeds', feedsFile('ftp.txt', ['ftp://127.0.0.1/a.xml'])], /ftp\.txt:3 is a ftp: URL/],
    ['a list with only comments', () => ['--feeds', feedsFile('empty.txt', ['# nothing yet'])], /empty\.txt lists no feed URLs/],
  ];
  it.each(cases)('%s', (_name, args, message) => {
    const r = runCli(['watch', ...args(), '--db', join(tmp.path, 'usage.db')]);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('has help', () => {
    const r = runCli(['watch', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--feeds FILE \[--every 15m\]/);
  });
});

describe('durations and Retry-After', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['90s', 90_000],
    ['15', null],
    ['1d', null],
    ['', null],
    ['m', null],
  ] as const)('%j → %j ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('formats durations the way they are written', () => {
    expect([900_000, 5_400_000, 10_000, 1_500].map(formatDuration)).toEqual(['15m', '1h30m', '10s', '1.5s']);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-15T10:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Wed, 15 Jan 2025 10:05:00 GMT', now)).toBe(300_000);
    expect(retryAfterMs('Wed, 15 Jan 2025 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});

describe('newsgraph build --input feed.xml', () => {
  it('stores each item with text and refuses, naming it, the one without', () => {
    const path = join(tmp.path, 'gazette.xml');
    writeFileSync(
      path,
      rss([
        {
          title: 'Quay approved',
          link: 'https://gazette.example/quay',
          pubDate: 'Wed, 15 Jan 2025 10:00:00 GMT',
          description: 'The Northbay port approved a new quay.',
        },
        { title: 'Ferry changes', link: 'https://gazette.example/ferry', description: '&lt;p&gt;Ferries to Lindholm leave earlier.&lt;/p&gt;' },
        { title: 'Headline only', link: 'https://gazette.example/headline' },
      ]),
    );
    const db = join(tmp.path, 'build.db');
    const r = runCli(['build', '--input', path, '--db', db, '--workers', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/2 added, 0 already stored, 1 refused/);
    expect(r.stderr).toContain(`refused: ingest.parseFeed: ${path}#item-3 (https://gazette.example/headline) has no text, only a title and a link.`);
    expect(
      storedDocuments(db)
        .map((d) => [d.title, d.publishedAt, d.url, d.source])
        .sort(),
    ).toEqual([
      ['Ferry changes', null, 'https://gazette.example/ferry', `${path}#item-2`],
      ['Quay approved', '2025-01-15', 'https://gazette.example/quay', `${path}#item-1`],
    ]);
  });
});

describe('a running serve shows what watch adds', () => {
  let serve: ChildProcess | undefined;
  afterAll(() => serve?.kill('SIGTERM'));

  it('picks the new documents up by itself', async () => {
    const db = join(tmp.path, 'served.db');
    serve = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', db], { cwd: ROOT, env: { ...process.env } });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      serve?.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /serving (http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      serve?.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const documents = async (): Promise<number> => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ stats { documents } }' }),
      });
      return ((await res.json()) as { data: { stats: { documents: number } } }).data.stats.documents;
    };
    expect(await documents()).toBe(0);
    const wire = await site((req, res) => {
      if (req.url === '/feed.xml') return send(res, 200, rss([{ title: 'Tariffs cut', link: `${wire.base}/tariffs`, guid: 't-1' }]), XML);
      return send(res, 200, page({ title: 'Tariffs cut', paragraphs: ['Soria and Velmar agreed in Doria on Tuesday to cut tariffs on grain.'] }), HTML);
    });
    const run = await watch(['--feeds', feedsFile('served.txt', [`${wire.base}/feed.xml`]), '--once', '--db', db]);
    expect(summaryLines(run.stderr)).toEqual(['watch: poll 1 — 1 feed, 0 not modified, 1 new item, 1 added, 0 refused, 0 errors; done']);
    const deadline = Date.now() + 15_000;
    let n = await documents();
    while (n === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      n = await documents();
    }
    expect(n).toBe(1);
  });
});

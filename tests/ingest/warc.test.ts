// WARC input: crawls written here with warcio itself, read back through streamWarc, ingestStream and the real CLI.
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WARCRecord, type WARCRecordOpts, WARCSerializer } from 'warcio';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { readDocumentFile, readDocuments, type StreamItem } from '../../src/ingest/index.js';
import { decodeHtml, emptyWarcStats, streamWarc, type WarcStats } from '../../src/ingest/warc.js';
import { ingestPath, ingestStream } from '../../src/pipeline.js';
import { Store } from '../../src/store/index.js';
import { runCli, tempDir } from '../helpers.js';

const tmp = tempDir('newsgraph-warc-');
afterAll(() => tmp.cleanup());

// ---------------------------------------------------------------------------------------------------------------
// Encoders written out here, so the decoder under test (TextDecoder) is checked against bytes it did not make.

const CP1252: Record<string, number> = { '€': 0x80, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
const ISO_8859_2: Record<string, number> = {
  Ą: 0xa1,
  Ł: 0xa3,
  Ś: 0xa6,
  Ż: 0xaf,
  ą: 0xb1,
  ł: 0xb3,
  ś: 0xb6,
  ź: 0xbc,
  ż: 0xbf,
  ę: 0xea,
  ń: 0xf1,
  ó: 0xf3,
  ć: 0xe6,
};

function encodeWith(table: Record<string, number>, latin1: boolean, text: string): Uint8Array {
  return Uint8Array.from(Array.from(text), (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    const byte = table[ch] ?? (code < 0x80 || (latin1 && code >= 0xa0 && code <= 0xff) ? code : undefined);
    if (byte === undefined) throw new Error(`test encoder: no byte for ${ch}`);
    return byte;
  });
}
const cp1252 = (text: string) => encodeWith(CP1252, true, text);
const iso88592 = (text: string) => encodeWith(ISO_8859_2, false, text);
const utf8 = (text: string) => new TextEncoder().encode(text);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A news page in the shape sites use: navigation, a cookie banner, the article, related links, a footer. */
function page(o: { title: string; paragraphs: string[]; head?: string }): string {
  return `<!DOCTYPE html>
<html lang="en"><head>${o.head ?? ''}
<title>${o.title} | The Portmere Courier</title>
<script>window.dataLayer = [{ section: "news" }];</script>
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/business">Business</a> <a href="/subscribe">Subscribe</a></nav>
<main><article>
<h1>${o.title}</h1>
${o.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article>
<aside><h2>Related</h2><ul><li><a href="/x">Council budget vote delayed</a></li><li><a href="/y">Tide tables for May</a></li></ul></aside>
</main>
<footer>Copyright The Portmere Courier. All rights reserved.</footer>
</body></html>`;
}

const A = {
  title: 'Harbour board approves new ferry terminal',
  paragraphs: [
    'The Portmere harbour board approved plans for a new ferry terminal on Thursday, ending two years of debate over the future of the east quay.',
    'Board chair Miriam Okafor said construction would begin in the autumn and that the terminal should open to passengers in the spring of 2026.',
    'Local ferry operators welcomed the decision, saying the current terminal could no longer handle the summer crowds.',
  ],
};
const B = {
  title: 'Café owners protest “temporary” closures',
  paragraphs: [
    'Owners of six cafés on Quay Street said on Monday that the council’s “temporary” closures had lasted almost a year.',
    'The work – new drains and a wider pavement – was meant to take eight weeks and cost €40,000, according to council papers.',
    'A council spokesman said the street would reopen before the summer festival.',
  ],
};
const C = {
  title: 'Łódź museum reopens after repairs',
  paragraphs: [
    'The textile museum in Łódź reopened on Saturday after eighteen months of repairs to its roof and heating.',
    'Director Paweł Wiśniewski said visitors could again see the restored looms, some of them more than a century old.',
    'Entry will be free for the first week, the museum said.',
  ],
};
const D = {
  title: 'Rail strike talks resume',
  paragraphs: [
    'Talks between the rail operator and the drivers’ union resumed on Wednesday after a week of strikes that halted most regional services.',
    'Both sides said the talks were constructive, but neither would say whether a deal on pay was close.',
    'Commuters were advised to check timetables before travelling.',
  ],
};

async function* bytesOf(body: Uint8Array | string): AsyncGenerator<Uint8Array> {
  yield typeof body === 'string' ? utf8(body) : body;
}

function chunked(body: Uint8Array, size: number): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < body.length; i += size) {
    const piece = body.subarray(i, i + size);
    parts.push(utf8(`${piece.length.toString(16)}\r\n`), piece, utf8('\r\n'));
  }
  parts.push(utf8('0\r\n\r\n'));
  return Buffer.concat(parts);
}

type Rec = { opts: WARCRecordOpts; body?: Uint8Array | string; info?: Record<string, string> };

const response = (url: string, contentType: string, body: Uint8Array | string, statusline = 'HTTP/1.1 200 OK', extra: Record<string, string> = {}): Rec => ({
  opts: { type: 'response', url, statusline, httpHeaders: { 'Content-Type': contentType, ...extra } },
  body,
});
const request = (url: string): Rec => ({
  opts: {
    type: 'request',
    url,
    statusline: `GET ${new URL(url).pathname} HTTP/1.1`,
    httpHeaders: { Host: new URL(url).host, 'User-Agent': 'test-crawler/1.0' },
  },
});

/** Writes the records with warcio (one gzip member per record when gzip), returning each record's start offset. */
async function writeWarc(path: string, recs: Rec[], gzip: boolean): Promise<number[]> {
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const rec of recs) {
    const opts = { warcVersion: 'WARC/1.1' as const, date: '2024-05-02T09:30:00Z', ...rec.opts };
    const record = rec.info ? await WARCRecord.createWARCInfo(opts, rec.info) : await WARCRecord.create(opts, bytesOf(rec.body ?? ''));
    const bytes = await WARCSerializer.serialize(record, { gzip });
    offsets.push(offset);
    offset += bytes.length;
    parts.push(bytes);
  }
  writeFileSync(path, Buffer.concat(parts));
  return offsets;
}

const URL_A = 'https://courier.example/2024/05/harbour-ferry-terminal?utm_source=feed';
const CANONICAL_A = 'https://courier.example/2024/05/harbour-ferry-terminal';
const URL_B = 'https://courier.example/2024/05/cafe-closures';
const URL_C = 'https://courier.example/2024/05/lodz-museum';
const URL_D = 'https://courier.example/2024/05/rail-strike-talks';
const URL_E = 'https://courier.example/2024/05/broken-page';

/** The crawl most tests read: 14 records, 5 of them HTML responses with status 200 (one undecodable). */
function crawl(): Rec[] {
  const jsonLd = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: A.title, datePublished: '2024-05-02T08:00:00Z' });
  const htmlA = page({ ...A, head: `<meta charset="utf-8"><link rel="canonical" href="${CANONICAL_A}"><script type="application/ld+json">${jsonLd}</script>` });
  const htmlB = page(B); // no charset in the page: only the HTTP header says windows-1252
  const htmlC = page({ ...C, head: '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">' });
  const htmlD = page({ ...D, head: '<meta charset="utf-8">' });
  const broken = Buffer.concat([
    utf8(page({ title: 'Broken page', paragraphs: ['This page has a byte that is not UTF-8 here: '] })),
    Buffer.from([0xff, 0xfe, 0x41]),
  ]);
  return [
    { opts: { type: 'warcinfo', filename: 'crawl.warc.gz' }, info: { software: 'test-crawler/1.0', format: 'WARC File Format 1.1' } },
    request(URL_A),
    response(URL_A, 'text/html; charset=utf-8', htmlA),
    request(URL_B),
    response(URL_B, 'text/html; charset=windows-1252', cp1252(htmlB)),
    response('https://courier.example/static/logo.png', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])),
    response('https://courier.example/api/weather.json', 'application/json', '{"temp": 14, "wind": "NW"}'),
    response(
      'https://courier.example/2024/05/missing',
      'text/html; charset=utf-8',
      '<html><body><p>Page not found</p></body></html>',
      'HTTP/1.1 404 Not Found',
    ),
    {
      opts: {
        type: 'revisit',
        url: URL_A,
        refersToUrl: URL_A,
        refersToDate: '2024-05-02T09:30:00Z',
        statusline: 'HTTP/1.1 200 OK',
        httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
      },
    },
    response(URL_C, 'text/html', iso88592(htmlC)),
    { opts: { type: 'metadata', url: URL_C, warcHeaders: { 'Content-Type': 'application/warc-fields' } }, body: 'outlink: https://courier.example/\r\n' },
    response(URL_D, 'text/html; charset=utf-8', chunked(gzipSync(utf8(htmlD)), 700), 'HTTP/1.1 200 OK', {
      'Content-Encoding': 'gzip',
      'Transfer-Encoding': 'chunked',
    }),
    response(URL_E, 'text/html; charset=utf-8', broken),
    response('https://courier.example/old-path', 'text/html', '<html><body>Moved</body></html>', 'HTTP/1.1 301 Moved Permanently', { Location: URL_A }),
  ];
}

const EXPECTED_STATS: WarcStats = {
  files: 1,
  records: 14,
  html: 5,
  skipped: { request: 2, warcinfo: 1, metadata: 1, revisit: 1, notOk: 2, nonHtml: 2, otherType: 0 },
  stoppedEarly: 0,
};

async function readAll(path: string): Promise<{ items: StreamItem[]; stats: WarcStats }> {
  const stats = emptyWarcStats();
  const items: StreamItem[] = [];
  for await (const item of streamWarc(path, stats)) items.push(item);
  return { items, stats };
}
const documents = (items: StreamItem[]) => items.flatMap((r) => (r.ok ? [r.document] : []));
const refusals = (items: StreamItem[]) => items.flatMap((r) => (r.ok ? [] : [r]));

let plainPath = '';
let gzipPath = '';
// Where each record starts in the two files (record ids are random, so every write differs slightly).
let plainOffsets: number[] = [];
let gzipOffsets: number[] = [];
beforeAll(async () => {
  plainPath = join(tmp.path, 'crawl.warc');
  gzipPath = join(tmp.path, 'crawl.warc.gz');
  plainOffsets = await writeWarc(plainPath, crawl(), false);
  gzipOffsets = await writeWarc(gzipPath, crawl(), true);
});

describe('streamWarc', () => {
  for (const kind of ['plain', 'gzip'] as const) {
    it(`takes the HTML responses of a ${kind} WARC and skips, counting, everything else`, async () => {
      const path = kind === 'plain' ? plainPath : gzipPath;
      const { items, stats } = await readAll(path);
      expect(stats).toEqual(EXPECTED_STATS);
      const docs = documents(items);
      expect(docs.map((d) => d.source)).toEqual([`${path}#3`, `${path}#5`, `${path}#10`, `${path}#12`]);
      expect(docs.map((d) => d.title)).toEqual([A.title, B.title, C.title, D.title]);
      // The page's canonical URL wins over the crawled one; pages without one get WARC-Target-URI.
      expect(docs.map((d) => d.url)).toEqual([CANONICAL_A, URL_B, URL_C, URL_D]);
      expect(docs[0]?.publishedAt).toBe('2024-05-02');
      for (const [doc, article] of [
        [docs[0], A],
        [docs[1], B],
        [docs[2], C],
        [docs[3], D],
      ] as const) {
        for (const p of article.paragraphs) expect(doc?.text).toContain(p);
        expect(doc?.text).not.toContain('Accept all');
      }
      // Every HTML response is a result marked as one; the undecodable one is refused, naming record, URL and charset.
      expect(items.every((r) => r.warc === true)).toBe(true);
      const [refused] = refusals(items);
      expect(refusals(items)).toHaveLength(1);
      expect(refused?.source).toBe(`${path}#13`);
      expect(refused?.error).toBeInstanceOf(InvalidInputError);
      expect(refused?.error.message).toBe(
        `ingest.streamWarc: ${path}#13 (${URL_E}) is not valid utf-8 (the HTTP Content-Type): some bytes cannot be decoded. Convert the page to UTF-8 and pass it as an .html file.`,
      );
      // Progress: the results of a file account for all of its bytes, skipped records included.
      expect(items.reduce((n, r) => n + r.bytes, 0)).toBe(readFileSync(path).length);
    });
  }

  it('decodes windows-1252 and ISO-8859-2 pages into the characters they encode', async () => {
    const docs = documents((await readAll(gzipPath)).items);
    expect(docs[1]?.text).toContain('€40,000');
    expect(docs[1]?.text).toContain('council’s “temporary” closures');
    expect(docs[2]?.text).toContain('Paweł Wiśniewski');
    expect(docs[2]?.title).toBe('Łódź museum reopens after repairs');
  });

  it('reads a WARC gzipped whole (one member) like one gzipped per record', async () => {
    const path = join(tmp.path, 'whole.warc.gz');
    writeFileSync(path, gzipSync(readFileSync(plainPath)));
    const { items, stats } = await readAll(path);
    expect(stats).toEqual(EXPECTED_STATS);
    expect(documents(items).map((d) => d.title)).toEqual([A.title, B.title, C.title, D.title]);
  });

  it('refuses records it cannot read as HTML text, and reads on past them', async () => {
    const path = join(tmp.path, 'odd.warc');
    const after = page({ title: 'After the odd records', paragraphs: ['This page comes after the records that are refused, and is still read.'] });
    await writeWarc(
      path,
      [
        response('https://x.example/br', 'text/html', utf8('not really brotli'), 'HTTP/1.1 200 OK', { 'Content-Encoding': 'br' }),
        response('https://x.example/klingon', 'text/html; charset=x-klingon', page({ title: 'Qapla', paragraphs: ['Some words.'] })),
        response('https://x.example/bin', 'text/html', Buffer.from([0x3c, 0x70, 0x3e, 0, 0, 0, 0x41])),
        response('https://x.example/latin1', 'text/html', Buffer.concat([utf8('<p>Caf'), Buffer.from([0xe9]), utf8(' au lait</p>')])),
        response('https://x.example/empty', 'application/xhtml+xml', '<html><body><script>var only = "code";</script></body></html>'),
        response('https://x.example/after', 'text/html; charset="UTF-8"', after),
      ],
      false,
    );
    const { items, stats } = await readAll(path);
    expect(stats.html).toBe(6);
    expect(documents(items).map((d) => d.title)).toEqual(['After the odd records']);
    const messages = refusals(items).map((r) => r.error.message);
    expect(messages).toHaveLength(5);
    expect(messages[0]).toBe(
      `ingest.streamWarc: ${path}#1 (https://x.example/br) has Content-Encoding "br", which this reader cannot decompress (gzip and deflate only). Decompress the payloads first.`,
    );
    expect(messages[1]).toMatch(/#2 \(https:\/\/x\.example\/klingon\) declares charset "x-klingon" \(the HTTP Content-Type\), which is not an encoding/);
    expect(messages[2]).toMatch(/#3 \(https:\/\/x\.example\/bin\) holds binary data \(a NUL at character 3\)/);
    expect(messages[3]).toMatch(/#4 \(https:\/\/x\.example\/latin1\) is not valid utf-8 \(no charset declared, so UTF-8\)/);
    expect(messages[4]).toMatch(new RegExp(`^ingest\\.\\w+: ${escapeRe(path)}#5 `));
  });

  it('keeps memory flat through 48 MiB of records (the file is streamed, not buffered)', async () => {
    // 24 pairs of a 2 MiB video response and a small HTML page, written by hand (warcio would hash each payload).
    const path = join(tmp.path, 'large.warc');
    const out = createWriteStream(path);
    const write = (chunk: Uint8Array) => new Promise<void>((resolve, reject) => out.write(chunk, (error) => (error ? reject(error) : resolve())));
    const video = Buffer.alloc(2 * 1024 * 1024, 0x61);
    const writeRecord = async (uri: string, contentType: string, body: Uint8Array) => {
      const http = utf8(`HTTP/1.1 200 OK\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`);
      await write(
        utf8(
          `WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: ${uri}\r\nWARC-Date: 2024-05-02T09:30:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${http.length + body.length}\r\n\r\n`,
        ),
      );
      await write(http);
      await write(body);
      await write(utf8('\r\n\r\n'));
    };
    for (let i = 1; i <= 24; i++) {
      await writeRecord(`https://x.example/video-${i}.mp4`, 'video/mp4', video);
      await writeRecord(
        `https://x.example/page-${i}`,
        'text/html',
        utf8(page({ title: `Bulletin ${i}`, paragraphs: [`The harbour board met for the ${i}th time.`] })),
      );
    }
    await new Promise<void>((resolve) => out.end(resolve));
    // What is still reachable while the file is read: collect, then measure, at every page (vitest runs --expose-gc).
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('this test needs node --expose-gc (set in vitest.config.ts)');
    const retained = () => {
      gc();
      return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    };
    // A first read compiles the code paths (megabytes of heap that would count as retained); the second is measured.
    for await (const _item of streamWarc(path)) {
      // warm-up
    }
    const before = retained();
    let peak = 0;
    const stats = emptyWarcStats();
    let pages = 0;
    for await (const item of streamWarc(path, stats)) {
      if (item.ok) pages++;
      peak = Math.max(peak, retained() - before);
    }
    expect(pages).toBe(24);
    expect(stats.skipped.nonHtml).toBe(24);
    // Buffering would hold up to the whole 48 MiB file by the last page; streaming holds a page and a few 64 KiB chunks.
    expect(peak).toBeLessThan(8 * 1024 * 1024);
  });
});

describe('decodeHtml', () => {
  const text = (r: ReturnType<typeof decodeHtml>) => ('text' in r ? r.text : `ERROR ${r.error}`);
  it.each([
    ['the HTTP charset', 'text/html; charset=windows-1252', cp1252('<p>“Quoted”</p>'), '<p>“Quoted”</p>'],
    ['a quoted, upper-case HTTP charset', 'text/html; charset="ISO-8859-2"', iso88592('<p>Łódź</p>'), '<p>Łódź</p>'],
    ['<meta charset> when HTTP says none', 'text/html', iso88592('<meta charset="iso-8859-2"><p>Łódź</p>'), '<meta charset="iso-8859-2"><p>Łódź</p>'],
    [
      'http-equiv when HTTP says none',
      null,
      cp1252('<meta http-equiv="content-type" content="text/html; charset=windows-1252"><p>€5</p>'),
      '<meta http-equiv="content-type" content="text/html; charset=windows-1252"><p>€5</p>',
    ],
    ['the HTTP charset over <meta>', 'text/html; charset=windows-1252', cp1252('<meta charset="utf-8"><p>é</p>'), '<meta charset="utf-8"><p>é</p>'],
    [
      'a UTF-8 byte-order mark over the HTTP charset',
      'text/html; charset=windows-1252',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('<p>“é”</p>')]),
      '<p>“é”</p>',
    ],
    ['UTF-8 when nothing is declared', 'text/html', utf8('<p>naïve – café</p>'), '<p>naïve – café</p>'],
    ['UTF-8 for a <meta> that claims UTF-16 in an ASCII page', 'text/html', utf8('<meta charset="utf-16"><p>ok</p>'), '<meta charset="utf-16"><p>ok</p>'],
  ])('decodes by %s', (_name, contentType, body, expected) => {
    expect(text(decodeHtml(body, contentType))).toBe(expected);
  });

  it.each([
    ['an unknown charset', 'text/html; charset=x-made-up', utf8('<p>a</p>'), /declares charset "x-made-up" \(the HTTP Content-Type\)/],
    [
      'bytes invalid in the declared charset',
      'text/html; charset=utf-8',
      Buffer.from([0x3c, 0x70, 0x3e, 0xc3, 0x28]),
      /is not valid utf-8 \(the HTTP Content-Type\)/,
    ],
    ['undeclared bytes that are not UTF-8', 'text/html', Buffer.from([0x3c, 0x70, 0x3e, 0xe9, 0x3c]), /is not valid utf-8 \(no charset declared, so UTF-8\)/],
    ['binary data', 'text/html', Buffer.from([0x3c, 0x70, 0x3e, 0x00, 0x01]), /holds binary data \(a NUL at character 3\)/],
  ])('refuses %s', (_name, contentType, body, message) => {
    expect(text(decodeHtml(body, contentType))).toMatch(message);
  });
});

describe('damaged and foreign files', () => {
  const only = async (path: string) => {
    const { items, stats } = await readAll(path);
    return { items, stats, docs: documents(items), refused: refusals(items) };
  };

  it.each([
    [
      'plain text',
      'notes.warc',
      utf8('Meeting notes\nnothing here is a WARC record\n'),
      /is not a WARC file: it starts with "Meeting notes" \(record 1, byte 0\)/,
    ],
    [
      'binary garbage',
      'noise.warc.gz',
      Buffer.from([0x00, 0x13, 0x37, 0xff, 0x80, 0x01, 0x02, 0x03, 0x04]),
      /is not a WARC file: it starts with bytes 00 13 37 ff 80 01 02 03 \(record 1/,
    ],
    [
      'gzip of something else',
      'other.warc.gz',
      gzipSync(utf8('{"not": "a warc"}\n')),
      /is not a WARC file: its gzip content starts with "\{\\"not\\": \\"a warc\\"\}"/,
    ],
    [
      'a gzip header only',
      'stub.warc.gz',
      gzipSync(utf8('WARC/1.1\r\n')).subarray(0, 6),
      /ends inside its first gzip member, before the first record: the file is truncated/,
    ],
    ['an empty file', 'empty.warc', new Uint8Array(0), /is empty\. Pass a WARC file/],
  ])('refuses %s as not WARC, naming the file', async (_name, file, bytes, message) => {
    const path = join(tmp.path, file);
    writeFileSync(path, bytes);
    const { items, stats, docs, refused } = await only(path);
    expect(docs).toEqual([]);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.source).toBe(path);
    expect(refused[0]?.error).toBeInstanceOf(InvalidInputError);
    expect(refused[0]?.error.message.startsWith(`ingest.streamWarc: ${path} `)).toBe(true);
    expect(refused[0]?.error.message).toMatch(message);
    expect(stats.stoppedEarly).toBe(1);
    expect(items[0]?.bytes).toBe(bytes.length);
  });

  it('keeps the records before a cut in a gzipped WARC and names the member where it ends', async () => {
    const whole = readFileSync(gzipPath);
    // Cut 40 bytes into record 12's gzip member (the rail-strike page): records 1-11 are whole.
    const at = gzipOffsets[11] ?? 0;
    const path = join(tmp.path, 'cut.warc.gz');
    writeFileSync(path, whole.subarray(0, at + 40));
    const { items, stats, docs, refused } = await only(path);
    expect(docs.map((d) => d.title)).toEqual([A.title, B.title, C.title]);
    expect(stats.records).toBe(11);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.error.message).toBe(
      `ingest.streamWarc: ${path} ends inside the gzip member at byte ${at} of ${at + 40} (record 12): the file is truncated (a download cut short?). Download it again. The 11 records before it were read.`,
    );
    expect(items.reduce((n, r) => n + r.bytes, 0)).toBe(at + 40);
  });

  it('names the record a plain WARC ends in, whether in its headers or its body', async () => {
    const whole = readFileSync(plainPath);
    const start = plainOffsets[4] ?? 0; // record 5: the café page
    const end = plainOffsets[5] ?? 0;
    for (const [cut, what] of [
      [start + 20, `ends inside the headers of record 5 (at byte ${start})`],
      [end - 100, `ends inside record 5 (at byte ${start}), 96 bytes short of its Content-Length`],
    ] as const) {
      const path = join(tmp.path, `cut-${cut}.warc`);
      writeFileSync(path, whole.subarray(0, cut));
      const { docs, refused, stats } = await only(path);
      expect(docs.map((d) => d.title)).toEqual([A.title]);
      expect(stats.records).toBe(4);
      expect(refused.map((r) => r.error.message)).toEqual([
        `ingest.streamWarc: ${path} ${what}: the file is truncated (a download cut short?). Download it again. The 4 records before it were read.`,
      ]);
    }
  });

  it.each([
    { records: 12, damaged: 10, padding: 0 }, // the damage is in the file's last 64 KiB chunk
    { records: 40, damaged: 5, padding: 6000 }, // chunks follow the damage: warcio reads them on as plain bytes
    { records: 40, damaged: 20, padding: 6000 },
  ])('stops at gzip damage in record $damaged of $records, keeping what came before', async ({ records, damaged, padding }) => {
    // Incompressible padding (a comment of pseudo-random letters) makes the members big enough to span chunks.
    let seed = 42;
    const noise = (n: number) =>
      Array.from({ length: n }, () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return String.fromCharCode(97 + (seed % 26));
      }).join('');
    const recs: Rec[] = [];
    for (let i = 1; i <= records; i++) {
      const html = page({ title: `Bulletin number ${i}`, paragraphs: [`Bulletin ${i} reports on the ${i}th meeting of the harbour board and its decisions.`] });
      recs.push(response(`https://x.example/${i}`, 'text/html', html.replace('</article>', `<!-- ${noise(padding)} --></article>`)));
    }
    const path = join(tmp.path, `damaged-${records}-${damaged}.warc.gz`);
    const offsets = await writeWarc(path, recs, true);
    const bytes = readFileSync(path);
    const at = offsets[damaged - 1] ?? 0;
    for (let i = at + 30; i < at + 50; i++) bytes[i] = (bytes[i] ?? 0) ^ 0x5a;
    writeFileSync(path, bytes);
    expect(at).toBeGreaterThan(4096); // past what is checked before streaming
    if (padding) expect(bytes.length - at).toBeGreaterThan(64 * 1024);
    const { docs, refused, stats } = await only(path);
    expect(docs.map((d) => d.title)).toEqual(Array.from({ length: damaged - 1 }, (_, i) => `Bulletin number ${i + 1}`));
    expect(stats.records).toBe(damaged - 1);
    expect(refused.map((r) => r.error.message)).toEqual([
      `ingest.streamWarc: ${path} has damaged gzip data at record ${damaged} (in the gzip member at byte ${at}): it does not inflate. The file is corrupt; download it again. The ${damaged - 1} records before it were read.`,
    ]);
  });

  it('stops where a record does not start with a WARC version line (a wrong Content-Length before it)', async () => {
    const path = join(tmp.path, 'short.warc');
    await writeWarc(path, crawl().slice(0, 3), false);
    const text = readFileSync(path, 'latin1');
    // The warcinfo record's block is "software: test-crawler/1.0\r\nformat: WARC File Format 1.1\r\n" (58 bytes). Said to
    // be 40 bytes shorter, it ends inside its first line: the parser skips the rest of that line and takes the next one,
    // "format: …", for record 2's version line.
    expect(text).toContain('Content-Length: 58\r\n\r\nsoftware: test-crawler/1.0\r\nformat: WARC File Format 1.1\r\n');
    writeFileSync(path, Buffer.from(text.replace('Content-Length: 58\r\n', 'Content-Length: 18\r\n'), 'latin1'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {}); // warcio's own note on the short record
    try {
      const { refused, stats } = await only(path);
      expect(stats.records).toBe(1);
      expect(refused.map((r) => r.error.message)).toEqual([
        `ingest.streamWarc: ${path} has no WARC version line at record 2 (at byte ${text.indexOf('format: WARC')}): it starts with "format: WARC File Format 1.1". The previous record's Content-Length is wrong or the file is damaged. The record before it was read.`,
      ]);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('the synchronous readers', () => {
  it('refuse a WARC file without reading it, pointing at newsgraph build', () => {
    const [refused] = Array.from(readDocuments(gzipPath));
    expect(refused?.ok).toBe(false);
    expect(refused && !refused.ok && refused.error.message).toBe(
      `ingest.parseText: ${gzipPath} is a WARC file, which is streamed, never read whole. Ingest it with: newsgraph build --input ${gzipPath}`,
    );
    expect(() => readDocumentFile(plainPath)).toThrow(/newsgraph build --input/);
    const store = Store.open(join(tmp.path, 'sync.db'));
    try {
      const summary = ingestPath(store, gzipPath);
      expect(summary.added).toBe(0);
      expect(summary.refused.map((r) => r.source)).toEqual([gzipPath]);
    } finally {
      store.close();
    }
  });
});

describe('ingestStream', () => {
  it('stores the pages and reports what became of every record; a second run finds them stored', async () => {
    const store = Store.open(join(tmp.path, 'stream.db'));
    try {
      let lastBytes = 0;
      const summary = await ingestStream(store, gzipPath, { onProgress: (p) => (lastBytes = p.bytes) });
      expect(summary.warc).toEqual({ ...EXPECTED_STATS, added: 4, duplicates: 0, refused: 1 });
      expect(summary.added).toBe(4);
      expect(summary.refused.map((r) => r.source)).toEqual([`${gzipPath}#13`]);
      expect(lastBytes).toBe(readFileSync(gzipPath).length);
      const stored = store.documents();
      expect(stored.map((d) => [d.title, d.url, d.source]).sort()).toEqual(
        [
          [A.title, CANONICAL_A, `${gzipPath}#3`],
          [B.title, URL_B, `${gzipPath}#5`],
          [C.title, URL_C, `${gzipPath}#10`],
          [D.title, URL_D, `${gzipPath}#12`],
        ].sort(),
      );
      const again = await ingestStream(store, gzipPath);
      expect(again.warc).toEqual({ ...EXPECTED_STATS, added: 0, duplicates: 4, refused: 1 });
    } finally {
      store.close();
    }
  });

  it('sums the counts of several WARC files in a directory and leaves other inputs out of them', async () => {
    const { mkdirSync } = await import('node:fs');
    const dir = join(tmp.path, 'mixed');
    mkdirSync(dir);
    await writeWarc(join(dir, 'a.warc.gz'), crawl().slice(0, 5), true); // warcinfo, A, B and their requests
    await writeWarc(join(dir, 'b.warc'), crawl().slice(9, 12), false); // C, metadata, D
    writeFileSync(join(dir, 'note.txt'), 'The harbour board meets again on Friday to discuss the ferry timetable.\n');
    const store = Store.open(join(tmp.path, 'mixed.db'));
    try {
      const summary = await ingestStream(store, dir);
      expect(summary.added).toBe(5);
      expect(summary.warc).toEqual({
        files: 2,
        records: 8,
        html: 4,
        skipped: { request: 2, warcinfo: 1, metadata: 1, revisit: 0, notOk: 0, nonHtml: 0, otherType: 0 },
        stoppedEarly: 0,
        added: 4,
        duplicates: 0,
        refused: 0,
      });
    } finally {
      store.close();
    }
  });
});

describe('newsgraph build --input x.warc.gz', () => {
  it('ingests the pages, prints the WARC counts, and exits 2 for the one refused page', () => {
    const db = join(tmp.path, 'cli.db');
    const r = runCli(['build', '--input', gzipPath, '--db', db, '--workers', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/newsgraph build: 4 added, 0 already stored, 1 refused/);
    expect(r.stderr).toContain(
      'WARC: 14 records, 5 HTML responses, 4 added, 1 refused, 9 skipped (2 request, 1 warcinfo, 1 metadata, 1 revisit, 2 not 200, 2 non-HTML)',
    );
    expect(r.stderr).toContain(`refused: ingest.streamWarc: ${gzipPath}#13 (${URL_E}) is not valid utf-8`);
    const store = Store.open(db);
    try {
      expect(
        store
          .documents()
          .map((d) => d.title)
          .sort(),
      ).toEqual([A.title, B.title, C.title, D.title].sort());
    } finally {
      store.close();
    }
    const again = runCli(['build', '--input', gzipPath, '--db', db, '--workers', '0']);
    expect(again.stderr).toContain('WARC: 14 records, 5 HTML responses, 0 added, 4 already stored, 1 refused, 9 skipped');
  });

  it('exits 0 for a WARC whose every HTML response is read', async () => {
    const path = join(tmp.path, 'clean.warc.gz');
    await writeWarc(path, crawl().slice(0, 12), true);
    const r = runCli(['build', '--input', path, '--db', join(tmp.path, 'clean.db'), '--workers', '1']);
    expect(r.stderr).toContain(
      'WARC: 12 records, 4 HTML responses, 4 added, 0 refused, 8 skipped (2 request, 1 warcinfo, 1 metadata, 1 revisit, 1 not 200, 2 non-HTML)',
    );
    expect(r.status).toBe(0);
  });

  it('refuses a file that is not WARC: exit 2, nothing added, the file and place named', () => {
    const path = join(tmp.path, 'page.warc.gz');
    writeFileSync(path, gzipSync(utf8('<html><body>just a page</body></html>')));
    const r = runCli(['build', '--input', path, '--db', join(tmp.path, 'bad.db')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/newsgraph build: 0 added, 0 already stored, 1 refused/);
    expect(r.stderr).toContain('WARC: 0 records, 0 HTML responses, 0 added, 0 refused, 0 skipped; 1 file stopped at a format error (see the refusals)');
    expect(r.stderr).toContain(
      `refused: ingest.streamWarc: ${path} is not a WARC file: its gzip content starts with "<html><body>just a page</body></html>" (record 1, byte 0)`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

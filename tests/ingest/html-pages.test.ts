// HTML articles: saved pages in the layouts news sites use, read for their title, date, byline and body; bad pages refused.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { MAX_DOCUMENT_CHARS, htmlToText, parseHtml, readDocumentFile, readDocuments } from '../../src/ingest/index.js';
import { MAX_HTML_CHARS, MAX_HTML_ELEMENTS } from '../../src/ingest/html.js';
import { ROOT, tempDir } from '../helpers.js';

const PAGES = join(ROOT, 'tests', 'fixtures', 'pages');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** What each page was written to hold: its metadata, its article's lines in order, and chrome that must not come out. */
interface Expected {
  layout: string;
  title: string;
  publishedAt: string;
  byline: string;
  url: string | null;
  article: string[];
  boilerplate: string[];
}

const pages = readdirSync(PAGES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

describe('saved article pages', () => {
  it('has the twelve layouts', () => {
    expect(pages).toEqual([
      'amp',
      'blog',
      'broadcaster',
      'inline-ads',
      'jsonld-date',
      'liveblog',
      'longread',
      'newspaper',
      'paywall',
      'pressrelease',
      'tdtheme',
      'wire',
    ]);
  });

  describe.each(pages)('%s', (page) => {
    const path = join(PAGES, `${page}.html`);
    const html = readFileSync(path, 'utf8');
    const expected = JSON.parse(readFileSync(join(PAGES, `${page}.json`), 'utf8')) as Expected;
    const [doc] = readDocumentFile(path);
    const lines = doc?.text.split('\n') ?? [];

    it('gives the headline, the date, the URL and the byline', () => {
      expect(doc?.title).toBe(expected.title);
      expect(doc?.publishedAt).toBe(expected.publishedAt);
      expect(doc?.url).toBe(expected.url);
      expect(htmlToText(html).byline).toBe(expected.byline);
    });

    it("holds the article's paragraphs, headings and list items, each on its own line, in order, after the headline", () => {
      expect(lines[0]).toBe(expected.title);
      let previous = 0;
      for (const paragraph of expected.article) {
        const at = lines.indexOf(paragraph, previous + 1);
        expect(at, `missing or out of order: ${paragraph}`).toBeGreaterThan(previous);
        previous = at;
      }
    });

    it('leaves out the banners, menus, ads, related headlines, share rows and footers', () => {
      for (const chrome of expected.boilerplate) expect(doc?.text, `kept: ${chrome}`).not.toContain(chrome);
    });

    it('gives the same text every time', () => {
      expect(htmlToText(html).text).toBe(doc?.text);
    });
  });
});

describe('headline, date and URL rules', () => {
  const page = (head: string, body = '<article><p>Iran and the EU met in Geneva on Monday to discuss the talks.</p></article>'): string =>
    `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

  const titles: [string, string, string][] = [
    ['a " | Site" suffix on <title>', page('<title>Talks resume in Geneva | Daily Planet</title>'), 'Talks resume in Geneva'],
    ['several " | " parts', page('<title>Talks resume in Geneva | World | Daily Planet</title>'), 'Talks resume in Geneva'],
    ['a dash in a headline is not a suffix', page('<title>Iran – talks resume in Geneva</title>'), 'Iran – talks resume in Geneva'],
    [
      'a dash before the named site is',
      page('<title>Talks resume in Geneva – Daily Planet</title><meta property="og:site_name" content="Daily Planet">'),
      'Talks resume in Geneva',
    ],
    [
      'og:title with the site name',
      page('<meta property="og:site_name" content="Daily Planet"><meta property="og:title" content="Talks resume - Daily Planet">'),
      'Talks resume',
    ],
    ['og:title with another ending', page('<meta property="og:title" content="Talks resume - live">'), 'Talks resume - live'],
    [
      'the JSON-LD headline over <title>',
      page('<title>Planet</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Talks resume"}</script>'),
      'Talks resume',
    ],
    ["the article's <h1> over <title>", page('<title>Home</title>', '<article><h1>Talks resume</h1><p>Iran met.</p></article>'), 'Talks resume'],
  ];
  it.each(titles)('%s', (_label, html, title) => {
    expect(htmlToText(html).title).toBe(title);
  });

  const dates: [string, string, string | null][] = [
    [
      'JSON-LD datePublished over article:published_time',
      page(
        '<meta property="article:published_time" content="2025-01-02T08:00:00Z"><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2025-01-01T23:00:00-05:00"}</script>',
      ),
      '2025-01-01T23:00:00-05:00',
    ],
    [
      'a NewsArticle inside an array, after a BreadcrumbList',
      page('<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"NewsArticle","datePublished":"2024-06-30"}]</script>'),
      '2024-06-30',
    ],
    [
      'broken JSON-LD is passed over',
      page('<script type="application/ld+json">{"@type":"NewsArticle",</script><meta property="article:published_time" content="2024-05-04">'),
      '2024-05-04',
    ],
    [
      'an impossible date is passed over',
      page('<meta property="article:published_time" content="2025-02-30T10:00:00Z"><meta name="date" content="2025-02-28">'),
      '2025-02-28',
    ],
    [
      '<time datetime> in the article',
      page('', '<article><h1>Talks</h1><time datetime="2023-03-03T10:00:00Z">Friday</time><p>Iran met.</p></article>'),
      '2023-03-03T10:00:00Z',
    ],
    [
      '<time datetime> outside the article is not its date',
      page('', '<article><h1>Talks</h1><p>Iran met.</p></article><div><time datetime="2023-03-03">Friday</time></div>'),
      null,
    ],
    ['a date that is not ISO is not read', page('<meta name="date" content="March 3, 2023">'), null],
    [
      'JSON-LD of a WebPage only, as the last resort',
      page('<script type="application/ld+json">{"@graph":[{"@type":"WebPage","datePublished":"2022-12-12"}]}</script>'),
      '2022-12-12',
    ],
  ];
  it.each(dates)('%s', (_label, html, date) => {
    expect(htmlToText(html).publishedAt).toBe(date);
  });

  it('takes the canonical URL over og:url, and only absolute ones', () => {
    const both = page('<link rel="canonical" href="https://a.example/story"><meta property="og:url" content="https://a.example/story?amp=1">');
    expect(htmlToText(both).url).toBe('https://a.example/story');
    const relative = page('<link rel="canonical" href="/story"><meta property="og:url" content="https://a.example/story-og">');
    expect(htmlToText(relative).url).toBe('https://a.example/story-og');
    expect(htmlToText(page('<link rel="canonical" href="/story">')).url).toBeNull();
  });
});

describe('body rules', () => {
  it('drops a pull quote that repeats the story, and keeps a quotation it does not repeat', () => {
    const html = `<html><body><article><h1>Talks in Geneva</h1>
      <p>Iran and the EU met in Geneva on Monday, and the foreign minister said the talks had been useful for both sides.</p>
      <blockquote class="pull">The talks had been useful for both sides.</blockquote>
      <p>Diplomats said a second round could follow in March if the first produced a framework.</p>
      <blockquote><p>We will return to Geneva next month with new proposals.</p></blockquote>
      <p>The minister did not say which proposals he meant.</p></article></body></html>`;
    const { text } = htmlToText(html);
    expect(text.split('useful for both sides')).toHaveLength(2);
    expect(text).toContain('\nWe will return to Geneva next month with new proposals.\n');
  });

  it('keeps a standfirst that sits with the headline, outside the story container', () => {
    const html = `<html><body><div class="top"><h1>Talks in Geneva</h1><p class="dek">Iran and the EU will meet again in March, officials said after a first round.</p>
      <p class="credit">Words by A. Writer</p></div>
      <div class="text">${'<p>Iran and the EU met in Geneva on Monday, and diplomats said the talks had been useful, constructive and long.</p>'.repeat(6)}</div></body></html>`;
    const lines = htmlToText(html).text.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Talks in Geneva',
      'Iran and the EU will meet again in March, officials said after a first round.',
      'Iran and the EU met in Geneva on Monday, and diplomats said the talks had been useful, constructive and long.',
    ]);
    expect(lines).not.toContain('Words by A. Writer');
  });
});

describe('pages that are not a whole article', () => {
  it('reads fragments and bare text as a browser would', () => {
    expect(htmlToText('<div>Iran met Russia.</div>').text).toBe('Iran met Russia.');
    expect(htmlToText('Iran met Russia.').text).toBe('Iran met Russia.');
    expect(htmlToText('<p>Iran met Russia.</p><p>The EU <b>watched</b>.</p>').text).toBe('Iran met Russia.\nThe EU watched.');
    expect(htmlToText('<head><title>T</title></head><p>Iran met Russia.</p>').text).toBe('T\nIran met Russia.');
  });

  it('reads a page nested too deep for Readability with the plain reader', () => {
    const html = `<html><body><article><h1>Deep</h1>${'<div>'.repeat(300)}<p>Iran met Russia.</p>${'</div>'.repeat(300)}</article></body></html>`;
    const started = performance.now();
    expect(htmlToText(html).text).toBe('Deep\nIran met Russia.');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses a page with only navigation, naming it and saying what to pass instead', () => {
    const path = join(PAGES, 'no-article.html');
    const html = readFileSync(path, 'utf8');
    expect(() => parseHtml(html, path)).toThrow(InvalidInputError);
    expect(() => parseHtml(html, path)).toThrow(
      /no-article\.html has no article text \(only navigation, link lists, scripts or markup\)\. Save the article's own page/,
    );
  });

  it('refuses an empty page and one with only a <title>', () => {
    expect(() => parseHtml('', 'empty.html')).toThrow(/empty\.html has no article text/);
    expect(() => parseHtml('<html><head><title>Only a title</title></head><body></body></html>', 't.html')).toThrow(/t\.html has no article text/);
  });

  it('reports the page without an article in a directory and reads the others', () => {
    const dir = join(tmp.path, 'pages');
    mkdirSync(dir);
    for (const f of ['wire.html', 'no-article.html']) copyFileSync(join(PAGES, f), join(dir, f));
    const results = [...readDocuments(dir)];
    expect(results.map((r) => (r.ok ? r.document.title : r.error.message))).toEqual([
      expect.stringMatching(/no-article\.html has no article text/),
      'Harbour pilots in Valdoria strike over new pension rules',
    ]);
  });
});

describe('refusals before and after reading', () => {
  it('refuses a binary .html file and a non-UTF-8 one, naming the file', () => {
    const binary = join(tmp.path, 'image.html');
    writeFileSync(binary, Buffer.from([0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e, 0x00, 0x01, 0x02]));
    expect(() => readDocumentFile(binary)).toThrow(InvalidInputError);
    expect(() => readDocumentFile(binary)).toThrow(/image\.html, got binary data \(NUL at byte 6\)/);
    const latin1 = join(tmp.path, 'latin1.html');
    writeFileSync(latin1, Buffer.from('<html><body><p>Caf\xe9 owners in Lyon met the mayor.</p></body></html>', 'latin1'));
    expect(() => readDocumentFile(latin1)).toThrow(/latin1\.html, got invalid UTF-8 \(byte 0xe9 at offset 18\)/);
  });

  it('refuses HTML over the size limit before parsing it', () => {
    const html = `<html><body><p>${'a'.repeat(MAX_HTML_CHARS)}</p></body></html>`;
    expect(() => parseHtml(html, 'dump.html')).toThrow(InvalidInputError);
    expect(() => parseHtml(html, 'dump.html')).toThrow(new RegExp(`dump\\.html has ${html.length} characters of HTML, over the limit of ${MAX_HTML_CHARS}`));
  });

  it('refuses a page with more elements than an article page has, counting none inside scripts', () => {
    const html = `<html><body><p>Iran met Russia in Geneva.</p>${'<i></i>'.repeat(MAX_HTML_ELEMENTS)}</body></html>`;
    expect(() => parseHtml(html, 'listing.html')).toThrow(
      new RegExp(`listing\\.html has ${MAX_HTML_ELEMENTS + 3} HTML elements, over the limit of ${MAX_HTML_ELEMENTS} for one page`),
    );
    const scripted = `<html><head><script>${'if (a<b) c();'.repeat(MAX_HTML_ELEMENTS)}</script></head><body><p>Iran met Russia in Geneva.</p></body></html>`;
    expect(parseHtml(scripted, 'app.html').text).toBe('Iran met Russia in Geneva.');
  });

  it('refuses an article whose text is over the document limit', () => {
    const paragraph = `<p>${'Iran met Russia in Geneva on Monday. '.repeat(100)}</p>`;
    const html = `<html><body><article>${paragraph.repeat(Math.ceil(MAX_DOCUMENT_CHARS / 3700) + 1)}</article></body></html>`;
    expect(html.length).toBeLessThan(MAX_HTML_CHARS);
    expect(() => parseHtml(html, 'long.html')).toThrow(/long\.html has \d+ characters, over the limit of 2000000/);
  });
});

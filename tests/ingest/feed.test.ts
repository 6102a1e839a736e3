// Feeds as files: RSS 2.0, Atom and RSS 1.0 items become documents; what is not a feed, or an item without text, is refused.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { feedDate, parseFeed, readFeed } from '../../src/ingest/feed.js';
import { type ReadResult, readDocuments } from '../../src/ingest/read.js';
import { tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const docs = (results: ReadResult[]) => results.flatMap((r) => (r.ok ? [r.document] : []));
const refusals = (results: ReadResult[]) => results.flatMap((r) => (r.ok ? [] : [r]));

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Harbour Gazette &amp; Mail</title>
  <link>https://gazette.example/</link>
  <atom:link href="https://gazette.example/feed.xml" rel="self" type="application/rss+xml"/>
  <item>
    <title>Port authority approves new quay</title>
    <link>https://gazette.example/2025/01/quay</link>
    <guid isPermaLink="false">gazette-1001</guid>
    <pubDate>Wed, 15 Jan 2025 23:30:00 -0500</pubDate>
    <description>&lt;p&gt;A short teaser.&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>The Northbay Port Authority approved a new quay on Tuesday.</p>
<script>trackView("quay")</script>
<p>Construction by Keller &amp; Sons starts in March.</p>]]></content:encoded>
  </item>
  <item>
    <title>Ferry timetable changes</title>
    <link>https://gazette.example/2025/02/ferry</link>
    <pubDate>3 Feb 25 08:00 GMT</pubDate>
    <description>&lt;p&gt;Ferries to Lindholm will leave &lt;b&gt;earlier&lt;/b&gt; from Monday.&lt;/p&gt;&lt;p&gt;Fares rise by 5%, said Anna Berg &amp;amp; her team.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Headline only</title>
    <link>https://gazette.example/2025/02/headline</link>
  </item>
  <item>
    <guid>https://gazette.example/2025/03/bridge</guid>
    <title>Bridge opens</title>
    <dc:date>2025-03-09T10:00:00+01:00</dc:date>
    <description>The Varnes bridge opened to traffic on Sunday. Mayor Ola Dahl cut the ribbon.</description>
  </item>
</channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://wire.example/">
  <title type="text">Wire Example</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6</id>
  <updated>2025-04-02T12:00:00Z</updated>
  <entry>
    <title type="html">Talks &amp;amp; trade in Soria</title>
    <link rel="self" href="https://wire.example/api/entries/1"/>
    <link rel="alternate" type="text/html" href="stories/talks-trade"/>
    <id>tag:wire.example,2025:1</id>
    <published>2025-04-01T22:15:00-07:00</published>
    <updated>2025-04-02T09:00:00Z</updated>
    <summary>Trade ministers met.</summary>
    <content type="html">&lt;p&gt;Trade ministers from Soria and Velmar met in Doria on Tuesday.&lt;/p&gt;&lt;p&gt;They agreed to cut tariffs.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Flood warning lifted</title>
    <link href="https://wire.example/stories/flood"/>
    <id>tag:wire.example,2025:2</id>
    <updated>2025-04-03T06:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The flood warning for the <b>Esk</b> valley was lifted.</p><p>Roads reopened at noon.</p></div></content>
  </entry>
  <entry>
    <title>Summary only</title>
    <link rel="alternate" href="https://wire.example/stories/summary"/>
    <id>tag:wire.example,2025:3</id>
    <updated>2025-04-04T06:00:00Z</updated>
    <summary type="text">Council    elections were called for May.
Turnout is expected to be low.</summary>
  </entry>
  <entry>
    <title>Link and title only</title>
    <link href="https://wire.example/stories/bare"/>
    <id>tag:wire.example,2025:4</id>
    <updated>2025-04-05T06:00:00Z</updated>
  </entry>
</feed>`;

const RDF = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example/rss"><title>Old Example</title><link>https://old.example/</link></channel>
  <item rdf:about="https://old.example/a1">
    <title>Mill closes</title>
    <link>https://old.example/a1</link>
    <description>The Brandt paper mill in Osterby will close in June, the company said.</description>
    <dc:date>2024-11-30</dc:date>
  </item>
</rdf:RDF>`;

describe('RSS 2.0', () => {
  const results = [...parseFeed(RSS, 'gazette.xml')];

  it('reads each item: title, link, date as written, the fullest content as text', () => {
    expect(results).toHaveLength(4);
    const [quay, ferry, bridge] = docs(results);
    expect(quay).toMatchObject({
      title: 'Port authority approves new quay',
      url: 'https://gazette.example/2025/01/quay',
      // 23:30 on the 15th at -05:00: the day as the feed wrote it.
      publishedAt: '2025-01-15',
      source: 'gazette.xml#item-1',
      text: 'The Northbay Port Authority approved a new quay on Tuesday.\nConstruction by Keller & Sons starts in March.',
    });
    // content:encoded wins over the teaser in description, and the script is not text.
    expect(quay?.text).not.toContain('teaser');
    expect(quay?.text).not.toContain('trackView');
    expect(ferry).toMatchObject({
      title: 'Ferry timetable changes',
      publishedAt: '2025-02-03',
      text: 'Ferries to Lindholm will leave earlier from Monday.\nFares rise by 5%, said Anna Berg & her team.',
    });
    // No <link>: a guid that is a permalink is the link; dc:date when there is no pubDate.
    expect(bridge).toMatchObject({
      title: 'Bridge opens',
      url: 'https://gazette.example/2025/03/bridge',
      publishedAt: '2025-03-09',
      source: 'gazette.xml#item-4',
      text: 'The Varnes bridge opened to traffic on Sunday. Mayor Ola Dahl cut the ribbon.',
    });
  });

  it('refuses an item with only a title and a link, naming it and saying what it lacks', () => {
    const [refused, ...rest] = refusals(results);
    expect(rest).toEqual([]);
    expect(refused?.source).toBe('gazette.xml#item-3');
    expect(refused?.error).toBeInstanceOf(InvalidInputError);
    expect(refused?.error.message).toBe(
      'ingest.parseFeed: gazette.xml#item-3 (https://gazette.example/2025/02/headline) has no text, only a title and a link. Feeds that carry only headlines are read with newsgraph watch, which fetches each article page.',
    );
  });

  it('keeps what the feed says about each item, guid included', () => {
    const feed = readFeed(RSS, 'gazette.xml');
    expect(feed.kind).toBe('rss');
    expect(feed.title).toBe('Harbour Gazette & Mail');
    expect(feed.items.map((i) => i.guid)).toEqual(['gazette-1001', null, null, 'https://gazette.example/2025/03/bridge']);
    expect(feed.items[2]).toMatchObject({ n: 3, title: 'Headline only', content: [] });
  });

  it('gives the same text the same id, so a repeated item is a duplicate', () => {
    const twice = RSS.replace(
      '</channel>',
      `<item><title>Copy</title><description>The Varnes bridge opened to traffic on Sunday. Mayor Ola Dahl cut the ribbon.</description></item></channel>`,
    );
    const all = docs([...parseFeed(twice, 'twice.xml')]);
    expect(all).toHaveLength(4);
    expect(all[3]?.id).toBe(all[2]?.id);
    expect(all[3]?.source).toBe('twice.xml#item-5');
  });
});

describe('Atom', () => {
  const results = [...parseFeed(ATOM, 'wire.atom')];

  it('reads entries: html, xhtml and text content, alternate links resolved against xml:base, published before updated', () => {
    const [talks, flood, summary] = docs(results);
    expect(talks).toMatchObject({
      title: 'Talks & trade in Soria',
      url: 'https://wire.example/stories/talks-trade',
      publishedAt: '2025-04-01',
      source: 'wire.atom#item-1',
      text: 'Trade ministers from Soria and Velmar met in Doria on Tuesday.\nThey agreed to cut tariffs.',
    });
    expect(flood).toMatchObject({
      title: 'Flood warning lifted',
      url: 'https://wire.example/stories/flood',
      publishedAt: '2025-04-03',
      text: 'The flood warning for the Esk valley was lifted.\nRoads reopened at noon.',
    });
    // type="text" is not markup: spaces folded, lines kept.
    expect(summary).toMatchObject({
      url: 'https://wire.example/stories/summary',
      text: 'Council elections were called for May.\nTurnout is expected to be low.',
    });
  });

  it('refuses the entry with no content, and keeps the Atom id as its guid', () => {
    const refused = refusals(results);
    expect(refused.map((r) => r.source)).toEqual(['wire.atom#item-4']);
    expect(refused[0]?.error.message).toMatch(/wire\.atom#item-4 \(https:\/\/wire\.example\/stories\/bare\) has no text, only a title and a link/);
    expect(readFeed(ATOM, 'wire.atom').items.map((i) => i.guid)).toEqual([
      'tag:wire.example,2025:1',
      'tag:wire.example,2025:2',
      'tag:wire.example,2025:3',
      'tag:wire.example,2025:4',
    ]);
  });
});

describe('Atom 0.3', () => {
  it('reads the old namespace, escaped HTML content and the issued date', () => {
    const xml = `<?xml version="1.0"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#">
  <title>Old Atom</title>
  <entry>
    <title>Harbour dredging starts</title>
    <link rel="alternate" type="text/html" href="https://old-atom.example/dredging"/>
    <id>tag:old-atom.example,2005:1</id>
    <issued>2005-07-04T09:00:00+02:00</issued>
    <modified>2005-07-05T09:00:00Z</modified>
    <content type="text/html" mode="escaped">&lt;p&gt;Dredging of the Osterby harbour started on Monday.&lt;/p&gt;</content>
  </entry>
</feed>`;
    expect(readFeed(xml, 'old.atom').kind).toBe('atom');
    expect(docs([...parseFeed(xml, 'old.atom')])).toMatchObject([
      {
        title: 'Harbour dredging starts',
        url: 'https://old-atom.example/dredging',
        publishedAt: '2005-07-04',
        text: 'Dredging of the Osterby harbour started on Monday.',
      },
    ]);
  });
});

describe('RSS 1.0 (RDF)', () => {
  it('reads items in the RSS 1.0 namespace with their rdf:about and dc:date', () => {
    const feed = readFeed(RDF, 'old.rdf');
    expect(feed.kind).toBe('rdf');
    expect(feed.title).toBe('Old Example');
    const [mill] = docs([...parseFeed(RDF, 'old.rdf')]);
    expect(mill).toMatchObject({
      title: 'Mill closes',
      url: 'https://old.example/a1',
      publishedAt: '2024-11-30',
      text: 'The Brandt paper mill in Osterby will close in June, the company said.',
    });
    expect(feed.items[0]?.guid).toBe('https://old.example/a1');
  });
});

describe('what is not a feed is one refusal naming the file and what was found', () => {
  const cases: [string, string, RegExp][] = [
    ['plain text', 'Just some notes, not XML at all.', /^ingest\.parseFeed: bad\.xml is not XML \(it starts with "Just some notes, not XML at all\."\)/],
    ['JSON', '{"items": []}', /bad\.xml is not XML \(it starts with "\{\\"items\\": \[\]\}"\)/],
    ['an HTML page', '<!DOCTYPE html>\n<html><head><title>Home</title></head><body><p>Hi<br></body></html>', /bad\.xml is an HTML page, not a feed/],
    ['XHTML', '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Hi</p></body></html>', /bad\.xml is an HTML page, not a feed/],
    [
      'another XML document',
      '<?xml version="1.0"?><note><to>Tove</to></note>',
      /bad\.xml is XML but not a feed: its root element is <note>; expected <rss> \(RSS 2\.0\), <feed> \(Atom\) or <rdf:RDF>/,
    ],
    [
      'truncated XML',
      RSS.slice(0, RSS.indexOf('<item>', 900)),
      /bad\.xml is not well-formed XML \(it ends while <rss>, <channel> are still open; is the file truncated\?\)/,
    ],
    [
      'a broken tag',
      '<rss><channel><item><title>x</title></item></chanel></rss>',
      /bad\.xml is not well-formed XML \(line 1, column \d+: Expected closing tag 'channel'/,
    ],
    ['an empty file', '  \n', /bad\.xml is empty/],
    ['a feed without items', '<rss version="2.0"><channel><title>Quiet</title></channel></rss>', /bad\.xml is a feed with no items/],
  ];
  it.each(cases)('%s', (_name, xml, message) => {
    const results = [...parseFeed(xml, 'bad.xml')];
    expect(results).toHaveLength(1);
    const [r] = results;
    expect(r?.ok).toBe(false);
    if (r && !r.ok) {
      expect(r.source).toBe('bad.xml');
      expect(r.error).toBeInstanceOf(InvalidInputError);
      expect(r.error.message).toMatch(message);
    }
  });
});

describe('hostile and sloppy XML', () => {
  it('never expands DOCTYPE entities: a billion laughs and an external entity are inert', () => {
    const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n');
    const xml = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol0 "lol">
  ${laughs}
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
  <!ENTITY tricky "a ]> b">
]>
<rss version="2.0"><channel><title>T</title>
<item><title>Laughs &lol9;</title><link>https://x.example/1</link><description>Before &lol9; after &xxe; end.</description></item>
</channel></rss>`;
    const started = performance.now();
    const results = [...parseFeed(xml, 'hostile.xml')];
    expect(performance.now() - started).toBeLessThan(1000);
    const [doc] = docs(results);
    expect(refusals(results)).toEqual([]);
    // The references stay as written: nothing was expanded and no file was read.
    expect(doc?.text).toBe('Before &lol9; after &xxe; end.');
    expect(doc?.title).toBe('Laughs &lol9;');
    expect(doc?.text).not.toContain('root:');
  });

  it('reads a bare "&", CDATA kept as written, and undeclared but conventional prefixes', () => {
    const xml = `<rss version="2.0"><channel><title>News & Views</title>
<item><title>Q&A with the harbour master</title><link>https://x.example/qa?a=1&b=2</link>
<content:encoded><![CDATA[<p>Fish &amp; chips &lt;3 sold out &lol; today.</p>]]></content:encoded></item></channel></rss>`;
    const feed = readFeed(xml, 'sloppy.xml');
    expect(feed.title).toBe('News & Views');
    expect(feed.items[0]).toMatchObject({ title: 'Q&A with the harbour master', link: 'https://x.example/qa?a=1&b=2' });
    const [doc] = docs([...parseFeed(xml, 'sloppy.xml')]);
    // CDATA is HTML as written: its entities are the HTML reader's to decode.
    expect(doc?.text).toBe('Fish & chips <3 sold out &lol; today.');
  });
});

describe('feed dates', () => {
  const cases: [string, string | null][] = [
    ['Tue, 10 Jun 2003 04:00:00 GMT', '2003-06-10'],
    ['Wed, 02 Oct 2002 13:00:00 +0200', '2002-10-02'],
    ['2 Oct 2002 13:00 EST', '2002-10-02'],
    ['Sat, 01 Mar 97 00:00:00 GMT', '1997-03-01'],
    ['Thursday, 5 September 2024 10:00:00 GMT', '2024-09-05'],
    ['2003-12-13T18:30:02Z', '2003-12-13'],
    ['2003-12-13T18:30:02.25+01:00', '2003-12-13'],
    ['2024-02-29', '2024-02-29'],
    ['2023-02-29', null],
    ['31 Apr 2024', null],
    ['yesterday', null],
    ['', null],
  ];
  it.each(cases)('%j → %j', (input, expected) => {
    expect(feedDate(input)).toBe(expected);
  });
});

describe('feed files through readDocuments', () => {
  it('reads .rss, .atom and .xml files in a directory, items in order, refusals named', () => {
    writeFileSync(join(tmp.path, 'a.rss'), RSS);
    writeFileSync(join(tmp.path, 'b.atom'), ATOM);
    writeFileSync(join(tmp.path, 'c.xml'), '<!DOCTYPE html><html><body>not a feed</body></html>');
    const results = [...readDocuments(tmp.path)];
    expect(docs(results).map((d) => d.source)).toEqual([
      join(tmp.path, 'a.rss#item-1'),
      join(tmp.path, 'a.rss#item-2'),
      join(tmp.path, 'a.rss#item-4'),
      join(tmp.path, 'b.atom#item-1'),
      join(tmp.path, 'b.atom#item-2'),
      join(tmp.path, 'b.atom#item-3'),
    ]);
    expect(refusals(results).map((r) => r.source)).toEqual([join(tmp.path, 'a.rss#item-3'), join(tmp.path, 'b.atom#item-4'), join(tmp.path, 'c.xml')]);
  });
});

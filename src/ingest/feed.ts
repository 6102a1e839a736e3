// RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one document per item, its HTML content read by the article reader.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InvalidInputError } from '../errors.js';
import { type Document, makeDocument } from './document.js';
import { decodeEntities, htmlToText } from './html.js';
import type { ReadResult } from './read.js';

export type FeedKind = 'rss' | 'rdf' | 'atom';

/** One piece of an item's content: HTML (RSS description, content:encoded, Atom type="html"/"xhtml") or plain text. */
export interface FeedContent {
  kind: 'html' | 'text';
  value: string;
}

export interface FeedItem {
  /** 1-based position in the feed (refusals name it: `feed.xml#item-3`). */
  n: number;
  /** RSS guid, Atom id or RDF rdf:about; null when the item has none. */
  guid: string | null;
  link: string | null;
  title: string | null;
  /** YYYY-MM-DD as written in the feed (its own time zone); null when absent or unreadable. */
  publishedAt: string | null;
  /** The fullest content first (content:encoded before description, Atom content before summary). */
  content: FeedContent[];
}

export interface Feed {
  kind: FeedKind;
  title: string | null;
  items: FeedItem[];
}

const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rss1: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  xml: 'http://www.w3.org/XML/1998/namespace',
};

// Feeds often use these prefixes without declaring them; read them as everyone means them.
const CONVENTIONAL_PREFIXES: Record<string, string> = { atom: NS.atom, content: NS.content, dc: NS.dc, rdf: NS.rdf, xml: NS.xml };

const RSS_NS = new Set(['', NS.rss1, NS.rss090]);
const ATOM_NS = new Set([NS.atom, NS.atom03]);

/** An element with its namespace resolved; text is already entity-decoded (CDATA kept as written). */
interface XElement {
  name: string;
  ns: string;
  local: string;
  attrs: Record<string, string>;
  scope: Record<string, string>;
  children: XNode[];
}
type XNode = XElement | { text: string };

const isElement = (node: XNode): node is XElement => 'local' in node;

// No entity expansion at all (processEntities: false): only the five predefined entities and character references
// are decoded, by xmlDecode below, so a DOCTYPE's entities cannot grow the input. CDATA sections are kept apart.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  cdataPropName: '#cdata',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The XML predefined entities and character references; any other `&name;` is left as written (one pass, no recursion). */
function xmlDecode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(
    /&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g,
    (whole, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
      if (name) return PREDEFINED[name] ?? whole;
      const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}

/**
 * Before validation: the DOCTYPE declaration is blanked out (its entities are never read, so neither expansion bombs nor
 * external entities can do anything; lines keep their numbers), and a bare "&" outside CDATA ("News & Views", which
 * many feeds write) is escaped so that one stray character does not refuse a whole feed.
 */
function prepare(xml: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const chunkEnd = lt < 0 ? xml.length : lt;
    out.push(escapeBareAmpersands(xml.slice(i, chunkEnd)));
    if (lt < 0) break;
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      const stop = end < 0 ? xml.length : end + 3;
      out.push(xml.slice(lt, stop));
      i = stop;
    } else if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      const stop = end < 0 ? xml.length : end + 3;
      out.push(xml.slice(lt, stop));
      i = stop;
    } else if (/^<!DOCTYPE/i.test(xml.slice(lt, lt + 9))) {
      const stop = doctypeEnd(xml, lt + 9);
      out.push(xml.slice(lt, stop).replace(/[^\n]/g, ' '));
      i = stop;
    } else {
      // A tag: attribute values may hold a bare "&" too.
      const end = tagEnd(xml, lt + 1);
      out.push(escapeBareAmpersands(xml.slice(lt, end)));
      i = end;
    }
  }
  return out.join('');
}

function escapeBareAmpersands(s: string): string {
  return s.includes('&') ? s.replace(/&(?!#\d+;|#x[0-9a-fA-F]+;|[A-Za-z_][\w.-]*;)/g, '&amp;') : s;
}

/** End (exclusive) of a tag that opens at `from - 1`, skipping ">" inside quoted attribute values. */
function tagEnd(xml: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
    else if (c === '<') return i;
  }
  return xml.length;
}

/** End (exclusive) of a DOCTYPE declaration: quoted literals, an internal subset in [...] and comments in it skipped. */
function doctypeEnd(xml: string, from: number): number {
  let quote: string | null = null;
  let subset = false;
  for (let i = from; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (subset && xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) return xml.length;
      i = end + 2;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') subset = true;
    else if (c === ']') subset = false;
    else if (c === '>' && !subset) return i + 1;
  }
  return xml.length;
}

type RawNode = Record<string, unknown>;

function toTree(raw: unknown, parentScope: Record<string, string>): XNode[] {
  if (!Array.isArray(raw)) return [];
  const nodes: XNode[] = [];
  for (const entry of raw as RawNode[]) {
    const attrs = (entry[':@'] ?? {}) as Record<string, string>;
    for (const [key, value] of Object.entries(entry)) {
      if (key === ':@') continue;
      if (key === '#text') {
        nodes.push({ text: xmlDecode(String(value)) });
      } else if (key === '#cdata') {
        const parts = Array.isArray(value) ? (value as RawNode[]) : [];
        nodes.push({ text: parts.map((p) => String(p['#text'] ?? '')).join('') });
      } else {
        nodes.push(element(key, attrs, value, parentScope));
      }
    }
  }
  return nodes;
}

function element(name: string, rawAttrs: Record<string, string>, children: unknown, parentScope: Record<string, string>): XElement {
  let scope = parentScope;
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawAttrs)) {
    const v = xmlDecode(String(value));
    attrs[key] = v;
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      if (scope === parentScope) scope = { ...parentScope };
      scope[key === 'xmlns' ? '' : key.slice(6)] = v;
    }
  }
  const colon = name.indexOf(':');
  const prefix = colon > 0 ? name.slice(0, colon) : '';
  const local = colon > 0 ? name.slice(colon + 1) : name;
  const ns = scope[prefix] ?? CONVENTIONAL_PREFIXES[prefix] ?? (prefix ? `urn:undeclared:${prefix}` : '');
  return { name, ns, local, attrs, scope, children: toTree(children, scope) };
}

const elements = (el: XElement): XElement[] => el.children.filter(isElement);

function child(el: XElement, namespaces: Set<string> | string, local: string): XElement | undefined {
  return elements(el).find((c) => c.local === local && (typeof namespaces === 'string' ? c.ns === namespaces : namespaces.has(c.ns)));
}

function childrenNamed(el: XElement, namespaces: Set<string>, local: string): XElement[] {
  return elements(el).filter((c) => c.local === local && namespaces.has(c.ns));
}

/** An attribute by namespace and local name (`rdf:about`, `xml:base`), or by plain name when ns is ''. */
function attr(el: XElement, ns: string, local: string): string | undefined {
  for (const [key, value] of Object.entries(el.attrs)) {
    const colon = key.indexOf(':');
    if (ns === '' ? colon < 0 && key === local : colon > 0 && key.slice(colon + 1) === local) {
      if (ns === '') return value;
      const prefix = key.slice(0, colon);
      if ((el.scope[prefix] ?? CONVENTIONAL_PREFIXES[prefix]) === ns) return value;
    }
  }
  return undefined;
}

/** The text of an element and everything in it. */
function textOf(el: XElement): string {
  return el.children.map((c) => (isElement(c) ? textOf(c) : c.text)).join('');
}

const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'area', 'base', 'col', 'embed', 'source', 'track', 'wbr']);

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * An element's content as HTML: text directly inside is taken as markup (escaped HTML in an RSS description, which is
 * what the XML decoding gave back), child elements (XHTML, or HTML a feed forgot to escape) are written back as tags.
 */
function htmlOf(el: XElement): string {
  return el.children.map((c) => (isElement(c) ? serialize(c) : c.text)).join('');
}

function serialize(el: XElement): string {
  const attrs = Object.entries(el.attrs)
    .filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:'))
    .map(([k, v]) => ` ${k}="${escapeHtml(v).replace(/"/g, '&quot;')}"`)
    .join('');
  if (el.children.length === 0 && VOID.has(el.local)) return `<${el.local}${attrs}>`;
  const inner = el.children.map((c) => (isElement(c) ? serialize(c) : escapeHtml(c.text))).join('');
  return `<${el.local}${attrs}>${inner}</${el.local}>`;
}

const clean = (s: string | undefined | null): string | null => {
  if (s === undefined || s === null) return null;
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 0 ? t : null;
};

/** A title that may carry markup or HTML entities (RSS titles often do; Atom type="html" always may). */
function titleText(el: XElement | undefined, atom: boolean): string | null {
  if (!el) return null;
  const type = atom ? (attr(el, '', 'type') ?? 'text').toLowerCase() : 'html';
  if (type === 'xhtml') return clean(textOf(el));
  const raw = textOf(el);
  if (type === 'text' || type === 'text/plain') return clean(raw);
  return clean(decodeEntities(raw.replace(/<[^>]*>/g, ' ')));
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A feed date as YYYY-MM-DD, the day as written (in the feed's own time zone): RFC 822 ("Wed, 15 Jan 2025 10:00:00
 * GMT", also without weekday or seconds, with a two-digit year) or ISO 8601 / RFC 3339 ("2025-01-15T10:00:00Z").
 */
export function feedDate(value: string | null | undefined): string | null {
  const v = (value ?? '').trim();
  if (!v) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?![\d])/.exec(v);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const rfc = /^(?:[A-Za-z]{3,9}\.?,?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4}|\d{2})(?![\d])/.exec(v);
  if (rfc) {
    const month = MONTHS[(rfc[2] ?? '').slice(0, 3).toLowerCase()];
    if (!month) return null;
    let year = Number(rfc[3]);
    // RFC 822 two-digit years: 00-49 are 20xx, 50-99 are 19xx.
    if ((rfc[3] ?? '').length === 2) year += year < 50 ? 2000 : 1900;
    return isoDate(year, month, Number(rfc[1]));
  }
  return null;
}

function firstDate(...candidates: (XElement | undefined)[]): string | null {
  for (const el of candidates) {
    const date = el ? feedDate(textOf(el)) : null;
    if (date) return date;
  }
  return null;
}

/** A link resolved against xml:base and the feed's own address, when it is relative. */
function resolveLink(href: string | null, bases: (string | null | undefined)[]): string | null {
  const h = clean(href);
  if (!h) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(h)) return h;
  let base: string | undefined;
  for (const b of bases) {
    if (!b) continue;
    try {
      base = base ? new URL(b, base).href : new URL(b).href;
    } catch {
      // a relative or broken base: try the next one
    }
  }
  if (!base) return h;
  try {
    return new URL(h, base).href;
  } catch {
    return h;
  }
}

function rssItem(el: XElement, n: number, bases: (string | null | undefined)[]): FeedItem {
  const guidEl = child(el, RSS_NS, 'guid');
  const guid = guidEl ? clean(textOf(guidEl)) : null;
  let link = clean(child(el, RSS_NS, 'link') ? textOf(child(el, RSS_NS, 'link') as XElement) : null);
  // <guid> is a permalink unless it says isPermaLink="false".
  if (!link && guid && guidEl && attr(guidEl, '', 'isPermaLink') !== 'false' && /^https?:\/\//i.test(guid)) link = guid;
  if (!link) {
    const alternate = childrenNamed(el, ATOM_NS, 'link').find((l) => (attr(l, '', 'rel') ?? 'alternate') === 'alternate');
    link = alternate ? clean(attr(alternate, '', 'href')) : null;
  }
  const about = attr(el, NS.rdf, 'about');
  const content: FeedContent[] = [];
  for (const c of [child(el, NS.content, 'encoded'), child(el, RSS_NS, 'description')]) {
    if (c) content.push({ kind: 'html', value: htmlOf(c) });
  }
  return {
    n,
    guid: guid ?? clean(about),
    link: resolveLink(link ?? clean(about), bases),
    title: titleText(child(el, RSS_NS, 'title'), false),
    publishedAt: firstDate(child(el, RSS_NS, 'pubDate'), child(el, NS.dc, 'date'), child(el, ATOM_NS, 'published'), child(el, ATOM_NS, 'updated')),
    content,
  };
}

/** Atom text constructs: type "text" (the default), "html" (escaped markup) or "xhtml" (a div of XHTML). */
function atomContent(el: XElement | undefined): FeedContent | null {
  if (!el || attr(el, '', 'src') !== undefined) return null;
  const type = (attr(el, '', 'type') ?? 'text').toLowerCase();
  if (type === 'text' || type === 'text/plain') return { kind: 'text', value: textOf(el) };
  if (type === 'html' || type === 'text/html') return { kind: 'html', value: textOf(el) };
  if (type === 'xhtml' || type === 'application/xhtml+xml') return { kind: 'html', value: elements(el).map(serialize).join('') };
  return null;
}

function atomItem(el: XElement, n: number, bases: (string | null | undefined)[]): FeedItem {
  const links = childrenNamed(el, ATOM_NS, 'link');
  const alternates = links.filter((l) => (attr(l, '', 'rel') ?? 'alternate') === 'alternate');
  const link = alternates.find((l) => /html/i.test(attr(l, '', 'type') ?? 'text/html')) ?? alternates[0];
  const content = [atomContent(child(el, ATOM_NS, 'content')), atomContent(child(el, ATOM_NS, 'summary'))].filter((c): c is FeedContent => c !== null);
  const idEl = child(el, ATOM_NS, 'id');
  return {
    n,
    guid: idEl ? clean(textOf(idEl)) : null,
    link: resolveLink(link ? (attr(link, '', 'href') ?? null) : null, [...bases, attr(el, NS.xml, 'base')]),
    title: titleText(child(el, ATOM_NS, 'title'), true),
    publishedAt: firstDate(child(el, ATOM_NS, 'published'), child(el, ATOM_NS, 'issued'), child(el, ATOM_NS, 'updated'), child(el, ATOM_NS, 'modified')),
    content,
  };
}

const firstChars = (s: string): string => JSON.stringify(s.trimStart().slice(0, 40));

/** "Invalid '["rss","channel"]' found." (fast-xml-parser's words for an unclosed element) → what a reader understands. */
function describeXmlError(err: { code: string; msg: string; line: number; col?: number }): string {
  const unclosed = /^Invalid '(\[[\s\S]*\])' found\.$/.exec(err.msg);
  if (unclosed) {
    try {
      const open = JSON.parse(unclosed[1] ?? '[]') as string[];
      return `it ends while ${open.map((t) => `<${t}>`).join(', ')} ${open.length === 1 ? 'is' : 'are'} still open; is the file truncated?`;
    } catch {
      // fall through to the parser's own words
    }
  }
  return `line ${err.line}${err.col ? `, column ${err.col}` : ''}: ${err.msg}`;
}

/**
 * Reads a feed: its kind, title and items. Anything that is not an RSS 2.0, RSS 1.0 or Atom feed (not XML, truncated
 * XML, an HTML page, another XML document) is refused with an InvalidInputError that names the source and what it
 * found. `baseUrl` (the feed's address, when fetched) resolves relative item links.
 */
export function readFeed(xml: string, source: string, baseUrl: string | null = null): Feed {
  const text = xml.replace(/^\uFEFF/, '');
  if (text.trim().length === 0) throw new InvalidInputError(`ingest.parseFeed: ${source} is empty. Pass an RSS or Atom feed.`);
  if (/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>])/i.test(text)) {
    throw new InvalidInputError(
      `ingest.parseFeed: ${source} is an HTML page, not a feed (it starts with ${firstChars(text)}). Save it as .html to read it as an article, or give its feed's address.`,
    );
  }
  if (!text.trimStart().startsWith('<')) {
    throw new InvalidInputError(`ingest.parseFeed: ${source} is not XML (it starts with ${firstChars(text)}). Pass an RSS or Atom feed.`);
  }
  const prepared = prepare(text);
  const valid = XMLValidator.validate(prepared);
  if (valid !== true) {
    throw new InvalidInputError(`ingest.parseFeed: ${source} is not well-formed XML (${describeXmlError(valid.err)}). Fix the feed or fetch it again.`);
  }
  let tree: XNode[];
  try {
    tree = toTree(parser.parse(prepared), {});
  } catch (error) {
    throw new InvalidInputError(`ingest.parseFeed: ${source} cannot be read as XML (${(error as Error).message}). Fix the feed or fetch it again.`, {
      cause: error,
    });
  }
  const root = tree.find(isElement);
  if (!root) throw new InvalidInputError(`ingest.parseFeed: ${source} has no root element. Pass an RSS or Atom feed.`);
  const rootBase = attr(root, NS.xml, 'base');
  if (root.local === 'rss' && root.ns === '') {
    const channel = child(root, '', 'channel');
    const itemEls = [...(channel ? childrenNamed(channel, RSS_NS, 'item') : []), ...childrenNamed(root, RSS_NS, 'item')];
    const channelLink = channel ? child(channel, '', 'link') : undefined;
    const bases = [baseUrl, channelLink ? textOf(channelLink) : null, rootBase];
    return {
      kind: 'rss',
      title: titleText(channel ? child(channel, '', 'title') : undefined, false),
      items: itemEls.map((el, i) => rssItem(el, i + 1, bases)),
    };
  }
  if (root.local === 'RDF' && root.ns === NS.rdf) {
    const channel = child(root, RSS_NS, 'channel');
    return {
      kind: 'rdf',
      title: titleText(channel ? child(channel, RSS_NS, 'title') : undefined, false),
      items: childrenNamed(root, RSS_NS, 'item').map((el, i) => rssItem(el, i + 1, [baseUrl, rootBase])),
    };
  }
  if (root.local === 'feed' && (ATOM_NS.has(root.ns) || root.ns === '')) {
    const ns = new Set([root.ns]);
    const selfBase = [baseUrl, rootBase];
    return {
      kind: 'atom',
      title: titleText(child(root, ns, 'title'), true),
      items: childrenNamed(root, ns, 'entry').map((el, i) => atomItem(el, i + 1, selfBase)),
    };
  }
  if (root.local === 'html') {
    throw new InvalidInputError(
      `ingest.parseFeed: ${source} is an HTML page, not a feed (root element <${root.name}>). Save it as .html to read it as an article.`,
    );
  }
  throw new InvalidInputError(
    `ingest.parseFeed: ${source} is XML but not a feed: its root element is <${root.name}>${root.ns ? ` (namespace ${root.ns})` : ''}; expected <rss> (RSS 2.0), <feed> (Atom) or <rdf:RDF> (RSS 1.0).`,
  );
}

/** The item's source as documents and refusals name it: `feed.xml#item-3`. */
export function itemSource(source: string, item: FeedItem): string {
  return `${source}#item-${item.n}`;
}

/** The item's own text: the first of its contents that has any once markup is dropped; '' when none has. */
export function itemText(item: FeedItem, source: string): string {
  for (const c of item.content) {
    const text =
      c.kind === 'html'
        ? // A fragment, read as the body of a page of its own (the reader expects a whole document).
          htmlToText(`<!DOCTYPE html><html><head></head><body>${c.value}</body></html>`, source).text
        : c.value
            .split(/\r?\n/)
            .map((l) => l.replace(/\s+/g, ' ').trim())
            .filter(Boolean)
            .join('\n');
    if (text.trim().length > 0) return text;
  }
  return '';
}

/** A document from the item's own content; refused (InvalidInputError) when the item has no text, only a title or a link. */
export function itemDocument(item: FeedItem, source: string): Document {
  const text = itemText(item, itemSource(source, item));
  const where = `${itemSource(source, item)}${item.link ? ` (${item.link})` : ''}`;
  if (text.trim().length === 0) {
    const has = [item.title ? 'a title' : null, item.link ? 'a link' : null].filter(Boolean).join(' and ') || 'nothing';
    throw new InvalidInputError(
      `ingest.parseFeed: ${where} has no text, only ${has}. Feeds that carry only headlines are read with newsgraph watch, which fetches each article page.`,
    );
  }
  return makeDocument({ text, title: item.title, publishedAt: item.publishedAt, url: item.link, source: itemSource(source, item) });
}

/** The items of a feed, each a document or a refusal naming the item; a file that is not a feed is one refusal. */
export function* parseFeed(xml: string, source: string): Generator<ReadResult> {
  let feed: Feed;
  try {
    feed = readFeed(xml, source);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    yield { ok: false, source, error };
    return;
  }
  if (feed.items.length === 0) {
    yield { ok: false, source, error: new InvalidInputError(`ingest.parseFeed: ${source} is a feed with no items; there is nothing to read.`) };
    return;
  }
  for (const item of feed.items) {
    try {
      yield { ok: true, document: itemDocument(item, source) };
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      yield { ok: false, source: itemSource(source, item), error };
    }
  }
}

// A saved news page → its article: body text (Mozilla Readability over a linkedom DOM), headline, byline, date and URL.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { InvalidInputError } from '../errors.js';
import { MAX_DOCUMENT_CHARS } from './document.js';

export interface HtmlText {
  /** The article: the headline on the first line, then one line per paragraph, heading or list item. */
  text: string;
  title: string | null;
  /** As the page gives it (an ISO date or timestamp); null when the page has none. */
  publishedAt: string | null;
  url: string | null;
  /** The authors as the page names them ("Lena Ortiz, Tomas Brandt"); null when it names none. */
  byline: string | null;
}

/**
 * The largest page read (characters of HTML). Real article pages are 50 KB–2 MB, much of it inline scripts and
 * styles, which cost little; a page this large is almost always a dump, not an article.
 */
export const MAX_HTML_CHARS = 10 * MAX_DOCUMENT_CHARS;

/**
 * The most elements a page may have. Heavy news pages have 5,000–20,000; time and memory follow the element count
 * (about 240,000 elements took 18 s and 660 MB), so more than this is a listing or a dump, not an article.
 */
export const MAX_HTML_ELEMENTS = 100_000;

// The slice of the DOM this module reads. linkedom's own types are DOM types, which the build (no "DOM" lib) lacks.
interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly nodeValue: string | null;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly parentElement: DomElement | null;
}
interface DomElement extends DomNode {
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  closest(selector: string): DomElement | null;
  contains(other: DomNode): boolean;
  remove(): void;
  insertBefore(node: DomNode, before: DomNode | null): DomNode;
  readonly children: ArrayLike<DomElement>;
  readonly firstElementChild: DomElement | null;
  readonly previousElementSibling: DomElement | null;
}
interface DomDocument {
  readonly body: DomElement | null;
  readonly documentElement: DomElement;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Never text: code, media, form controls, and AMP's ad, share and menu components. */
const SKIP = new Set([
  'head',
  'title',
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'picture',
  'img',
  'form',
  'button',
  'select',
  'textarea',
  'input',
  'label',
  'amp-ad',
  'amp-embed',
  'amp-sticky-ad',
  'amp-sidebar',
  'amp-social-share',
  'amp-analytics',
  'amp-consent',
  'amp-user-notification',
]);

/** Elements that end a line (the rest are inline: their text joins the line around them). */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
]);

/**
 * Removed before the article is looked for: site chrome marked up as such (menus, side columns, the site footer,
 * dialogs such as cookie banners, status toasts), hidden elements, and the SKIP elements but media (Readability
 * weighs images when it tells a story from a gallery of ads). A <header> outside the article is the site's; one
 * inside it holds the headline and standfirst and stays.
 */
const CHROME_TAGS = new Set(['nav', 'aside', 'footer', 'dialog']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'dialog', 'alertdialog', 'search', 'status']);
const MEDIA = new Set(['img', 'picture', 'video', 'audio']);

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  euro: '€',
  pound: '£',
};

/** Decodes the common HTML character references in text that is not in a DOM (for example a feed field). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Reads a news page: the article body with Mozilla Readability (falling back to the page's <article>, <main> or
 * <body> when Readability finds nothing), and the headline, date, URL and byline from the page's metadata.
 * Deterministic: the same page always gives the same text. `text` is "" when the page holds no article text
 * (only navigation, link lists or markup).
 */
export function htmlToText(html: string, source = 'the page'): HtmlText {
  if (html.length > MAX_HTML_CHARS) {
    throw new InvalidInputError(
      `ingest.htmlToText: ${source} has ${html.length} characters of HTML, over the limit of ${MAX_HTML_CHARS}. Save the article page alone, or convert it to text first.`,
    );
  }
  const elements = countElements(html);
  if (elements > MAX_HTML_ELEMENTS) {
    throw new InvalidInputError(
      `ingest.htmlToText: ${source} has ${elements} HTML elements, over the limit of ${MAX_HTML_ELEMENTS} for one page (a listing or a dump, not an article). Save the article page alone, or convert it to text first.`,
    );
  }
  const { document } = parseHTML(asDocument(html));
  const doc = document as unknown as DomDocument;
  if (!nestedWithin(doc.documentElement, MAX_READABILITY_DEPTH)) {
    // Broken or hostile markup: one linear walk that leaves out the chrome as it goes (see MAX_READABILITY_DEPTH).
    const meta = readMetadata(doc, null, null);
    return { ...meta, text: withHeadline(blockText(doc.body ?? doc.documentElement, true), meta.title) };
  }
  const scope = articleScope(doc);
  const byline = findByline(doc, scope);
  const meta = readMetadata(doc, scope, byline);
  removeByline(byline);
  removeChrome(doc);
  removeBoilerplate(doc);
  removeRepeatedQuotes(doc);
  const lead = leadBlocks(doc, scope, meta.title);
  let body = '';
  try {
    const article = new Readability(document, { serializer: (node: unknown) => node as DomElement }).parse();
    if (article?.content) {
      restoreLead(article.content, lead);
      body = blockText(article.content);
    }
    if (!meta.byline && article?.byline) meta.byline = cleanByline(article.byline);
  } catch {
    // Readability throws on some malformed trees; the fallback reads those pages instead of failing the ingest.
    body = '';
  }
  // Readability found nothing (or nothing but link lists): the page's article, main or body, cleaned the same way.
  if (!body) body = fallbackText(html);
  return { ...meta, text: withHeadline(body, meta.title) };
}

/** Start tags outside scripts and styles (each script or style counts once), in one linear scan. */
function countElements(html: string): number {
  const lower = html.toLowerCase();
  let n = 0;
  for (let i = lower.indexOf('<'); i !== -1; i = lower.indexOf('<', i + 1)) {
    const c = lower.charCodeAt(i + 1);
    if (c < 97 || c > 122) continue;
    n++;
    const raw = lower.startsWith('script', i + 1) ? 'script' : lower.startsWith('style', i + 1) ? 'style' : null;
    if (!raw) continue;
    // A script's text may hold "<b" and the like; an unclosed script runs to the end.
    const end = lower.indexOf(`</${raw}`, i);
    if (end === -1) break;
    i = end;
  }
  return n;
}

/**
 * Pages nested deeper than this are read without Readability, whose time grows with the square of the depth
 * (0.6 s at 100 levels, 8 s at 300), and without the cleaning steps, which look at each element's subtree or
 * ancestors. Real article pages stay under about 40; only broken markup (unclosed tags) or a hostile page goes
 * deeper.
 */
const MAX_READABILITY_DEPTH = 100;

/** Whether no element lies deeper than `limit` below root. Iterative: the depth is what is being checked. */
function nestedWithin(root: DomElement, limit: number): boolean {
  const stack: [DomElement, number][] = [[root, 0]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [el, depth] = top;
    if (depth > limit) return false;
    const children = el.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child) stack.push([child, depth + 1]);
    }
  }
  return true;
}

/**
 * linkedom builds the tree as written, without the <html> and <body> a browser implies: "<div>…</div>" or
 * "<html><p>…</p></html>" would have no body to read. Adds the missing wrappers around what is there.
 */
function asDocument(html: string): string {
  const hasHtml = /<html[\s>]/i.test(html);
  if (/<body[\s>]/i.test(html)) return hasHtml ? html : `<html>${html}</html>`;
  const page = hasHtml ? html : html.replace(/^\s*<!doctype[^>]*>/i, '');
  const open = /<html[^>]{0,2000}>/i.exec(page);
  const headEnd = /<\/head\s*>/i.exec(page);
  const start = headEnd ? headEnd.index + headEnd[0].length : open ? open.index + open[0].length : 0;
  const close = page.toLowerCase().lastIndexOf('</html');
  const end = close >= start ? close : page.length;
  const wrapped = `${page.slice(0, start)}<body>${page.slice(start, end)}</body>${page.slice(end)}`;
  return hasHtml ? wrapped : `<html>${wrapped}</html>`;
}

/** The page's <article> (or <main>, or <body>) as text, for pages Readability finds no article in. */
function fallbackText(html: string): string {
  const { document } = parseHTML(asDocument(html));
  const doc = document as unknown as DomDocument;
  const scope = articleScope(doc);
  removeByline(findByline(doc, scope));
  removeChrome(doc);
  removeBoilerplate(doc);
  removeRepeatedQuotes(doc);
  return blockText(scope ?? doc.body ?? doc.documentElement);
}

/** The headline on the first line, then the body without the copy of the headline Readability may have kept. */
function withHeadline(body: string, title: string | null): string {
  if (!body) return '';
  if (!title) return body;
  const lines = body.split('\n');
  const copy = lines.slice(0, 5).indexOf(title);
  if (copy >= 0) lines.splice(copy, 1);
  return [title, ...lines].join('\n');
}

/** Whether an element is site chrome by its tag, role or hidden state (a <header> only outside the article). */
function isChrome(el: DomElement, tag: string, inArticle: boolean): boolean {
  if (CHROME_TAGS.has(tag) || (tag === 'header' && !inArticle)) return true;
  if (el.getAttribute('hidden') !== null || el.getAttribute('aria-hidden') === 'true') return true;
  const role = el.getAttribute('role');
  return role !== null && CHROME_ROLES.has(role.trim().toLowerCase());
}

function removeChrome(doc: DomDocument): void {
  const root = doc.body ?? doc.documentElement;
  const chrome = (el: DomElement): boolean => {
    const tag = el.nodeName.toLowerCase();
    if (SKIP.has(tag) && !MEDIA.has(tag)) return true;
    return isChrome(el, tag, tag === 'header' && el.closest('article, main') !== null);
  };
  // One pass to find, then remove: removing a descendant of an element already removed is harmless.
  for (const el of Array.from(root.querySelectorAll('*')).filter(chrome)) el.remove();
}

/**
 * The words of an element's class and id: "story__standfirst" → story, standfirst; "AdSlot_wrapper__Ee3" → ad,
 * slot, wrapper, ee3. Generated class names (CSS modules) keep their words, so rules can name words, not classes.
 */
function nameTokens(el: DomElement): string[] {
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  return names
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

// Words of class and id names that mark ads ("ad-slot", "inline-ad", "AdSlot_wrapper"), an article's footer (tags,
// corrections notes, share rows), an author's bio box, and breadcrumbs.
const CHROME_WORDS = /^(?:ads?|adverts?|advertisement|advertising|adslot|adunit|dfp|sponsored|footer|bio|breadcrumbs?|crumbs?|offers?)$/;
// Parts of names that mark cookie notices, newsletter boxes and paywall prompts ("newsletter-signup", "cmp-consent",
// "piano-inline-offer").
const CHROME_NAME = /cookie|consent|gdpr|newsletter|signup|sign-up|paywall|piano|upsell/i;
// An ad placeholder's only words.
const AD_TEXT =
  /^(?:advertisement|advertising|ads?|sponsored(?: content)?|publicidad|anuncio|publicité|anzeige|werbung|pubblicità|story continues below(?: this)? (?:advertisement|ad))$/i;

/**
 * Removes ads, cookie notices, newsletter sign-ups, bio boxes and article footers that Readability would keep
 * because they sit inside the article. Never an element holding the headline (<h1>) or the article body, nor one
 * with 40% or more of the page's text: a class such as "has-ads" on the story's own container must not take the
 * story with it.
 */
function removeBoilerplate(doc: DomDocument): void {
  const root = doc.body ?? doc.documentElement;
  const pageChars = squash(root.textContent).length;
  const removable = (el: DomElement): boolean => {
    const tag = el.nodeName.toLowerCase();
    if (tag === 'body' || tag === 'html' || tag === 'main' || tag === 'article') return false;
    if (el.getAttribute('itemprop')?.includes('articleBody') || el.querySelector('h1, [itemprop~="articleBody"]')) return false;
    return squash(el.textContent).length < 0.4 * pageChars;
  };
  const doomed: DomElement[] = [];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (names.trim()) {
      const marked = CHROME_NAME.test(names) || nameTokens(el).some((t) => CHROME_WORDS.test(t));
      if (marked && removable(el)) {
        doomed.push(el);
        continue;
      }
    }
    // A leaf whose only words are "Advertisement" ("- Advertisement -"): an ad's label, or the placeholder it leaves.
    if (el.children.length === 0 && AD_TEXT.test(squash(el.textContent).replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))) doomed.push(el);
  }
  for (const el of doomed) el.remove();
}

const words = (text: string | null): string[] => (text ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Removes pull quotes: a <blockquote> (or an element named "pull quote", "pq") whose words the page's paragraphs
 * already hold — 80% of its word triples. A quotation the story does not repeat (a statement, a post) stays.
 */
function removeRepeatedQuotes(doc: DomDocument): void {
  const root = doc.body ?? doc.documentElement;
  const quotes = Array.from(root.querySelectorAll('blockquote, [class]')).filter((el) => {
    if (el.nodeName.toLowerCase() === 'blockquote') return true;
    const tokens = nameTokens(el);
    return tokens.includes('pq') || tokens.includes('pullquote') || (tokens.includes('pull') && tokens.includes('quote'));
  });
  if (quotes.length === 0) return;
  const quoteSet = new Set(quotes);
  const inQuote = (el: DomElement): boolean => {
    for (let a: DomElement | null = el; a; a = a.parentElement) if (quoteSet.has(a)) return true;
    return false;
  };
  const triples = new Set<string>();
  for (const p of Array.from(root.querySelectorAll('p'))) {
    if (inQuote(p)) continue;
    const w = words(p.textContent);
    for (let i = 0; i + 2 < w.length; i++) triples.add(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
  }
  for (const quote of quotes) {
    const w = words(quote.textContent);
    if (w.length < 5) continue;
    let repeated = 0;
    for (let i = 0; i + 2 < w.length; i++) if (triples.has(`${w[i]} ${w[i + 1]} ${w[i + 2]}`)) repeated++;
    if (repeated >= 0.8 * (w.length - 2)) quote.remove();
  }
}

interface Lead {
  /** Standfirsts and summary lists after the headline, in page order, with a list's heading. */
  blocks: { element: DomElement; heading: DomElement | null; index: number }[];
  /** Every element of the page in document order, as it was before Readability moved anything. */
  order: Map<DomElement, number>;
}

// Words of class and id names of the things between a headline and its story that are not the story.
const NOT_LEAD =
  /^(?:related|share|sharing|social|tags?|topics?|menu|nav|sidebar|promo|comments?|footer|more|recommended|trending|popular|byline|author|authors|credits?|date|time|timestamp|meta|caption|cta|subscribe|kicker|label|links)$/;

/** A paragraph of sentences: eight words or more, ending as a sentence ends, hardly any of it link text. */
function isProse(el: DomElement, minWords: number, sentence: boolean): boolean {
  const text = squash(el.textContent);
  if (text.split(' ').length < minWords) return false;
  if (sentence && !/[.!?…]["'”’)]*$/.test(text)) return false;
  const linked = Array.from(el.querySelectorAll('a[href]')).reduce((n, a) => n + squash(a.textContent).length, 0);
  return linked <= 0.25 * text.length;
}

/**
 * What stands between the headline and the story before Readability runs: a standfirst or a summary list ("Key
 * points"). Readability gathers paragraphs from one container and its siblings, so these, beside the headline in
 * another container, are often left out; restoreLead puts back those it did not keep.
 */
function leadBlocks(doc: DomDocument, scope: DomElement | null, title: string | null): Lead {
  const root = doc.body ?? doc.documentElement;
  const order = new Map<DomElement, number>();
  for (const el of Array.from(root.querySelectorAll('*'))) order.set(el, order.size);
  const h1s = Array.from(root.querySelectorAll('h1'));
  const headline = scope?.querySelector('h1') ?? h1s.find((h) => squash(h.textContent) === title) ?? (h1s.length === 1 ? h1s[0] : undefined);
  const blocks: Lead['blocks'] = [];
  const start = headline ? order.get(headline) : undefined;
  if (!headline || start === undefined) return { blocks, order };
  for (const [el, index] of order) {
    if (index <= start || headline.contains(el)) continue;
    const tag = el.nodeName.toLowerCase();
    const list = tag === 'ul' || tag === 'ol';
    if (!list && tag !== 'p') continue;
    if (el.parentElement?.closest('ul, ol, blockquote, figure, table')) continue;
    const ancestors: DomElement[] = [];
    for (let a = el.parentElement; a && a !== root; a = a.parentElement) ancestors.push(a);
    if ([el, ...ancestors].some((a) => nameTokens(a).some((t) => NOT_LEAD.test(t)))) continue;
    const items = Array.from(el.children);
    const prose = list ? items.length >= 2 && items.every((li) => li.nodeName.toLowerCase() === 'li' && isProse(li, 4, false)) : isProse(el, 8, true);
    if (!prose) continue;
    const before = el.previousElementSibling;
    const heading = list && before && /^h[2-6]$/.test(before.nodeName.toLowerCase()) ? before : null;
    blocks.push({ element: el, heading, index });
    if (blocks.length >= 20) break;
  }
  return { blocks, order };
}

/**
 * Puts the standfirst and summary lists Readability left out back before its first paragraph, in page order:
 * those beside the container it chose, and those it dropped with a container it took for chrome (a standfirst in
 * a <div class="story-header">).
 */
function restoreLead(content: DomElement, { blocks, order }: Lead): void {
  if (blocks.length === 0) return;
  let firstKept = Number.POSITIVE_INFINITY;
  for (const el of Array.from(content.querySelectorAll('p, li'))) firstKept = Math.min(firstKept, order.get(el) ?? firstKept);
  const page = content.firstElementChild && content.children.length === 1 ? content.firstElementChild : content;
  const first = page.firstElementChild;
  for (const { element, heading, index } of blocks) {
    if (index >= firstKept) break;
    if (content.contains(element)) continue;
    if (heading && !content.contains(heading)) page.insertBefore(heading, first);
    page.insertBefore(element, first);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Text: one line per block element, inline text joined, whitespace collapsed.

/**
 * The text of an element: every block element (paragraph, heading, list item, table row…) ends a line, <br>
 * ends a line, runs of whitespace become one space. A line made only of link text (a menu, a list of related
 * headlines, tags, share links) is dropped, as is a line with no letter or digit. Iterative, so depth is no limit.
 * With skipChrome, site chrome (isChrome) is left out on the way, for pages too deep to clean first.
 */
function blockText(root: DomNode, skipChrome = false): string {
  const lines: string[] = [];
  let line = '';
  let hasLink = false;
  let hasOwnWord = false;
  let linkDepth = 0;
  let articleDepth = 0;
  const flush = (): void => {
    const text = line.replace(/ {2,}/g, ' ').trim();
    if (text && hasOwnWord) lines.push(text);
    else if (text && !hasLink && /[\p{L}\p{N}]/u.test(text)) lines.push(text);
    line = '';
    hasLink = false;
    hasOwnWord = false;
  };
  const stack: [DomNode, boolean][] = [[root, false]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [node, leaving] = top;
    const tag = node.nodeName.toLowerCase();
    if (leaving) {
      if (tag === 'a' && isLink(node)) linkDepth--;
      if (tag === 'article' || tag === 'main') articleDepth--;
      if (BLOCK.has(tag)) flush();
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      const text = (node.nodeValue ?? '').replace(/\s+/g, ' ');
      if (!text) continue;
      line += text;
      if (linkDepth > 0) hasLink = true;
      else if (/[\p{L}\p{N}]/u.test(text)) hasOwnWord = true;
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE || SKIP.has(tag)) continue;
    if (skipChrome && isChrome(node as DomElement, tag, articleDepth > 0)) continue;
    if (tag === 'article' || tag === 'main') articleDepth++;
    if (tag === 'br') {
      flush();
      continue;
    }
    if (BLOCK.has(tag)) flush();
    else if (tag === 'td' || tag === 'th') line += ' ';
    if (tag === 'a' && isLink(node)) linkDepth++;
    stack.push([node, true]);
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push([child, false]);
    }
  }
  flush();
  return lines.join('\n');
}

/** A link to another page ("#post-5" anchors within the page, such as live-blog permalinks, are not). */
function isLink(node: DomNode): boolean {
  const href = (node as DomElement).getAttribute('href');
  return href !== null && href.trim() !== '' && !href.trim().startsWith('#');
}

// ---------------------------------------------------------------------------------------------------------------
// Metadata: headline, date, URL and byline, each from the most reliable place the page offers.

interface PageMetadata {
  title: string | null;
  publishedAt: string | null;
  url: string | null;
  byline: string | null;
}

type JsonObject = { [key: string]: unknown };

/** What the metadata readers look at, gathered in one pass each. */
interface Page {
  doc: DomDocument;
  /** <meta> content by property, name or itemprop (lower case); the first non-empty one wins. */
  metas: Map<string, string>;
  /** The JSON-LD Article (or subtype) node, and every other node. */
  article: JsonObject | undefined;
  others: JsonObject[];
  byId: Map<string, JsonObject>;
  scope: DomElement | null;
  /** The byline element on the page, if any. */
  byline: DomElement | null;
}

function readMetadata(doc: DomDocument, scope: DomElement | null, byline: DomElement | null): PageMetadata {
  const metas = new Map<string, string>();
  for (const el of Array.from(doc.querySelectorAll('meta'))) {
    const content = squash(el.getAttribute('content'));
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      // Names such as "DC.date.issued" come in several cases.
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !metas.has(key)) metas.set(key, content);
    }
  }
  const ld = readJsonLd(doc);
  const article = ld.nodes.find((node) => typesOf(node).some((t) => ARTICLE_TYPES.test(t)));
  const page: Page = { doc, metas, article, others: ld.nodes.filter((node) => node !== article), byId: ld.byId, scope, byline };
  return { title: readTitle(page), publishedAt: readDate(page), url: readUrl(page), byline: readByline(page) };
}

/** The element holding the article: the <article> with the headline, else the article body's, else <main>. */
function articleScope(doc: DomDocument): DomElement | null {
  for (const article of Array.from(doc.querySelectorAll('article'))) if (article.querySelector('h1')) return article;
  const body = doc.querySelector('[itemprop~="articleBody"]');
  return body?.closest('article') ?? doc.querySelector('main') ?? doc.querySelector('article') ?? body;
}

const squash = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

function metaContent(page: Page, ...keys: string[]): string | null {
  for (const key of keys) {
    const content = page.metas.get(key);
    if (content) return content;
  }
  return null;
}

/** og:title, the JSON-LD headline, twitter:title, the article's <h1>, then <title>; without a " | Site" suffix. */
function readTitle(page: Page): string | null {
  const { doc, article, scope } = page;
  const sites = siteNames(page);
  const og = metaContent(page, 'og:title');
  if (og) return withoutSite(og, sites);
  const headline = article ? stringOf(article.headline) : null;
  if (headline) return squash(headline);
  const twitter = metaContent(page, 'twitter:title', 'dc.title');
  if (twitter) return withoutSite(twitter, sites);
  const h1s = Array.from(doc.querySelectorAll('h1'));
  const h1 = (scope ? scope.querySelector('h1') : null) ?? (h1s.length === 1 ? h1s[0] : null);
  const heading = squash(h1?.textContent);
  if (heading) return heading;
  const title = squash(doc.querySelector('title')?.textContent);
  if (!title || title.length > 1000) return title ? title.slice(0, 1000) : null;
  // Without a known site name, only " | …" parts are taken for the site's: dashes and colons occur in headlines.
  let stripped = withoutSite(title, sites);
  for (let m = /\s+\|\s+([^|]+)$/.exec(stripped); m?.[1] && m[1].split(' ').length <= 5; m = /\s+\|\s+([^|]+)$/.exec(stripped)) {
    stripped = stripped.slice(0, m.index);
  }
  return stripped || title;
}

/** Drops a trailing " | Site Name" (any usual separator) when the page names that site. */
function withoutSite(title: string, sites: string[]): string {
  const clean = squash(title);
  for (const site of sites) {
    if (!clean.toLowerCase().endsWith(site.toLowerCase())) continue;
    const head = clean.slice(0, clean.length - site.length);
    const m = /\s+[|–—\-·•:»]\s*$/.exec(head);
    if (m && m.index > 0) return head.slice(0, m.index);
  }
  return clean;
}

/** The site's names as the page gives them (og:site_name, JSON-LD WebSite, Organization and publisher). */
function siteNames(page: Page): string[] {
  const names = new Set<string>();
  for (const name of [metaContent(page, 'og:site_name'), metaContent(page, 'application-name'), metaContent(page, 'twitter:site')]) {
    if (name) names.add(name.replace(/^@/, ''));
  }
  for (const node of [page.article, ...page.others]) {
    if (!node) continue;
    if (typesOf(node).some((t) => t === 'WebSite' || t === 'Organization' || t === 'NewsMediaOrganization')) {
      const name = stringOf(node.name);
      if (name) names.add(squash(name));
    }
    const publisher = node.publisher;
    if (publisher && typeof publisher === 'object' && !Array.isArray(publisher)) {
      const name = stringOf((publisher as JsonObject).name);
      if (name) names.add(squash(name));
    }
  }
  // Longest first, so "The Northgate Ledger" is tried before "Ledger".
  return [...names].filter((n) => n.length > 0).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/** The first value that starts with a real calendar date (YYYY-MM-DD). */
function firstDate(candidates: Iterable<string | null | undefined>): string | null {
  for (const raw of candidates) {
    const value = squash(raw);
    const m = /^(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(value);
    if (!m) continue;
    const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3])) return value;
  }
  return null;
}

/** Other meta tags sites put the publication date in, most specific first. */
const DATE_META = [
  'og:published_time',
  'datepublished',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'date',
  'dc.date',
  'dc.date.issued',
  'dcterms.date',
  'dcterms.issued',
  'dcterms.created',
  'sailthru.date',
  'parsely-pub-date',
];

/** JSON-LD article datePublished, article:published_time, a <time datetime> in the article, other meta. */
function readDate(page: Page): string | null {
  const { doc, article, others, scope } = page;
  const fromLd = article ? firstDate([stringOf(article.datePublished)]) : null;
  if (fromLd) return fromLd;
  const published = firstDate([metaContent(page, 'article:published_time')]);
  if (published) return published;
  if (scope) {
    const times = [
      ...Array.from(scope.querySelectorAll('time[itemprop~="datePublished"], time[pubdate], time.published, time.entry-date')),
      ...Array.from(scope.querySelectorAll('time[datetime]')),
    ];
    const fromTime = firstDate(times.map((t) => t.getAttribute('datetime')));
    if (fromTime) return fromTime;
  }
  const itemprop = Array.from(doc.querySelectorAll('[itemprop~="datePublished"]')).map((el) => el.getAttribute('content') ?? el.getAttribute('datetime'));
  return firstDate([...DATE_META.map((key) => metaContent(page, key)), ...itemprop, ...others.map((node) => stringOf(node.datePublished))]);
}

/** The canonical link, og:url, then the article's URL in JSON-LD; only absolute http(s) URLs. */
function readUrl(page: Page): string | null {
  const { doc, article, others, byId } = page;
  const absolute = (value: string | null | undefined): string | null => {
    const v = squash(value);
    return /^https?:\/\/[^\s/]+/i.test(v) ? v : null;
  };
  const canonical = absolute(doc.querySelector('link[rel~="canonical"]')?.getAttribute('href'));
  if (canonical) return canonical;
  const og = absolute(metaContent(page, 'og:url'));
  if (og) return og;
  const fromLd = (node: JsonObject | undefined): string | null => {
    if (!node) return null;
    const direct = absolute(stringOf(node.url));
    if (direct) return direct;
    let target = node.mainEntityOfPage;
    if (typeof target === 'string') return absolute(target);
    if (target && typeof target === 'object' && !Array.isArray(target)) {
      // {"@id": "https://…/story#webpage"}: the WebPage node it names, else the id without its fragment.
      const id = stringOf((target as JsonObject)['@id']);
      if (id && byId.has(id)) target = byId.get(id);
      const t = target as JsonObject;
      return absolute(stringOf(t.url)) ?? absolute(stringOf(t['@id'])?.replace(/#.*$/, ''));
    }
    return null;
  };
  const web = others.find((node) => typesOf(node).some((t) => t.endsWith('WebPage')));
  return fromLd(article) ?? absolute(stringOf(web?.url));
}

/** JSON-LD authors, else the author meta tags, else the byline on the page (without "By "). */
function readByline(page: Page): string | null {
  const { article, byId } = page;
  if (article) {
    const authors = (Array.isArray(article.author) ? article.author : [article.author]).flatMap((a: unknown): string[] => {
      if (typeof a === 'string') return [a];
      if (!a || typeof a !== 'object') return [];
      const node = a as JsonObject;
      const named = stringOf(node.name) ?? stringOf(byId.get(stringOf(node['@id']) ?? '')?.name);
      return named ? [named] : [];
    });
    const names = authors.map(squash).filter((n) => n.length > 0 && !/^https?:/i.test(n));
    if (names.length > 0) return cleanByline(names.join(', '));
  }
  const fromMeta = metaContent(page, 'author', 'article:author', 'byl', 'parsely-author', 'sailthru.author', 'dc.creator');
  if (fromMeta && !/^https?:/i.test(fromMeta)) return cleanByline(fromMeta);
  const element = page.byline;
  if (!element) return null;
  const named = Array.from(element.querySelectorAll('[rel~="author"], [itemprop~="name"], .fn, .author-name'))
    .map((el) => squash(el.textContent))
    .filter((t) => t.length > 0);
  return cleanByline(named.length > 0 ? [...new Set(named)].join(', ') : squash(element.textContent));
}

function cleanByline(raw: string): string | null {
  const text = squash(raw)
    .replace(/^(?:by|written by)\s+/i, '')
    .trim();
  return text.length > 0 && text.length <= 200 ? text : null;
}

const BYLINE_SELECTOR = [
  '[rel~="author"]',
  '[itemprop~="author"]',
  '[class*="byline"]',
  '[class*="author"]',
  '[class*="contributor"]',
  '[id*="byline"]',
  '[data-testid*="byline"]',
  '[data-component*="byline"]',
].join(', ');

/** The page's byline element: short text marked as a byline or an author, outside any comment. */
function findByline(doc: DomDocument, scope: DomElement | null): DomElement | null {
  const inScope = scope ? Array.from(scope.querySelectorAll(BYLINE_SELECTOR)) : [];
  for (const el of [...inScope, ...Array.from((doc.body ?? doc.documentElement).querySelectorAll(BYLINE_SELECTOR))]) {
    const text = squash(el.textContent);
    if (text.length === 0 || text.length >= 100) continue;
    if (el.closest('[class*="comment"], [id*="comment"]')) continue;
    if (el.querySelector('p p, h1, h2, h3')) continue;
    return el;
  }
  return null;
}

/**
 * Takes the byline out of the body (it is returned as `byline`), with the "By" around it: the nearest ancestor
 * whose only other text is a word like "By" goes too.
 */
function removeByline(byline: DomElement | null): void {
  let el = byline;
  if (!el) return;
  const own = squash(el.textContent);
  for (let parent = el.parentElement; parent; parent = parent.parentElement) {
    const text = squash(parent.textContent);
    if (text.length >= 100) break;
    const rest = text.replace(own, '').trim();
    if (!/^(?:by|written by|von|por|par|di|door|av|af)?$/i.test(rest)) break;
    el = parent;
  }
  el.remove();
}

// ---------------------------------------------------------------------------------------------------------------
// JSON-LD.

// schema.org Article and its subtypes (NewsArticle, ReportageNewsArticle, BlogPosting, LiveBlogPosting, Report…).
const ARTICLE_TYPES = /^(?:\w*Article|\w*BlogPosting|SocialMediaPosting|DiscussionForumPosting|Report)$/;

function typesOf(node: JsonObject): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^(?:https?:\/\/schema\.org\/|schema:)/, ''));
}

function stringOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return null;
}

/** Every top-level JSON-LD item on the page (arrays and @graph flattened, in page order), by @id too. */
function readJsonLd(doc: DomDocument): { nodes: JsonObject[]; byId: Map<string, JsonObject> } {
  const nodes: JsonObject[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4 || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const node = value as JsonObject;
    if (node['@type'] !== undefined) nodes.push(node);
    if (Array.isArray(node['@graph'])) visit(node['@graph'], depth + 1);
  };
  for (const script of Array.from(doc.querySelectorAll('script'))) {
    const type = (script.getAttribute('type') ?? '').toLowerCase();
    if (!type.startsWith('application/ld+json')) continue;
    const raw = (script.textContent ?? '').replace(/^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$/g, '');
    try {
      visit(JSON.parse(raw), 0);
    } catch {
      // A page's broken JSON-LD is the page's problem: the other sources of metadata still apply.
    }
  }
  const byId = new Map<string, JsonObject>();
  for (const node of nodes) {
    const id = node['@id'];
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, node);
  }
  return { nodes, byId };
}

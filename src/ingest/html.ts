// A small, dependency-free HTML → readable text converter for news pages.

const DROP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'head', 'nav', 'footer', 'form', 'button', 'select']);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'article',
  'section',
  'header',
  'blockquote',
  'tr',
  'table',
  'pre',
  'figcaption',
  'figure',
  'main',
  'aside',
  'dd',
  'dt',
  'hr',
]);
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

export interface HtmlText {
  text: string;
  title: string | null;
  publishedAt: string | null;
  url: string | null;
}

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function metaContent(html: string, names: string[]): string | null {
  for (const name of names) {
    const re = new RegExp(`<meta[^>]+(?:name|property)=["']${name}["'][^>]*>`, 'i');
    const tag = re.exec(html)?.[0];
    const content = tag ? /content=["']([^"']*)["']/i.exec(tag)?.[1] : undefined;
    if (content) return decodeEntities(content.trim());
  }
  return null;
}

/** Keeps the <article> (or <main>, or <body>) text; blocks become lines. Linear in the input size. */
export function htmlToText(html: string): HtmlText {
  const titleTag = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  const clean = (s: string | undefined): string | null => {
    if (!s) return null;
    const t = decodeEntities(s.replace(/<[^>]*>/g, ' '))
      .replace(/\s+/g, ' ')
      .trim();
    return t || null;
  };
  const title = metaContent(html, ['og:title']) ?? clean(h1) ?? clean(titleTag);
  const publishedAt = metaContent(html, ['article:published_time', 'date', 'pubdate', 'publish-date']);
  const url = metaContent(html, ['og:url']) ?? /<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)["']/i.exec(html)?.[1] ?? null;

  let scope = html;
  for (const tag of ['article', 'main', 'body']) {
    const open = new RegExp(`<${tag}[\\s>]`, 'i').exec(html);
    if (open) {
      const close = html.toLowerCase().lastIndexOf(`</${tag}>`);
      scope = html.slice(open.index, close > open.index ? close : undefined);
      break;
    }
  }

  const out: string[] = [];
  let dropDepth = 0;
  let dropTag = '';
  const tagRe = /<!--[\s\S]*?-->|<\/?([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>|<![^>]*>/g;
  let last = 0;
  for (let m = tagRe.exec(scope); m !== null; m = tagRe.exec(scope)) {
    if (dropDepth === 0) out.push(scope.slice(last, m.index));
    last = m.index + m[0].length;
    const name = (m[1] ?? '').toLowerCase();
    if (!name) continue;
    const closing = m[0][1] === '/';
    const selfClosing = m[0].endsWith('/>');
    if (DROP.has(name)) {
      if (dropDepth > 0 && name === dropTag) dropDepth += closing ? -1 : selfClosing ? 0 : 1;
      else if (dropDepth === 0 && !closing && !selfClosing) {
        dropDepth = 1;
        dropTag = name;
      }
      continue;
    }
    if (dropDepth === 0 && BLOCK.has(name)) out.push('\n');
  }
  if (dropDepth === 0) out.push(scope.slice(last));
  const text = decodeEntities(out.join(''))
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join('\n');
  return { text, title, publishedAt, url };
}

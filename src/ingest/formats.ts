// Parsers for each input format: plain text, Markdown with front matter, HTML, and JSONL.
import { InvalidInputError } from '../errors.js';
import { type DocumentInput, makeDocument, type Document } from './document.js';
import { htmlToText } from './html.js';

/** .txt: the whole file is the text; its first non-empty line is the title. */
export function parsePlainText(text: string, source: string): Document {
  const firstLine = text.split(/\r?\n/, 50).find((line) => line.trim().length > 0) ?? '';
  const title = firstLine.length <= 300 ? firstLine : null;
  return makeDocument({ text, title, source });
}

/** .md: optional YAML-style front matter (title, date, url) between `---` lines, then the body. */
export function parseMarkdown(text: string, source: string): Document {
  const fm = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  const meta: Record<string, string> = {};
  let body = text;
  if (fm) {
    body = text.slice(fm[0].length);
    for (const line of (fm[1] ?? '').split(/\r?\n/)) {
      const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
      if (kv?.[1]) meta[kv[1].toLowerCase()] = unquote((kv[2] ?? '').trim());
    }
  }
  const heading = /^#\s+(.+)$/m.exec(body)?.[1]?.trim();
  const input: DocumentInput = {
    text: body,
    title: meta.title ?? heading ?? null,
    publishedAt: meta.date ?? meta.publishedat ?? meta.published ?? null,
    url: meta.url ?? null,
    source,
  };
  return makeDocument(input);
}

function unquote(value: string): string {
  const m = /^(["'])(.*)\1$/.exec(value);
  return m ? (m[2] ?? '') : value;
}

/** .html/.htm: a saved article page → its article text, headline, date and URL (see html.ts for how). */
export function parseHtml(html: string, source: string): Document {
  const { text, title, publishedAt, url } = htmlToText(html, source);
  if (text.trim().length === 0) {
    throw new InvalidInputError(
      `ingest.parseHtml: ${source} has no article text (only navigation, link lists, scripts or markup). Save the article's own page rather than a section front or index, or pass its text as a .txt file.`,
    );
  }
  let date: string | null = null;
  if (publishedAt) {
    const m = /^\d{4}-\d{2}-\d{2}/.exec(publishedAt);
    date = m ? m[0] : null;
  }
  return makeDocument({ text, title, publishedAt: date, url, source });
}

interface JsonlRecord {
  id?: unknown;
  title?: unknown;
  text?: unknown;
  publishedAt?: unknown;
  url?: unknown;
}

/** One JSONL line `{id?, title?, text, publishedAt?, url?}` → a Document; errors name the line. */
export function parseJsonlLine(line: string, source: string): Document {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new InvalidInputError(`ingest.parseJsonl: ${source} is not valid JSON (${(error as Error).message}). Each line must be one JSON object.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError(`ingest.parseJsonl: ${source} is not a JSON object. Each line must look like {"id": "...", "text": "..."}.`);
  }
  const record = value as JsonlRecord;
  if (typeof record.text !== 'string') {
    throw new InvalidInputError(`ingest.parseJsonl: ${source} has no "text" string. Each line needs {"text": "..."}.`);
  }
  const optionalString = (field: keyof JsonlRecord): string | null => {
    const v = record[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string' && typeof v !== 'number') {
      throw new InvalidInputError(`ingest.parseJsonl: ${source} has a non-string "${field}". Use a string.`);
    }
    return String(v);
  };
  return makeDocument({
    id: optionalString('id'),
    title: optionalString('title'),
    publishedAt: optionalString('publishedAt'),
    url: optionalString('url'),
    text: record.text,
    source,
  });
}

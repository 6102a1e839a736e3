// The Document every later stage reads: exact text plus the metadata ingest could find.
import { createHash } from 'node:crypto';
import { InvalidInputError } from '../errors.js';
import { datelineDate } from './dateline.js';

export interface Document {
  /** Stable id: the id given by the input (JSONL), else the first 16 hex digits of the text's SHA-256. */
  id: string;
  title: string | null;
  /** ISO date (YYYY-MM-DD): as given, else from a dateline at the top of the text; null when unknown. */
  publishedAt: string | null;
  url: string | null;
  /** The exact text that offsets index into. */
  text: string;
  /** Where it came from: a path, `path:line` for JSONL, `stdin`, or `api`. */
  source: string;
  /** SHA-256 of the text: re-ingesting the same content is a no-op. */
  contentHash: string;
}

export interface DocumentInput {
  id?: string | null | undefined;
  title?: string | null | undefined;
  publishedAt?: string | null | undefined;
  url?: string | null | undefined;
  text: string;
  source: string;
}

/** The largest text accepted for one document (characters). */
export const MAX_DOCUMENT_CHARS = 2_000_000;

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Validates and completes a document; every refusal names the source and the fix. */
export function makeDocument(input: DocumentInput): Document {
  const { text, source } = input;
  if (typeof text !== 'string') {
    throw new InvalidInputError(`ingest.makeDocument: ${source} has no text field. Give each document a "text" string.`);
  }
  if (text.trim().length === 0) {
    throw new InvalidInputError(`ingest.makeDocument: ${source} is empty (no text besides whitespace). Remove it or add the article text.`);
  }
  if (text.length > MAX_DOCUMENT_CHARS) {
    throw new InvalidInputError(
      `ingest.makeDocument: ${source} has ${text.length} characters, over the limit of ${MAX_DOCUMENT_CHARS}. Split it into separate articles.`,
    );
  }
  const hash = contentHash(text);
  let id = hash.slice(0, 16);
  if (input.id !== undefined && input.id !== null && input.id !== '') {
    if (!ID_SHAPE.test(input.id)) {
      throw new InvalidInputError(
        `ingest.makeDocument: ${source} has id ${JSON.stringify(input.id)}; ids are 1-128 characters of letters, digits, ".", "_", ":" or "-", starting with a letter or digit.`,
      );
    }
    id = input.id;
  }
  return {
    id,
    title: cleanTitle(input.title),
    // A date given with the document wins; else the dateline's, when the text opens with one.
    publishedAt: normaliseDate(input.publishedAt, source) ?? datelineDate(text),
    url: input.url ? String(input.url) : null,
    text,
    source,
    contentHash: hash,
  };
}

function cleanTitle(title: string | null | undefined): string | null {
  if (title === undefined || title === null) return null;
  const t = String(title).replace(/\s+/g, ' ').trim();
  return t.length > 0 ? t : null;
}

/** Accepts YYYY-MM-DD or a full ISO timestamp; keeps the date part. */
export function normaliseDate(value: string | null | undefined, source: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(String(value).trim());
  if (m) {
    const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3])) {
      return `${m[1]}-${m[2]}-${m[3]}`;
    }
  }
  throw new InvalidInputError(
    `ingest.makeDocument: ${source} has publication date ${JSON.stringify(value)}, which is not a valid date. Use YYYY-MM-DD (for example 2025-01-15).`,
  );
}

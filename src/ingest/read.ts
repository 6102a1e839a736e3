// Reads files, directories and stdin into Documents, one at a time, format chosen by extension.
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { extname, join, relative } from 'node:path';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { decodeText } from './decode.js';
import type { Document } from './document.js';
import { parseFeed } from './feed.js';
import { parseHtml, parseJsonlLine, parseMarkdown, parsePlainText } from './formats.js';
import { streamWarc, type WarcStats } from './warc.js';

export type InputFormat = 'txt' | 'md' | 'html' | 'jsonl' | 'feed' | 'warc';

const EXTENSIONS: Record<string, InputFormat> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.rss': 'feed',
  '.atom': 'feed',
  '.xml': 'feed',
  '.warc': 'warc',
};

/** The extensions read, for messages. */
export const SUPPORTED = '.txt, .md, .html, .jsonl, feeds (.rss, .atom, .xml) or WARC (.warc, .warc.gz)';

export function formatOf(path: string): InputFormat | null {
  if (/\.warc\.gz$/i.test(path)) return 'warc';
  return EXTENSIONS[extname(path).toLowerCase()] ?? null;
}

/** One item of a read: a document, or a refusal that names the input and the reason. */
export type ReadResult = { ok: true; document: Document } | { ok: false; source: string; error: Error };

/** Parses text already decoded, in the given format. JSONL yields one result per non-empty line. */
export function* parseText(text: string, format: InputFormat, source: string): Generator<ReadResult> {
  if (format === 'jsonl') {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = (lines[i] ?? '').trim();
      if (!line) continue;
      yield attempt(`${source}:${i + 1}`, () => parseJsonlLine(line, `${source}:${i + 1}`));
    }
    return;
  }
  if (format === 'feed') {
    yield* parseFeed(text, source);
    return;
  }
  if (format === 'warc') {
    yield {
      ok: false,
      source,
      error: new InvalidInputError(
        `ingest.parseText: ${source} is a WARC file, which is streamed, never read whole. Ingest it with: newsgraph build --input ${source}`,
      ),
    };
    return;
  }
  const parse = format === 'md' ? parseMarkdown : format === 'html' ? parseHtml : parsePlainText;
  yield attempt(source, () => parse(text, source));
}

function attempt(source: string, fn: () => Document): ReadResult {
  try {
    return { ok: true, document: fn() };
  } catch (error) {
    if (error instanceof InvalidInputError) return { ok: false, source, error };
    throw error;
  }
}

/** Reads one file (any supported format) strictly: the first refusal is thrown. */
export function readDocumentFile(path: string, format: InputFormat | null = formatOf(path)): Document[] {
  const docs: Document[] = [];
  for (const r of readFile(path, format ?? 'txt')) {
    if (!r.ok) throw r.error;
    docs.push(r.document);
  }
  return docs;
}

function* readFile(path: string, format: InputFormat): Generator<ReadResult> {
  // A WARC file can be gigabytes: refuse it before reading it into memory.
  if (format === 'warc') {
    yield* parseText('', format, path);
    return;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NotFoundError(`ingest.readFile: ${path} does not exist. Check the path.`);
    if (code === 'EISDIR') throw new InvalidInputError(`ingest.readFile: ${path} is a directory; pass it as --input to read every file in it.`);
    throw new InvalidInputError(`ingest.readFile: cannot read ${path} (${code ?? (error as Error).message}).`);
  }
  let text: string;
  try {
    text = decodeText(bytes, path);
  } catch (error) {
    yield { ok: false, source: path, error: error as Error };
    return;
  }
  yield* parseText(text, format, path);
}

/**
 * Every document under a path: a file of any supported format, or a directory walked in sorted
 * order (so ingest order, and hence every id, is the same on every machine). Unsupported files in
 * a directory are reported as refusals, never silently dropped.
 */
export function* readDocuments(path: string): Generator<ReadResult> {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    throw new NotFoundError(`ingest.readDocuments: ${path} does not exist. Pass a file or a directory of ${SUPPORTED} files.`);
  }
  if (!stat.isDirectory()) {
    yield* readFile(path, formatOf(path) ?? 'txt');
    return;
  }
  for (const file of walk(path)) {
    const format = formatOf(file);
    if (!format) {
      yield {
        ok: false,
        source: file,
        error: new InvalidInputError(`ingest.readDocuments: skipped ${relative(path, file) || file}: unsupported extension (use ${SUPPORTED}).`),
      };
      continue;
    }
    yield* readFile(file, format);
  }
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Total bytes under a path (for progress and ETA). */
export function inputSize(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return walk(path).reduce((n, f) => n + statSync(f).size, 0);
}

/** A read result with the input bytes it consumed (for progress); `warc` marks an HTML response read from a WARC file. */
export type StreamItem = ReadResult & { bytes: number; warc?: true };

/**
 * Like readDocuments, but JSONL files are read line by line, so memory stays bounded however large the file.
 * Each result also says how many input bytes it consumed (for progress). WARC files are streamed record by record; what
 * became of their records is counted in `warc` when given.
 */
export async function* streamDocuments(path: string, warc?: WarcStats): AsyncGenerator<StreamItem> {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    throw new NotFoundError(`ingest.readDocuments: ${path} does not exist. Pass a file or a directory of ${SUPPORTED} files.`);
  }
  const files = stat.isDirectory() ? walk(path) : [path];
  for (const file of files) {
    const format = stat.isDirectory() ? formatOf(file) : (formatOf(file) ?? 'txt');
    if (!format) {
      yield {
        ok: false,
        source: file,
        bytes: statSync(file).size,
        error: new InvalidInputError(`ingest.readDocuments: skipped ${relative(path, file) || file}: unsupported extension (use ${SUPPORTED}).`),
      };
      continue;
    }
    if (format === 'warc') {
      yield* streamWarc(file, warc);
      continue;
    }
    if (format !== 'jsonl') {
      const size = statSync(file).size;
      for (const r of readFile(file, format)) yield { ...r, bytes: size };
      continue;
    }
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
    let n = 0;
    for await (const raw of lines) {
      n++;
      const bytes = Buffer.byteLength(raw) + 1;
      const line = raw.trim();
      if (!line) continue;
      const source = `${file}:${n}`;
      yield { ...attempt(source, () => parseJsonlLine(line, source)), bytes };
    }
  }
}

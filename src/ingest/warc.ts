// WARC files (plain or gzipped, as crawlers such as Common Crawl write them): their HTML responses as documents, streamed.
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { LimitReader, WARCParser, type WARCRecord } from 'warcio';
import { InvalidInputError } from '../errors.js';
import type { Document } from './document.js';
import { parseHtml } from './formats.js';
import { MAX_HTML_CHARS } from './html.js';
import type { StreamItem } from './read.js';

/** Why a record did not become a document. Responses are sorted by status first: a 404 image counts as "notOk". */
export type WarcSkip = 'request' | 'warcinfo' | 'metadata' | 'revisit' | 'notOk' | 'nonHtml' | 'otherType';

/** What the reader saw in the WARC files of one read; the caller passes one in to collect it across files. */
export interface WarcStats {
  files: number;
  /** Records parsed (a record where a file stops at a format error is not counted). */
  records: number;
  /** Responses with status 200 and an HTML Content-Type; each one was yielded as a document or a refusal. */
  html: number;
  skipped: Record<WarcSkip, number>;
  /** Files whose reading stopped at a format error (truncated, damaged, not WARC); each also yielded a refusal. */
  stoppedEarly: number;
}

export function emptyWarcStats(): WarcStats {
  return { files: 0, records: 0, html: 0, skipped: { request: 0, warcinfo: 0, metadata: 0, revisit: 0, notOk: 0, nonHtml: 0, otherType: 0 }, stoppedEarly: 0 };
}

/** The largest HTML body read (bytes, after de-chunking and decompression): the HTML reader's limit in characters. */
export const MAX_HTML_BYTES = MAX_HTML_CHARS;

/** How far into a page a <meta charset> is looked for (the HTML standard's prescan reads 1024 bytes; pages overrun it). */
const META_PRESCAN_BYTES = 4096;
const CHUNK_BYTES = 64 * 1024;
/** What is checked before streaming: little enough that damage further on is reported by the stream, with its record. */
const HEAD_BYTES = 4096;
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
// What warcio can undo (pako inflates all three); anything else would reach the decoder still compressed.
const DECODABLE_ENCODINGS = new Set(['', 'identity', 'gzip', 'x-gzip', 'deflate']);

/**
 * The HTML responses (status 200, HTML Content-Type) of a WARC file as documents; every other record is skipped and
 * counted in `stats`. Each document's source is `path#n` (n counts every record from 1) and its url the page's own, else
 * the WARC-Target-URI. A record that cannot be decoded is refused and reading goes on; a format error (not WARC,
 * truncated, damaged gzip) yields one refusal naming the record and byte, and ends the file there: the records before
 * it are kept. `bytes` is the file's (compressed) bytes read since the previous result, skipped records included, so
 * the results of a file add up to its size; `warc` marks the results that stand for an HTML response.
 */
export async function* streamWarc(path: string, stats: WarcStats = emptyWarcStats()): AsyncGenerator<StreamItem> {
  const size = statSync(path).size;
  stats.files++;
  let reported = 0;
  const stop = (message: string): StreamItem => {
    stats.stoppedEarly++;
    const bytes = size - reported;
    reported = size;
    return { ok: false, source: path, bytes, error: new InvalidInputError(`ingest.streamWarc: ${path} ${message}`) };
  };
  let gzip: boolean;
  try {
    gzip = checkStart(path, size);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    yield stop(error.message);
    return;
  }

  const input = { consumed: 0, ended: false };
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of file as AsyncIterable<Buffer>) {
      input.consumed += chunk.length;
      yield chunk;
    }
    input.ended = true;
  }
  const parser = new WARCParser(counted());
  const records = parser[Symbol.asyncIterator]();
  // A result is held until the next one is ready (or the file ends) so its bytes include the skipped records after it.
  let pending: StreamItem | null = null;
  const hold = (item: StreamItem | null): StreamItem | null => {
    const out = pending;
    pending = item;
    if (out) {
      out.bytes = input.consumed - reported;
      reported = input.consumed;
    }
    return out;
  };
  const where = (n: number): string => (gzip ? `record ${n} (in the gzip member at byte ${parser.offset})` : `record ${n} (at byte ${parser.offset})`);
  const kept = (n: number): string => (n > 2 ? ` The ${n - 1} records before it were read.` : n === 2 ? ' The record before it was read.' : '');
  const truncated = 'the file is truncated (a download cut short?). Download it again.';
  // warcio reads a gzip file on as plain bytes once a member fails to inflate: whatever follows is compressed noise.
  const gaveUp = (): boolean => gzip && parser._reader.compressed === null;
  const damaged = (n: number): string => `has damaged gzip data at ${where(n)}: it does not inflate. The file is corrupt; download it again.`;
  function* fail(message: string): Generator<StreamItem> {
    const out = hold(null);
    if (out) yield out;
    yield stop(message);
  }

  let n = 0;
  try {
    for (;;) {
      let step: IteratorResult<WARCRecord>;
      try {
        step = await records.next();
      } catch (error) {
        yield* fail(`could not be read at ${where(n + 1)}: ${(error as Error).message}.${kept(n + 1)}`);
        return;
      }
      if (step.done) break;
      const record = step.value;
      n++;
      const problem = gaveUp() ? damaged(n) : recordProblem(record, input.ended, where(n), truncated);
      if (problem) {
        yield* fail(`${problem}${kept(n)}`);
        return;
      }
      const raw = record.reader;
      if (!(raw instanceof LimitReader)) throw new Error(`ingest.streamWarc: warcio gave ${where(n)} of ${path} no LimitReader.`);
      const skip = skipReason(record);
      let result: StreamItem | null = null;
      if (skip) {
        for await (const _chunk of raw) {
          // discarded: only the position in the file matters
        }
      } else {
        const read = await readHtmlRecord(record, raw, `${path}#${n}`);
        if (read) result = { ...read, bytes: 0, warc: true };
      }
      if (gaveUp()) {
        yield* fail(`${damaged(n)}${kept(n)}`);
        return;
      }
      // Fewer body bytes than the record's Content-Length: the file ends inside this record.
      if (raw.limit > 0) {
        yield* fail(`ends inside ${where(n)}, ${raw.limit} bytes short of its Content-Length: ${truncated}${kept(n)}`);
        return;
      }
      stats.records++;
      if (skip) stats.skipped[skip]++;
      else stats.html++;
      if (result) {
        const out = hold(result);
        if (out) yield out;
      }
    }
    // A member that fails to inflate with no bytes after it ends warcio's iteration quietly.
    if (gaveUp()) {
      yield* fail(`${damaged(n + 1)}${kept(n + 1)}`);
      return;
    }
    // gzip members are counted as they end; a last member that never ended was cut off (pako emits nothing from it).
    const end = parser._reader.getRawOffset();
    if (gzip && end < size) {
      yield* fail(`ends inside the gzip member at byte ${end} of ${size} (record ${n + 1}): ${truncated}${kept(n + 1)}`);
      return;
    }
    const last = hold(null);
    if (last) {
      last.bytes += size - reported;
      reported = size;
      yield last;
    }
  } finally {
    file.destroy();
  }
}

/** Why the file cannot be read on from this record (a message starting with a verb), or null when the record is sound. */
function recordProblem(record: WARCRecord, atEnd: boolean, where: string, truncated: string): string | null {
  const version = record.warcHeaders.statusline;
  if (!/^WARC\/\d+\.\d+$/.test(version)) {
    return `has no WARC version line at ${where}: it starts with ${describeLine(version)}. The previous record's Content-Length is wrong or the file is damaged.`;
  }
  const length = record.warcHeaders.headers.get('Content-Length') ?? null;
  if (length === null || !/^\d+$/.test(length.trim())) {
    if (atEnd) return `ends inside the headers of ${where}: ${truncated}`;
    return `has ${length === null ? 'no Content-Length' : `Content-Length ${JSON.stringify(length)}`} at ${where}. Every WARC record needs one; the file is damaged.`;
  }
  return null;
}

function skipReason(record: WARCRecord): WarcSkip | null {
  const type = record.warcType;
  if (type === 'request' || type === 'warcinfo' || type === 'metadata' || type === 'revisit') return type;
  if (type !== 'response') return 'otherType';
  const http = record.httpHeaders;
  if (http?.statusCode !== 200) return 'notOk';
  return HTML_TYPES.has(mediaType(http.headers.get('Content-Type') ?? null)) ? null : 'nonHtml';
}

function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

/** One HTML response as a document or a refusal; null when the body was cut short (the caller stops the file). */
async function readHtmlRecord(
  record: WARCRecord,
  raw: LimitReader,
  source: string,
): Promise<{ ok: true; document: Document } | { ok: false; source: string; error: Error } | null> {
  const headers = record.httpHeaders?.headers;
  const uri = record.warcTargetURI ?? null;
  const label = uri ? `${source} (${uri})` : source;
  const refuse = (why: string): { ok: false; source: string; error: Error } => ({
    ok: false,
    source,
    error: new InvalidInputError(`ingest.streamWarc: ${label} ${why}`),
  });
  const encoding = (headers?.get('Content-Encoding') ?? '').trim().toLowerCase();
  if (!DECODABLE_ENCODINGS.has(encoding)) {
    for await (const _chunk of raw) {
      // skipped: the payload cannot be decompressed here
    }
    return refuse(`has Content-Encoding "${encoding}", which this reader cannot decompress (gzip and deflate only). Decompress the payloads first.`);
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  // Iterating the record yields its body de-chunked and decompressed, as the server meant it.
  for await (const chunk of record) {
    length += chunk.length;
    if (length > MAX_HTML_BYTES) break;
    chunks.push(chunk);
  }
  if (length > MAX_HTML_BYTES) {
    for await (const _chunk of raw) {
      // the rest of a page too large to read
    }
    return refuse(
      `has an HTML body over ${MAX_HTML_BYTES} bytes, the limit for one page: a page that large is a dump, not an article. Save the article alone as an .html file and pass that.`,
    );
  }
  if (raw.limit > 0) return null;
  const decoded = decodeHtml(Buffer.concat(chunks, length), headers?.get('Content-Type') ?? null);
  if ('error' in decoded) return refuse(decoded.error);
  try {
    const doc = parseHtml(decoded.text, source);
    return { ok: true, document: doc.url || !uri ? doc : { ...doc, url: uri } };
  } catch (error) {
    if (error instanceof InvalidInputError) return { ok: false, source, error };
    throw error;
  }
}

/**
 * An HTML body as text, by the charset it declares: a byte-order mark, else the HTTP Content-Type's charset, else a
 * <meta charset> (or http-equiv) near the top, else UTF-8. Bytes that are not valid in that charset are refused, not guessed.
 */
export function decodeHtml(body: Uint8Array, contentType: string | null): { text: string } | { error: string } {
  let charset: string;
  let from: string;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) [charset, from] = ['utf-8', 'its byte-order mark'];
  else if (body[0] === 0xff && body[1] === 0xfe) [charset, from] = ['utf-16le', 'its byte-order mark'];
  else if (body[0] === 0xfe && body[1] === 0xff) [charset, from] = ['utf-16be', 'its byte-order mark'];
  else {
    const http = charsetParam(contentType);
    const meta = http ? null : metaCharset(body);
    if (http) [charset, from] = [http, 'the HTTP Content-Type'];
    else if (meta) [charset, from] = [meta, 'its <meta charset>'];
    else [charset, from] = ['utf-8', 'no charset declared, so UTF-8'];
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    return {
      error: `declares charset "${charset}" (${from}), which is not an encoding this reader knows. Convert the page to UTF-8 and pass it as an .html file.`,
    };
  }
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    return {
      error: `is not valid ${decoder.encoding} (${from}): some bytes cannot be decoded. Convert the page to UTF-8 and pass it as an .html file.`,
    };
  }
  if (decoder.encoding === 'windows-1252') text = fixWindows1252(text);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { error: `holds binary data (a NUL at character ${nul}), not HTML text, despite its HTML Content-Type.` };
  return { text };
}

// Bytes 0x80-0x9F of windows-1252 (the WHATWG index; the five it leaves undefined stay as they are).
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * Node 20's TextDecoder decodes windows-1252 (and the labels that mean it: iso-8859-1, latin1, us-ascii…) as ISO-8859-1,
 * turning “quotes”, dashes and € into C1 control characters. A right decoder never yields those but for the five
 * undefined bytes, which map to themselves, so this is a no-op once Node is fixed.
 */
function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c);
}

function charsetParam(contentType: string | null): string | null {
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return m?.[2] ?? null;
}

function metaCharset(body: Uint8Array): string | null {
  // Latin-1 maps each byte to one character, so the ASCII of the markup reads the same whatever the real charset.
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.length, META_PRESCAN_BYTES)).toString('latin1');
  // <meta charset="windows-1252">, <meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">
  const m = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  const label = m?.[1]?.toLowerCase() ?? null;
  // A page that could be read far enough to find the tag is not UTF-16, whatever it says (the HTML standard's rule).
  return label?.startsWith('utf-16') ? 'utf-8' : label;
}

/** Whether the file is gzipped; throws when its first record does not open with a WARC version line. */
function checkStart(path: string, size: number): boolean {
  if (size === 0) throw new InvalidInputError('is empty. Pass a WARC file (.warc or .warc.gz).');
  const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new InvalidInputError(`cannot be opened (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check that it is readable.`);
  }
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  let start: Uint8Array = head;
  if (gzip) {
    // The head may end inside a member: flush what inflates so far instead of failing on the cut.
    try {
      start = gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch (error) {
      throw new InvalidInputError(
        `is gzip-compressed but its gzip data is damaged within its first ${head.length} bytes (${(error as Error).message}). Download the file again.`,
      );
    }
    if (start.length < 5) throw new InvalidInputError('ends inside its first gzip member, before the first record: the file is truncated. Download it again.');
  }
  if (Buffer.from(start.buffer, start.byteOffset, Math.min(start.length, 5)).toString('latin1') !== 'WARC/') {
    throw new InvalidInputError(
      `is not a WARC file: ${gzip ? 'its gzip content' : 'it'} starts with ${describeStart(start)} (record 1, byte 0), where a WARC file starts with "WARC/1.0" or "WARC/1.1". Pass a WARC file, or give the file the extension of its real format.`,
    );
  }
  return gzip;
}

/** The first bytes of something that should have been a WARC version line, quoted when printable, else in hex. */
function describeStart(bytes: Uint8Array): string {
  const first = bytes.subarray(0, 40);
  const printable = first.every((b) => (b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d);
  if (printable) return JSON.stringify(Buffer.from(first).toString('latin1').split(/\r?\n/, 1)[0] ?? '');
  return `bytes ${Array.from(first.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ')}`;
}

/** A line warcio read as text where a version line should be: quoted when printable. */
function describeLine(line: string): string {
  const first = line.slice(0, 40);
  return /^[\x20-\x7e\t]*$/.test(first) ? JSON.stringify(first) : 'binary data';
}

// One polite HTTP GET: our User-Agent, a time limit, a size cap, conditional headers; the body decoded by its charset.
import { readFileSync } from 'node:fs';
import { TextDecoder } from 'node:util';

const VERSION = ((): string => {
  try {
    // src/watch/ and dist/watch/ both sit two folders below the package root.
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0';
  } catch {
    return '0';
  }
})();

export const USER_AGENT = `newsgraph/${VERSION} (+https://github.com/newsgraph)`;

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Aborts the request (the watcher stopping). */
  signal: AbortSignal;
  accept: string;
  etag?: string | null;
  lastModified?: string | null;
}

export interface FetchResult {
  status: number;
  /** The address answered, after redirects. */
  url: string;
  headers: Headers;
  body: Buffer;
}

export type FetchFailureKind = 'timeout' | 'network' | 'too-large' | 'aborted';

/** A request that got no usable answer; `message` says why in words a summary line can carry. */
export class FetchError extends Error {
  constructor(
    readonly kind: FetchFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_HEADERS_OVERFLOW: 'response headers too large',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate for another host',
};

const seconds = (ms: number): string => `${ms % 1000 === 0 ? ms / 1000 : (ms / 1000).toFixed(1)} s`;

/** GET `url`; any HTTP status is an answer (the caller decides), no answer at all is a FetchError. */
export async function fetchUrl(url: string, options: FetchOptions): Promise<FetchResult> {
  if (options.signal.aborted) throw new FetchError('aborted', 'stopped');
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout.signal]);
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: options.accept };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const failure = (error: unknown): FetchError => {
    if (options.signal.aborted) return new FetchError('aborted', 'stopped');
    if (timeout.signal.aborted) return new FetchError('timeout', `timed out after ${seconds(options.timeoutMs)}`);
    if (error instanceof FetchError) return error;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code;
    const words = code ? NETWORK_WORDS[code] : undefined;
    return new FetchError('network', words ? `${words} (${code})` : (code ?? cause?.message ?? (error as Error).message));
  };
  try {
    const response = await fetch(url, { headers, signal, redirect: 'follow' });
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw new FetchError('too-large', `the response is ${declared} bytes, over the cap of ${options.maxBytes}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > options.maxBytes) {
          await reader.cancel().catch(() => {});
          throw new FetchError('too-large', `the response is over the cap of ${options.maxBytes} bytes`);
        }
        chunks.push(Buffer.from(value));
      }
    }
    return { status: response.status, url: response.url || url, headers: response.headers, body: Buffer.concat(chunks) };
  } catch (error) {
    throw failure(error);
  } finally {
    clearTimeout(timer);
  }
}

/** Retry-After in ms from now (delta-seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

const charsetOf = (contentType: string | null): string | null => /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? null;

function decoderFor(label: string | null): TextDecoder {
  if (label) {
    try {
      return new TextDecoder(label.toLowerCase());
    } catch {
      // an unknown label: fall back to UTF-8
    }
  }
  return new TextDecoder('utf-8');
}

/**
 * Bytes → text: the charset of the Content-Type, else what the document declares at its top (`<?xml encoding=…?>`,
 * `<meta charset=…>`), else a byte-order mark, else UTF-8. Undecodable bytes become U+FFFD rather than losing the page.
 */
export function decodeBody(body: Buffer, contentType: string | null): string {
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) return new TextDecoder('utf-16le').decode(body.subarray(2));
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) return new TextDecoder('utf-16be').decode(body.subarray(2));
  const head = body.subarray(0, 2048).toString('latin1');
  const declared =
    charsetOf(contentType) ??
    /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ??
    null;
  // TextDecoder drops a UTF-8 byte-order mark by itself.
  return decoderFor(declared).decode(body);
}

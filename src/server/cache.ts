// A response cache for read-only GraphQL answers. The graph is immutable between writes, so an answer stays right
// for as long as the graph it came from is the one being served; a write swaps the graph and every entry is stale.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Entry {
  owner: object;
  body: Buffer;
  type: string;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 5_000,
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly maxEntryBytes = 512 * 1024,
  ) {}

  get(key: string, owner: object): Entry | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.owner !== owner) {
      this.delete(key, e);
      return null;
    }
    // Refresh its place in the LRU order.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }

  set(key: string, owner: object, body: Buffer, type: string): void {
    if (body.length > this.maxEntryBytes) return;
    const old = this.entries.get(key);
    if (old) this.delete(key, old);
    this.entries.set(key, { owner, body, type });
    this.bytes += body.length + key.length;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.delete(k, e);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private delete(key: string, e: Entry): void {
    this.entries.delete(key);
    this.bytes -= e.body.length + key.length;
  }
}

/** Reads a request body up to `limit` bytes; null when it is larger. */
export function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Calls `onBody` with what the response sends, when it is sent in one piece (as Express's res.send does). */
export function captureBody(res: ServerResponse, onBody: (body: Buffer) => void): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  (res as unknown as { end: (...args: unknown[]) => ServerResponse }).end = (...args: unknown[]) => {
    const chunk = args[0];
    if (typeof chunk === 'string' || Buffer.isBuffer(chunk))
      onBody(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof args[1] === 'string' ? (args[1] as BufferEncoding) : 'utf8'));
    return end(...args);
  };
}

/** "100kb" → bytes (the body-parser notation the options use). */
export function parseLimit(limit: string): number {
  const m = /^(\d+)\s*(b|kb|mb)?$/i.exec(limit.trim());
  if (!m) return 100 * 1024;
  const unit = (m[2] ?? 'b').toLowerCase();
  return Number(m[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
}

/** The content type of every JSON answer. */
export const JSON_TYPE = 'application/json; charset=utf-8';

/** A JSON POST /graphql: the requests the server reads before Express does. */
export const isJsonPost = (req: IncomingMessage): boolean =>
  req.method === 'POST' && req.url === '/graphql' && /^application\/json\b/i.test(req.headers['content-type'] ?? '');

/** A plain JSON POST /graphql without credentials or an origin: the only requests whose answers are shared. */
export const isShareable = (req: IncomingMessage): boolean => isJsonPost(req) && !req.headers.origin && !req.headers.authorization;

/** Accepts plain JSON, which is what Apollo answers then (anything else is left to Apollo's negotiation). */
export const acceptsPlainJson = (req: IncomingMessage): boolean => acceptsPlainJsonType(req.headers.accept);

/** The same, from the Accept header's value. */
export const acceptsPlainJsonType = (accept: string | undefined): boolean =>
  accept === undefined || /^\s*(\*\/\*|application\/json)\s*(;[^,]*)?$/i.test(accept);

/** The cache key of a shareable request: what it accepts and its exact body. */
export const cacheKey = (req: IncomingMessage, raw: string): string => `${req.headers.accept ?? ''}\n${raw}`;

/** Answers from the cache, saying so in x-newsgraph-cache. */
export function sendCached(res: ServerResponse, hit: Entry): void {
  res.writeHead(200, { 'content-type': hit.type, 'content-length': hit.body.length, 'x-newsgraph-cache': 'hit' });
  res.end(hit.body);
}

/** A JSON answer on a bare node:http response. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** A GraphQL-shaped error on a bare node:http response. */
export const sendJsonError = (res: ServerResponse, status: number, code: string, message: string): void =>
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });

// The change feed as a downstream tool uses it, through what `newsgraph serve` runs (the front, its backend thread, a
// real SQLite file): paged with a standard GraphQL client across a server restart, and followed live over graphql-ws.
import { join } from 'node:path';
import { type Client, createClient } from 'graphql-ws';
import { ClientError, GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeDocument } from '../../src/ingest/index.js';
import { extract } from '../../src/nlp/index.js';
import { graphql } from 'graphql';
import { Deadline } from '../../src/graph/index.js';
import { executableSchema } from '../../src/graphql/schema.js';
import { type RunningFront, startFront } from '../../src/server/front.js';
import { Store } from '../../src/store/index.js';
import { startSeedServer, tempDir } from '../helpers.js';

const tmp = tempDir();
const DB = join(tmp.path, 'changes.db');
const TOKEN = 'changes-token-0123456789abcdef';
const BACKEND = new URL('../../src/server/store-backend.ts', import.meta.url).href;

const start = async (db = DB): Promise<RunningFront> => {
  const front = await startFront({
    host: '127.0.0.1',
    port: 0,
    bodyLimit: '100kb',
    log: () => {},
    backend: { module: BACKEND, args: { db } },
    server: { production: false, corsOrigins: [], bodyLimit: '100kb', token: TOKEN },
  });
  await front.ready;
  return front;
};

interface ChangeNode {
  seq: number;
  kind: 'DOCUMENT_ADDED' | 'DOCUMENT_REMOVED' | 'CURATION';
  documentId: string | null;
  document: { id: string; title: string | null } | null;
  operation: string | null;
  arguments: string | null;
  at: string;
}
interface ChangePage {
  changes: {
    edges: { cursor: string; node: ChangeNode }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    totalCount: number;
  };
}

const CHANGE_FIELDS = 'seq kind documentId document { id title } operation arguments at';
const PAGE = `query Changes($after: String, $first: Int) {
  changes(after: $after, first: $first) {
    edges { cursor node { ${CHANGE_FIELDS} } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    totalCount
  }
}`;
const INGEST = `mutation Ingest($text: String!, $title: String) { ingestDocument(input: { text: $text, title: $title }) { added document { id } } }`;
const REMOVE = 'mutation Remove($id: ID!) { removeDocument(id: $id) { removed } }';
const ALIAS = 'mutation Alias($id: ID!, $alias: String!) { addAlias(id: $id, alias: $alias) { id } }';

/** A reader (no token, as research tools read) and a writer, both plain graphql-request clients. */
const clients = (front: RunningFront) => ({
  reader: new GraphQLClient(`${front.url}/graphql`),
  writer: new GraphQLClient(`${front.url}/graphql`, { headers: { authorization: `Bearer ${TOKEN}` } }),
});

const ingest = async (writer: GraphQLClient, text: string, title: string): Promise<string> => {
  const r = await writer.request<{ ingestDocument: { added: boolean; document: { id: string } } }>(INGEST, { text, title });
  expect(r.ingestDocument.added).toBe(true);
  return r.ingestDocument.document.id;
};

/** Everything after `after`, page by page (`first` per page), as a sync tool reads it; returns the changes and the cursor to save. */
async function follow(reader: GraphQLClient, after: string | null, first = 1): Promise<{ changes: ChangeNode[]; cursor: string | null; pages: number }> {
  const changes: ChangeNode[] = [];
  let cursor = after;
  let pages = 0;
  for (;;) {
    const { changes: page } = await reader.request<ChangePage>(PAGE, { after: cursor, first });
    pages++;
    changes.push(...page.edges.map((e) => e.node));
    // An empty page has no endCursor: the saved cursor stays.
    cursor = page.pageInfo.endCursor ?? cursor;
    if (!page.pageInfo.hasNextPage) return { changes, cursor, pages };
    expect(pages).toBeLessThan(100);
  }
}

const errorOf = async (promise: Promise<unknown>): Promise<{ message: string; code: unknown }> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClientError);
  const first = (error as ClientError).response.errors?.[0];
  return { message: first?.message ?? '', code: first?.extensions?.code };
};

let front: RunningFront;
afterAll(async () => {
  await front?.close();
  tmp.cleanup();
});

describe('change feed: paging with a standard client, across a restart', () => {
  let docA = '';
  let docB = '';
  let saved: string | null = null;

  beforeAll(async () => {
    front = await start();
  }, 60_000);

  it('pages additions one at a time, in commit order, each with its document', async () => {
    const { reader, writer } = clients(front);
    const empty = await reader.request<ChangePage>(PAGE, { first: 10 });
    expect(empty.changes).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      totalCount: 0,
    });
    docA = await ingest(writer, 'Iran met Russia in Geneva on Monday.', 'Geneva talks');
    docB = await ingest(writer, 'Israel struck Hezbollah in Lebanon.', 'Strikes in Lebanon');
    // The same text again changes nothing, and logs nothing.
    const again = await writer.request<{ ingestDocument: { added: boolean } }>(INGEST, { text: 'Iran met Russia in Geneva on Monday.' });
    expect(again.ingestDocument.added).toBe(false);

    const first = await reader.request<ChangePage>(PAGE, { first: 1 });
    expect(first.changes.totalCount).toBe(2);
    expect(first.changes.pageInfo.hasNextPage).toBe(true);
    expect(first.changes.edges.map((e) => [e.node.kind, e.node.documentId, e.node.document?.title])).toEqual([['DOCUMENT_ADDED', docA, 'Geneva talks']]);
    const second = await reader.request<ChangePage>(PAGE, { first: 1, after: first.changes.pageInfo.endCursor });
    expect(second.changes.edges.map((e) => [e.node.kind, e.node.documentId, e.node.document?.title])).toEqual([['DOCUMENT_ADDED', docB, 'Strikes in Lebanon']]);
    expect(second.changes.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(second.changes.totalCount).toBe(1);
    expect(second.changes.edges[0]?.node.seq).toBeGreaterThan(first.changes.edges[0]?.node.seq ?? Number.POSITIVE_INFINITY);
    saved = second.changes.pageInfo.endCursor;
    expect(saved).toBeTruthy();
  });

  it('after a removal, following from the saved cursor yields exactly the removal', async () => {
    const { reader, writer } = clients(front);
    const removed = await writer.request<{ removeDocument: { removed: boolean } }>(REMOVE, { id: docA });
    expect(removed.removeDocument.removed).toBe(true);
    const { changes, cursor } = await follow(reader, saved);
    expect(changes.map((c) => [c.kind, c.documentId, c.document])).toEqual([['DOCUMENT_REMOVED', docA, null]]);
    expect(cursor).not.toBe(saved);
    saved = cursor;
    // Nothing new: an empty page, and the saved cursor stays as it is.
    expect(await follow(reader, saved)).toMatchObject({ changes: [], cursor: saved, pages: 1 });
  });

  it('after a restart on the same file, the saved cursor continues: no repeats, nothing missed', async () => {
    const before = await follow(clients(front).reader, null, 100);
    await front.close();
    front = await start();
    const { reader, writer } = clients(front);
    expect(await follow(reader, saved)).toMatchObject({ changes: [], cursor: saved });
    // The same history, with the same cursors, from the start.
    expect(await follow(reader, null, 100)).toEqual(before);

    const docC = await ingest(writer, 'Prime Minister Arun Mehta of India visited Nairobi, Kenya, on Friday.', 'Mehta in Nairobi');
    await writer.request(ALIAS, { id: 'country:israel', alias: 'Medinat Yisrael' });
    const { changes, cursor } = await follow(reader, saved);
    expect(changes.map((c) => [c.kind, c.documentId ?? c.operation, c.document?.title ?? null])).toEqual([
      ['DOCUMENT_ADDED', docC, 'Mehta in Nairobi'],
      ['CURATION', 'alias', null],
    ]);
    expect(JSON.parse(changes[1]?.arguments ?? 'null')).toEqual({ id: 'country:israel', alias: 'Medinat Yisrael' });
    for (const c of changes) expect(Date.parse(c.at)).toBeGreaterThan(Date.now() - 60_000);

    // The whole log, paged one by one: every seq once, in order, the last cursor being the one just saved.
    const all = await follow(reader, null, 1);
    expect(all.changes.map((c) => [c.kind, c.documentId ?? c.operation])).toEqual([
      ['DOCUMENT_ADDED', docA],
      ['DOCUMENT_ADDED', docB],
      ['DOCUMENT_REMOVED', docA],
      ['DOCUMENT_ADDED', docC],
      ['CURATION', 'alias'],
    ]);
    const seqs = all.changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(all.cursor).toBe(cursor);
  }, 60_000);

  it('refuses a cursor it never gave out, and a page over 100, as BAD_USER_INPUT naming the fix', async () => {
    const { reader } = clients(front);
    const bad = await errorOf(reader.request(PAGE, { after: 'not-a-cursor' }));
    expect(bad.code).toBe('BAD_USER_INPUT');
    expect(bad.message).toMatch(/not a cursor of the change feed.*endCursor.*omit "after"/);
    // A well-formed cursor past the newest change comes from another database.
    const foreign = await errorOf(reader.request(PAGE, { after: Buffer.from('99999').toString('base64url') }));
    expect(foreign.code).toBe('BAD_USER_INPUT');
    expect(foreign.message).toMatch(/another database/);
    const tooMany = await errorOf(reader.request(PAGE, { first: 101 }));
    expect(tooMany.code).toBe('BAD_USER_INPUT');
    expect(tooMany.message).toMatch(/"first" must be an integer from 0 to 100/);
  });
});

describe('change feed: a graphql-ws subscription through the front', () => {
  const wsUrl = (): string => `${front.url.replace(/^http/, 'ws')}/graphql`;
  const opened: Client[] = [];
  const client = (): Client => {
    const c = createClient({ url: wsUrl(), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    opened.push(c);
    return c;
  };
  afterAll(async () => {
    for (const c of opened) await c.dispose();
  });

  const SUBSCRIBE = `subscription Follow($after: String) { changes(after: $after) { ${CHANGE_FIELDS} } }`;

  /** Collects what a subscription sends, and lets a test wait for the n-th event or its end. */
  function subscribe(c: Client, query: string, variables: Record<string, unknown> = {}) {
    const events: ChangeNode[] = [];
    const errors: { message: string; extensions?: Record<string, unknown> }[] = [];
    let ended = false;
    let notify = (): void => {};
    const unsubscribe = c.subscribe<{ changes: ChangeNode }>(
      { query, variables },
      {
        next: (result) => {
          if (result.data?.changes) events.push(result.data.changes);
          if (result.errors) errors.push(...(result.errors as typeof errors));
          notify();
        },
        error: (error) => {
          if (Array.isArray(error)) errors.push(...(error as typeof errors));
          else errors.push({ message: error instanceof Error ? error.message : `socket closed: ${(error as { code?: number }).code}` });
          ended = true;
          notify();
        },
        complete: () => {
          ended = true;
          notify();
        },
      },
    );
    const until = async (done: () => boolean, what: string, ms = 10_000): Promise<void> => {
      const deadline = Date.now() + ms;
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; events ${JSON.stringify(events)}, errors ${JSON.stringify(errors)}`);
        await new Promise<void>((resolve) => {
          notify = resolve;
          setTimeout(resolve, 100);
        });
      }
    };
    return { events, errors, unsubscribe, isEnded: () => ended, until };
  }

  it('replays the changes after the cursor, then pushes an API ingest and another process’s write as they commit', async () => {
    const { reader, writer } = clients(front);
    const log = await follow(reader, null, 100);
    expect(log.changes.length).toBeGreaterThanOrEqual(3);
    const from = log.changes[1] as ChangeNode;
    const afterCursor = (await reader.request<ChangePage>(PAGE, { first: 2 })).changes.edges[1]?.cursor;

    const sub = subscribe(client(), SUBSCRIBE, { after: afterCursor });
    const replay = log.changes.slice(2);
    await sub.until(() => sub.events.length >= replay.length, 'the replay');
    expect(sub.events).toEqual(replay);
    expect(sub.events[0]?.seq).toBe(from.seq + 1);

    const docD = await ingest(writer, 'Chancellor Olaf Brandt of Germany met French ministers in Paris.', 'Brandt in Paris');
    await sub.until(() => sub.events.length > replay.length, 'the pushed ingest');
    const pushed = sub.events[replay.length];
    expect(pushed).toMatchObject({ kind: 'DOCUMENT_ADDED', documentId: docD, document: { id: docD, title: 'Brandt in Paris' } });
    expect(pushed?.seq).toBeGreaterThan(log.changes.at(-1)?.seq ?? Number.POSITIVE_INFINITY);

    // Another process (a `newsgraph build`) writes to the same file: the server's watch rebuilds, then pushes it.
    const other = Store.open(DB);
    const doc = makeDocument({ text: 'Kenya and Ethiopia signed a water agreement in Addis Ababa.', title: 'Water deal', source: 'build' });
    other.ingest(doc, extract(doc));
    other.close();
    await sub.until(() => sub.events.length > replay.length + 1, 'the other process’s write');
    expect(sub.events[replay.length + 1]).toMatchObject({ kind: 'DOCUMENT_ADDED', documentId: doc.id, document: { title: 'Water deal' } });

    // Exactly once each, nothing after.
    await new Promise((r) => setTimeout(r, 300));
    expect(sub.events.length).toBe(replay.length + 2);
    expect(sub.errors).toEqual([]);
    sub.unsubscribe();
  }, 30_000);

  it('refuses a subscription over the cost or depth limit, or with a bad cursor, naming the problem', async () => {
    const c = client();
    const costly = subscribe(
      c,
      'subscription { changes { document { entities(first: 100) { edges { node { relations(first: 100) { edges { node { id } } } } } } } } }',
    );
    await costly.until(costly.isEnded, 'the cost refusal');
    expect(costly.events).toEqual([]);
    expect(costly.errors[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(costly.errors[0]?.message).toMatch(/too expensive: estimated cost \d+, limit 20000/);

    const relations = (depth: number): string => (depth === 0 ? 'id' : `relations(first: 1) { edges { node { source { ${relations(depth - 1)} } } } }`);
    const deep = subscribe(c, `subscription { changes { document { entities(first: 1) { edges { node { ${relations(3)} } } } } } }`);
    await deep.until(deep.isEnded, 'the depth refusal');
    expect(deep.events).toEqual([]);
    expect(deep.errors[0]?.message).toMatch(/depth limit of 12 exceeded/i);

    const badCursor = subscribe(c, SUBSCRIBE, { after: 'bm9wZQ' });
    await badCursor.until(badCursor.isEnded, 'the cursor refusal');
    expect(badCursor.events).toEqual([]);
    expect(badCursor.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(badCursor.errors[0]?.message).toMatch(/not a cursor of the change feed/);
  }, 30_000);

  it('takes no mutations over the WebSocket, even with the token, and no handshake from a foreign page', async () => {
    const withToken = createClient({
      url: wsUrl(),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: { authorization: `Bearer ${TOKEN}` },
    });
    opened.push(withToken);
    const write = subscribe(withToken, ALIAS, { id: 'country:iran', alias: 'Over WebSocket' });
    await write.until(write.isEnded, 'the mutation refusal');
    expect(write.errors[0]?.message).toMatch(/Mutations are not taken over WebSocket.*POST \/graphql/);
    const { changes } = await follow(clients(front).reader, null, 100);
    expect(changes.some((c) => c.arguments?.includes('Over WebSocket'))).toBe(false);

    const status = await new Promise<number | undefined>((resolve, reject) => {
      const ws = new WebSocket(wsUrl(), 'graphql-transport-ws', { headers: { origin: 'http://evil.example' } });
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode);
        ws.terminate();
      });
      ws.on('open', () => reject(new Error('a foreign origin opened a WebSocket')));
      ws.on('error', () => {});
    });
    expect(status).toBe(403);
  });

  it('closing the server ends open subscriptions at once (1001, going away)', async () => {
    const dir = tempDir();
    const db = join(dir.path, 'close.db');
    Store.open(db).close();
    const f = await start(db);
    const closedWith = new Promise<number>((resolve) => {
      const ws = new WebSocket(`${f.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init' })));
      ws.on('message', (data) => {
        if (JSON.parse(String(data)).type === 'connection_ack')
          ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { changes { seq } }' } }));
      });
      ws.on('close', (code) => resolve(code));
    });
    // The subscription is waiting for a change that will not come.
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    await f.close();
    expect(await closedWith).toBe(1001);
    expect(Date.now() - started).toBeLessThan(5000);
    dir.cleanup();
  }, 30_000);
});

describe('change feed: the server without a front, and without a store', () => {
  it('answers WebSockets at /graphql only, and its close() ends open ones (1001)', async () => {
    const seed = await startSeedServer();
    const base = seed.server.url.replace(/^http/, 'ws');
    const elsewhere = await new Promise<number | undefined>((resolve) => {
      const ws = new WebSocket(`${base}/explore`, 'graphql-transport-ws');
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode);
        ws.terminate();
      });
      ws.on('open', () => resolve(101));
      ws.on('error', () => {});
    });
    expect(elsewhere).toBe(404);

    const c = createClient({ url: `${base}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    const seen: number[] = [];
    const closed = new Promise<number>((resolve) => {
      c.on('closed', (event) => resolve((event as { code: number }).code));
    });
    c.subscribe<{ changes: { seq: number } }>(
      { query: 'subscription { changes { seq } }' },
      { next: (r) => r.data && seen.push(r.data.changes.seq), error: () => {}, complete: () => {} },
    );
    for (let i = 0; i < 50 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    // The seed server's store holds one document: its addition is the whole replay.
    expect(seen).toEqual([1]);
    const started = Date.now();
    await seed.close();
    expect(await closed).toBe(1001);
    expect(Date.now() - started).toBeLessThan(3000);
    await c.dispose();
  }, 30_000);

  it('says the feed needs the store where there is none (`newsgraph query` without one)', async () => {
    const seed = await startSeedServer();
    const result = await graphql({
      schema: executableSchema(),
      source: '{ changes { totalCount } }',
      contextValue: { index: seed.service.index, deadline: new Deadline(1000), writer: false, writes: null, documentText: () => null, changes: null },
    });
    expect(result.errors?.[0]?.message).toMatch(/change feed needs the store/);
    await seed.close();
  });
});

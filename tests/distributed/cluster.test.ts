// Beyond one machine, on one: two extraction workers and two serving replicas on one PostgreSQL (loopback), a worker
// SIGKILLed mid-job and a replica SIGKILLed while it applies the burst; both replicas must end holding exactly the
// graph a single-process SQLite build of the same input gives, every document stored once.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, freshDatabase, pgAvailable } from '../support/postgres.js';
import { BIN, ROOT, runCli, SHARED, tempDir } from '../helpers.js';

const tmp = tempDir();
const children = new Set<ChildProcess>();
let url = '';
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  if (url) await dropDatabase(url);
  tmp.cleanup();
});

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(args: string[]): Running {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NEWSGRAPH_DB: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void exited.then(() => children.delete(child));
  return { child, output: () => output, exited };
}

const t0 = Date.now();
const step = (what: string): void => {
  if (process.env.NEWSGRAPH_TEST_VERBOSE) process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${what}\n`);
};

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) {
      step(what);
      return value;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `newsgraph serve --db DB --port 0`: its URL once it says where it serves. */
async function serve(db: string): Promise<Running & { url: string }> {
  const r = start(['serve', '--db', db, '--port', '0']);
  const base = await waitFor(`serve on ${db} to listen`, () => /serving (http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(r.output())?.[1]);
  return { ...r, url: base };
}

async function ready(base: string): Promise<{ status: string; documents: number; changes?: { applied: number; latest: number; behind: number } }> {
  const res = await fetch(`${base}/readyz`);
  return (await res.json()) as { status: string; documents: number; changes?: { applied: number; latest: number; behind: number } };
}

async function gql<T>(base: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

interface Page<N> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: N }[];
}

async function all<N>(base: string, field: string, args: string, selection: string): Promise<N[]> {
  const out: N[] = [];
  let after: string | null = null;
  for (;;) {
    const data: Record<string, Page<N>> = await gql(
      base,
      `query($after: String) { ${field}(${args} first: 50, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${selection} } } } }`,
      { after },
    );
    const page = data[field] as Page<N>;
    out.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
  }
}

/** The whole graph a server holds, in a canonical form: stats, every entity, every relation (with co-occurrence) and document. */
async function dump(base: string): Promise<unknown> {
  const stats = await gql<{ stats: unknown }>(base, '{ stats { documents entities relations } }');
  const entities = await all<{ id: string }>(base, 'entities', '', 'id name type aliases(first: 50) mentionCount confidence degree');
  const relations = await all<{ id: string }>(
    base,
    'relations',
    'filter: { includeCooccurrence: true },',
    'id type confidence weight rules predicates(first: 20) modality evidence(first: 5) { totalCount edges { node { document { id } sentence } } }',
  );
  const documents = await all<{ id: string }>(base, 'documents', 'orderBy: ID,', 'id title publishedAt sourceCount');
  const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { stats: stats.stats, entities: entities.sort(byId), relations: relations.sort(byId), documents: documents.sort(byId) };
}

describe.skipIf(!pgAvailable())('two workers and two replicas on one PostgreSQL', () => {
  const input = join(tmp.path, 'input.jsonl');
  let documents = 0;

  beforeAll(async () => {
    url = await freshDatabase();
    const lines = readFileSync(join(SHARED, 'eval', 'conll2003-dev.jsonl'), 'utf8')
      .trim()
      .split('\n');
    const docs = lines.map((l) => JSON.parse(l) as { id: string; text: string });
    // The first job is long (about a hundred articles in one document), so that a worker can be killed while on it.
    const long = {
      id: 'long-digest',
      text: docs
        .slice(120)
        .map((d) => d.text)
        .join('\n\n'),
    };
    const rest = docs.slice(0, 120);
    writeFileSync(input, [long, ...rest].map((d) => JSON.stringify(d)).join('\n'));
    documents = 1 + rest.length;
  });

  it('ends with both replicas holding the single-process SQLite graph, after losing a worker and a replica', { timeout: 300_000 }, async () => {
    // The reference: one process, SQLite, in input order.
    const refDb = join(tmp.path, 'reference.db');
    const built = runCli(['build', '--input', input, '--db', refDb, '--workers', '0']);
    expect(built.stderr).toContain(`${documents} added`);

    const enqueued = runCli(['build', '--input', input, '--db', url, '--enqueue']);
    expect(enqueued.status).toBe(0);
    expect(enqueued.stderr).toContain(`${documents} queued, 0 already stored or queued`);
    // Enqueueing again queues nothing.
    expect(runCli(['build', '--input', input, '--db', url, '--enqueue']).stderr).toContain(`0 queued, ${documents} already stored or queued`);

    const r1 = await serve(url);
    const r2 = await serve(url);
    await waitFor('both replicas ready', async () => (await ready(r1.url)).status === 'ready' && (await ready(r2.url)).status === 'ready');

    const db = new pg.Client({ connectionString: url });
    // dropDatabase ends it by force if the test fails first.
    db.on('error', () => {});
    await db.connect();
    try {
      const w1 = start(['worker', '--db', url, '--name', 'w1']);
      const w2 = start(['worker', '--db', url, '--name', 'w2']);
      const workers = new Map([
        ['w1', w1],
        ['w2', w2],
      ]);
      // Kill whichever worker took the long job while it is extracting it.
      const holder = await waitFor('a worker on the long job', async () => {
        const row = (await db.query("SELECT worker, state FROM jobs WHERE document::json->>'id' = 'long-digest'")).rows[0];
        return row?.state === 'running' ? (row.worker as string) : null;
      });
      await new Promise((r) => setTimeout(r, 200));
      const victim = workers.get(holder) as Running;
      victim.child.kill('SIGKILL');
      await victim.exited;
      const stillRunning = (await db.query("SELECT state, worker, attempts FROM jobs WHERE document::json->>'id' = 'long-digest'")).rows[0];
      expect(stillRunning).toMatchObject({ state: 'running', worker: holder, attempts: 1 });
      const w3 = start(['worker', '--db', url, '--name', 'w3']);

      // Kill a replica while documents are arriving and it is applying them; start it again.
      await waitFor('a third of the documents stored', async () => Number((await db.query('SELECT count(*) AS n FROM documents')).rows[0].n) >= documents / 3);
      r1.child.kill('SIGKILL');
      await r1.exited;
      // And its successor while it loads the graph, before it says it has one.
      const loading = start(['serve', '--db', url, '--port', '0']);
      await waitFor('a replica starting', () => loading.output().includes('NEWSGRAPH_TOKEN'));
      expect(loading.output()).not.toContain('newsgraph: graph of');
      loading.child.kill('SIGKILL');
      await loading.exited;
      const r1b = await serve(url);

      await waitFor(
        'the queue drained',
        async () => {
          const open = Number((await db.query("SELECT count(*) AS n FROM jobs WHERE state IN ('queued', 'running')")).rows[0].n);
          return open === 0;
        },
        120_000,
      );
      const jobs = (await db.query('SELECT state, count(*)::int AS n FROM jobs GROUP BY state')).rows;
      expect(jobs).toEqual([{ state: 'done', n: documents }]);
      const retried = (await db.query("SELECT attempts, worker FROM jobs WHERE document::json->>'id' = 'long-digest'")).rows[0];
      expect(retried.attempts).toBe(2);
      expect(retried.worker).not.toBe(holder);
      expect(Number((await db.query('SELECT count(*) AS n FROM documents')).rows[0].n)).toBe(documents);
      expect(Number((await db.query('SELECT count(DISTINCT content_hash) AS n FROM documents')).rows[0].n)).toBe(documents);

      // status shows it.
      const status = runCli(['status', '--db', url]);
      expect(status.status).toBe(0);
      expect(status.stdout).toContain(`0 queued, 0 running, ${documents} done, 0 failed`);

      for (const replica of [r1b, r2]) {
        let last: unknown = null;
        await waitFor('the replica caught up', async () => {
          const r = await ready(replica.url);
          last = r;
          return r.status === 'ready' && r.changes?.behind === 0 && r.changes.latest === documents && r.documents === documents;
        }).catch((error: Error) => {
          throw new Error(`${error.message}: /readyz said ${JSON.stringify(last)}; its log: ${replica.output().slice(-2000)}`);
        });
      }

      const ref = await serve(refDb);
      const expected = await dump(ref.url);
      expect((expected as { stats: { documents: number } }).stats.documents).toBe(documents);
      expect(await dump(r2.url)).toEqual(expected);
      expect(await dump(r1b.url)).toEqual(expected);
      for (const p of [w2, w3, w1, r1b, r2, ref]) p.child.kill('SIGTERM');
    } catch (error) {
      for (const c of children) process.stderr.write(`--- ${c.spawnargs.slice(2).join(' ')}\n`);
      throw error;
    } finally {
      await db.end();
    }
  });
});

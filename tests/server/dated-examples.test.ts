// The IDE's time tabs answer for real on a dated multi-document set: CoNLL-2003 dev, whose articles carry their
// dates in datelines ("LONDON 1996-08-30"), read into publishedAt at ingest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphService, ingestStream } from '../../src/pipeline.js';
import { type RunningServer, startServer } from '../../src/server/app.js';
import { exampleQueries } from '../../src/server/ide.js';
import { Store } from '../../src/store/index.js';
import { SHARED, tempDir } from '../helpers.js';

const CONLL = join(SHARED, 'eval', 'conll2003-dev.jsonl');
const tmp = tempDir();
let store: Store;
let service: GraphService;
let server: RunningServer;

beforeAll(async () => {
  store = Store.open(join(tmp.path, 'conll.db'));
  await ingestStream(store, CONLL);
  service = new GraphService(store);
  await service.analyticsReady;
  server = await startServer(() => service, { host: '127.0.0.1', port: 0, production: false, corsOrigins: [], bodyLimit: '100kb', token: null, log: () => {} });
}, 120_000);

afterAll(async () => {
  await server?.close();
  service?.unwatch();
  store?.close();
  tmp.cleanup();
});

async function run<T>(title: string): Promise<T> {
  const tab = exampleQueries().find((q) => q.title === title);
  expect(tab, `IDE tab "${title}"`).toBeDefined();
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: tab?.query, variables: tab?.variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

describe('IDE time tabs on CoNLL-2003 dev', () => {
  it('dates each article by its dateline', () => {
    const texts = readFileSync(CONLL, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; text: string });
    let dated = 0;
    for (const { id, text } of texts) {
      // The dateline is an ISO date on a line of its own, after the place if one is given in the first lines (checked here without the parser).
      const line = text
        .split('\n')
        .slice(0, 3)
        .find((l) => /^([A-Z][A-Za-z .,'-]*\s)?\d{4}-\d{2}-\d{2}\s*$/.test(l.trim()));
      const expected = line ? (/\d{4}-\d{2}-\d{2}/.exec(line) as RegExpExecArray)[0] : null;
      expect(store.document(id)?.publishedAt ?? null, id).toBe(expected);
      if (expected) dated++;
    }
    expect(dated).toBeGreaterThan(200);
  });

  it('answers "What is trending" and "An entity over time" with what the articles say', async () => {
    const t = await run<{
      trending: {
        from: string;
        to: string;
        documents: number;
        undatedDocuments: number;
        entities: { entity: { name: string }; mentions: number; rise: number }[];
      };
    }>('What is trending');
    // The graph's documents: one per story (CoNLL dev holds one syndicated copy, 134 of 133, which counts once).
    const stories = store.documents().filter((d) => d.storyId === d.id);
    const dated = stories.filter((d) => d.publishedAt !== null);
    const last = dated
      .map((d) => d.publishedAt as string)
      .sort()
      .at(-1);
    expect(t.trending.to).toBe(last);
    expect(t.trending.documents).toBe(dated.filter((d) => (d.publishedAt as string) >= t.trending.from).length);
    expect(t.trending.undatedDocuments).toBe(stories.length - dated.length);
    expect(t.trending.entities.length).toBe(10);
    expect(t.trending.entities[0]?.mentions).toBeGreaterThan(10);

    const o = await run<{
      trending: {
        entities: {
          entity: {
            name: string;
            activity: { buckets: { start: string; mentions: number; documents: number }[] };
            documents: { totalCount: number; edges: { node: { publishedAt: string | null } }[] };
          };
        }[];
      };
    }>('An entity over time');
    const top = o.trending.entities[0]?.entity;
    expect(top?.name).toBe(t.trending.entities[0]?.entity.name);
    const buckets = top?.activity.buckets ?? [];
    expect(buckets.length).toBeGreaterThan(0);
    // All of CoNLL dev falls within the trending week, so the series adds up to the week's mentions.
    expect(buckets.reduce((s, b) => s + b.mentions, 0)).toBe(t.trending.entities[0]?.mentions);
    expect(buckets.reduce((s, b) => s + b.documents, 0)).toBe(top?.documents.totalCount);
    const shown = (top?.documents.edges ?? []).map((e) => e.node.publishedAt ?? '');
    expect(shown).toEqual([...shown].sort().reverse());
  });
});

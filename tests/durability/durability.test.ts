// Durability and robustness: parallel bulk ingest equals serial ingest, a SIGKILL mid-ingest leaves only whole
// documents, a build by another process reaches a running server, and bad input is refused or handled clearly.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePlainText, readDocuments } from '../../src/ingest/index.js';
import { extract } from '../../src/nlp/index.js';
import { buildIndex, GraphService, ingestPath, ingestStream, loadIndex } from '../../src/pipeline.js';
import { Store } from '../../src/store/index.js';
import { BIN, OVERLAPPING_TEXTS, ROOT, runCli, SHARED, tempDir } from '../helpers.js';
import { existsSync, readFileSync } from 'node:fs';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const CONLL = join(SHARED, 'eval', 'conll2003-dev.jsonl');
/** A JSONL corpus of real news text: the CoNLL dev articles when present, else the seed's paragraphs. */
function corpus(n: number): string {
  const lines: string[] = [];
  if (existsSync(CONLL)) {
    for (const l of readFileSync(CONLL, 'utf8').split('\n')) {
      if (!l.trim() || lines.length >= n) continue;
      const d = JSON.parse(l) as { id: string; text: string };
      lines.push(JSON.stringify({ id: d.id, text: d.text }));
    }
  }
  const seed = readFileSync(join(ROOT, 'seeds', '000_b2a2aa0bd98a27c3.txt'), 'utf8').split('\n');
  for (let i = 0; lines.length < n; i++) lines.push(JSON.stringify({ id: `seed-${i}`, text: `${seed[i % seed.length]} (${i})` }));
  return `${lines.join('\n')}\n`;
}

const snapshot = (store: Store): string => {
  const index = loadIndex(store);
  return JSON.stringify({
    nodes: index.graph
      .nodes()
      .sort()
      .map((n) => index.graph.getNodeAttributes(n)),
    edges: index.graph
      .edges()
      .sort()
      .map((e) => index.graph.getEdgeAttributes(e)),
  });
};

describe('bulk ingest', () => {
  it('with two worker threads stores the same graph as extraction on one thread', async () => {
    const file = join(tmp.path, 'corpus.jsonl');
    writeFileSync(file, corpus(24));
    const serial = Store.open(join(tmp.path, 'serial.db'));
    const parallel = Store.open(join(tmp.path, 'parallel.db'));
    const a = await ingestStream(serial, file, { workers: 0 });
    const b = await ingestStream(parallel, file, { workers: 2 });
    expect(a).toMatchObject({ added: 24, duplicates: 0, refused: [] });
    expect(b).toMatchObject({ added: 24, duplicates: 0, refused: [] });
    expect(snapshot(parallel)).toBe(snapshot(serial));
    const again = await ingestStream(parallel, file, { workers: 2 });
    expect(again).toMatchObject({ added: 0, duplicates: 24 });
    serial.close();
    parallel.close();
  });

  it('survives SIGKILL part-way: every committed document is whole and the graph equals a clean ingest of them', async () => {
    const file = join(tmp.path, 'kill.jsonl');
    writeFileSync(file, corpus(200));
    const db = join(tmp.path, 'killed.db');
    const child = spawn(process.execPath, [BIN, 'build', '--input', file, '--workers', '1'], { env: { ...process.env, NEWSGRAPH_DB: db }, stdio: 'ignore' });
    const watcher = Store.open(db);
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (watcher.count() >= 10) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 20);
      child.on('exit', () => {
        clearInterval(timer);
        reject(new Error('the build finished before it could be killed'));
      });
    });
    await new Promise((r) => child.once('exit', r));
    watcher.close();
    const store = Store.open(db);
    const docs = store.documents();
    expect(docs.length).toBeGreaterThanOrEqual(10);
    expect(docs.length).toBeLessThan(200);
    const extractions = [...store.extractions()];
    expect(extractions.map((x) => x.document.id).sort()).toEqual(docs.map((d) => d.id).sort());
    const index = loadIndex(store);
    for (const key of index.graph.edges()) {
      const e = index.edge(key);
      expect(index.hasNode(e.source) && index.hasNode(e.target)).toBe(true);
    }
    // A clean ingest of exactly the committed documents gives the same graph.
    const clean = Store.open(join(tmp.path, 'clean.db'));
    for (const d of docs) {
      const doc = store.storedDocument(d.id);
      if (doc) clean.ingest(doc, extract(doc));
    }
    expect(snapshot(clean)).toBe(snapshot(store));
    clean.close();
    store.close();
  });

  it('removes documents without a trace, in any order of ingests and removals', () => {
    const docs = ['Iran met Russia in Geneva.', 'Joe Biden met Jill Biden in Washington.', 'Israel struck Hezbollah in Lebanon.', 'The IRGC said more.'].map(
      (t, i) => parsePlainText(`T${i}\n${t}`, `d${i}.txt`),
    );
    const reference = Store.open(join(tmp.path, 'ref.db'));
    for (const d of [docs[0], docs[2]]) if (d) reference.ingest(d, extract(d));
    const churn = Store.open(join(tmp.path, 'churn.db'));
    for (const d of [docs[3], docs[2], docs[1], docs[0]]) if (d) churn.ingest(d, extract(d));
    churn.removeDocument(docs[3]?.id as string);
    churn.removeDocument(docs[1]?.id as string);
    expect(snapshot(churn)).toBe(snapshot(reference));
    reference.close();
    churn.close();
  });
});

describe('order and removals, as a property', () => {
  const texts = OVERLAPPING_TEXTS;
  const docs = texts.map((t, i) => parsePlainText(`Title ${i}\n${t}`, `p${i}.txt`));
  const extractions = docs.map((d) => extract(d));
  test.prop([fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6, maxLength: 6 }), fc.subarray([0, 1, 2, 3, 4, 5])], { numRuns: 15 })(
    'any ingest order, with any documents removed afterwards, gives the graph of the documents that remain',
    (order, removed) => {
      const churn = Store.open(':memory:');
      for (const i of order) churn.ingest(docs[i] as (typeof docs)[number], extractions[i] as (typeof extractions)[number]);
      for (const i of removed) churn.removeDocument((docs[i] as (typeof docs)[number]).id);
      const clean = Store.open(':memory:');
      for (let i = 0; i < docs.length; i++)
        if (!removed.includes(i)) clean.ingest(docs[i] as (typeof docs)[number], extractions[i] as (typeof extractions)[number]);
      expect(snapshot(churn)).toBe(snapshot(clean));
      churn.close();
      clean.close();
    },
  );
});

describe('a running server', () => {
  it('sees a build made by another process without a restart', async () => {
    const db = join(tmp.path, 'watched.db');
    const store = Store.open(db);
    ingestPath(store, join(ROOT, 'seeds'));
    const service = new GraphService(store);
    service.watch(50);
    expect(service.index.findEntity({ name: 'Lavrov' })).toBeNull();
    const article = join(tmp.path, 'lavrov.txt');
    writeFileSync(article, 'Moscow talks\nRussian Foreign Minister Sergei Lavrov met Iranian Foreign Minister Abbas Araghchi in Moscow.');
    expect(runCli(['build', '--input', article, '--workers', '0'], { env: { NEWSGRAPH_DB: db } }).status).toBe(0);
    await expect.poll(() => service.index.findEntity({ name: 'Lavrov' })?.name, { timeout: 5_000 }).toBe('Sergei Lavrov');
    service.unwatch();
    store.close();
  });
});

describe('bad input', () => {
  const file = (name: string, content: string | Buffer): string => {
    const path = join(tmp.path, name);
    writeFileSync(path, content);
    return path;
  };
  const refusal = (path: string): string => {
    const r = [...readDocuments(path)][0];
    return r && !r.ok ? r.error.message : 'accepted';
  };

  it.each([
    ['empty.txt', '', /empty\.txt is empty/],
    ['blank.txt', ' \n\t \n', /blank\.txt is empty/],
    ['binary.txt', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]), /binary data/],
    ['latin1.txt', Buffer.from('Caf\xe9 in Z\xfcrich', 'latin1'), /invalid UTF-8/],
    ['controls.txt', Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 65 : 1))), /control characters/],
  ])('refuses %s with the file name and the reason', (name, content, message) => {
    expect(refusal(file(name, content))).toMatch(message);
  });

  it('refuses a 10 MB article quickly, saying how to fix it', () => {
    const path = file('huge.txt', `Huge\n${'Iran met Russia in Geneva on Monday. '.repeat(280_000)}`);
    expect(refusal(path)).toMatch(/huge\.txt has \d+ characters, over the limit of 2000000\. Split it/);
  });

  it('reads UTF-16 with a byte-order mark', () => {
    const path = file('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Title\nIranian President Masoud Pezeshkian spoke.', 'utf16le')]));
    const r = [...readDocuments(path)][0];
    expect(r?.ok && extract(r.document).entities.map((e) => e.id)).toContain('person:masoud-pezeshkian');
  });

  it('extracts sensibly from a 50,000-character sentence, non-English text, and emoji with control characters', () => {
    const runOn = Array.from({ length: 9_000 }, (_, i) => ['word', 'Iran', 'talks', 'and', 'Russia', 'the'][i % 6]).join(' ');
    expect(runOn.length).toBeGreaterThan(45_000);
    const a = extract({ id: 'a', title: null, publishedAt: null, text: runOn });
    expect(a.entities.map((e) => e.id).sort()).toEqual(['country:iran', 'country:russia']);
    const b = extract({
      id: 'b',
      title: null,
      publishedAt: null,
      text: 'Der Bundeskanzler traf sich am Montag in Berlin mit dem französischen Präsidenten. 東京で会談が行われた。',
    });
    for (const e of b.entities) for (const m of e.mentions) expect(b.document.chars).toBeGreaterThan(m.end);
    const c = extract({ id: 'c', title: null, publishedAt: null, text: 'Iran 🇮🇷 met Russia 🤝\u0007 in Geneva\u0000 on Monday. 😀😀' });
    expect(c.entities.map((e) => e.id)).toEqual(expect.arrayContaining(['country:iran', 'country:russia', 'place:geneva']));
  });

  it('ingests 100,000 one-line documents with bounded memory and no refusals', async () => {
    const path = join(tmp.path, 'lines.jsonl');
    writeFileSync(
      path,
      Array.from({ length: 100_000 }, (_, i) => JSON.stringify({ id: `l${i}`, text: `Bulletin ${i}: officials met in Geneva on Monday.` })).join('\n'),
    );
    const store = Store.open(join(tmp.path, 'lines.db'));
    const summary = await ingestStream(store, path, { workers: 2 });
    expect(summary).toMatchObject({ added: 100_000, duplicates: 0, refused: [] });
    expect(store.count()).toBe(100_000);
    store.close();
  }, 300_000);

  it('builds a graph from the extractions of such input without error', () => {
    expect(() => buildIndex([extract({ id: 'x', title: null, publishedAt: null, text: '\u0000\u0001 🙂 \uFFFF Iran' })])).not.toThrow();
  });
});

// A server for the API benchmark, in its own process: a synthetic graph behind the real GraphQL server, or a bare
// node:http handler serving the same JSON. Prints its URL on stdout once it listens.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMainThread } from 'node:worker_threads';
import { createGraph, GraphIndex, type KnowledgeGraph } from '../src/graph/index.js';
import { startServer } from '../src/server/app.js';
import type { BackendFactory } from '../src/server/backend.js';
import { startFront } from '../src/server/front.js';

export const BENCH_QUERY = `query($id: ID!) { neighborhood(id: $id, hops: 2, limit: 50) { truncated nodes { id name type } edges { type confidence source { id } target { id } } } }`;
export const BENCH_ID = 'person:p-00040';

const SYLLABLES = [
  'ka',
  'lo',
  'mar',
  'ven',
  'tis',
  'dor',
  'el',
  'shan',
  'ru',
  'bel',
  'ni',
  'qua',
  'zor',
  'pe',
  'lin',
  'ga',
  'thu',
  'ro',
  'vi',
  'sel',
  'an',
  'mo',
  'dri',
  'ke',
];
const HEADS = {
  organization: ['Group', 'Bank', 'Party', 'Agency', 'Corp', 'Institute', 'Council', 'Union'],
  place: ['City', 'Valley', 'Port', 'Province', 'Hills', 'Bay'],
  program: ['Act', 'Plan', 'Accord', 'Initiative', 'Programme'],
} as const;

/** A pronounceable word from a number: realistic prefixes and typos for the search benchmark, the same every run. */
function syntheticWord(i: number, salt: number): string {
  let x = (Math.imul(i + 1, 2654435761) ^ salt) >>> 0;
  let word = '';
  for (let k = 0; k < 2 + (x % 2); k++) {
    word += SYLLABLES[x % SYLLABLES.length];
    x = Math.floor(x / SYLLABLES.length) + 7919 * (k + 1);
  }
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** "Driru Anthuke", "Zorrubel Quabel Party", "Quadriven Quabel Province": a name of the entity's kind (namesakes happen). */
export function syntheticName(type: string, i: number): string {
  const a = syntheticWord(i, 0x9e37);
  const b = syntheticWord(Math.floor(i / 7), 0x7f4a);
  const heads = (HEADS as Record<string, readonly string[]>)[type];
  if (type === 'person') return `${a} ${b}`;
  if (type === 'country') return a;
  return `${a} ${b} ${heads?.[i % heads.length] ?? ''}`.trim();
}

/** A reproducible random graph: n entities, m stated relations (fixed-seed generator). */
export function syntheticGraph(n: number, m: number): KnowledgeGraph {
  // mulberry32: a small, well-mixed 32-bit generator.
  let seed = 12345;
  const rand = (): number => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const types = ['person', 'country', 'organization', 'place', 'program'] as const;
  const g = createGraph();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const type = types[i % types.length] as (typeof types)[number];
    const id = `${type}:${type.charAt(0)}-${String(i).padStart(5, '0')}`;
    ids.push(id);
    g.addNode(id, {
      id,
      type,
      name: syntheticName(type, i),
      aliases: [],
      mentionCount: 1 + (i % 7),
      documents: ['d'],
      confidence: 0.9,
      roles: [],
      iso: null,
      acronym: null,
      eventType: null,
      quadClass: null,
      date: null,
      location: null,
    });
  }
  for (let k = 0; k < m; k++) {
    const s = ids[Math.floor(rand() * n)] as string;
    const t = ids[Math.floor(rand() * n)] as string;
    const id = `${s}|related_to_${k % 13}|${t}`;
    if (s === t || g.hasEdge(id)) continue;
    g.addDirectedEdgeWithKey(id, s, t, {
      id,
      type: `related_to_${k % 13}`,
      source: s,
      target: t,
      confidence: 0.5 + (k % 5) / 10,
      weight: 1,
      evidence: [],
      rules: ['synthetic'],
      predicates: [],
      modality: null,
      cooccurrence: false,
    });
  }
  return g;
}

/** The synthetic graph as a backend behind the front (what `newsgraph serve` runs, with a store instead). */
export const createBackend: BackendFactory = (args) => {
  const { nodes, edges } = args as { nodes: number; edges: number };
  const served = { index: new GraphIndex(syntheticGraph(nodes, edges), []), documentText: () => null, writes: null };
  (globalThis as { gc?: () => void }).gc?.();
  return { source: () => served };
};

if (isMainThread && import.meta.url === `file://${process.argv[1]}`) {
  const mode = process.argv[2] ?? 'apollo';
  const nodes = Number(process.argv[3] ?? 100_000);
  const edges = Number(process.argv[4] ?? 500_000);
  if (mode === 'apollo') {
    // As `newsgraph serve` runs: the front on this thread, the graph and Apollo in a backend thread.
    const front = await startFront({
      host: '127.0.0.1',
      port: 0,
      bodyLimit: '100kb',
      log: () => {},
      backend: { module: import.meta.url, args: { nodes, edges } },
      server: { production: true, corsOrigins: [], bodyLimit: '100kb', token: null },
    });
    await front.ready;
    console.log(front.url);
  } else {
    // The graph on this thread: a bare handler, or the GraphQL server in one thread (with or without its cache).
    const index = new GraphIndex(syntheticGraph(nodes, edges), []);
    // Start measuring from a settled heap, not in the middle of collecting the build's garbage.
    (globalThis as { gc?: () => void }).gc?.();
    if (mode === 'bare') {
      const body = process.argv[5] ? (await import('node:fs')).readFileSync(process.argv[5], 'utf8') : '{}';
      const server = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
          res.end(body);
        });
      });
      server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    } else {
      const served = { index, documentText: () => null, writes: null };
      const server = await startServer(() => served, {
        host: '127.0.0.1',
        port: 0,
        production: true,
        corsOrigins: [],
        bodyLimit: '100kb',
        token: null,
        log: () => {},
        responseCache: mode === 'apollo-inprocess',
      });
      console.log(server.url);
    }
  }
}

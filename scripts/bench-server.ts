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

const SYNTHETIC_TYPES = ['person', 'country', 'organization', 'place', 'program'] as const;
// Constant lists every synthetic entity or relation shares (frozen: nothing may change them in place).
const NONE = Object.freeze([]) as unknown as never[];
const ONE_DOCUMENT = Object.freeze(['d']) as unknown as string[];
const SYNTHETIC_RULES = Object.freeze(['synthetic']) as unknown as string[];

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
  const g = createGraph();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = syntheticId(i);
    const type = id.slice(0, id.indexOf(':')) as 'person' | 'country' | 'organization' | 'place' | 'program';
    ids.push(id);
    g.addNode(id, {
      id,
      type,
      name: syntheticName(type, i),
      aliases: NONE,
      mentionCount: 1 + (i % 7),
      documents: ONE_DOCUMENT,
      confidence: 0.9,
      roles: NONE,
      iso: null,
      acronym: null,
      eventType: null,
      quadClass: null,
      date: null,
      location: null,
      geo: null,
    });
  }
  // Relation types are a few shared strings and ids are flat strings (join), as a loader interning them would have;
  // template literals would leave a tree of concatenated strings per relation.
  const relationTypes = Array.from({ length: 13 }, (_, i) => `related_to_${i}`);
  for (let k = 0; k < m; k++) {
    const s = ids[Math.floor(rand() * n)] as string;
    const t = ids[Math.floor(rand() * n)] as string;
    const type = relationTypes[k % 13] as string;
    const id = [s, type, t].join('|');
    if (s === t || g.hasEdge(id)) continue;
    g.addDirectedEdgeWithKey(id, s, t, {
      id,
      type,
      source: s,
      target: t,
      confidence: 0.5 + (k % 5) / 10,
      weight: 1,
      evidence: NONE,
      rules: SYNTHETIC_RULES,
      predicates: NONE,
      modality: null,
      cooccurrence: false,
    });
  }
  return g;
}

/** The synthetic entity id of number i (as syntheticGraph makes them). */
export function syntheticId(i: number): string {
  const type = SYNTHETIC_TYPES[i % SYNTHETIC_TYPES.length] as string;
  return [type, ':', type.charAt(0), '-', String(i).padStart(5, '0')].join('');
}

/** One request of the varied workload: what to ask, as plain arguments (shared by GraphQL and the bare handler). */
export type VariedAsk =
  | { op: 'neighborhood'; id: string; limit: number }
  | { op: 'relations'; id: string; first: number }
  | { op: 'search'; text: string; first: number; tag?: number };

const mix = (k: number, salt: number): number => ((Math.imul(k + salt, 2654435761) >>> 0) ^ (k * 40503)) >>> 0;

/**
 * A counter-seeded mix of the three shapes users send, a different one each time: the entities walked from are a
 * permutation of all of them (k × 7919 mod n, a prime step), limits vary independently. Search texts repeat as typed
 * prefixes do, so each search carries its request number in a trailing comment: the front's cache cannot answer it,
 * and the server does the work (a comment changes nothing else).
 */
export function variedAsk(k: number, nodes: number): VariedAsk {
  const i = (Math.floor(k / 3) * 7919 + 13) % nodes;
  const x = mix(k, 1);
  switch (k % 3) {
    case 0:
      return { op: 'neighborhood', id: syntheticId(i), limit: [10, 20, 50][x % 3] as number };
    case 1:
      return { op: 'relations', id: syntheticId(i), first: [5, 10, 20][x % 3] as number };
    default:
      return { op: 'search', text: searchText(Math.floor(k / 3), nodes), first: 5 + (x % 16), tag: k };
  }
}

/** What a user types into a search box: a prefix of a real name (2–5 letters), a whole word, a word with a typo, or a name cut short. */
export function searchText(k: number, nodes: number): string {
  const variant = Math.floor(k / 4);
  const x = mix(variant, 7) % nodes;
  const name = syntheticName(syntheticId(x).split(':')[0] as string, x);
  const words = name.split(' ');
  const word = words[variant % words.length] as string;
  switch (k % 4) {
    case 0:
      return name.slice(0, 2 + (variant % 4));
    case 1:
      return word;
    case 2: {
      // One typo: a letter changed somewhere after the first.
      const at = 1 + (variant % Math.max(1, word.length - 1));
      return `${word.slice(0, at)}${word.charAt(at) === 'a' ? 'e' : 'a'}${word.slice(at + 1)}`;
    }
    default:
      return name.slice(0, Math.max(3, name.length - 3));
  }
}

/** The GraphQL request for an ask, selecting what the bare handler also returns. */
export function variedGraphql(ask: VariedAsk): string {
  switch (ask.op) {
    case 'neighborhood':
      return JSON.stringify({
        query: `{ neighborhood(id: ${JSON.stringify(ask.id)}, hops: 2, limit: ${ask.limit}) { truncated nodes { id name type } edges { type confidence source { id } target { id } } } }`,
      });
    case 'relations':
      return JSON.stringify({
        query: `{ entity(id: ${JSON.stringify(ask.id)}) { id name type relations(first: ${ask.first}) { totalCount edges { node { type confidence weight source { id name } target { id name } } } } } }`,
      });
    default:
      return JSON.stringify({
        query: `{ search(text: ${JSON.stringify(ask.text)}, first: ${ask.first}) { id name type } }${ask.tag === undefined ? '' : ` # request ${ask.tag}`}`,
      });
  }
}

/** The same walks with graphology through the index, answered with JSON.stringify: the limit to compare against. */
export function bareAnswer(index: GraphIndex, ask: VariedAsk): unknown {
  switch (ask.op) {
    case 'neighborhood': {
      const n = index.neighborhood(ask.id, 2, ask.limit);
      return {
        data: {
          neighborhood: {
            truncated: n.truncated,
            nodes: n.nodes.map((x) => ({ id: x.id, name: x.name, type: x.type.toUpperCase() })),
            edges: n.edges.map((e) => ({ type: e.type, confidence: e.confidence, source: { id: e.source }, target: { id: e.target } })),
          },
        },
      };
    }
    case 'relations': {
      const e = index.node(ask.id);
      const page = index.relationsPage(ask.id, 'both', {}, ask.first, null);
      const named = (id: string) => ({ id, name: index.node(id).name });
      return {
        data: {
          entity: {
            id: e.id,
            name: e.name,
            type: e.type.toUpperCase(),
            relations: {
              totalCount: page.totalCount(),
              edges: page.items.map(({ node: r }) => ({
                node: { type: r.type, confidence: r.confidence, weight: r.weight, source: named(r.source), target: named(r.target) },
              })),
            },
          },
        },
      };
    }
    default:
      return { data: { search: index.search(ask.text, null, ask.first).map((x) => ({ id: x.id, name: x.name, type: x.type.toUpperCase() })) } };
  }
}

/** The synthetic graph as a backend behind the front (what `newsgraph serve` runs, with a store instead). */
export const createBackend: BackendFactory = (args) => {
  const { nodes, edges, bare } = args as { nodes: number; edges: number; bare?: boolean };
  const served = { index: new GraphIndex(syntheticGraph(nodes, edges), []), documentText: () => null, writes: null };
  // Start from a settled heap (a big graph's backend collects once itself when it has loaded; see backend.ts).
  if (nodes < 500_000) (globalThis as { gc?: () => void }).gc?.();
  if (!bare) return { source: () => served };
  // The bare limit in the same layout: this thread answers the front's requests itself, no Express, no GraphQL: those
  // the front hands over its worker port (every JSON POST /graphql, as for the GraphQL server) and any over HTTP.
  const walk = (raw: string): string => JSON.stringify(bareAnswer(served.index, JSON.parse(raw) as VariedAsk));
  return {
    source: () => served,
    answer: (ask) => ({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: walk(ask.body), generation: 0, cacheable: false }),
    handler: (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = walk(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
    },
  };
};

if (isMainThread && import.meta.url === `file://${process.argv[1]}`) {
  const mode = process.argv[2] ?? 'apollo';
  // A clean exit on SIGINT, so that --cpu-prof and --heap-prof write their files.
  process.once('SIGINT', () => process.exit(0));
  const nodes = Number(process.argv[3] ?? 100_000);
  const edges = Number(process.argv[4] ?? 500_000);
  if (mode === 'apollo' || mode === 'bare-walks') {
    // As `newsgraph serve` runs: the front on this thread, the graph and Apollo in a backend thread (or, for the
    // limit, the same layout with a bare handler doing the walks in the backend thread).
    const front = await startFront({
      host: '127.0.0.1',
      port: 0,
      bodyLimit: '100kb',
      responseCache: process.env.BENCH_FRONT_CACHE !== '0',
      log: () => {},
      backend: { module: import.meta.url, args: { nodes, edges, bare: mode === 'bare-walks' } },
      server: { production: true, corsOrigins: [], bodyLimit: '100kb', token: null },
    });
    await front.ready;
    console.log(front.url);
    console.log(`rss ${process.memoryUsage().rss}`);
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
      server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}\nrss ${process.memoryUsage().rss}`));
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
      console.log(`rss ${process.memoryUsage().rss}`);
    }
  }
}

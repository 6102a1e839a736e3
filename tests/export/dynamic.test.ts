// Exports over time: first/last evidence dates on nodes and edges in every format, and a dynamic GEXF whose spells
// are the days of the evidence, read back by graphology-gexf and by networkx (where python3 has it; CI installs it).
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { MultiDirectedGraph } from 'graphology';
import { afterAll, describe, expect, it } from 'vitest';
import { exportChunks, neo4jFiles, prepareExport } from '../../src/export/index.js';
import { NEO4J_EDGE_HEADER, NEO4J_NODE_HEADER } from '../../src/export/formats.js';
import { makeDocument } from '../../src/ingest/index.js';
import { extract } from '../../src/nlp/index.js';
import { buildIndex } from '../../src/pipeline.js';
import { tempDir } from '../helpers.js';

const require = createRequire(import.meta.url);
const gexf = require('graphology-gexf') as { parse: (G: unknown, s: string) => MultiDirectedGraph };
const tmp = tempDir();
afterAll(() => tmp.cleanup());

// Iran and Russia meet on 1 and 2 May (consecutive days: one spell) and again on 9 May; Israel and Syria only on an
// undated day; Germany appears on 2 May alone.
const docs = [
  makeDocument({ id: 'd1', text: 'Iran met Russia in Geneva on Monday.', publishedAt: '2024-05-01', source: 'a' }),
  makeDocument({ id: 'd2', text: 'Iran met Russia in Geneva again. Germany was not there.', publishedAt: '2024-05-02', source: 'b' }),
  makeDocument({ id: 'd3', text: 'Iran met Russia in Geneva a week later.', publishedAt: '2024-05-09', source: 'c' }),
  makeDocument({ id: 'd4', text: 'Israel met Syria in Cairo.', source: 'd' }),
];
const index = buildIndex(
  docs.map((d) => extract(d)),
  docs.map((d) => ({ id: d.id, url: null, source: d.source })),
);
const prepared = prepareExport(index, { includeCooccurrence: true });
const iran = index.findEntity({ name: 'Iran' })?.id as string;
const israel = index.findEntity({ name: 'Israel' })?.id as string;
const germany = index.findEntity({ name: 'Germany' })?.id as string;

describe('first and last evidence dates', () => {
  it('are on nodes and edges in the JSON export, empty where nothing is dated', () => {
    const json = JSON.parse([...exportChunks('json', prepared)].join('')) as {
      nodes: { key: string; attributes: { firstSeen: string; lastSeen: string } }[];
      edges: { source: string; target: string; attributes: { firstSeen: string; lastSeen: string } }[];
    };
    const node = (id: string) => json.nodes.find((n) => n.key === id)?.attributes;
    expect(node(iran)).toMatchObject({ firstSeen: '2024-05-01', lastSeen: '2024-05-09' });
    expect(node(germany)).toMatchObject({ firstSeen: '2024-05-02', lastSeen: '2024-05-02' });
    expect(node(israel)).toMatchObject({ firstSeen: '', lastSeen: '' });
    const iranEdges = json.edges.filter((e) => e.source === iran || e.target === iran);
    expect(iranEdges.length).toBeGreaterThan(0);
    for (const e of iranEdges) expect(e.attributes.firstSeen >= '2024-05-01' && e.attributes.lastSeen <= '2024-05-09').toBe(true);
  });

  it('are typed date columns in the Neo4j CSV, with two labels per node', () => {
    expect(NEO4J_NODE_HEADER).toMatch(/firstSeen:date,lastSeen:date$/);
    expect(NEO4J_EDGE_HEADER).toMatch(/firstSeen:date,lastSeen:date$/);
    const nodes = [...neo4jFiles(prepared)['nodes.csv']].join('').split('\n');
    const row = nodes.find((l) => l.startsWith(`${iran},`)) as string;
    expect(row.split(',')[1]).toBe('Entity\u001fCountry');
    expect(row.endsWith(',2024-05-01,2024-05-09')).toBe(true);
    expect(nodes.find((l) => l.startsWith(`${israel},`))?.endsWith(',,')).toBe(true);
  });
});

describe('dynamic GEXF', () => {
  const out = [...exportChunks('gexf', prepared)].join('');

  it('is well-formed GEXF 1.2draft in dynamic mode with date spells, and graphology-gexf reads it', () => {
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out).toContain('mode="dynamic" timeformat="date"');
    // Iran: 1–2 May joined, 9 May apart; Israel: no spells (always there).
    const iranNode = out.slice(out.indexOf(`<node id="${iran}"`), out.indexOf('</node>', out.indexOf(`<node id="${iran}"`)));
    expect(iranNode).toContain('<spells><spell start="2024-05-01" end="2024-05-02"/><spell start="2024-05-09" end="2024-05-09"/></spells>');
    const israelNode = out.slice(out.indexOf(`<node id="${israel}"`), out.indexOf('</node>', out.indexOf(`<node id="${israel}"`)));
    expect(israelNode).not.toContain('<spells>');
    const back = gexf.parse(MultiDirectedGraph, out);
    expect(back.order).toBe(index.graph.order);
    expect(back.getNodeAttribute(iran, 'firstSeen')).toBe('2024-05-01');
    expect(back.getNodeAttribute(iran, 'lastSeen')).toBe('2024-05-09');
  });

  // Required under CI=true (.ci/run installs Debian's python3-networkx); elsewhere skipped, saying so, without it.
  const python = '/usr/bin/python3';
  const hasNetworkx = existsSync(python) && spawnSync(python, ['-c', 'import networkx'], { encoding: 'utf8' }).status === 0;
  if (!hasNetworkx) {
    if (process.env.CI === 'true') throw new Error('networkx is missing for /usr/bin/python3: apt-get install python3-networkx (.ci/run installs it).');
    process.stderr.write('\n*** networkx check of the dynamic GEXF SKIPPED: no networkx for /usr/bin/python3 (apt-get install python3-networkx). ***\n\n');
  }
  it.skipIf(!hasNetworkx)('loads in networkx with its spells', () => {
    const file = join(tmp.path, 'dynamic.gexf');
    writeFileSync(file, out);
    const script = `
import json, sys, networkx as nx
g = nx.read_gexf(sys.argv[1])
print(json.dumps({"mode": g.graph.get("mode"), "nodes": g.number_of_nodes(), "spells": {n: d.get("spells") for n, d in g.nodes(data=True)}}))
`;
    const r = spawnSync(python, ['-c', script, file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const read = JSON.parse(r.stdout) as { mode: string; nodes: number; spells: Record<string, [string, string][] | null> };
    expect(read.mode).toBe('dynamic');
    expect(read.nodes).toBe(index.graph.order);
    expect(read.spells[iran]).toEqual([
      ['2024-05-01', '2024-05-02'],
      ['2024-05-09', '2024-05-09'],
    ]);
    expect(read.spells[israel] ?? null).toBeNull();
  });
});

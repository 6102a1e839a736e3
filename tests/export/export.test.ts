// Exports round-trip: GEXF and GraphML parse back with graphology's own parsers to the same graph, XML-hostile
// names included; Cytoscape JSON is consistent; Neo4j CSV has the import tool's headers and keeps every character.
import { createRequire } from 'node:module';
import { XMLValidator } from 'fast-xml-parser';
import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportChunks, neo4jFiles, parseExportOptions, prepareExport } from '../../src/export/index.js';
import { NEO4J_ARRAY_DELIMITER, NEO4J_EDGE_HEADER, NEO4J_NODE_HEADER } from '../../src/export/formats.js';
import type { Extraction } from '../../src/nlp/index.js';
import { buildIndex } from '../../src/pipeline.js';

const require = createRequire(import.meta.url);
const gexf = require('graphology-gexf') as { parse: (G: unknown, s: string) => MultiDirectedGraph };
const graphml = require('graphology-graphml') as { parse: (G: unknown, s: string) => MultiDirectedGraph };

const HOSTILE = `AT&T <Labs> "Quoted" 'single' 😀, semi;colon\nnext line`;
const evidence = (text: string) => [{ start: 0, end: text.length, text, sentence: 0 }];
const extraction: Extraction = {
  id: 'x1',
  document: { id: 'x1', title: 'T', publishedAt: null, chars: 10 },
  extractor: 'test',
  sentences: [{ index: 0, start: 0, end: 10 }],
  entities: [
    { id: 'organization:att', type: 'organization', name: HOSTILE, aliases: ['AT&T', 'a;b', 'say "hi"'], mentions: [], confidence: 0.9, attributes: {} },
    { id: 'country:iran', type: 'country', name: 'Iran', aliases: [], mentions: [], confidence: 0.95, attributes: { iso: 'IR' } },
    { id: 'person:someone', type: 'person', name: 'Zoë Ørsted', aliases: [], mentions: [], confidence: 0.8, attributes: {} },
  ],
  relations: [
    {
      id: 'organization:att|part_of|country:iran',
      type: 'part_of',
      source: 'organization:att',
      target: 'country:iran',
      confidence: 0.75,
      rule: 'r',
      evidence: evidence('e1'),
    },
    {
      id: 'person:someone|member_of|organization:att',
      type: 'member_of',
      source: 'person:someone',
      target: 'organization:att',
      confidence: 0.6,
      rule: 'r',
      evidence: evidence('e2'),
    },
  ],
  cooccurrences: [
    {
      id: 'country:iran|co_occurs_with|person:someone',
      type: 'co_occurs_with',
      source: 'country:iran',
      target: 'person:someone',
      confidence: 0.2,
      rule: 'same-sentence',
      evidence: evidence('e3'),
    },
  ],
  events: [],
};
const index = buildIndex([extraction]);
const prepared = prepareExport(index, {});
const text = (format: 'json' | 'gexf' | 'graphml' | 'cyjs' | 'dot'): string => [...exportChunks(format, prepared)].join('');

const wellFormed = (xml: string): void => {
  expect(XMLValidator.validate(xml)).toBe(true);
};

describe('GEXF', () => {
  it('is well-formed and parses back to the same nodes, edges and attributes', () => {
    const out = text('gexf');
    wellFormed(out);
    expect(out).toContain('<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">');
    const back = gexf.parse(MultiDirectedGraph, out);
    expect(back.order).toBe(3);
    expect(back.size).toBe(2); // co-occurrences are out by default
    expect(back.getNodeAttribute('organization:att', 'label')).toBe(HOSTILE);
    expect(back.getNodeAttribute('organization:att', 'aliases')).toBe('AT&T|a;b|say "hi"');
    expect(back.getNodeAttribute('country:iran', 'type')).toBe('country');
    const e = back.edges().map((k) => back.getEdgeAttributes(k));
    expect(e.map((x) => x.type).sort()).toEqual(['member_of', 'part_of']);
    expect(e.find((x) => x.type === 'part_of')?.confidence).toBe(0.75);
    expect(e.find((x) => x.type === 'part_of')?.evidenceCount).toBe(1);
    expect(typeof back.getNodeAttribute('country:iran', 'size')).toBe('number');
  });
});

describe('GraphML', () => {
  it('declares every attribute with its type, escapes XML, and parses back the same', () => {
    const out = text('graphml');
    wellFormed(out);
    expect(out).toContain('attr.name="confidence" attr.type="double"');
    expect(out).toContain('attr.name="mentionCount" attr.type="int"');
    const back = graphml.parse(MultiDirectedGraph, out);
    expect(back.order).toBe(3);
    expect(back.size).toBe(2);
    expect(back.getNodeAttribute('organization:att', 'label')).toBe(HOSTILE);
    expect(back.getNodeAttribute('person:someone', 'label')).toBe('Zoë Ørsted');
    const partOf = back.edges().find((k) => back.getEdgeAttribute(k, 'type') === 'part_of') as string;
    expect(back.getEdgeAttribute(partOf, 'confidence')).toBe(0.75);
    expect(back.getEdgeAttribute(partOf, 'weight')).toBe(1);
  });
});

describe('Cytoscape.js JSON and graphology JSON', () => {
  it('have unique ids and edges whose endpoints exist', () => {
    const cy = JSON.parse(text('cyjs')) as {
      elements: { nodes: { data: { id: string } }[]; edges: { data: { id: string; source: string; target: string; type: string } }[] };
    };
    const ids = cy.elements.nodes.map((n) => n.data.id);
    const all = [...ids, ...cy.elements.edges.map((e) => e.data.id)];
    expect(new Set(all).size).toBe(all.length);
    for (const e of cy.elements.edges) {
      expect(ids).toContain(e.data.source);
      expect(ids).toContain(e.data.target);
      expect(e.data.type).toBeTruthy();
    }
    const json = JSON.parse(text('json'));
    const g = new MultiDirectedGraph();
    g.import(json);
    expect(g.order).toBe(3);
    expect(typeof g.getNodeAttribute('country:iran', 'x')).toBe('number');
    expect(g.getNodeAttribute('organization:att', 'label')).toBe(HOSTILE);
  });

  it('includes co-occurrences only when asked, and filters by type and confidence', () => {
    expect(prepareExport(index, parseExportOptions({ cooccurrence: 'true' })).graph.size).toBe(3);
    expect(prepareExport(index, parseExportOptions({ types: 'person,organization' })).graph.order).toBe(2);
    expect(prepareExport(index, parseExportOptions({ minConfidence: '0.7' })).graph.size).toBe(1);
    expect(prepareExport(index, parseExportOptions({ focus: 'Iran', hops: '1' })).graph.order).toBe(2);
    expect(() => parseExportOptions({ types: 'planet' })).toThrow(/entity type "planet"/);
  });
});

/** RFC 4180 parsing, as neo4j-admin reads it. */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  return rows;
}

describe('Neo4j bulk-import CSV', () => {
  it('has the headers the import tool expects and keeps quotes, commas, semicolons and line breaks', () => {
    const files = neo4jFiles(prepared);
    const nodes = [...files['nodes.csv']].join('');
    const rels = [...files['relationships.csv']].join('');
    expect(nodes.split('\n')[0]).toBe(NEO4J_NODE_HEADER);
    expect(rels.split('\n')[0]).toBe(NEO4J_EDGE_HEADER);
    expect(NEO4J_NODE_HEADER).toMatch(/^id:ID,:LABEL,.*aliases:string\[\].*confidence:float/);
    expect(NEO4J_EDGE_HEADER).toMatch(/^:START_ID,:END_ID,:TYPE,.*confidence:float/);
    const rows = parseCsv(nodes);
    const header = rows[0] as string[];
    const att = rows.find((r) => r[0] === 'organization:att') as string[];
    expect(att[header.indexOf('name')]).toBe(HOSTILE);
    expect(att[header.indexOf('aliases:string[]')]?.split(NEO4J_ARRAY_DELIMITER)).toEqual(['AT&T', 'a;b', 'say "hi"']);
    expect(att[header.indexOf(':LABEL')]?.split(NEO4J_ARRAY_DELIMITER)).toEqual(['Entity', 'Organization']);
    const relRows = parseCsv(rels);
    expect(
      relRows
        .slice(1)
        .map((r) => r[2])
        .sort(),
    ).toEqual(['MEMBER_OF', 'PART_OF']);
    for (const r of relRows.slice(1)) expect(rows.some((n) => n[0] === r[0]) && rows.some((n) => n[0] === r[1])).toBe(true);
  });
});

describe('every format', () => {
  it('exports the seed-shaped graph without error', () => {
    for (const f of EXPORT_FORMATS) {
      if (f === 'jsonl' || f === 'neo4j' || f === 'geojson') continue;
      expect(text(f).length, f).toBeGreaterThan(50);
    }
    // Nothing here has coordinates: an empty collection (tests/export/geojson.test.ts exports located entities).
    expect(JSON.parse([...exportChunks('geojson', prepared)].join(''))).toEqual({ type: 'FeatureCollection', features: [] });
    expect(text('dot')).toMatch(/^digraph newsgraph \{/);
    expect(text('dot')).toContain('\\"Quoted\\"');
  });
});

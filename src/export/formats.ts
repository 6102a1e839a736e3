// Graph exports, one function a format: each yields text chunks so that large graphs stream.
// Relation types, confidence and evidence counts travel as edge attributes in every format.
import type { EntityNode, KnowledgeGraph, RelationEdge } from '../graph/index.js';
import { hexToRgb, nodeSize, TYPE_COLORS } from '../graph/style.js';

export const EXPORT_FORMATS = ['json', 'gexf', 'graphml', 'cyjs', 'neo4j', 'dot', 'jsonl', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json',
  gexf: 'application/xml',
  graphml: 'application/xml',
  cyjs: 'application/json',
  neo4j: 'text/csv',
  dot: 'text/vnd.graphviz',
  jsonl: 'application/x-ndjson',
  geojson: 'application/geo+json',
};

export const FILE_EXTENSIONS: Record<ExportFormat, string> = {
  json: 'json',
  gexf: 'gexf',
  graphml: 'graphml',
  cyjs: 'cyjs.json',
  neo4j: 'csv',
  dot: 'dot',
  jsonl: 'jsonl',
  geojson: 'geojson',
};

export type Positions = Record<string, { x: number; y: number }>;

/** A document's publication day (days since 1970-01-01), null when undated. */
export type DayOf = (documentId: string) => number | null;
const undated: DayOf = () => null;

const isoDay = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);

/** The distinct days of the dated documents among `ids`, ascending. */
function daysOf(ids: Iterable<string>, dayOf: DayOf): number[] {
  const days = new Set<number>();
  for (const id of ids) {
    const d = dayOf(id);
    if (d !== null) days.add(d);
  }
  return [...days].sort((a, b) => a - b);
}

/** Consecutive days joined: the spells of GEXF's dynamic mode ([start, end] inclusive, ISO dates). */
function spellsOf(days: readonly number[]): [string, string][] {
  const spells: [string, string][] = [];
  let start: number | null = null;
  let prev = 0;
  for (const d of days) {
    if (start === null) start = d;
    else if (d !== prev + 1) {
      spells.push([isoDay(start), isoDay(prev)]);
      start = d;
    }
    prev = d;
  }
  if (start !== null) spells.push([isoDay(start), isoDay(prev)]);
  return spells;
}

const nodeDays = (n: EntityNode, dayOf: DayOf): number[] => daysOf(n.documents, dayOf);
const edgeDays = (e: RelationEdge, dayOf: DayOf): number[] => daysOf(new Set(e.evidence.map((x) => x.documentId)), dayOf);
/** First and last evidence dates as ISO days ('' when no evidence is dated). */
const span = (days: readonly number[]): { firstSeen: string; lastSeen: string } => ({
  firstSeen: days.length ? isoDay(days[0] as number) : '',
  lastSeen: days.length ? isoDay(days[days.length - 1] as number) : '',
});

/** Flat, typed attributes of a node as every format writes them; first/last seen from its documents' dates. */
export function nodeRecord(id: string, n: EntityNode, degree: number, dayOf: DayOf = undated) {
  return {
    id,
    label: n.name,
    type: n.type,
    aliases: n.aliases,
    mentionCount: n.mentionCount,
    degree,
    confidence: n.confidence,
    documents: n.documents.length,
    roles: n.roles.map((r) => (r.of ? `${r.title} of ${r.of}` : r.title)),
    iso: n.iso ?? '',
    eventType: n.eventType ?? '',
    date: n.date?.value ?? n.date?.text ?? '',
    ...span(nodeDays(n, dayOf)),
  };
}

/** Flat attributes of a relation; first/last seen from the dates of the documents its evidence is in. */
export function edgeRecord(id: string, e: RelationEdge, dayOf: DayOf = undated) {
  return {
    id,
    source: e.source,
    target: e.target,
    type: e.type,
    confidence: e.confidence,
    weight: e.weight,
    evidenceCount: e.evidence.length,
    rules: e.rules,
    predicates: e.predicates,
    modality: e.modality ?? '',
    cooccurrence: e.cooccurrence,
    ...span(edgeDays(e, dayOf)),
  };
}

const degreeOf = (graph: KnowledgeGraph, id: string): number => graph.degree(id);

/** graphology's serialised form with sigma.js display attributes (label, x, y, size, color). */
export function* toGraphologyJson(graph: KnowledgeGraph, positions: Positions, dayOf: DayOf = undated): Generator<string> {
  yield '{"attributes":{"name":"newsgraph"},"options":{"type":"directed","multi":true,"allowSelfLoops":false},"nodes":[';
  let first = true;
  for (const id of graph.nodes()) {
    const n = graph.getNodeAttributes(id);
    const p = positions[id] ?? { x: 0, y: 0 };
    const attributes = { ...nodeRecord(id, n, degreeOf(graph, id), dayOf), x: p.x, y: p.y, size: nodeSize(degreeOf(graph, id)), color: TYPE_COLORS[n.type] };
    yield `${first ? '' : ','}${JSON.stringify({ key: id, attributes })}`;
    first = false;
  }
  yield '],"edges":[';
  first = true;
  for (const key of graph.edges()) {
    const e = graph.getEdgeAttributes(key);
    const { id: _id, source, target, ...attrs } = edgeRecord(key, e, dayOf);
    yield `${first ? '' : ','}${JSON.stringify({ key, source, target, attributes: { ...attrs, label: e.type, evidence: e.evidence } })}`;
    first = false;
  }
  yield ']}\n';
}

/** Cytoscape.js elements JSON. */
export function* toCytoscape(graph: KnowledgeGraph, positions: Positions, dayOf: DayOf = undated): Generator<string> {
  yield '{"elements":{"nodes":[';
  let first = true;
  for (const id of graph.nodes()) {
    const n = graph.getNodeAttributes(id);
    const p = positions[id] ?? { x: 0, y: 0 };
    yield `${first ? '' : ','}${JSON.stringify({ data: { ...nodeRecord(id, n, degreeOf(graph, id), dayOf), name: n.name, color: TYPE_COLORS[n.type] }, position: p })}`;
    first = false;
  }
  yield '],"edges":[';
  first = true;
  for (const key of graph.edges()) {
    yield `${first ? '' : ','}${JSON.stringify({ data: { ...edgeRecord(key, graph.getEdgeAttributes(key), dayOf), label: graph.getEdgeAttribute(key, 'type') } })}`;
    first = false;
  }
  yield ']}}\n';
}

const XML_FORBIDDEN = new RegExp(
  `[${String.fromCharCode(0)}-${String.fromCharCode(8)}${String.fromCharCode(11, 12)}${String.fromCharCode(14)}-${String.fromCharCode(31)}\ufffe\uffff]`,
  'g',
);

const xml = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // Attribute values would turn raw line breaks and tabs into spaces: keep them as character references.
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;')
    // XML 1.0 cannot carry most control characters, even escaped.
    .replace(XML_FORBIDDEN, '');

const GRAPHML_NODE_KEYS: [string, string][] = [
  ['label', 'string'],
  ['type', 'string'],
  ['aliases', 'string'],
  ['mentionCount', 'int'],
  ['degree', 'int'],
  ['confidence', 'double'],
  ['documents', 'int'],
  ['roles', 'string'],
  ['iso', 'string'],
  ['eventType', 'string'],
  ['date', 'string'],
  ['firstSeen', 'string'],
  ['lastSeen', 'string'],
  ['x', 'double'],
  ['y', 'double'],
  ['size', 'double'],
  ['color', 'string'],
];
const GRAPHML_EDGE_KEYS: [string, string][] = [
  ['type', 'string'],
  ['confidence', 'double'],
  ['weight', 'int'],
  ['evidenceCount', 'int'],
  ['rules', 'string'],
  ['predicates', 'string'],
  ['modality', 'string'],
  ['cooccurrence', 'boolean'],
  ['firstSeen', 'string'],
  ['lastSeen', 'string'],
];

/** GraphML with every attribute declared and typed; lists joined with "|". */
export function* toGraphml(graph: KnowledgeGraph, positions: Positions, dayOf: DayOf = undated): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n';
  for (const [k, t] of GRAPHML_NODE_KEYS) yield `  <key id="n_${k}" for="node" attr.name="${k}" attr.type="${t}"/>\n`;
  for (const [k, t] of GRAPHML_EDGE_KEYS) yield `  <key id="e_${k}" for="edge" attr.name="${k}" attr.type="${t}"/>\n`;
  yield '  <graph id="newsgraph" edgedefault="directed">\n';
  for (const id of graph.nodes()) {
    const n = graph.getNodeAttributes(id);
    const r = nodeRecord(id, n, degreeOf(graph, id), dayOf);
    const p = positions[id] ?? { x: 0, y: 0 };
    const values: Record<string, string | number> = {
      ...r,
      aliases: r.aliases.join('|'),
      roles: r.roles.join('|'),
      x: p.x,
      y: p.y,
      size: nodeSize(r.degree),
      color: TYPE_COLORS[n.type],
    };
    let out = `    <node id="${xml(id)}">`;
    for (const [k] of GRAPHML_NODE_KEYS) out += `<data key="n_${k}">${xml(String(values[k] ?? ''))}</data>`;
    yield `${out}</node>\n`;
  }
  for (const key of graph.edges()) {
    const r = edgeRecord(key, graph.getEdgeAttributes(key), dayOf);
    const values: Record<string, string | number | boolean> = { ...r, rules: r.rules.join('|'), predicates: r.predicates.join('|') };
    let out = `    <edge id="${xml(key)}" source="${xml(r.source)}" target="${xml(r.target)}">`;
    for (const [k] of GRAPHML_EDGE_KEYS) out += `<data key="e_${k}">${xml(String(values[k] ?? ''))}</data>`;
    yield `${out}</edge>\n`;
  }
  yield '  </graph>\n</graphml>\n';
}

const dotString = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;

/** Graphviz DOT. */
export function* toDot(graph: KnowledgeGraph): Generator<string> {
  yield 'digraph newsgraph {\n  graph [overlap=false, splines=true];\n  node [style=filled, fontname="Helvetica"];\n';
  for (const id of graph.nodes()) {
    const n = graph.getNodeAttributes(id);
    yield `  ${dotString(id)} [label=${dotString(n.name)}, fillcolor=${dotString(TYPE_COLORS[n.type])}, type=${dotString(n.type)}];\n`;
  }
  for (const key of graph.edges()) {
    const e = graph.getEdgeAttributes(key);
    yield `  ${dotString(e.source)} -> ${dotString(e.target)} [label=${dotString(e.type)}, type=${dotString(e.type)}, confidence=${e.confidence}, weight=${e.weight}, evidence=${e.evidence.length}];\n`;
  }
  yield '}\n';
}

/** Neo4j's CSV cell: quoted when it holds a comma, quote, delimiter or line break; quotes doubled. */
const csv = (v: string | number | boolean): string => {
  const s = String(v);
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
/** Array cells use the unit separator, so names with ";" survive; neo4j-admin gets --array-delimiter for it. */
export const NEO4J_ARRAY_DELIMITER = '\u001f';
const csvArray = (xs: string[]): string => csv(xs.map((x) => x.replaceAll(NEO4J_ARRAY_DELIMITER, ' ')).join(NEO4J_ARRAY_DELIMITER));

export const NEO4J_NODE_HEADER =
  'id:ID,:LABEL,name,aliases:string[],mentionCount:int,degree:int,confidence:float,documents:int,roles:string[],iso,eventType,date,firstSeen:date,lastSeen:date';
export const NEO4J_EDGE_HEADER =
  ':START_ID,:END_ID,:TYPE,id,confidence:float,weight:int,evidenceCount:int,rules:string[],cooccurrence:boolean,firstSeen:date,lastSeen:date';

const label = (type: string): string => type.charAt(0).toUpperCase() + type.slice(1);
const relType = (type: string): string => type.toUpperCase().replace(/[^A-Z0-9_]/g, '_');

export function* toNeo4jNodes(graph: KnowledgeGraph, dayOf: DayOf = undated): Generator<string> {
  yield `${NEO4J_NODE_HEADER}\n`;
  for (const id of graph.nodes()) {
    const r = nodeRecord(id, graph.getNodeAttributes(id), degreeOf(graph, id), dayOf);
    yield `${[csv(id), `Entity${NEO4J_ARRAY_DELIMITER}${label(r.type)}`, csv(r.label), csvArray(r.aliases), r.mentionCount, r.degree, r.confidence, r.documents, csvArray(r.roles), csv(r.iso), csv(r.eventType), csv(r.date), r.firstSeen, r.lastSeen].join(',')}\n`;
  }
}

export function* toNeo4jRelationships(graph: KnowledgeGraph, dayOf: DayOf = undated): Generator<string> {
  yield `${NEO4J_EDGE_HEADER}\n`;
  for (const key of graph.edges()) {
    const r = edgeRecord(key, graph.getEdgeAttributes(key), dayOf);
    yield `${[csv(r.source), csv(r.target), relType(r.type), csv(key), r.confidence, r.weight, r.evidenceCount, csvArray(r.rules), r.cooccurrence, r.firstSeen, r.lastSeen].join(',')}\n`;
  }
}

/** The command that imports the two files into a fresh Neo4j database. */
export const NEO4J_IMPORT_COMMAND = `neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv --array-delimiter="U+001F" neo4j`;

const GEXF_NODE_ATTRIBUTES: [string, string][] = [
  ['type', 'string'],
  ['aliases', 'string'],
  ['mentionCount', 'integer'],
  ['degree', 'integer'],
  ['confidence', 'double'],
  ['documents', 'integer'],
  ['roles', 'string'],
  ['iso', 'string'],
  ['eventType', 'string'],
  ['date', 'string'],
  ['firstSeen', 'string'],
  ['lastSeen', 'string'],
];
const GEXF_EDGE_ATTRIBUTES: [string, string][] = [
  ['type', 'string'],
  ['confidence', 'double'],
  ['evidenceCount', 'integer'],
  ['rules', 'string'],
  ['predicates', 'string'],
  ['modality', 'string'],
  ['cooccurrence', 'boolean'],
  ['firstSeen', 'string'],
  ['lastSeen', 'string'],
];

const gexfSpells = (days: readonly number[]): string =>
  days.length
    ? `<spells>${spellsOf(days)
        .map(([a, b]) => `<spell start="${a}" end="${b}"/>`)
        .join('')}</spells>`
    : '';

/**
 * GEXF 1.2draft (the version Gephi, networkx and graphology all read; networkx before 3 reads no other) for Gephi,
 * written as a stream: viz colour by type, size by degree, positions from the layout. When
 * documents are dated the graph is dynamic (`mode="dynamic" timeformat="date"`): each node and edge carries spells,
 * the days of the documents it is in or its evidence is from (consecutive days joined), so Gephi's timeline plays
 * the graph; an element with no dated evidence has none and is always there.
 */
export function* toGexf(graph: KnowledgeGraph, positions: Positions, dayOf: DayOf = undated): Generator<string> {
  let dated = false;
  for (const id of graph.nodes()) {
    if (graph.getNodeAttribute(id, 'documents').some((d: string) => dayOf(d) !== null)) {
      dated = true;
      break;
    }
  }
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">\n';
  yield `  <meta><creator>newsgraph</creator></meta>\n  <graph defaultedgetype="directed" ${dated ? 'mode="dynamic" timeformat="date"' : 'mode="static"'}>\n    <attributes class="node">\n`;
  for (const [k, t] of GEXF_NODE_ATTRIBUTES) yield `      <attribute id="${k}" title="${k}" type="${t}"/>\n`;
  yield '    </attributes>\n    <attributes class="edge">\n';
  for (const [k, t] of GEXF_EDGE_ATTRIBUTES) yield `      <attribute id="${k}" title="${k}" type="${t}"/>\n`;
  yield '    </attributes>\n    <nodes>\n';
  for (const id of graph.nodes()) {
    const n = graph.getNodeAttributes(id);
    const days = dated ? nodeDays(n, dayOf) : [];
    const r = { ...nodeRecord(id, n, degreeOf(graph, id)), ...span(days) };
    const values: Record<string, string | number> = { ...r, aliases: r.aliases.join('|'), roles: r.roles.join('|') };
    const p = positions[id] ?? { x: 0, y: 0 };
    const c = hexToRgb(TYPE_COLORS[n.type]);
    let out = `      <node id="${xml(id)}" label="${xml(n.name)}"><attvalues>`;
    for (const [k] of GEXF_NODE_ATTRIBUTES) out += `<attvalue for="${k}" value="${xml(String(values[k] ?? ''))}"/>`;
    out += `</attvalues>${gexfSpells(days)}<viz:color r="${c.r}" g="${c.g}" b="${c.b}"/><viz:size value="${nodeSize(r.degree)}"/><viz:position x="${p.x}" y="${p.y}" z="0"/></node>\n`;
    yield out;
  }
  yield '    </nodes>\n    <edges>\n';
  for (const key of graph.edges()) {
    const e = graph.getEdgeAttributes(key);
    const days = dated ? edgeDays(e, dayOf) : [];
    const r = { ...edgeRecord(key, e), ...span(days) };
    const values: Record<string, string | number | boolean> = { ...r, rules: r.rules.join('|'), predicates: r.predicates.join('|') };
    let out = `      <edge id="${xml(key)}" source="${xml(r.source)}" target="${xml(r.target)}" label="${xml(r.type)}" weight="${r.weight}"><attvalues>`;
    for (const [k] of GEXF_EDGE_ATTRIBUTES) out += `<attvalue for="${k}" value="${xml(String(values[k] ?? ''))}"/>`;
    yield `${out}</attvalues>${gexfSpells(days)}</edge>\n`;
  }
  yield '    </edges>\n  </graph>\n</gexf>\n';
}

/** Where a located entity is (the gazetteer reading of a place or country). */
type Geo = NonNullable<EntityNode['geo']>;
/** An entity's reading by id, looked up in the whole graph (an event's place may be outside the exported part). */
export type GeoOf = (id: string) => Geo | null;

/** Degrees to 5 decimals (about a metre; GeoNames gives no more), so that a file does not carry float noise. */
const degrees = (x: number): number => Math.round(x * 1e5) / 1e5;

/**
 * GeoJSON (RFC 7946): a FeatureCollection of Point features, one for each place or country with coordinates and
 * for each event whose location has them (at its location's point). Coordinates are [longitude, latitude] in WGS84,
 * with no `crs` member (RFC 7946 has none); properties carry the entity's id, counts and first/last seen dates, and
 * the gazetteer reading (GeoNames id, country, how sure).
 */
export function* toGeoJson(graph: KnowledgeGraph, geoOf: GeoOf, dayOf: DayOf = undated): Generator<string> {
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  for (const id of graph.nodes()) {
    const n = graph.getNodeAttributes(id);
    const event = n.type === 'event';
    const geo = event ? (n.location ? geoOf(n.location) : null) : n.geo;
    if (!geo) continue;
    const seen = span(nodeDays(n, dayOf));
    const properties = {
      id,
      name: n.name,
      type: n.type,
      mentions: n.mentionCount,
      documents: n.documents.length,
      degree: degreeOf(graph, id),
      firstSeen: seen.firstSeen || null,
      lastSeen: seen.lastSeen || null,
      geonamesId: geo.geonamesId,
      gazetteerName: geo.name,
      countryCode: geo.countryCode,
      admin1: geo.admin1,
      population: geo.population,
      confidence: Math.round(geo.confidence * 1000) / 1000,
      reason: geo.reason,
      ...(event ? { eventType: n.eventType, date: n.date?.value ?? n.date?.text ?? null, location: n.location } : {}),
    };
    const feature = { type: 'Feature', id, geometry: { type: 'Point', coordinates: [degrees(geo.lon), degrees(geo.lat)] }, properties };
    yield `${first ? '' : ','}\n${JSON.stringify(feature)}`;
    first = false;
  }
  yield '\n]}\n';
}

// Builds the graph view from stored extractions: a deterministic function of their contents, whatever the ingest order.
import type { ExtractedEvent, ExtractedRelation, Extraction, Role } from '../nlp/types.js';
import { createGraph, type DocumentInfo, type EntityNode, type KnowledgeGraph, type RelationEdge, type StorySource } from './model.js';

export interface DocumentMeta {
  id: string;
  url: string | null;
  source: string;
  /** The story's canonical document when this one is a near-copy of it; a copy adds nothing to the graph. */
  storyId?: string;
  /** For a copy: its estimated similarity with the canonical document. */
  similarity?: number;
  /** For a canonical document with copies: its story's sources, itself first (see DocumentInfo.sources). */
  sources?: StorySource[];
}

/** True when the metadata says the document is another source of a story told by another document. */
export const isCopy = (m: DocumentMeta | undefined): boolean => m?.storyId !== undefined && m.storyId !== m.id;

/** Curated names and aliases (by final entity id), applied on top of what the documents say. */
export interface Overrides {
  renames: Map<string, string>;
  aliases: Map<string, string[]>;
}

const NO_OVERRIDES: Overrides = { renames: new Map(), aliases: new Map() };

/**
 * Merges every extraction into one graph, leaving out the documents the metadata calls copies of another (their
 * story is told once, by its canonical document). The result does not depend on the order of the extractions.
 */
export function buildGraph(
  extractions: Iterable<Extraction>,
  meta: Iterable<DocumentMeta> = [],
  overrides: Overrides = NO_OVERRIDES,
): { graph: KnowledgeGraph; documents: DocumentInfo[] } {
  const sorted = [...extractions].sort((a, b) => (a.document.id < b.document.id ? -1 : a.document.id > b.document.id ? 1 : 0));
  const metaById = new Map([...meta].map((m) => [m.id, m]));
  const graph = createGraph();
  const documents: DocumentInfo[] = [];
  for (const x of sorted) {
    if (isCopy(metaById.get(x.document.id))) continue;
    addExtraction(graph, x);
    documents.push(documentInfo(x, metaById.get(x.document.id)));
  }
  graph.forEachNode((id) => finalizeNode(graph, id, overrides));
  graph.setAttribute('documents', documents.length);
  return { graph, documents };
}

export function documentInfo(x: Extraction, m: DocumentMeta | undefined): DocumentInfo {
  return {
    id: x.document.id,
    title: x.document.title,
    publishedAt: x.document.publishedAt,
    url: m?.url ?? null,
    source: m?.source ?? '',
    chars: x.document.chars,
    entityCount: x.entities.length,
    extractor: x.extractor,
    sentences: x.sentences ?? [],
    mentionsBySentence: mentionsBySentence(x),
    sources: m?.sources ?? [
      { id: x.document.id, title: x.document.title, url: m?.url ?? null, source: m?.source ?? '', publishedAt: x.document.publishedAt, similarity: 1 },
    ],
  };
}

/** Entity ids named in each sentence, for document(id:) { sentences { entities } }. */
function mentionsBySentence(x: Extraction): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  for (const e of x.entities) {
    for (const m of e.mentions) {
      const list = out[m.sentence] ?? [];
      if (!list.includes(e.id)) list.push(e.id);
      out[m.sentence] = list;
    }
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

/**
 * What the documents said about an entity, kept beside the graph so that adding a document is a fold that gives
 * the same node whatever order documents arrive in: every form of its name, the fullest name (the earliest
 * document wins a tie) and which document gave the acronym and the ISO code.
 */
interface EntityState {
  forms: Set<string>;
  natural: string;
  nameDoc: string;
  isoDoc: string | null;
  acronymDoc: string | null;
  geoDoc: string | null;
}
const entityStates = new WeakMap<KnowledgeGraph, Map<string, EntityState>>();
const evidenceKeys = new WeakMap<RelationEdge, Set<string>>();

function statesOf(graph: KnowledgeGraph): Map<string, EntityState> {
  let states = entityStates.get(graph);
  if (!states) {
    states = new Map();
    entityStates.set(graph, states);
  }
  return states;
}

const wordCount = (s: string): number => s.split(/\s+/).length;
const roleKey = (r: Role): string => `${r.title}\u0000${r.of ?? ''}`;

/** What one added document changed: node ids touched, edge ids created or extended (see GraphIndex.update). */
export interface GraphChange {
  nodes: Set<string>;
  newEdges: Set<string>;
  edges: Set<string>;
}

/**
 * Adds one document's contribution; idempotent per (entity, document). With `change`, the graph is live: node
 * and edge objects are replaced rather than modified (copy on write, so a snapshot taken before stays whole) and
 * what changed is recorded. Call finalizeNode for every touched node afterwards.
 */
export function addExtraction(graph: KnowledgeGraph, x: Extraction, change?: GraphChange): void {
  const docId = x.document.id;
  const states = statesOf(graph);
  for (const e of x.entities) {
    if (!graph.hasNode(e.id)) {
      const node: EntityNode = {
        id: e.id,
        type: e.type,
        name: e.name,
        aliases: [],
        mentionCount: 0,
        documents: [],
        confidence: e.confidence,
        roles: [],
        iso: null,
        acronym: null,
        eventType: null,
        quadClass: null,
        date: null,
        location: null,
        geo: null,
      };
      graph.addNode(e.id, node);
      states.set(e.id, { forms: new Set(), natural: e.name, nameDoc: docId, isoDoc: null, acronymDoc: null, geoDoc: null });
    }
    let node = graph.getNodeAttributes(e.id);
    if (sortedHas(node.documents, docId)) continue;
    if (change) {
      node = { ...node, documents: [...node.documents], roles: [...node.roles], aliases: [...node.aliases] };
      graph.replaceNodeAttributes(e.id, node);
      change.nodes.add(e.id);
    }
    const state = states.get(e.id) as EntityState;
    sortedInsert(node.documents, docId);
    node.mentionCount += e.mentions.length;
    node.confidence = Math.max(node.confidence, e.confidence);
    for (const a of [e.name, ...e.aliases]) state.forms.add(a);
    // A document may know the entity by another name ("Doe" where another says "John Doe"): the fullest wins.
    const words = wordCount(e.name);
    const current = wordCount(state.natural);
    if (words > current || (words === current && docId < state.nameDoc)) {
      state.natural = e.name;
      state.nameDoc = docId;
    }
    const roleCount = node.roles.length;
    for (const r of e.attributes.roles ?? []) if (!node.roles.some((x) => roleKey(x) === roleKey(r))) node.roles.push(r);
    if (node.roles.length !== roleCount) node.roles.sort((a, b) => (roleKey(a) < roleKey(b) ? -1 : roleKey(a) > roleKey(b) ? 1 : 0));
    if (e.attributes.acronym && (state.acronymDoc === null || docId < state.acronymDoc)) {
      node.acronym = e.attributes.acronym;
      state.acronymDoc = docId;
    }
    if (e.attributes.iso && (state.isoDoc === null || docId < state.isoDoc)) {
      node.iso = e.attributes.iso;
      state.isoDoc = docId;
    }
    // The surest reading of the documents that locate it (ties: the earliest document), whatever the order they came in.
    const geo = e.attributes.geo;
    if (geo && (node.geo === null || geo.confidence > node.geo.confidence || (geo.confidence === node.geo.confidence && docId < (state.geoDoc as string)))) {
      node.geo = geo;
      state.geoDoc = docId;
    }
  }
  for (const r of [...x.relations, ...(x.cooccurrences ?? [])]) addRelation(graph, r, docId, change);
  for (const ev of x.events) addEvent(graph, ev, docId, change);
}

/** Sets an entity's name and aliases from what the documents said and what curation decided. */
export function finalizeNode(graph: KnowledgeGraph, id: string, overrides: Overrides = NO_OVERRIDES): void {
  const state = statesOf(graph).get(id);
  if (!state) return; // events keep the name their document gave them
  const node = graph.getNodeAttributes(id);
  const name = overrides.renames.get(id) ?? state.natural;
  const forms = new Set([...state.forms, state.natural, ...(overrides.aliases.get(id) ?? [])]);
  forms.delete(name);
  node.name = name;
  node.aliases = [...forms].sort();
}

function sortedHas(list: string[], value: string): boolean {
  const i = lowerBound(list, value);
  return list[i] === value;
}

function sortedInsert(list: string[], value: string): void {
  list.splice(lowerBound(list, value), 0, value);
}

function lowerBound(list: string[], value: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as string) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Events are nodes; participants connect to them by role edges (agent_of, target_of, …), the event to its place by located_in. */
function addEvent(graph: KnowledgeGraph, ev: ExtractedEvent, docId: string, change?: GraphChange): void {
  if (!graph.hasNode(ev.id)) {
    change?.nodes.add(ev.id);
    graph.addNode(ev.id, {
      id: ev.id,
      type: 'event',
      name: ev.name,
      aliases: [ev.trigger.text],
      mentionCount: 1,
      documents: [docId],
      confidence: ev.confidence,
      roles: [],
      iso: null,
      acronym: null,
      eventType: ev.eventType,
      quadClass: ev.quadClass,
      date: ev.date,
      location: ev.location,
      geo: null,
    });
  }
  const evidence = [{ ...ev.evidence }];
  for (const p of ev.participants) {
    const edge = p.role === 'location' ? { source: ev.id, type: 'located_in', target: p.entity } : { source: p.entity, type: `${p.role}_of`, target: ev.id };
    addRelation(graph, { id: `${edge.source}|${edge.type}|${edge.target}`, ...edge, confidence: ev.confidence, rule: ev.rule, evidence }, docId, change);
  }
}

function addRelation(graph: KnowledgeGraph, r: ExtractedRelation, docId: string, change?: GraphChange): void {
  if (!graph.hasNode(r.source) || !graph.hasNode(r.target) || r.source === r.target) return;
  const evidence = r.evidence.map((e) => ({ documentId: docId, sentence: e.sentence, start: e.start, end: e.end, text: e.text }));
  if (!graph.hasEdge(r.id)) {
    const edge: RelationEdge = {
      id: r.id,
      type: r.type,
      source: r.source,
      target: r.target,
      confidence: r.confidence,
      weight: 0,
      evidence: [],
      rules: [],
      predicates: [],
      modality: r.modality ?? null,
      cooccurrence: r.type === 'co_occurs_with',
    };
    graph.addDirectedEdgeWithKey(r.id, r.source, r.target, edge);
    change?.newEdges.add(r.id);
  }
  let edge = graph.getEdgeAttributes(r.id);
  if (change && !change.edges.has(r.id)) {
    const keys = evidenceKeys.get(edge);
    edge = { ...edge, evidence: [...edge.evidence], rules: [...edge.rules], predicates: [...edge.predicates] };
    if (keys) evidenceKeys.set(edge, keys);
    graph.replaceEdgeAttributes(r.id, edge);
    change.edges.add(r.id);
  }
  let keys = evidenceKeys.get(edge);
  if (!keys) {
    keys = new Set(edge.evidence.map((x) => `${x.documentId}\u0000${x.sentence}`));
    evidenceKeys.set(edge, keys);
  }
  let sorted = true;
  for (const ev of evidence) {
    const key = `${ev.documentId}\u0000${ev.sentence}`;
    if (keys.has(key)) continue;
    keys.add(key);
    const last = edge.evidence.at(-1);
    if (last && (last.documentId > ev.documentId || (last.documentId === ev.documentId && last.sentence > ev.sentence))) sorted = false;
    edge.evidence.push(ev);
  }
  if (!sorted) edge.evidence.sort((a, b) => (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : a.sentence - b.sentence));
  edge.weight = edge.evidence.length;
  edge.confidence = Math.max(edge.confidence, r.confidence);
  if (!edge.rules.includes(r.rule)) edge.rules = [...edge.rules, r.rule].sort();
  if (r.predicate && !edge.predicates.includes(r.predicate)) edge.predicates = [...edge.predicates, r.predicate].sort();
}

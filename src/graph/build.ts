// Builds the graph view from stored extractions: a deterministic function of their contents, whatever the ingest order.
import type { ExtractedEvent, ExtractedRelation, Extraction } from '../nlp/types.js';
import { createGraph, type DocumentInfo, type EntityNode, type KnowledgeGraph, type RelationEdge } from './model.js';

export interface DocumentMeta {
  id: string;
  url: string | null;
  source: string;
}

/** Merges every extraction into one graph. Extractions are applied in document-id order. */
export function buildGraph(extractions: Iterable<Extraction>, meta: Iterable<DocumentMeta> = []): { graph: KnowledgeGraph; documents: DocumentInfo[] } {
  const sorted = [...extractions].sort((a, b) => (a.document.id < b.document.id ? -1 : a.document.id > b.document.id ? 1 : 0));
  const metaById = new Map([...meta].map((m) => [m.id, m]));
  const graph = createGraph();
  const documents: DocumentInfo[] = [];
  for (const x of sorted) {
    addExtraction(graph, x);
    const m = metaById.get(x.document.id);
    documents.push({
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
    });
  }
  graph.setAttribute('documents', documents.length);
  return { graph, documents };
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

/** Alias and evidence sets kept beside the graph while it is built, so that merging stays linear. */
const aliasSets = new WeakMap<EntityNode, Set<string>>();
const evidenceKeys = new WeakMap<RelationEdge, Set<string>>();

/** Adds one document's contribution; merging is idempotent per (entity, document). */
export function addExtraction(graph: KnowledgeGraph, x: Extraction): void {
  const docId = x.document.id;
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
        iso: e.attributes.iso ?? null,
        acronym: e.attributes.acronym ?? null,
        eventType: null,
        quadClass: null,
        date: null,
        location: null,
      };
      graph.addNode(e.id, node);
    }
    const node = graph.getNodeAttributes(e.id);
    // Documents arrive in id order, so the list stays sorted by appending; anything else is sorted in.
    const lastDoc = node.documents.at(-1);
    if (lastDoc === docId || (lastDoc !== undefined && lastDoc > docId && node.documents.includes(docId))) continue;
    node.documents.push(docId);
    if (lastDoc !== undefined && lastDoc > docId) node.documents.sort();
    node.mentionCount += e.mentions.length;
    node.confidence = Math.max(node.confidence, e.confidence);
    let aliases = aliasSets.get(node);
    if (!aliases) {
      aliases = new Set(node.aliases);
      aliasSets.set(node, aliases);
    }
    const addAlias = (a: string): void => {
      if (a === node.name || aliases.has(a)) return;
      aliases.add(a);
      node.aliases.push(a);
    };
    // A document may know the entity by another name ("Doe" where another says "John Doe"): the fullest wins.
    if (e.name.split(/\s+/).length > node.name.split(/\s+/).length) {
      const previous = node.name;
      node.name = e.name;
      aliases.delete(e.name);
      node.aliases = node.aliases.filter((a) => a !== e.name);
      addAlias(previous);
    }
    for (const a of [e.name, ...e.aliases]) addAlias(a);
    for (const r of e.attributes.roles ?? []) {
      if (!node.roles.some((x) => x.title === r.title && x.of === r.of)) node.roles.push(r);
    }
    if (!node.acronym && e.attributes.acronym) node.acronym = e.attributes.acronym;
  }
  for (const r of [...x.relations, ...(x.cooccurrences ?? [])]) addRelation(graph, r, docId);
  for (const ev of x.events) addEvent(graph, ev, docId);
}

/** Events are nodes; participants connect to them by role edges (agent_of, target_of, …), the event to its place by located_in. */
function addEvent(graph: KnowledgeGraph, ev: ExtractedEvent, docId: string): void {
  if (!graph.hasNode(ev.id)) {
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
    });
  }
  const evidence = [{ ...ev.evidence }];
  for (const p of ev.participants) {
    const edge = p.role === 'location' ? { source: ev.id, type: 'located_in', target: p.entity } : { source: p.entity, type: `${p.role}_of`, target: ev.id };
    addRelation(graph, { id: `${edge.source}|${edge.type}|${edge.target}`, ...edge, confidence: ev.confidence, rule: ev.rule, evidence }, docId);
  }
}

function addRelation(graph: KnowledgeGraph, r: ExtractedRelation, docId: string): void {
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
      cooccurrence: r.type === 'co_occurs_with',
    };
    graph.addDirectedEdgeWithKey(r.id, r.source, r.target, edge);
  }
  const edge = graph.getEdgeAttributes(r.id);
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
}

/** Curated names and aliases, applied after the graph is built: a rename keeps the id and the old name as an alias. */
export function applyOverrides(graph: KnowledgeGraph, overrides: { renames: Map<string, string>; aliases: Map<string, string[]> }): void {
  for (const [id, name] of overrides.renames) {
    if (!graph.hasNode(id)) continue;
    const node = graph.getNodeAttributes(id);
    if (node.name === name) continue;
    node.aliases = [...new Set([node.name, ...node.aliases])].filter((a) => a !== name);
    node.name = name;
  }
  for (const [id, aliases] of overrides.aliases) {
    if (!graph.hasNode(id)) continue;
    const node = graph.getNodeAttributes(id);
    node.aliases = [...new Set([...node.aliases, ...aliases])].filter((a) => a !== node.name);
  }
}

// Today's name lookups as they were before the name index, kept as the reference it must agree with: every node scanned, every alias folded.
import type { EntityNode, KnowledgeGraph } from '../../src/graph/index.js';
import type { EntityType } from '../../src/nlp/types.js';
import { foldKey } from '../../src/graph/index.js';

/** Damerau–Levenshtein distance, stopping early above `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return (d[a.length] as number[])[b.length] as number;
}

const typosFor = (word: string): number => (word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0);

function fuzzyWords(nameWords: string[], queryWords: string[]): boolean {
  return queryWords.every((qw) => {
    const t = typosFor(qw);
    return nameWords.some((w) => w.startsWith(qw) || (t > 0 && editDistance(w, qw, t) <= t));
  });
}

/** The score search() gives an entity for a folded query: 5 exact, 4 prefix, 3 word, 2 substring, 1 near miss, 0 none. */
export function bruteScore(n: EntityNode, q: string): number {
  const qWords = q.split(' ');
  let score = 0;
  for (const form of [n.name, ...n.aliases, ...(n.acronym ? [n.acronym] : [])]) {
    const f = foldKey(form);
    let s = 0;
    if (f === q) s = 5;
    else if (f.startsWith(q)) s = 4;
    else if (f.split(' ').includes(q)) s = 3;
    else if (f.includes(q)) s = 2;
    else if (fuzzyWords(f.split(' '), qWords)) s = 1;
    if (s > score) score = s;
    if (score === 5) break;
  }
  return score;
}

export function bruteSearch(graph: KnowledgeGraph, text: string, types: readonly EntityType[] | null, first: number): string[] {
  const q = foldKey(text);
  const scored: { id: string; score: number; mentions: number }[] = [];
  graph.forEachNode((id, n) => {
    if (types && types.length > 0 && !types.includes(n.type)) return;
    const score = bruteScore(n, q);
    if (score > 0) scored.push({ id, score, mentions: n.mentionCount });
  });
  scored.sort((a, b) => b.score - a.score || b.mentions - a.mentions || (a.id < b.id ? -1 : 1));
  return scored.slice(0, first).map((s) => s.id);
}

/** findEntity by name: the most mentioned entity with that name, alias or acronym; else a person by surname. */
export function bruteFind(graph: KnowledgeGraph, name: string): string | null {
  const key = foldKey(name);
  const rank = (a: EntityNode, b: EntityNode): number => b.mentionCount - a.mentionCount || (a.id < b.id ? -1 : 1);
  const byAlias: EntityNode[] = [];
  const bySurname: EntityNode[] = [];
  graph.forEachNode((_id, n) => {
    const forms = new Set([n.name, ...n.aliases, ...(n.acronym ? [n.acronym] : [])].map(foldKey).filter(Boolean));
    if (forms.has(key)) byAlias.push(n);
    const words = foldKey(n.name).split(' ');
    if (n.type === 'person' && words.length >= 2 && words.at(-1) === key) bySurname.push(n);
  });
  const list = byAlias.length > 0 ? byAlias : bySurname;
  return list.sort(rank)[0]?.id ?? null;
}

/** entities(filter: {nameContains}) before the index: name or an alias (not the acronym) holds the folded needle. */
export function bruteContains(graph: KnowledgeGraph, needle: string): string[] {
  const q = foldKey(needle);
  return graph.filterNodes((_id, n) => [n.name, ...n.aliases].some((a) => foldKey(a).includes(q))).sort();
}

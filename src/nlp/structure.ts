// Structural relations read off the shape of a sentence: part_of, located_in, member_of, supports, and roles
// written as appositions ("Carl Berg, a political advisor to former President Otto Lund").
import { lookupDemonym } from './lexicon/countries.js';
import type { TitleInfo } from './lexicon/titles.js';
import type { Candidate, SentenceMentions } from './mentions.js';
import type { Parsed, Word } from './parse.js';
import type { TitleSpan } from './titles.js';
import type { ExtractedEntity } from './types.js';

export interface StructureContext {
  parsed: Parsed;
  perSentence: SentenceMentions[];
  idOf: Map<Candidate, string>;
  entities: Map<string, ExtractedEntity>;
  countryId: (iso: string) => string;
  addRelation: (source: string, type: string, target: string, reason: string, sentence: number, confidence?: number) => void;
  assignRole: (personId: string, title: TitleInfo, holder: string | null, reason: string, sentence: number, confidence?: number) => void;
}

const GROUP_NOUNS = new Set(['countries', 'nations', 'states', 'members', 'powers', 'allies', 'partners']);
const COMPOUND_RELATION: Record<string, string> = {
  backed: 'supports',
  funded: 'supports',
  sponsored: 'supports',
  supported: 'supports',
  allied: 'aligned_with',
  aligned: 'aligned_with',
};
const APPOSITION_SKIP = new Set([
  'a',
  'an',
  'the',
  'newly',
  'recently',
  'appointed',
  'named',
  'longtime',
  'long-time',
  'top',
  'senior',
  'political',
  'close',
  'former',
  'chief',
]);
const ALLY_NOUNS: Record<string, string> = {
  ally: 'ally_of',
  allies: 'ally_of',
  partner: 'ally_of',
  proxy: 'proxy_of',
  proxies: 'proxy_of',
  client: 'proxy_of',
};
const ACTOR_TYPES = new Set(['person', 'country', 'organization']);
const onlyComma = (post: string): boolean => /^,\s*$/.test(post);

export function findStructure(ctx: StructureContext): void {
  const typeOf = (c: Candidate | undefined): string | undefined => (c ? ctx.entities.get(ctx.idOf.get(c) ?? '')?.type : undefined);
  const nominal: { sentence: number; title: TitleSpan; holder: string }[] = [];

  ctx.perSentence.forEach(({ candidates, titles, demonyms }, si) => {
    const words = ctx.parsed.bySentence[si] as Word[];
    const startingAt = new Map(candidates.map((c) => [c.first, c]));
    const endingAt = new Map(candidates.map((c) => [c.last, c]));
    for (const a of candidates) {
      const ida = ctx.idOf.get(a);
      if (!ida) continue;
      const ta = typeOf(a);
      const aw = words[a.last] as Word;
      const b = startingAt.get(a.last + 1);
      const idb = b ? ctx.idOf.get(b) : undefined;
      // "Iran's National Border Guard Corps" → part_of; "Iran's Alto Verde" → located_in.
      if (ta === 'country' && aw.possessive && b && idb && b.type !== 'program') {
        const tb = typeOf(b);
        if (tb === 'organization') ctx.addRelation(idb, 'part_of', ida, 'possessive-organization', si);
        if (tb === 'place') ctx.addRelation(idb, 'located_in', ida, 'possessive-place', si);
      }
      // "The Peruvian Fisheries Organization": an organization named with a demonym belongs to that country.
      if (ta === 'organization' && a.words > 2) {
        const iso = lookupDemonym((words[a.first] as Word).base);
        if (iso) ctx.addRelation(ida, 'part_of', ctx.countryId(iso), 'demonym-organization', si);
      }
      // "Vanguard in Lebanon", "Casa-de-Lago in Cedar Bay": a name, "in", and the place that holds it.
      const inWord = words[a.last + 1];
      const c = startingAt.get(a.last + 2);
      const idc = c ? ctx.idOf.get(c) : undefined;
      if ((ta === 'organization' || ta === 'place') && inWord?.lower === 'in' && !aw.possessive && !/[^\s]/.test(aw.post) && c && idc) {
        const tc = typeOf(c);
        if ((tc === 'place' || tc === 'country') && !(ta === 'place' && tc === 'place' && c.words > 3))
          ctx.addRelation(ida, 'located_in', idc, 'name-in-place', si);
      }
      // "the Andean G4 countries—France, Britain, and Germany": the listed countries are members.
      const group = words[a.last + 1];
      if (ta === 'organization' && group && GROUP_NOUNS.has(group.lower) && /[—–:(-]|^,/.test(group.post.trim())) {
        let k = a.last + 2;
        while (k < words.length) {
          const m = startingAt.get(k);
          if (!m || typeOf(m) !== 'country') break;
          ctx.addRelation(ctx.idOf.get(m) as string, 'member_of', ida, 'group-members', si);
          k = m.last + 1;
          if ((words[k] as Word | undefined)?.lower === 'and') k++;
        }
      }
    }
    // "Iran's largest military ally, Vanguard": what follows the comma is the possessor's ally (or proxy).
    for (const a of candidates) {
      const ida = ctx.idOf.get(a);
      if (!ida || !(words[a.last] as Word).possessive || !ACTOR_TYPES.has(typeOf(a) ?? '')) continue;
      for (let k = a.last + 1; k <= a.last + 4 && k < words.length; k++) {
        const w = words[k] as Word;
        const relation = ALLY_NOUNS[w.base.toLowerCase()];
        if (relation && onlyComma(w.post)) {
          const b = startingAt.get(k + 1);
          const idb = b ? ctx.idOf.get(b) : undefined;
          if (b && idb && ACTOR_TYPES.has(typeOf(b) ?? '')) ctx.addRelation(idb, relation, ida, 'possessive-ally-apposition', si);
          break;
        }
        if (w.capitalized || /[^\s]/.test(w.post) || startingAt.has(k)) break;
      }
    }
    // "Peru-backed Vanguard": the compound's country supports what follows.
    for (const a of candidates) {
      const w = words[a.first] as Word;
      const tail = w.parts.length > 1 ? (w.parts.at(-1) as { text: string }).text.toLowerCase() : '';
      const relation = COMPOUND_RELATION[tail];
      const b = startingAt.get(a.first + 1);
      if (relation && b && ctx.idOf.get(a) && ctx.idOf.get(b))
        ctx.addRelation(ctx.idOf.get(a) as string, relation, ctx.idOf.get(b) as string, 'backed-compound', si);
    }
    for (const t of titles) {
      if (!t.info.relation) continue;
      // Who holds the title: a country or organization (possessive or not) or a demonym right before it.
      let holder: string | null = null;
      let holderIsPerson = false;
      let k = t.first - 1;
      while (k >= 0 && APPOSITION_SKIP.has((words[k] as Word).lower) && !endingAt.has(k)) k--;
      const before = endingAt.get(k);
      const dem = demonyms.find((d) => d.word === k);
      if (before && ctx.idOf.get(before) && (words[k] as Word).possessive) {
        holder = ctx.idOf.get(before) as string;
        holderIsPerson = typeOf(before) === 'person';
      } else if (dem) holder = ctx.countryId(dem.iso);
      // ... or "advisor to former President Otto Lund", "minister of Iran" after it.
      const after = words[t.last + 1];
      if (!holder && after && (after.lower === 'to' || after.lower === 'of') && !/[^\s]/.test((words[t.last] as Word).post)) {
        let j = t.last + 2;
        const inner = titles.find((x) => x.first === j || (x.first === j + 1 && (words[j] as Word).lower === 'the'));
        if (inner) j = inner.last + 1;
        else if ((words[j] as Word | undefined)?.lower === 'the') j++;
        const m = startingAt.get(j);
        if (m && ctx.idOf.get(m)) {
          holder = ctx.idOf.get(m) as string;
          holderIsPerson = typeOf(m) === 'person';
        }
      }
      if (!holder) continue;
      if (holderIsPerson && t.info.relation !== 'advisor_to' && t.info.relation !== 'spokesperson_of') continue;
      // The person: "NAME, a TITLE ..." before it, or "..., NAME" after it, or nobody (a nominal title).
      const named = startingAt.get(t.last + 1);
      if (named && typeOf(named) === 'person') continue; // "Iran's foreign minister Jane Roe" is the title-apposition rule's
      let person: Candidate | undefined;
      const k0 = (() => {
        let x = t.first - 1;
        while (x >= 0 && APPOSITION_SKIP.has((words[x] as Word).lower)) x--;
        return x;
      })();
      const pre = endingAt.get(k0);
      if (pre && typeOf(pre) === 'person' && onlyComma((words[k0] as Word).post)) person = pre;
      if (!person) {
        for (let j = t.last + 1; j < Math.min(words.length, t.last + 10); j++) {
          if (onlyComma((words[j - 1] as Word).post)) {
            const m = startingAt.get(j);
            if (m && typeOf(m) === 'person') person = m;
            break;
          }
          if (/[.;:!?]/.test((words[j - 1] as Word).post)) break;
        }
      }
      const pid = person ? ctx.idOf.get(person) : undefined;
      if (pid && pid !== holder) ctx.assignRole(pid, t.info, holder, 'title-apposition-comma', si, 0.8);
      else if (!person) nominal.push({ sentence: si, title: t, holder });
    }
  });

  // A title with no name ("Iran's vice president for strategic affairs") completes the one person in the article
  // who holds that title with no holder, when nobody else holds it.
  for (const n of nominal) {
    const holders = [...ctx.entities.values()].filter((e) => e.type === 'person' && (e.attributes.roles ?? []).some((r) => r.title === n.title.info.title));
    if (holders.length !== 1) continue;
    const only = holders[0] as ExtractedEntity;
    if ((only.attributes.roles ?? []).some((r) => r.title === n.title.info.title && r.of === null)) {
      ctx.assignRole(only.id, n.title.info, n.holder, 'nominal-title', n.sentence, 0.55);
    }
  }
}

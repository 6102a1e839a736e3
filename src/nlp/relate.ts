// Relations from clause structure: subject → predicate → object for every verb, reported speech (said_about),
// copulas and appositions with relational nouns ("X, a member of Y"), possessives and modifiers inside a noun
// phrase ("Y's parent company X", "IMF economist X"), and hyphen compounds ("China-based", "Rome-born").
import type { Frame, NounPhrase, SentenceAnalysis, VerbGroup } from './clauses.js';
import { SPEECH_LEMMAS } from './clauses.js';
import { lookupTitle, type TitleInfo } from './lexicon/titles.js';
import type { Word } from './parse.js';
import type { MentionSlot } from './predicates.js';
import { COMPOUND_RULES, clauseRule, lookupNominal, lookupNoun, lookupVerb } from './rules/clauses.js';
import type { TitleSpan } from './titles.js';

export interface RelateContext {
  text: string;
  sentence: number;
  words: Word[];
  analysis: SentenceAnalysis;
  titles: TitleSpan[];
  slotAt: Map<number, MentionSlot>;
  /** Names in earlier sentences of a quotation that this sentence's attribution ends ("“… Libya … . …,” X said"). */
  quotedBefore: (frame: Frame) => MentionSlot[];
  /** Records one relation; `predicate` is the wording as written. */
  emit: (source: MentionSlot, type: string, target: MentionSlot, reason: string, confidence: number, predicate: string, modality?: 'planned') => void;
}

const ACTORS = new Set(['person', 'organization', 'country']);
const LOCATIVE = new Set(['in', 'at', 'near', 'outside', 'inside', 'across', 'around', 'throughout', 'during', 'on', 'since', 'until', 'after', 'before']);
/**
 * Verbs whose object action did not happen or is undone: "feared an invasion of", "called for talks with", "cut ties
 * with". An action noun after them states no relation.
 */
const NON_REALIS = new Set([
  'fear',
  'want',
  'seek',
  'oppose',
  'reject',
  'refuse',
  'call',
  'demand',
  'threaten',
  'plan',
  'consider',
  'propose',
  'discuss',
  'warn',
  'deny',
  'avoid',
  'prevent',
  'block',
  'ban',
  'condemn',
  'criticize',
  'criticise',
  'risk',
  'rule',
  'cut',
  'sever',
  'break',
  'end',
  'suspend',
  'halt',
  'freeze',
  'cancel',
  'postpone',
  'delay',
  'urge',
  'ask',
  'hope',
  'expect',
  'await',
]);
const OPEN_OF = /^of$/;
const SPORTS_RELATIONS = new Set(['plays_for', 'captain_of', 'coach_of']);
/** Title relations that a relational noun of its own (founder, captain, coach) makes more precise. */
const GENERIC_TITLE_RELATIONS = new Set(['chief_of', 'official_of', 'leader_of']);
/** Prepositions that name what a relational noun is held in: "member of", "professor at", "adviser to". */
const HOLDER_PREPS = new Set(['of', 'at', 'for', 'to', 'with']);

const snake = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

/** The verb as the text uses it (past or present), else its lemma. */
function verbForm(words: Word[], vg: VerbGroup): string {
  const head = words[vg.head] as Word;
  const finite = (head.tags.has('PastTense') || head.tags.has('PresentTense')) && !head.tags.has('Infinitive') && !head.tags.has('Gerund');
  return finite ? head.lower : vg.lemma;
}

function openPredicate(words: Word[], vg: VerbGroup, prep: string, via: string[], planned: boolean): string {
  const verb = planned ? vg.lemma : verbForm(words, vg);
  const parts = [verb, vg.particle ?? '', prep && via.length > 0 ? (via.at(-1) as string) : '', prep];
  return snake(parts.filter(Boolean).join(' '));
}

/** The action noun among those before an object that takes its preposition ("revived diplomatic ties at … level with"). */
function nominalOf(via: string[], prep: string): ReturnType<typeof lookupNominal> {
  for (let i = via.length - 1; i >= 0; i--) {
    const rule = lookupNominal(via[i] as string, prep);
    if (rule) return rule;
  }
  return undefined;
}

/** The words that state a relation: from the verb group to the preposition before the object. */
function wording(ctx: RelateContext, from: number, to: number): string {
  const a = ctx.words[from] as Word;
  const b = ctx.words[Math.max(from, to)] as Word;
  return ctx.text.slice(a.start, b.baseEnd).replace(/\s+/g, ' ');
}

const GOVERNMENT_HEADS =
  /\b(bank|ministry|department|agency|commission|bureau|office|council|court|parliament|assembly|senate|congress|army|navy|police|government|authority|service|forces|guard)\b/i;

/**
 * Names that hold a place named in the story: "Paris court", "Radio Mogadishu", "University of California" lie in
 * that place; "State Bank of Pakistan", a state body named after a country, is part of it. Whole words only.
 */
export function relateNamesToPlaces(
  entities: { id: string; type: string; name: string; firstSentence: number }[],
  emit: (source: string, type: string, target: string, reason: string, sentence: number, confidence: number) => void,
): void {
  const places = entities.filter((e) => (e.type === 'place' || e.type === 'country') && e.name.length > 2);
  for (const e of entities) {
    if (e.type !== 'organization' && e.type !== 'place') continue;
    const name = ` ${e.name.toLowerCase()} `;
    for (const p of places) {
      if (p.id === e.id) continue;
      const pn = p.name.toLowerCase();
      const at = name.indexOf(` ${pn} `);
      // At the start ("Paris court"), the end ("Radio Mogadishu") or after "of" ("Bank of England").
      if (at < 0 || !(at === 0 || at + pn.length + 2 === name.length || name.slice(Math.max(0, at - 3), at) === ' of')) continue;
      const type = p.type === 'country' && GOVERNMENT_HEADS.test(e.name) ? 'part_of' : 'located_in';
      emit(e.id, type, p.id, 'named-after-place', e.firstSentence, clauseRule('named-after-place').confidence);
    }
  }
}

export function relateSentence(ctx: RelateContext): void {
  for (const frame of ctx.analysis.frames) relateFrame(ctx, frame);
  relatePhrases(ctx);
  relateCompounds(ctx);
}

function relateFrame(ctx: RelateContext, frame: Frame): void {
  const vg = frame.verb;
  if (vg.modality === 'negated' || vg.modality === 'hypothetical' || vg.modality === 'purpose') return;
  const planned = vg.modality === 'planned';
  const speech = SPEECH_LEMMAS.has(vg.lemma) || vg.form === 'according';
  if (speech) relateSpeech(ctx, frame);
  if (vg.copula) {
    relateCopula(ctx, frame);
    return;
  }
  const subjects = frame.subject?.heads ?? [];
  // "appointed X as the governor of Y" / "X was appointed as the governor of Y": X holds that role in Y.
  if (frame.roles.length > 0) {
    const holder = vg.passive ? frame.objects.find((o) => o.prep === '')?.np.heads : frame.objects.find((o) => o.prep === '')?.np.heads;
    for (const role of frame.roles) if (holder) roleRelation(ctx, holder, role.noun, role.holder, planned);
  }
  // An agentless passive relates its grammatical subject to what follows: "X was born in Y".
  if (vg.passive && frame.subjectVia !== 'passive-by') {
    const patient = frame.objects[0];
    if (patient?.prep !== '') return;
    for (const o of frame.objects.slice(1)) {
      if (o.prep === '') continue;
      const rule = lookupVerb({ lemma: vg.lemma, particle: vg.particle, prep: o.prep, via: o.via, passive: true });
      if (!rule) continue;
      for (const s of patient.np.heads)
        for (const t of o.np.heads)
          if (rule.inverse) emitFrame(ctx, t, s, rule.relation, rule.reason, rule.confidence, vg, o.np, planned);
          else emitFrame(ctx, s, t, rule.relation, rule.reason, rule.confidence, vg, o.np, planned);
    }
    return;
  }
  if (subjects.length === 0) return;
  // "told Reuters", "said to Sky": the outlet interviewed the speaker.
  if (vg.lemma === 'tell' || vg.lemma === 'say' || vg.lemma === 'speak') {
    const addressee = frame.objects.find((o) => o.prep === (vg.lemma === 'tell' ? '' : 'to'));
    for (const o of addressee?.np.heads ?? [])
      if (o.type === 'organization')
        for (const s of subjects) emitFrame(ctx, o, s, 'interviewed', 'told-outlet', clauseRule('told-outlet').confidence, vg, addressee?.np ?? null, planned);
  }
  // Besides what was said, a speech verb relates only by its rules ("announced aid for Y", "posted on X").
  const speechOnly = speech && vg.lemma !== 'post' && vg.lemma !== 'tweet' && vg.lemma !== 'write';
  frame.objects.forEach((o, i) => {
    // Only the first argument, or later ones with a preposition the verb's rule expects: ReVerb's one argument.
    const rule = lookupVerb({ lemma: vg.lemma, particle: vg.particle, prep: o.prep, via: o.via, targetType: o.np.heads[0]?.type });
    // An open predicate takes only the verb's first argument, and never an "of" phrase ("killed the mayor of X":
    // the mayor was killed, not X).
    if (!rule && (speechOnly || (i > 0 && frame.objects.slice(0, i).some((p) => p.prep === o.prep)) || OPEN_OF.test(o.prep)) && !nominalOf(o.via, o.prep))
      return;
    for (const s of subjects) {
      if ((!ACTORS.has(s.type) && !(s.type === 'program' && rule)) || s.platform) continue;
      for (const t of o.np.heads) {
        if (t.id === s.id) continue;
        // A later argument with no rule of its own relates only a person ("has worked for Y in X"), not a body or a
        // state ("signed the JCPOA in Vienna").
        if (!rule && i > 0 && s.type !== 'person' && !nominalOf(o.via, o.prep)) continue;
        // "arrived outside X", "has worked for Y in X": a place where someone went or worked, not where a thing was said.
        if (
          !rule &&
          !nominalOf(o.via, o.prep) &&
          LOCATIVE.has(o.prep) &&
          (t.type === 'place' || t.type === 'country') &&
          (s.type === 'country' || o.via.length > 0 || speech)
        )
          continue;
        // "held talks with", "imposed sanctions on", "increased its support to": the action noun names it.
        const nominal = rule || o.prep === 'between' || NON_REALIS.has(vg.lemma) ? undefined : nominalOf(o.via, o.prep);
        if (rule?.inverse) emitFrame(ctx, t, s, rule.relation, rule.reason, rule.confidence, vg, o.np, planned);
        else if (rule) emitFrame(ctx, s, t, rule.relation, rule.reason, rule.confidence, vg, o.np, planned);
        else if (nominal?.relation === 'interviewed') emitFrame(ctx, t, s, nominal.relation, nominal.reason, nominal.confidence, vg, o.np, planned);
        else if (nominal) emitFrame(ctx, s, t, nominal.relation, nominal.reason, nominal.confidence, vg, o.np, planned);
        else
          emitFrame(
            ctx,
            s,
            t,
            openPredicate(ctx.words, vg, o.prep, o.via, planned),
            'clause-predicate',
            clauseRule('clause-predicate').confidence,
            vg,
            o.np,
            planned,
            o.prep,
            o.via,
          );
      }
    }
  });
}

function emitFrame(
  ctx: RelateContext,
  s: MentionSlot,
  t: MentionSlot,
  type: string,
  reason: string,
  confidence: number,
  vg: VerbGroup,
  target: NounPhrase | null,
  planned: boolean,
  prep?: string,
  via?: string[],
): void {
  if (s.id === t.id) return;
  let relation = type;
  if (planned) relation = prep !== undefined ? `plans_to_${openPredicate(ctx.words, vg, prep, via ?? [], true)}` : `plans_to_${plannedName(type, vg)}`;
  // The wording: verb group through the word before the object's phrase.
  const end = target ? Math.max(vg.last, target.first - 1) : vg.last;
  ctx.emit(s, relation, t, reason, planned ? confidence * 0.8 : confidence, wording(ctx, vg.first, end), planned ? 'planned' : undefined);
}

/** "will meet with" → "meet_with": a planned relation is named by the verb, not by the past-tense relation name. */
function plannedName(type: string, vg: VerbGroup): string {
  const tail = type.includes('_') ? type.slice(type.indexOf('_')) : '';
  return snake(`${vg.lemma}${tail.startsWith('_with') || tail.startsWith('_to') || tail.startsWith('_from') || tail.startsWith('_in') ? tail : ''}`);
}

/** "X said (that) …", "“…,” X said", "according to X": X said_about every other name in what was said. */
function relateSpeech(ctx: RelateContext, frame: Frame): void {
  const content = frame.content;
  if (!content) {
    // "The Economist described Iran as vulnerable", "X announced the deal": what the speech verb is about.
    const vg = frame.verb;
    if (vg.lemma === 'tell' || vg.lemma === 'say' || !frame.subject) return;
    const about = frame.objects.filter((o) => o.prep === '' || o.prep === 'about' || o.prep === 'on');
    for (const sp of frame.subject.heads) {
      if (!ACTORS.has(sp.type)) continue;
      for (const o of about)
        for (const t of o.np.heads)
          if (t.id !== sp.id && !t.platform)
            ctx.emit(sp, 'said_about', t, 'reported-speech', clauseRule('reported-speech').confidence, wording(ctx, vg.first, vg.last));
    }
    return;
  }
  const vg = frame.verb;
  const speakers =
    vg.form === 'according'
      ? frame.objects.filter((o) => o.prep === 'to').flatMap((o) => o.np.heads)
      : (frame.subject?.heads ?? []).filter((s) => ACTORS.has(s.type));
  if (speakers.length === 0) return;
  const skip = new Set<number>();
  const mark = (np: NounPhrase | null): void => {
    if (!np) return;
    for (let k = np.first; k <= np.last; k++) skip.add(k);
  };
  mark(frame.subject);
  for (const o of frame.objects) if (vg.form === 'according' || o.prep !== '' || vg.lemma === 'tell') mark(o.np);
  // What was said about: the names in it, and the bodies it refers back to ("taken the hotel").
  const targets = new Map<string, MentionSlot>();
  for (const s of ctx.quotedBefore(frame)) if (!targets.has(s.id)) targets.set(s.id, s);
  for (const np of ctx.analysis.phrases) {
    if (np.first < content.first || np.last > content.last) continue;
    for (const s of [...np.mods, ...np.heads]) {
      if (skip.has(s.first) || s.modifier || s.demonym || s.weakReference || s.platform) continue;
      if (!targets.has(s.id)) targets.set(s.id, s);
    }
  }
  const predicate = wording(ctx, vg.first, vg.last);
  for (const sp of speakers)
    for (const t of targets.values()) if (t.id !== sp.id) ctx.emit(sp, 'said_about', t, 'reported-speech', clauseRule('reported-speech').confidence, predicate);
}

/** "X is the capital of Y", "X is currently a professor at Y", "X was one of the key figures negotiating Y". */
function relateCopula(ctx: RelateContext, frame: Frame): void {
  const subjects = frame.subject?.heads ?? [];
  if (subjects.length === 0) return;
  const { elements, elementAt } = ctx.analysis;
  const e = elementAt[frame.verb.last] as number;
  const next = elements[e + 1];
  // "Chan and Etienne will be in Recife": where someone is (or will be).
  const place = frame.objects[0];
  if (next?.kind === 'prep' && (next.word === 'in' || next.word === 'at') && place?.prep === next.word && place.np.first === (elements[e + 2]?.first ?? -1)) {
    const planned = frame.verb.modality === 'planned';
    for (const s of subjects) {
      if (s.type !== 'person') continue;
      for (const t of place.np.heads)
        if (t.type === 'place' || t.type === 'country')
          ctx.emit(
            s,
            planned ? 'plans_to_be_in' : 'was_in',
            t,
            'copula-location',
            clauseRule('copula-location').confidence,
            wording(ctx, frame.verb.first, frame.verb.last + 1),
            planned ? 'planned' : undefined,
          );
    }
    return;
  }
  if (next?.kind !== 'np' || next.np.heads.length > 0) return;
  nounRelation(ctx, subjects, next.np, e + 1);
}

/**
 * A common-noun phrase describing X, followed by "of/at/for/to Y" or holding "Y's": X relates to Y by the noun.
 * Titles take their relation from the title lexicon; relational nouns from NOUN_RULES; else an open `noun_prep`.
 */
function nounRelation(ctx: RelateContext, subjects: MentionSlot[], np: NounPhrase, e: number): void {
  const { elements } = ctx.analysis;
  // The head noun, or the relational noun before it ("parent company", "alma mater").
  const head = np.headNoun ?? np.nouns.at(-1) ?? '';
  const known = [...np.nouns].reverse().find((n) => lookupNoun(n) || lookupTitle(n));
  const pair = np.nouns.length > 1 ? `${np.nouns.at(-2)} ${head}` : '';
  const nouns = [lookupNoun(pair) ? pair : lookupNoun(head) || lookupTitle(head) || !known ? head : known].filter(Boolean);
  let x = e + 1;
  // "predecessor and mentor of Y": coordinated nouns share the complement.
  while (elements[x]?.kind === 'conj' && elements[x + 1]?.kind === 'np') {
    const more = elements[x + 1] as { kind: 'np'; np: NounPhrase };
    if (more.np.heads.length > 0 || !more.np.headNoun) break;
    nouns.push(more.np.headNoun);
    x += 2;
  }
  const prepEl = elements[x];
  let holders: MentionSlot[] = [];
  let prep = '';
  let holderNp: NounPhrase | null = null;
  const holderPreps = new Set(nouns.flatMap((n) => lookupNoun(n)?.preps ?? [...HOLDER_PREPS]));
  if (prepEl?.kind === 'prep' && holderPreps.has(prepEl.word) && !/,/.test((ctx.words[elements[x - 1]?.last ?? 0] as Word).post)) {
    const target = elements[x + 1];
    if (target?.kind === 'np' && target.np.heads.length > 0) {
      holders = target.np.heads;
      prep = prepEl.word;
      holderNp = target.np;
    }
  }
  // "Y's parent company", "PAHO's advisor": the possessor holds it; "Fairs Cup winners": so does a name before it.
  if (holders.length === 0) {
    const owner = np.mods.find((m) => m.possessive && !m.pronoun) ?? np.mods.find((m) => m.possessive) ?? np.mods.find((m) => !m.demonym && m.last < np.last);
    if (owner) holders = [owner];
  }
  if (holders.length === 0) return;
  for (const noun of nouns) {
    const phrase = wording(ctx, np.first, holderNp ? holderNp.first - 1 : np.last);
    const title = titleIn(ctx, np) ?? lookupTitle(noun);
    const rule = lookupNoun(noun);
    let relation: string;
    let reason: string;
    let confidence: number;
    // A relational noun says more than a generic title: "the founder of Acme" (founder_of, not chief_of), "the
    // captain of Juventus" (captain_of, not official_of).
    if (title?.relation && !(rule && GENERIC_TITLE_RELATIONS.has(title.relation))) {
      relation = title.relation;
      reason = 'apposition-title';
      confidence = clauseRule(reason).confidence;
    } else if (rule) {
      relation = rule.relation;
      reason = rule.reason;
      confidence = rule.confidence;
    } else if (prep) {
      relation = snake(`${noun} ${prep}`);
      reason = 'apposition-noun';
      confidence = clauseRule(reason).confidence;
    } else continue;
    for (const s of subjects) {
      for (const h of holders) {
        if (h.id === s.id) continue;
        // "Y's parent company, X": X owns Y; "her party, the National Rally": she is a member of it.
        if (reason === rule?.reason && ((rule.possessorFirst && h.possessive) || rule.holderFirst)) ctx.emit(h, relation, s, reason, confidence, phrase);
        else ctx.emit(s, relation, h, reason, confidence, phrase);
      }
    }
  }
}

/** A role noun ("governor", "chairman", "member") held by `bearers` in `holders`. */
function roleRelation(ctx: RelateContext, bearers: MentionSlot[], noun: NounPhrase, holders: MentionSlot[], planned: boolean): void {
  const name = noun.headNoun ?? '';
  const title = titleIn(ctx, noun) ?? lookupTitle(name);
  const rule = lookupNoun(name);
  const relation = title?.relation || rule?.relation;
  if (!relation) return;
  const phrase = wording(ctx, noun.first, noun.last);
  for (const b of bearers)
    for (const h of holders)
      if (b.id !== h.id)
        ctx.emit(b, planned ? `plans_to_be_${relation}` : relation, h, 'role-as', clauseRule('role-as').confidence, phrase, planned ? 'planned' : undefined);
}

/** The title inside a phrase ("director-general", "adviser on Clinical Management"), with the relation it implies. */
function titleIn(ctx: RelateContext, np: NounPhrase): TitleInfo | undefined {
  return ctx.titles.find((x) => x.first >= np.first && x.last <= np.last)?.info;
}

/** Relations between the names inside one noun phrase: a modifier or possessor and the name that heads it. */
function relateInside(ctx: RelateContext, np: NounPhrase): void {
  for (const head of np.heads) {
    for (const mod of np.mods) {
      if (mod.id === head.id || mod.modifier) continue;
      const between = nounsBetween(ctx, mod, head);
      const relNoun = between.at(-1);
      // "French scientist X": a nationality, whatever the person's work (sports nouns say more: "Italy international").
      const sportsRule = relNoun ? lookupNoun(relNoun) : undefined;
      if (mod.type === 'country' && head.type === 'person' && between.length > 0 && !(sportsRule && SPORTS_RELATIONS.has(sportsRule.relation))) {
        if (!ctx.titles.some((t) => t.first > mod.last && t.last < head.first))
          ctx.emit(head, 'citizen_of', mod, 'nationality-modifier', clauseRule('nationality-modifier').confidence, wording(ctx, mod.first, head.last));
        continue;
      }
      // "British rival BG Group", "US Federal Trade Commission": a body's country, whatever noun describes it.
      if (mod.type === 'country' && !mod.possessive && head.type === 'organization') {
        if (!ctx.titles.some((t) => t.first > mod.last && t.last < head.first))
          ctx.emit(
            head,
            between.length === 0 ? 'part_of' : 'located_in',
            mod,
            'country-modifier',
            clauseRule('country-modifier').confidence,
            wording(ctx, mod.first, head.last),
          );
        continue;
      }
      const titled = ctx.titles.some((t) => t.first > mod.last && t.last < head.first);
      if (titled) continue; // the title rules own "Iranian Foreign Minister X"
      const rule = relNoun ? lookupNoun(relNoun) : undefined;
      const phrase = wording(ctx, mod.first, head.last);
      if (rule) {
        ctx.emit(head, rule.relation, mod, rule.reason, rule.confidence - 0.05, phrase);
        continue;
      }
      if (mod.possessive) {
        if (mod.type === 'person' && head.type === 'organization' && between.length === 0)
          ctx.emit(mod, 'leader_of', head, 'possessive-person-organization', clauseRule('possessive-person-organization').confidence, phrase);
        else if (head.type === 'program') ctx.emit(head, 'program_of', mod, 'possessive-program', clauseRule('possessive-program').confidence, phrase);
        else if (mod.type === 'organization' && head.type === 'organization')
          ctx.emit(head, 'part_of', mod, 'possessive-body', clauseRule('possessive-body').confidence, phrase);
        else if ((mod.type === 'place' || mod.type === 'country') && head.type === 'place')
          ctx.emit(head, 'located_in', mod, 'possessive-locality', clauseRule('possessive-locality').confidence, phrase);
        continue;
      }
      if (mod.type === 'country' && head.type === 'person' && between.length > 0)
        ctx.emit(head, 'citizen_of', mod, 'nationality-modifier', clauseRule('nationality-modifier').confidence, phrase);
      else if (mod.type === 'country' && head.type === 'organization')
        ctx.emit(head, between.length === 0 ? 'part_of' : 'located_in', mod, 'country-modifier', clauseRule('country-modifier').confidence, phrase);
      else if (mod.type === 'organization' && head.type === 'person' && between.length > 0)
        ctx.emit(head, 'employee_of', mod, 'organization-modifier', clauseRule('organization-modifier').confidence, phrase);
    }
  }
}

/** Relations inside noun phrases and between a name and the phrase set beside it by commas. */
function relatePhrases(ctx: RelateContext): void {
  const { elements } = ctx.analysis;
  for (let e = 0; e < elements.length; e++) {
    const el = elements[e];
    if (el?.kind !== 'np') continue;
    const np = el.np;
    // Inside: "Naidu's Telugu Desam Party", "IMF economist Reza Baqir", "the Somali capital Mogadishu" (each
    // conjunct of "A and the French scientist B" on its own).
    for (const part of np.parts ?? [np]) relateInside(ctx, part);
    // Beside: "X, a member of Y," / "Currently a member of Y, X" / "Y's parent company, X".
    const nx = elements[e + 1];
    const comma = /^,\s*$/.test((ctx.words[np.last] as Word).post);
    if (!comma) continue;
    if (np.heads.length > 0 && nx?.kind === 'np' && nx.np.heads.length === 0 && nx.np.headNoun && appositionCloses(ctx, e + 1))
      nounRelation(ctx, np.heads, nx.np, e + 1);
    if (np.heads.length === 0 && np.headNoun && nx?.kind === 'np' && nx.np.heads.length > 0) {
      // The phrase before the comma ends where its complement ends: "a member of the French parliament, Le Pen".
      nounRelation(ctx, nx.np.heads, np, e);
    }
  }
  relateNominals(ctx);
  relatePersonOf(ctx);
  relatePlaceIn(ctx);
  // "the noun phrase of Y, X": find "NP prep NP(with heads), NP(heads)".
  for (let e = 0; e + 3 < elements.length; e++) {
    const a = elements[e];
    const p = elements[e + 1];
    const b = elements[e + 2];
    const c = elements[e + 3];
    if (a?.kind !== 'np' || p?.kind !== 'prep' || b?.kind !== 'np' || c?.kind !== 'np') continue;
    if (a.np.heads.length > 0 || !a.np.headNoun || b.np.heads.length === 0 || c.np.heads.length === 0) continue;
    if (!/^,\s*$/.test((ctx.words[b.last] as Word).post)) continue;
    // Only at the start of the sentence or after a comma: "Currently a member of Y, X was …", "The director of Y, X, …".
    const before = ctx.words[a.first - 1];
    if (before && !/,\s*$/.test(before.post) && before.lower !== 'and' && e > 1) continue;
    nounRelation(ctx, c.np.heads, a.np, e);
  }
}

/**
 * An apposition ends where its phrase ends: at a comma, a dash, a bracket or the sentence end, after its own
 * complement ("X, a member of Y, said"; "X, chief of Y."). "Inside Iran, Trump's return to … has led" is no apposition.
 */
function appositionCloses(ctx: RelateContext, e: number): boolean {
  const { elements } = ctx.analysis;
  let x = e;
  for (;;) {
    const el = elements[x];
    if (!el) return true;
    const w = ctx.words[el.last] as Word;
    if (/[,;:—–()"”.!?]/.test(w.post) || x === elements.length - 1) return true;
    const nx = elements[x + 1];
    if (nx?.kind === 'rel') return true;
    if (nx?.kind === 'prep' || nx?.kind === 'np' || (nx?.kind === 'conj' && elements[x + 2]?.kind === 'np')) {
      x++;
      continue;
    }
    return false;
  }
}

/**
 * Action nouns with who acts and on whom: "Russia's invasion of Ukraine", "the Hamas attack on Israel", "the attack
 * by Hamas on Israel", "talks between Iran and the E3", "Chan's visit to Brazil".
 */
function relateNominals(ctx: RelateContext): void {
  const { elements } = ctx.analysis;
  for (let e = 0; e < elements.length; e++) {
    const el = elements[e];
    if (el?.kind !== 'np' || !el.np.headNoun || el.np.heads.length > 0) continue;
    const noun = el.np.headNoun;
    const p = elements[e + 1];
    const obj = elements[e + 2];
    if (p?.kind !== 'prep' || obj?.kind !== 'np' || obj.np.heads.length === 0) continue;
    if (/,/.test((ctx.words[el.last] as Word).post)) continue;
    const rule = lookupNominal(noun, p.word);
    if (!rule) continue;
    const phrase = wording(ctx, el.first, obj.first - 1);
    if (p.word === 'between') {
      const [a, ...rest] = obj.np.heads;
      if (a) for (const b of rest) ctx.emit(a, rule.relation, b, rule.reason, rule.confidence, phrase);
      continue;
    }
    // Who acts: a possessive or a name before the noun, or "by X" right after the object.
    let agents = el.np.mods.filter((m) => m.last < el.np.last && (m.possessive || m.demonym || ACTORS.has(m.type)));
    if (agents.length === 0) {
      const by = elements[e + 3];
      const byNp = elements[e + 4];
      if (by?.kind === 'prep' && by.word === 'by' && byNp?.kind === 'np') agents = byNp.np.heads;
    }
    // "In an interview with the BBC, Maria Lopez said …", "In talks with X, Y agreed …": a fronted phrase's action is
    // the main clause subject's.
    if (agents.length === 0 && elements[e - 1]?.kind === 'prep' && e - 1 === 0) {
      // The fronted phrase runs to the first comma, with no verb in it.
      let end = -1;
      for (let z = e; z < elements.length; z++) {
        const el2 = elements[z] as (typeof elements)[number];
        if (el2.kind === 'vg') break;
        if (/,/.test((ctx.words[el2.last] as Word).post)) {
          end = el2.last;
          break;
        }
      }
      const main = end >= 0 ? ctx.analysis.frames.find((f) => f.verb.first > end && f.subject && f.subjectVia !== 'control') : undefined;
      if (main?.subject) agents = main.subject.heads;
    }
    for (const a of agents) {
      if (!ACTORS.has(a.type)) continue;
      for (const t of obj.np.heads) {
        if (rule.relation === 'interviewed') ctx.emit(t, rule.relation, a, rule.reason, rule.confidence, phrase);
        else ctx.emit(a, rule.relation, t, rule.reason, rule.confidence, phrase);
      }
    }
  }
}

/** "Jane Doe of Acme Corp", "John Smith, 50, of Springfield": where a person works or lives. */
function relatePersonOf(ctx: RelateContext): void {
  const { elements } = ctx.analysis;
  for (let e = 0; e < elements.length; e++) {
    const el = elements[e];
    if (el?.kind !== 'np' || el.np.heads.length === 0 || !el.np.heads.every((h) => h.type === 'person') || el.np.headNoun) continue;
    let x = e + 1;
    // ", 50," an age between commas.
    const age = elements[x];
    if (
      age?.kind === 'np' &&
      age.np.heads.length === 0 &&
      /^,\s*$/.test((ctx.words[el.last] as Word).post) &&
      /^\d{1,3}$/.test((ctx.words[age.first] as Word).text) &&
      age.first === age.last
    )
      x++;
    else if (/[^\s]/.test((ctx.words[el.last] as Word).post)) continue;
    const of = elements[x];
    const where = elements[x + 1];
    if (of?.kind !== 'prep' || of.word !== 'of' || where?.kind !== 'np' || where.np.heads.length === 0) continue;
    for (const p of el.np.heads) {
      for (const w of where.np.heads) {
        const phrase = wording(ctx, el.first, where.first - 1);
        if (w.type === 'place' || w.type === 'country') ctx.emit(p, 'lives_in', w, 'person-of-place', clauseRule('person-of-place').confidence, phrase);
        else if (w.type === 'organization')
          ctx.emit(p, 'affiliated_with', w, 'person-of-organization', clauseRule('person-of-organization').confidence, phrase);
      }
    }
  }
}

/** "the Stadio Olimpico in the Italian capital": a place in the place that holds it (the trigger-free kind). */
function relatePlaceIn(ctx: RelateContext): void {
  const { elements } = ctx.analysis;
  for (let e = 0; e + 2 < elements.length; e++) {
    const a = elements[e];
    const p = elements[e + 1];
    const b = elements[e + 2];
    if (a?.kind !== 'np' || p?.kind !== 'prep' || p.word !== 'in' || b?.kind !== 'np') continue;
    if (/[^\s]/.test((ctx.words[a.last] as Word).post)) continue;
    for (const x of a.np.heads) {
      if (x.type !== 'place') continue;
      for (const y of b.np.heads)
        if ((y.type === 'place' || y.type === 'country') && y.id !== x.id)
          ctx.emit(x, 'located_in', y, 'place-in-place', clauseRule('place-in-place').confidence, wording(ctx, a.first, b.first - 1));
    }
  }
}

/** Lower-case words between two mentions of one phrase ("rival", "economist"), which may be tagged adjectives. */
function nounsBetween(ctx: RelateContext, a: MentionSlot, b: MentionSlot): string[] {
  const out: string[] = [];
  for (let k = a.last + 1; k < b.first; k++) {
    const w = ctx.words[k] as Word;
    if (ctx.slotAt.has(k)) continue;
    if ((w.tags.has('Noun') || lookupNoun(w.base.toLowerCase())) && /^\p{Ll}/u.test(w.text)) out.push(w.base.toLowerCase());
  }
  return out;
}

/** "China-based parent company, ByteDance", "Rome-born captain X", "Saudi-led coalition". */
function relateCompounds(ctx: RelateContext): void {
  const { elements, elementAt } = ctx.analysis;
  for (let k = 0; k < ctx.words.length; k++) {
    const w = ctx.words[k] as Word;
    if (w.parts.length < 2) continue;
    const tail = (w.parts.at(-1) as { text: string }).text.toLowerCase();
    const rule = COMPOUND_RULES.find((r) => r.tail === tail);
    if (!rule) continue;
    const name = ctx.slotAt.get(k);
    if (!name) continue;
    // What the compound describes: the head of its phrase, or the name set beside that phrase by a comma.
    const e = elementAt[k] as number;
    const el = elements[e];
    if (el?.kind !== 'np') continue;
    let heads = el.np.heads.filter((h) => h.first > k);
    const nx = elements[e + 1];
    if (heads.length === 0 && nx?.kind === 'np' && /^,\s*$/.test((ctx.words[el.last] as Word).post)) heads = nx.np.heads;
    // "Washington-born and Harvard-educated Doudna": coordinated compounds describe the phrase after them.
    if (heads.length === 0 && nx?.kind === 'conj') {
      const after = elements[e + 2];
      if (after?.kind === 'np') heads = after.np.heads;
    }
    for (const h of heads) {
      if (h.id === name.id) continue;
      if (rule.nameFirst) ctx.emit(name, rule.relation, h, rule.reason, rule.confidence, w.text);
      else ctx.emit(h, rule.relation, name, rule.reason, rule.confidence, w.text);
    }
  }
}

// Events from clause analysis: a verb that names a happening (a broad trigger lexicon per ONTOLOGY.md event type),
// stated as having happened, with its subject as agent and its objects as target, counterpart, beneficiary or place.
import type { Frame, SentenceAnalysis } from './clauses.js';
import { findDates } from './dates.js';
import { eventTypeOf, OTHER_EVENT_VERBS } from './lexicon/events.js';
import type { Word } from './parse.js';
import type { MentionSlot } from './predicates.js';
import { QUAD_CLASS } from './rules/predicates.js';
import { slugify } from './slug.js';
import type { ExtractedEvent, Participant, Sentence } from './types.js';

export interface FrameEventContext {
  docId: string;
  text: string;
  publishedAt: string | null;
  sentence: Sentence;
  analysis: SentenceAnalysis;
}

const MATERIAL = new Set(['attack', 'explosion', 'killing', 'invasion']);
const COUNTERPART_TYPES = new Set(['negotiation', 'meeting', 'agreement', 'interview']);
const BENEFICIARY_TYPES = new Set(['supply', 'release']);

/** One event per verb that names a happening, when the sentence says it happened and names who or where. */
export function frameEvents(ctx: FrameEventContext): ExtractedEvent[] {
  const out: ExtractedEvent[] = [];
  const { words } = ctx.analysis;
  let dates: ReturnType<typeof findDates> | null = null;
  for (const frame of ctx.analysis.frames) {
    const vg = frame.verb;
    if (vg.modality !== 'asserted' || vg.copula || frame.reduced) continue;
    const nouns = frame.objects.flatMap((o) => o.via).concat(frameNouns(ctx.analysis, frame));
    const typed = eventTypeOf(vg.lemma, vg.particle, nouns);
    const other =
      OTHER_EVENT_VERBS.has(vg.lemma) ||
      (vg.particle !== null && OTHER_EVENT_VERBS.has(`${vg.lemma} ${vg.particle}`)) ||
      nouns.some((n) => OTHER_EVENT_VERBS.has(`${vg.lemma} ${n}`));
    // A gerund ("Securing early termination …") names a happening only when its verb is a typed trigger.
    const type = typed ?? (other && vg.nonFinite !== 'gerund' ? 'other' : undefined);
    if (!type) continue;
    const agent = (frame.subject?.heads ?? []).filter((h) => h.type !== 'place' || type === 'other');
    const participants: Participant[] = [];
    const seen = new Set<string>();
    const add = (s: MentionSlot, role: Participant['role']): void => {
      if (seen.has(s.id)) return;
      seen.add(s.id);
      participants.push({ entity: s.id, role });
    };
    for (const a of agent) add(a, 'agent');
    let location: MentionSlot | null = null;
    for (const o of frame.objects) {
      for (const h of o.np.heads) {
        if ((o.prep === 'in' || o.prep === 'at') && (h.type === 'place' || h.type === 'country')) {
          location ??= h;
          add(h, 'location');
        } else if (o.prep === 'with' && COUNTERPART_TYPES.has(type)) add(h, 'counterpart');
        else if ((o.prep === 'to' || o.prep === 'for') && BENEFICIARY_TYPES.has(type)) add(h, 'beneficiary');
        else if (o.prep === '' || o.prep === 'on' || o.prep === 'against' || o.prep === 'from' || o.prep === 'to' || o.prep === 'of')
          add(h, type === 'meeting' && o.prep === '' && h.type === 'person' ? 'counterpart' : 'target');
        else add(h, 'other');
      }
    }
    // A statement needs a named speaker; a happening of a typed kind (an attack, a flood) needs nothing named; any
    // other happening needs someone or somewhere named taking part.
    if (type === 'statement' || type === 'interview' ? agent.length === 0 && vg.form !== 'according' : participants.length === 0 && !typed) continue;
    // With nothing named, only a violent happening stands on its own in a gerund ("…, killing one of the attackers").
    if (participants.length === 0 && vg.nonFinite !== null && !MATERIAL.has(type)) continue;
    if (type === 'statement' && vg.form === 'according' && participants.length === 0) continue;
    const head = words[vg.head] as Word;
    const last = words[vg.particle ? vg.last : vg.head] as Word;
    const triggerStart = head.start;
    const triggerEnd = last.baseEnd;
    const triggerText = ctx.text.slice(triggerStart, triggerEnd);
    dates ??= findDates(ctx.text.slice(ctx.sentence.start, ctx.sentence.end), ctx.publishedAt);
    const date = nearest(dates, triggerStart - ctx.sentence.start);
    const si = ctx.sentence.index;
    const names = (role: string): string[] => participants.filter((p) => p.role === role).map((p) => nameOf(frame, p.entity));
    let name = triggerText;
    if (names('agent').length > 0) name = `${names('agent').join(', ')} ${name}`;
    // "floods struck …", "two dams collapsed": with nobody named, the subject's noun says what happened.
    else if (frame.subject?.headNoun && !frame.subject.pronoun) name = `${frame.subject.headNoun} ${name}`;
    const others = [...names('target'), ...names('counterpart'), ...names('beneficiary')];
    if (others.length > 0) name += ` — ${others.join(', ')}`;
    if (location) name += ` in ${location.name}`;
    out.push({
      id: `event:${slugify(`${ctx.docId} ${si} ${triggerText} ${triggerStart}`)}`,
      eventType: type,
      quadClass: QUAD_CLASS[type] ?? null,
      name,
      trigger: { start: triggerStart, end: triggerEnd, text: triggerText },
      date: date ? { text: date.text, value: date.value } : null,
      location: location?.id ?? null,
      participants,
      evidence: { start: ctx.sentence.start, end: ctx.sentence.end, text: ctx.text.slice(ctx.sentence.start, ctx.sentence.end), sentence: si },
      confidence: Math.min(0.9, 0.5 + (agent.length > 0 ? 0.1 : 0) + (participants.length > agent.length ? 0.1 : 0) + (typed ? 0.1 : 0)),
      rule: typed ? `clause-${type}` : 'clause-other',
    });
  }
  return out;
}

/** Head nouns of the phrases right after the verb ("reached an agreement", "took office"). */
function frameNouns(a: SentenceAnalysis, frame: Frame): string[] {
  const e = a.elementAt[frame.verb.last];
  const next = e === undefined ? undefined : a.elements[e + 1];
  return next?.kind === 'np' && next.np.headNoun ? [next.np.headNoun] : [];
}

function nameOf(frame: Frame, id: string): string {
  for (const h of frame.subject?.heads ?? []) if (h.id === id) return h.name;
  for (const o of frame.objects) for (const h of o.np.heads) if (h.id === id) return h.name;
  return id;
}

function nearest(dates: ReturnType<typeof findDates>, offset: number) {
  let best: (typeof dates)[number] | null = null;
  for (const d of dates) if (!best || Math.abs(d.start - offset) < Math.abs(best.start - offset)) best = d;
  return best;
}

// Time as a filter: periods of publication dates, the dates of a relation's evidence, and mention counts over time.
import { InvalidInputError } from '../errors.js';
import type { DocumentInfo, EvidenceRef, RelationEdge } from './model.js';

/** Days since 1970-01-01 (UTC). Dates are compared as day numbers, never as strings of mixed precision. */
export type Day = number;

const DAY_MS = 86_400_000;

/** A period of publication dates, both ends inclusive, as day numbers; an open end is ±Infinity. */
export interface Period {
  from: Day;
  to: Day;
  /** Count evidence from documents without a date too (they are outside every period otherwise). */
  includeUndated: boolean;
}

export interface PeriodInput {
  from?: string | null;
  to?: string | null;
  includeUndated?: boolean | null;
}

export type Bucket = 'day' | 'week' | 'month';

/** At most this many buckets in one activity answer. */
export const MAX_BUCKETS = 1000;

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The first (or, with `end`, the last) day of YYYY, YYYY-MM or YYYY-MM-DD; null when it is not such a date. */
export function dayOf(text: string, end = false): Day | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] === undefined ? null : Number(m[2]);
  const day = m[3] === undefined ? null : Number(m[3]);
  if (month !== null && (month < 1 || month > 12)) return null;
  if (month === null) return Date.UTC(end ? year + 1 : year, 0, 1) / DAY_MS - (end ? 1 : 0);
  if (day === null) return Date.UTC(year, end ? month : month - 1, 1) / DAY_MS - (end ? 1 : 0);
  const t = Date.UTC(year, month - 1, day);
  if (new Date(t).getUTCDate() !== day) return null;
  return t / DAY_MS;
}

/** A day number as YYYY-MM-DD. */
export const dayText = (d: Day): string => new Date(d * DAY_MS).toISOString().slice(0, 10);

/** A document's publication day, or null when it has none. */
export const publishedDay = (d: DocumentInfo): Day | null => (d.publishedAt ? dayOf(d.publishedAt.slice(0, 10)) : null);

/** Checks a period argument; null when none was given (or both ends are open and undated evidence counts). */
export function parsePeriod(input: PeriodInput | null | undefined, argument: string): Period | null {
  if (!input) return null;
  const end = (name: 'from' | 'to'): Day => {
    const text = input[name];
    if (text === undefined || text === null || text === '') return name === 'from' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    const day = dayOf(text, name === 'to');
    if (day === null) throw new InvalidInputError(`${argument}.${name}: "${text}" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD.`);
    return day;
  };
  const period = { from: end('from'), to: end('to'), includeUndated: input.includeUndated ?? false };
  if (period.from > period.to) throw new InvalidInputError(`${argument}: "from" (${input.from}) is after "to" (${input.to}).`);
  return period;
}

/** Whether a document of this day (null: undated) is inside the period. */
export const inPeriod = (day: Day | null, p: Period): boolean => (day === null ? p.includeUndated : day >= p.from && day <= p.to);

/**
 * A relation as seen within a period: only its evidence from documents inside it, weighted by that evidence; the
 * relation itself when all of it is inside, null when none is.
 */
export function relationWithin(e: RelationEdge, p: Period, dayOfDocument: (id: string) => Day | null): RelationEdge | null {
  let kept: EvidenceRef[] | null = null;
  const evidence = e.evidence;
  for (let i = 0; i < evidence.length; i++) {
    const ev = evidence[i] as EvidenceRef;
    const inside = inPeriod(dayOfDocument(ev.documentId), p);
    if (inside) kept?.push(ev);
    else kept ??= evidence.slice(0, i);
  }
  if (kept === null) return evidence.length > 0 ? e : null;
  return kept.length > 0 ? { ...e, evidence: kept, weight: kept.length } : null;
}

/** The first day of the bucket a day falls in (weeks start on Monday, as ISO weeks do). */
export function bucketStart(d: Day, bucket: Bucket): Day {
  if (bucket === 'day') return d;
  if (bucket === 'week') return d - ((new Date(d * DAY_MS).getUTCDay() + 6) % 7);
  const t = new Date(d * DAY_MS);
  return Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1) / DAY_MS;
}

/** The first day of the bucket after the one starting on `start`. */
export function nextBucket(start: Day, bucket: Bucket): Day {
  if (bucket === 'day') return start + 1;
  if (bucket === 'week') return start + 7;
  const t = new Date(start * DAY_MS);
  return Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1) / DAY_MS;
}

/** How many sentences of a document name the entity. */
export function mentionsIn(d: DocumentInfo, id: string): number {
  let n = 0;
  for (const key in d.mentionsBySentence) if ((d.mentionsBySentence[key] as string[]).includes(id)) n++;
  return n;
}

export interface ActivityBucket {
  start: string;
  end: string;
  mentions: number;
  documents: number;
}

export interface Activity {
  bucket: Bucket;
  from: string | null;
  to: string | null;
  buckets: ActivityBucket[];
  /** Mentions in documents without a date: counted here, in no bucket. */
  undated: { mentions: number; documents: number };
}

/**
 * Mentions and documents per bucket over the period (by default from the first to the last dated document that
 * names the entity), empty buckets included so the series can be drawn as is.
 */
export function activity(id: string, documents: readonly DocumentInfo[], period: Period | null, bucket: Bucket): Activity {
  const dated: { day: Day; mentions: number }[] = [];
  const undated = { mentions: 0, documents: 0 };
  for (const d of documents) {
    const day = publishedDay(d);
    const mentions = mentionsIn(d, id);
    if (day === null) {
      undated.documents++;
      undated.mentions += mentions;
    } else dated.push({ day, mentions });
  }
  let from = period && Number.isFinite(period.from) ? period.from : Math.min(...dated.map((x) => x.day));
  let to = period && Number.isFinite(period.to) ? period.to : Math.max(...dated.map((x) => x.day));
  if (!Number.isFinite(from) || !Number.isFinite(to)) return { bucket, from: null, to: null, buckets: [], undated };
  from = bucketStart(from, bucket);
  to = Math.max(to, from);
  const starts: Day[] = [];
  for (let s = from; s <= to; s = nextBucket(s, bucket)) {
    if (starts.length >= MAX_BUCKETS) {
      throw new InvalidInputError(
        `activity: ${dayText(from)} to ${dayText(to)} makes more than ${MAX_BUCKETS} ${bucket} buckets. Narrow the period or use a larger bucket.`,
      );
    }
    starts.push(s);
  }
  const buckets = starts.map((s, i) => ({ start: dayText(s), end: dayText((starts[i + 1] ?? nextBucket(s, bucket)) - 1), mentions: 0, documents: 0 }));
  for (const x of dated) {
    if (period && !inPeriod(x.day, period)) continue;
    // Buckets are contiguous from `from`: find the last start at or before the day.
    let lo = 0;
    let hi = starts.length - 1;
    if (x.day < (starts[0] as Day) || x.day > to) continue;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as Day) <= x.day) lo = mid;
      else hi = mid - 1;
    }
    const b = buckets[lo] as ActivityBucket;
    b.documents++;
    b.mentions += x.mentions;
  }
  return { bucket, from: dayText(from), to: dayText(to), buckets, undated };
}

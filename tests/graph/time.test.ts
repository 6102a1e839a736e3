// Periods, buckets and evidence within a period (graph/time.ts), and dateline dates (ingest/dateline.ts).
import { describe, expect, it } from 'vitest';
import type { DocumentInfo, RelationEdge } from '../../src/graph/index.js';
import { activity, bucketStart, dayOf, dayText, nextBucket, parsePeriod, relationWithin } from '../../src/graph/time.js';
import { makeDocument } from '../../src/ingest/document.js';
import { datelineDate } from '../../src/ingest/dateline.js';
import { documentInfo } from '../support/fixtures.js';

const doc = (id: string, publishedAt: string | null, mentionsBySentence: Record<number, string[]>): DocumentInfo =>
  documentInfo(id, publishedAt, { mentionsBySentence });

const edge = (documents: string[]): RelationEdge => ({
  id: 'a|r|b',
  type: 'r',
  source: 'a',
  target: 'b',
  confidence: 0.9,
  weight: documents.length,
  evidence: documents.map((documentId, i) => ({ documentId, sentence: i, start: 0, end: 1, text: 'x' })),
  rules: [],
  predicates: [],
  modality: null,
  cooccurrence: false,
});

describe('periods', () => {
  it('reads a year, a month or a day as its first or last day, and refuses what is not a date', () => {
    expect(dayText(dayOf('2024') as number)).toBe('2024-01-01');
    expect(dayText(dayOf('2024', true) as number)).toBe('2024-12-31');
    expect(dayText(dayOf('2024-02', true) as number)).toBe('2024-02-29');
    expect(dayText(dayOf('2023-02', true) as number)).toBe('2023-02-28');
    expect(dayText(dayOf('2024-03-05') as number)).toBe('2024-03-05');
    expect(dayOf('2024-02-30')).toBeNull();
    expect(dayOf('2024-13')).toBeNull();
    expect(dayOf('March 2024')).toBeNull();
    expect(() => parsePeriod({ from: 'yesterday' }, 'relations.period')).toThrow(/relations\.period\.from: "yesterday" is not a date; use YYYY/);
    expect(() => parsePeriod({ from: '2024-05', to: '2024-04' }, 'p')).toThrow(/"from" \(2024-05\) is after "to" \(2024-04\)/);
    expect(parsePeriod(null, 'p')).toBeNull();
    const open = parsePeriod({ to: '2024' }, 'p');
    expect(open?.from).toBe(Number.NEGATIVE_INFINITY);
    expect(dayText(open?.to as number)).toBe('2024-12-31');
  });

  it('keeps only the evidence inside a period and weighs the relation by it', () => {
    const days: Record<string, string | null> = { d1: '2024-01-10', d2: '2024-02-10', d3: null };
    const dayOfDoc = (id: string) => (days[id] ? dayOf(days[id] as string) : null);
    const e = edge(['d1', 'd2', 'd3']);
    const jan = relationWithin(e, parsePeriod({ from: '2024-01', to: '2024-01' }, 'p') as never, dayOfDoc);
    expect(jan?.evidence.map((x) => x.documentId)).toEqual(['d1']);
    expect(jan?.weight).toBe(1);
    expect(e.evidence).toHaveLength(3);
    expect(relationWithin(e, parsePeriod({ from: '2025' }, 'p') as never, dayOfDoc)).toBeNull();
    const withUndated = relationWithin(e, parsePeriod({ from: '2024-02', includeUndated: true }, 'p') as never, dayOfDoc);
    expect(withUndated?.evidence.map((x) => x.documentId)).toEqual(['d2', 'd3']);
    // All of it inside: the relation itself, not a copy.
    const whole = edge(['d1', 'd2']);
    expect(relationWithin(whole, parsePeriod({ from: '2024' }, 'p') as never, dayOfDoc)).toBe(whole);
  });

  it('starts weeks on Monday and months on the first', () => {
    const wed = dayOf('2024-05-15') as number;
    expect(dayText(bucketStart(wed, 'week'))).toBe('2024-05-13');
    expect(dayText(bucketStart(wed, 'month'))).toBe('2024-05-01');
    expect(dayText(nextBucket(bucketStart(wed, 'month'), 'month'))).toBe('2024-06-01');
    expect(dayText(nextBucket(dayOf('2024-12-01') as number, 'month'))).toBe('2025-01-01');
  });
});

describe('activity', () => {
  const docs = [
    doc('a', '2024-05-13', { 0: ['x'], 1: ['x', 'y'], 2: ['y'] }),
    doc('b', '2024-05-20', { 0: ['x'] }),
    doc('c', '2024-06-02', { 3: ['x'] }),
    doc('d', null, { 0: ['x'], 4: ['x'] }),
    doc('e', '2024-05-14', { 0: ['y'] }),
  ];

  // The documents that name x (an entity's own documents are what activity is given).
  const ofX = docs.filter((d) => d.id !== 'e');

  it('counts mentions (sentences naming it) and documents per bucket, empty buckets included, undated apart', () => {
    const a = activity('x', ofX, null, 'week');
    expect(a.buckets.map((b) => [b.start, b.mentions, b.documents])).toEqual([
      ['2024-05-13', 2, 1],
      ['2024-05-20', 1, 1],
      ['2024-05-27', 1, 1],
    ]);
    expect(a.undated).toEqual({ mentions: 2, documents: 1 });
    const monthly = activity('x', ofX, parsePeriod({ from: '2024-05', to: '2024-06' }, 'p'), 'month');
    expect(monthly.buckets.map((b) => [b.start, b.end, b.mentions])).toEqual([
      ['2024-05-01', '2024-05-31', 3],
      ['2024-06-01', '2024-06-30', 1],
    ]);
  });

  it('refuses a series of more than 1,000 buckets and says how to narrow it', () => {
    expect(() => activity('x', docs, parsePeriod({ from: '2000', to: '2024' }, 'p'), 'day')).toThrow(
      /more than 1000 day buckets. Narrow the period or use a larger bucket/,
    );
  });

  it('gives no buckets when nothing naming the entity has a date', () => {
    const a = activity('x', [docs[3] as DocumentInfo], null, 'month');
    expect(a.buckets).toEqual([]);
    expect(a.from).toBeNull();
    expect(a.undated.documents).toBe(1);
  });
});

describe('datelines', () => {
  it.each([
    ['LONDON 1996-08-30\nWest Indian all-rounder Phil Simmons took four for 38.', '1996-08-30'],
    ['CRICKET - LEICESTERSHIRE TAKE OVER.\nLONDON 1996-08-30\nText.', '1996-08-30'],
    ['March 8, 2025 - The administration has abandoned a plan.', '2025-03-08'],
    ['WASHINGTON, Jan. 5, 2024 (Reuters) - The Senate voted.', '2024-01-05'],
    ['Paris, 8 March 2025 — A court ruled.', '2025-03-08'],
  ])('finds the date of %j', (text, date) => {
    expect(datelineDate(text)).toBe(date);
  });

  it.each([
    'He said on March 8, 2025 - nothing more.',
    'Tripoli [Libya], September 15: no year is given.',
    'US President-elect Donald Trump makes remarks in Palm Beach, Florida, US January 7, 2025.',
    'Title\nOne\nTwo\nLONDON 1996-08-30',
    'LONDON 1996-02-30\nNo such day.',
  ])('takes no date from %j', (text) => {
    expect(datelineDate(text)).toBeNull();
  });

  it('dates a document by its dateline only when none is given', () => {
    expect(makeDocument({ text: 'LONDON 1996-08-30\nText.', source: 't' }).publishedAt).toBe('1996-08-30');
    expect(makeDocument({ text: 'LONDON 1996-08-30\nText.', source: 't', publishedAt: '2001-01-01' }).publishedAt).toBe('2001-01-01');
  });
});

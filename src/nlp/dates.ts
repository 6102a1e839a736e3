// Finds date expressions in a sentence and normalises them against the document date when one is known.

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBR: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 };
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export interface FoundDate {
  start: number;
  end: number;
  text: string;
  value: string | null;
}

const monthNumber = (word: string): number | undefined => {
  const w = word.toLowerCase().replace(/\.$/, '');
  const full = MONTHS.indexOf(w);
  if (full >= 0) return full + 1;
  return MONTH_ABBR[w];
};

const pad = (n: number): string => String(n).padStart(2, '0');

const MONTH_RE =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const PATTERNS: { re: RegExp; normalise: (m: RegExpExecArray, anchor: Date | null) => string | null }[] = [
  // "January 7, 2025", "March 29 2024"
  {
    re: new RegExp(`\\b(${MONTH_RE})\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'g'),
    normalise: (m) => `${m[3]}-${pad(monthNumber(m[1] ?? '') ?? 1)}-${pad(Number(m[2]))}`,
  },
  // "7 January 2025"
  {
    re: new RegExp(`\\b(\\d{1,2})\\s+(${MONTH_RE})\\s+(\\d{4})\\b`, 'g'),
    normalise: (m) => `${m[3]}-${pad(monthNumber(m[2] ?? '') ?? 1)}-${pad(Number(m[1]))}`,
  },
  // "July 2023"
  { re: new RegExp(`\\b(${MONTH_RE})\\s+(\\d{4})\\b`, 'g'), normalise: (m) => `${m[2]}-${pad(monthNumber(m[1] ?? '') ?? 1)}` },
  // "January 20", "Oct. 7": the year comes from the document date
  {
    re: new RegExp(`\\b(${MONTH_RE})\\s+(\\d{1,2})\\b(?!,?\\s+\\d{4})`, 'g'),
    normalise: (m, anchor) => (anchor ? `${anchor.getUTCFullYear()}-${pad(monthNumber(m[1] ?? '') ?? 1)}-${pad(Number(m[2]))}` : null),
  },
  // "on Monday", "Wednesday": the most recent such day on or before the document date
  {
    re: /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g,
    normalise: (m, anchor) => {
      if (!anchor) return null;
      const target = WEEKDAYS.indexOf((m[1] ?? '').toLowerCase());
      const back = (anchor.getUTCDay() - target + 7) % 7;
      const d = new Date(anchor.getTime() - back * 86_400_000);
      return d.toISOString().slice(0, 10);
    },
  },
  // "in 2018", "since 1980", "2021–2022"
  { re: /\b(1[89]\d{2}|20\d{2})(?:[–-](1[89]\d{2}|20\d{2}))?\b/g, normalise: (m) => (m[2] ? null : (m[1] ?? null)) },
  // "last week", "next month", "last year"
  {
    re: /\b(last|next|this|past) (week|month|year)\b/g,
    normalise: (m, anchor) => {
      if (!anchor || m[2] !== 'year') return null;
      const y = anchor.getUTCFullYear() + (m[1] === 'last' || m[1] === 'past' ? -1 : m[1] === 'next' ? 1 : 0);
      return String(y);
    },
  },
];

/** Every date expression in `text` (offsets relative to it), longest first where they overlap. */
export function findDates(text: string, publishedAt: string | null): FoundDate[] {
  const anchor = publishedAt ? new Date(`${publishedAt}T00:00:00Z`) : null;
  const found: FoundDate[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m !== null; m = p.re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && f.start < end)) continue;
      found.push({ start, end, text: m[0], value: p.normalise(m, anchor) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

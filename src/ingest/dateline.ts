// A news dateline's date: "LONDON 1996-08-30", "March 8, 2025 - The …", "Paris, 8 March 2025 —". Wire copy carries
// its date there when a feed or file gives none; nothing else in a text is taken for the publication date.

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const SHORT = ['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'];
const title = (w: string): string => w[0]?.toUpperCase() + w.slice(1);
const MONTH = `(${[...MONTHS, ...SHORT].flatMap((w) => [title(w), w.toUpperCase()]).join('|')})\\.?`;
/** An optional place before the date: capitalised words, perhaps with a comma or a bracketed country. */
const PLACE = String.raw`(?:\p{Lu}[\p{L}.'’-]*(?:[ ,]+[\[(]?\p{Lu}[\p{L}.'’-]*[\])]?){0,4}[ ,]+)?`;
const DATE = String.raw`(?:(\d{4})-(\d{2})-(\d{2})|${MONTH} (\d{1,2}),? (\d{4})|(\d{1,2}) ${MONTH},? (\d{4}))`;
/** The date ends the line, or a dash or a "(Agency)" opens the story after it. */
const AFTER = String.raw`(?:\s*$|\s*(?:\([^)]{1,30}\)\s*)?[-–—:]\s)`;
const LINE = new RegExp(`^${PLACE}${DATE}${AFTER}`, 'u');

const pad = (n: number): string => String(n).padStart(2, '0');

function valid(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (y < 1800 || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const monthNumber = (name: string): number => MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().replace('.', '').slice(0, 3))) + 1;

/** The date of a dateline in the first three lines of a text, as YYYY-MM-DD; null when there is none. */
export function datelineDate(text: string): string | null {
  const lines = text.slice(0, 600).split('\n', 4).slice(0, 3);
  for (const line of lines) {
    const m = LINE.exec(line.trim());
    if (!m) continue;
    if (m[1]) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
    if (m[4]) return valid(Number(m[6]), monthNumber(m[4]), Number(m[5]));
    if (m[7]) return valid(Number(m[9]), monthNumber(m[8] as string), Number(m[7]));
  }
  return null;
}

// The explorer's period slider: buckets over the documents' dates and the test of a fact's days against one.
// Plain functions (no DOM), bundled into the page and tested under Node.

/** Days since 1970-01-01 (UTC), as the server sends them. */
export type Day = number;
export type Bucket = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;
export const dayText = (d: Day): string => new Date(d * DAY_MS).toISOString().slice(0, 10);

/** Whether any of the (ascending) days falls in the period. */
export function anyIn(days: readonly Day[], p: { from: Day; to: Day }): boolean {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((days[mid] as Day) < p.from) lo = mid + 1;
    else hi = mid;
  }
  return lo < days.length && (days[lo] as Day) <= p.to;
}

/** Buckets of the slider: days for a range up to two months, weeks (from Monday) up to two years, months beyond. */
export function bucketsOf(from: Day, to: Day): { bucket: Bucket; periods: { from: Day; to: Day; label: string }[] } {
  const span = to - from;
  const periods: { from: Day; to: Day; label: string }[] = [];
  if (span <= 62) {
    for (let d = from; d <= to; d++) periods.push({ from: d, to: d, label: dayText(d) });
    return { bucket: 'day', periods };
  }
  if (span <= 730) {
    const monday = (d: Day): Day => d - ((((d + 3) % 7) + 7) % 7);
    for (let d = monday(from); d <= to; d += 7) periods.push({ from: d, to: d + 6, label: `week of ${dayText(d)}` });
    return { bucket: 'week', periods };
  }
  const start = new Date(from * DAY_MS);
  // Date.UTC carries a month past December into the next year.
  for (let m = start.getUTCMonth(); Date.UTC(start.getUTCFullYear(), m, 1) / DAY_MS <= to; m++) {
    const first = Date.UTC(start.getUTCFullYear(), m, 1) / DAY_MS;
    periods.push({ from: first, to: Date.UTC(start.getUTCFullYear(), m + 1, 1) / DAY_MS - 1, label: dayText(first).slice(0, 7) });
  }
  return { bucket: 'month', periods };
}

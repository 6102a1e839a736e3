// The explorer's period slider arithmetic (src/server/explorer/periods.ts), under Node: which buckets a date range
// gets, and whether a fact's days fall in one.
import { describe, expect, it } from 'vitest';
import { anyIn, bucketsOf } from '../../src/server/explorer/periods.js';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('bucketsOf', () => {
  it('steps by day over up to two months', () => {
    const b = bucketsOf(day('1996-08-29'), day('1996-09-01'));
    expect(b.bucket).toBe('day');
    expect(b.periods.map((p) => p.label)).toEqual(['1996-08-29', '1996-08-30', '1996-08-31', '1996-09-01']);
    expect(b.periods.every((p) => p.from === p.to)).toBe(true);
  });

  it('steps by week from Monday over up to two years, covering both ends', () => {
    // 2024-01-03 is a Wednesday; its week starts on Monday 2024-01-01. 2024-06-30 is a Sunday.
    const b = bucketsOf(day('2024-01-03'), day('2024-06-30'));
    expect(b.bucket).toBe('week');
    expect(b.periods[0]).toEqual({ from: day('2024-01-01'), to: day('2024-01-07'), label: 'week of 2024-01-01' });
    expect(b.periods.at(-1)).toEqual({ from: day('2024-06-24'), to: day('2024-06-30'), label: 'week of 2024-06-24' });
    expect(b.periods).toHaveLength(26);
    for (const [i, p] of b.periods.entries()) if (i > 0) expect(p.from).toBe((b.periods[i - 1] as { to: number }).to + 1);
  });

  it('steps by calendar month beyond two years, across year ends', () => {
    const b = bucketsOf(day('2021-11-15'), day('2024-02-10'));
    expect(b.bucket).toBe('month');
    expect(b.periods[0]).toEqual({ from: day('2021-11-01'), to: day('2021-11-30'), label: '2021-11' });
    expect(b.periods[2]).toEqual({ from: day('2022-01-01'), to: day('2022-01-31'), label: '2022-01' });
    expect(b.periods.find((p) => p.label === '2024-02')).toEqual({ from: day('2024-02-01'), to: day('2024-02-29'), label: '2024-02' });
    expect(b.periods).toHaveLength(28);
  });
});

describe('anyIn', () => {
  it('finds a day inside the period, ends included, and none outside', () => {
    const days = [10, 20, 30];
    expect(anyIn(days, { from: 20, to: 20 })).toBe(true);
    expect(anyIn(days, { from: 11, to: 19 })).toBe(false);
    expect(anyIn(days, { from: 0, to: 10 })).toBe(true);
    expect(anyIn(days, { from: 30, to: 99 })).toBe(true);
    expect(anyIn(days, { from: 31, to: 99 })).toBe(false);
    expect(anyIn([], { from: 0, to: 99 })).toBe(false);
  });

  it('agrees with a linear scan on random inputs', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (let k = 0; k < 500; k++) {
      const days = [...new Set(Array.from({ length: rand(8) }, () => rand(60)))].sort((a, b) => a - b);
      const from = rand(60);
      const to = from + rand(10);
      expect(anyIn(days, { from, to })).toBe(days.some((d) => d >= from && d <= to));
    }
  });
});

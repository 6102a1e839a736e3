// A PostgreSQL URL in logs and messages never shows its password, however it is written.
import { describe, expect, it } from 'vitest';
import { isPostgresUrl, redactUrl } from '../../src/store/index.js';

describe('redactUrl', () => {
  it.each([
    ['postgres://u:secret@db.internal:5432/news', 'postgres://u:***@db.internal:5432/news'],
    ['postgresql://u:secret@db/news?sslmode=require', 'postgresql://u:***@db/news?sslmode=require'],
    ['postgres://db/news?password=secret&user=u', 'postgres://db/news?password=***&user=u'],
    ['postgres://u:se/cr#et@db/news', 'postgres://u:***@db/news'],
    ['postgres://u@db/news', 'postgres://u@db/news'],
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
    expect(redactUrl(url)).not.toContain('secret');
  });

  it('tells PostgreSQL URLs from SQLite paths', () => {
    expect(isPostgresUrl('postgres://u@h/db')).toBe(true);
    expect(isPostgresUrl(' POSTGRESQL://u@h/db')).toBe(true);
    expect(isPostgresUrl('./data/newsgraph.db')).toBe(false);
    expect(isPostgresUrl('postgres.db')).toBe(false);
  });
});

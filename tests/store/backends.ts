// The store tests run on every backend: SQLite (a file in a temp folder) and PostgreSQL (a fresh database in the
// run's throwaway cluster; left out, loudly, when PostgreSQL is not installed and CI is not set).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { dropDatabase, freshDatabase, pgAvailable } from '../support/postgres.js';

export interface StoreBackend {
  name: 'sqlite' | 'postgres';
  /** A new, empty store location: a file path or a postgres:// URL. */
  location(name: string): Promise<string>;
  /** Reads the location's database directly (what is stored, not what the store says): SQL for each backend. */
  query(location: string, sql: { sqlite: string; postgres: string }, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Drops the databases this backend made (PostgreSQL); files go with the temp folder. */
  cleanup(): Promise<void>;
}

export function storeBackends(dir: string): StoreBackend[] {
  const sqlite: StoreBackend = {
    name: 'sqlite',
    location: async (name) => join(dir, `${name}.db`),
    query: async (location, sql, params = []) => {
      const db = new Database(location, { readonly: true });
      try {
        return db.prepare(sql.sqlite).all(...params) as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
    cleanup: async () => {},
  };
  if (!pgAvailable()) return [sqlite];
  const made: string[] = [];
  const postgres: StoreBackend = {
    name: 'postgres',
    location: async () => {
      const url = await freshDatabase();
      made.push(url);
      return url;
    },
    query: async (location, sql, params = []) => {
      const client = new pg.Client({ connectionString: location });
      await client.connect();
      try {
        return (await client.query(sql.postgres, params)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    },
    cleanup: async () => {
      for (const url of made.splice(0)) await dropDatabase(url);
    },
  };
  return [sqlite, postgres];
}

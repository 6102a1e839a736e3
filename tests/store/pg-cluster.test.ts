// The throwaway PostgreSQL cluster the store tests run on: discovery, the run's shared cluster, fresh databases, start and stop.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { KgError } from '../../src/errors.js';
import { ROOT, tempDir } from '../helpers.js';
import {
  checkPostgres,
  dropDatabase,
  findPostgresBin,
  freshDatabase,
  pgAvailable,
  type PgCluster,
  processRunning,
  startCluster,
  TEST_DB_PREFIX,
} from '../support/postgres.js';

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {}); // a forced drop terminates the connection; the test looks at that itself
  await client.connect();
  return client;
}

async function queryOne<T>(url: string, sql: string): Promise<T> {
  const client = await connect(url);
  try {
    const result = await client.query(sql);
    return result.rows[0] as T;
  } finally {
    await client.end();
  }
}

function databaseName(url: string): string {
  return new URL(url).pathname.slice(1);
}

describe('finding PostgreSQL', () => {
  it('takes NEWSGRAPH_PG_BIN at its word: a folder without the programs hides an installed PostgreSQL', () => {
    expect(findPostgresBin({ NEWSGRAPH_PG_BIN: '/nonexistent', PATH: '' })).toBeNull();
    const check = checkPostgres({ NEWSGRAPH_PG_BIN: '/nonexistent', PATH: '' });
    expect(check).toEqual({ available: false, reason: expect.stringContaining('NEWSGRAPH_PG_BIN=/nonexistent, which has no initdb, pg_ctl, postgres') });
  });

  it('names the programs a folder lacks', () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir.path, 'initdb'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
      expect(findPostgresBin({ NEWSGRAPH_PG_BIN: dir.path })).toBeNull();
      const check = checkPostgres({ NEWSGRAPH_PG_BIN: dir.path });
      expect(check.available).toBe(false);
      if (!check.available) {
        expect(check.reason).toContain('which has no pg_ctl, postgres');
        expect(check.reason).not.toContain('no initdb');
      }
    } finally {
      dir.cleanup();
    }
  });

  it('under CI=true a missing PostgreSQL is an error that says how to install it', () => {
    let thrown: unknown;
    try {
      checkPostgres({ CI: 'true', NEWSGRAPH_PG_BIN: '/nonexistent' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(KgError);
    expect((thrown as KgError).code).toBe('UNAVAILABLE');
    expect((thrown as KgError).message).toMatch(/^postgres\.checkPostgres: PostgreSQL not found \(looked in NEWSGRAPH_PG_BIN=\/nonexistent/);
    expect((thrown as KgError).message).toContain('apt-get install postgresql');
  });

  it('needs no binaries when NEWSGRAPH_TEST_PG names a server', () => {
    expect(checkPostgres({ CI: 'true', NEWSGRAPH_PG_BIN: '/nonexistent', NEWSGRAPH_TEST_PG: 'postgres://newsgraph@127.0.0.1:5432/postgres' })).toEqual({
      available: true,
    });
  });
});

describe.skipIf(!pgAvailable())("the run's cluster", () => {
  it('answers select version()', async () => {
    const url = process.env.NEWSGRAPH_TEST_PG ?? '';
    const row = await queryOne<{ version: string; num: number }>(url, "select version(), current_setting('server_version_num')::int as num");
    expect(row.version).toMatch(/^PostgreSQL \d+\.\d+/);
    expect(row.num).toBeGreaterThanOrEqual(150000); // the store relies on PostgreSQL 15 (DROP DATABASE … WITH (FORCE) needs 13)
  });

  it('hands out databases that are distinct and isolated', async () => {
    const a = await freshDatabase();
    const b = await freshDatabase();
    try {
      expect(a).not.toBe(b);
      expect(databaseName(a).startsWith(TEST_DB_PREFIX)).toBe(true);
      expect((await queryOne<{ db: string }>(a, 'select current_database() as db')).db).toBe(databaseName(a));
      expect((await queryOne<{ db: string }>(b, 'select current_database() as db')).db).toBe(databaseName(b));

      const inA = await connect(a);
      await inA.query('create table notes (body text)');
      await inA.query("insert into notes values ('written in a')");
      await inA.end();
      // b was made from the same template but sees nothing of a
      expect((await queryOne<{ t: string | null }>(b, "select to_regclass('public.notes')::text as t")).t).toBeNull();
      const inB = await connect(b);
      await inB.query('create table notes (body text)');
      await inB.query("insert into notes values ('written in b')");
      await inB.end();
      expect((await queryOne<{ body: string }>(a, "select string_agg(body, ',') as body from notes")).body).toBe('written in a');
      expect((await queryOne<{ body: string }>(b, "select string_agg(body, ',') as body from notes")).body).toBe('written in b');
    } finally {
      await dropDatabase(a);
      await dropDatabase(b);
    }
  });

  it('drops a database even with a client still connected, and it is gone', async () => {
    const url = await freshDatabase();
    const name = databaseName(url);
    const held = await connect(url);
    await held.query('select 1');
    await dropDatabase(url);
    const admin = process.env.NEWSGRAPH_TEST_PG ?? '';
    expect((await queryOne<{ n: number }>(admin, `select count(*)::int as n from pg_database where datname = '${name}'`)).n).toBe(0);
    await expect(held.query('select 1')).rejects.toThrow();
    await held.end().catch(() => {});
    await expect(connect(url)).rejects.toMatchObject({ code: '3D000' }); // invalid_catalog_name: database does not exist
    await dropDatabase(url); // dropping it again is not an error
  });

  it('refuses to drop a database it did not make', async () => {
    const admin = process.env.NEWSGRAPH_TEST_PG ?? '';
    const postgresDb = new URL(admin);
    postgresDb.pathname = '/postgres';
    await expect(dropDatabase(postgresDb.toString())).rejects.toThrow(/^postgres\.dropDatabase: refusing to drop "postgres"/);
    expect((await queryOne<{ n: number }>(admin, "select count(*)::int as n from pg_database where datname = 'postgres'")).n).toBe(1);
    const elsewhere = new URL(admin);
    elsewhere.port = String(Number(elsewhere.port || '5432') + 1);
    elsewhere.pathname = `/${TEST_DB_PREFIX}1`;
    await expect(dropDatabase(elsewhere.toString())).rejects.toThrow(/^postgres\.dropDatabase: .* but the test cluster is on/);
  });
});

// Starts clusters of its own, so it needs the binaries, not just a server.
describe.skipIf(!pgAvailable() || findPostgresBin() === null)('startCluster', () => {
  it('starts with the test settings on 127.0.0.1 and a Unix socket; stop() ends it and removes both folders', async () => {
    const cluster = await startCluster();
    let stopped = false;
    try {
      expect(cluster.url).toBe(`postgres://newsgraph@127.0.0.1:${cluster.port}/postgres`);
      expect(existsSync(join(cluster.dataDir, 'PG_VERSION'))).toBe(true);
      const settings = await queryOne<Record<string, string>>(
        cluster.url,
        `select current_user as "user", current_setting('fsync') as fsync, current_setting('synchronous_commit') as sync,
                current_setting('full_page_writes') as fpw, current_setting('max_connections') as conns,
                current_setting('server_encoding') as enc, current_setting('lc_collate') as collate,
                current_setting('listen_addresses') as listen, current_setting('unix_socket_directories') as sockets`,
      );
      expect(settings).toEqual({
        user: 'newsgraph',
        fsync: 'off',
        sync: 'off',
        fpw: 'off',
        conns: '200',
        enc: 'UTF8',
        collate: 'C',
        listen: '127.0.0.1',
        sockets: cluster.socketDir,
      });
      expect(readdirSync(cluster.socketDir)).toContain(`.s.PGSQL.${cluster.port}`);
      const overSocket = new pg.Client({ host: cluster.socketDir, port: cluster.port, user: 'newsgraph', database: 'postgres' });
      await overSocket.connect();
      expect((await overSocket.query('select 41 + 1 as n')).rows[0]).toEqual({ n: 42 });
      await overSocket.end();

      await cluster.stop();
      stopped = true;
      expect(existsSync(cluster.dataDir)).toBe(false);
      expect(existsSync(cluster.socketDir)).toBe(false);
      expect(() => process.kill(cluster.pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
      const late = new pg.Client({ connectionString: cluster.url, connectionTimeoutMillis: 2_000 });
      await expect(late.connect()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      await cluster.stop(); // a second stop is harmless
    } finally {
      if (!stopped) await cluster.stop();
    }
  });

  it('a failed start names the command, its exit code and its output, and leaves nothing behind', async () => {
    const parent = tempDir();
    chmodSync(parent.path, 0o755); // the postgres user must reach the folders inside when we are root
    try {
      let thrown: unknown;
      try {
        const cluster = await startCluster({ parentDir: parent.path, settings: { max_connections: 'plenty' } });
        await cluster.stop();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(KgError);
      const message = (thrown as KgError).message;
      expect(message).toMatch(/^postgres\.startCluster: `\S+\/postgres -D /);
      expect(message).toContain('-c max_connections=plenty` exited with code 1');
      expect(message).toContain('invalid value for parameter "max_connections": "plenty"');
      expect(readdirSync(parent.path)).toEqual([]);
    } finally {
      parent.cleanup();
    }
  });

  it('sweeps away the cluster of a test process that was killed before it could stop it', async () => {
    const parent = tempDir();
    chmodSync(parent.path, 0o755);
    const scripts = tempDir();
    let orphan: { pid: number; dataDir: string; socketDir: string } | undefined;
    let cluster: PgCluster | undefined;
    try {
      const script = join(scripts.path, 'orphan.mts');
      const support = pathToFileURL(join(ROOT, 'tests', 'support', 'postgres.ts')).href;
      writeFileSync(
        script,
        `import { startCluster } from ${JSON.stringify(support)};\n` +
          'const cluster = await startCluster({ parentDir: process.argv[2] });\n' +
          'console.log(JSON.stringify({ pid: cluster.pid, dataDir: cluster.dataDir, socketDir: cluster.socketDir }));\n' +
          'setInterval(() => {}, 1000);\n',
      );
      const child = spawn(process.execPath, ['--import', 'tsx', script, parent.path], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      const exitedEarly = once(child, 'exit').then(() => {
        throw new Error('the orphan script exited before printing its cluster');
      });
      const [line] = (await Promise.race([once(createInterface({ input: child.stdout }), 'line'), exitedEarly])) as [string];
      exitedEarly.catch(() => {}); // it exits later, when killed below
      orphan = JSON.parse(line) as { pid: number; dataDir: string; socketDir: string };
      child.kill('SIGKILL'); // no exit hook runs: the cluster outlives its test process
      await once(child, 'exit');
      expect(processRunning(orphan.pid)).toBe(true);
      expect(existsSync(join(orphan.dataDir, 'postmaster.pid'))).toBe(true);

      cluster = await startCluster({ parentDir: parent.path });
      expect(processRunning(orphan.pid)).toBe(false);
      expect(existsSync(orphan.dataDir)).toBe(false);
      expect(existsSync(orphan.socketDir)).toBe(false);
      expect(readdirSync(parent.path).sort()).toEqual([basename(cluster.dataDir), basename(cluster.socketDir)].sort());
      await cluster.stop();
      expect(readdirSync(parent.path)).toEqual([]);
    } finally {
      await cluster?.stop();
      if (orphan && processRunning(orphan.pid)) process.kill(orphan.pid, 'SIGQUIT');
      scripts.cleanup();
      parent.cleanup();
    }
  });
});

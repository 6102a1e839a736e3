// A throwaway PostgreSQL cluster for the tests: find the binaries, initdb and start one in temp folders, hand out fresh databases.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chownSync,
  closeSync,
  constants,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import pg from 'pg';
import { ConfigError, UnavailableError } from '../../src/errors.js';

/** The superuser initdb creates; trust authentication, so the URL needs no password. */
export const PG_SUPERUSER = 'newsgraph';
/** Every database freshDatabase() makes starts with this, and dropDatabase() drops nothing else. */
export const TEST_DB_PREFIX = 'newsgraph_test_';

const PROGRAMS = ['initdb', 'pg_ctl', 'postgres'] as const;
const DEBIAN_ROOT = '/usr/lib/postgresql';
const INSTALL_HINT =
  "install Debian's postgresql (apt-get install postgresql) or point NEWSGRAPH_PG_BIN at a folder holding initdb, pg_ctl and postgres, or set NEWSGRAPH_TEST_PG to the admin URL of a server you have";
/** Speed over durability: a test cluster is thrown away, so a crash may lose it whole. */
const TEST_SETTINGS: Readonly<Record<string, string>> = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '200',
};
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;
const PORT_ATTEMPTS = 3;

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function missingPrograms(dir: string): string[] {
  return PROGRAMS.filter((program) => !isExecutableFile(join(dir, program)));
}

/** Where the binaries are, or where we looked (for the message saying they are missing). */
function locatePostgres(env: NodeJS.ProcessEnv): { bin: string; looked?: undefined } | { bin: null; looked: string } {
  // An explicit folder wins and is not second-guessed: NEWSGRAPH_PG_BIN=/nonexistent hides an installed PostgreSQL.
  const explicit = env.NEWSGRAPH_PG_BIN;
  if (explicit) {
    const missing = missingPrograms(explicit);
    return missing.length === 0 ? { bin: explicit } : { bin: null, looked: `NEWSGRAPH_PG_BIN=${explicit}, which has no ${missing.join(', ')}` };
  }
  let versions: string[] = [];
  try {
    versions = readdirSync(DEBIAN_ROOT).filter((name) => /^\d+(\.\d+)?$/.test(name));
  } catch {
    // no Debian layout here; PATH may still have it
  }
  versions.sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const dir = join(DEBIAN_ROOT, version, 'bin');
    if (missingPrograms(dir).length === 0) return { bin: dir };
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir || !isExecutableFile(join(dir, 'initdb'))) continue;
    // /usr/local/bin/initdb is often a symlink into the real folder, which has the other programs next to it.
    const real = dirname(realpathSync(join(dir, 'initdb')));
    for (const candidate of [real, dir]) if (missingPrograms(candidate).length === 0) return { bin: candidate };
  }
  return { bin: null, looked: `${DEBIAN_ROOT}/<version>/bin and PATH; NEWSGRAPH_PG_BIN is unset` };
}

/** The folder holding initdb, pg_ctl and postgres: NEWSGRAPH_PG_BIN, else Debian's highest version, else PATH. */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string | null {
  return locatePostgres(env).bin;
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** PostgreSQL refuses to run as root: when we are root, its programs run as Debian's `postgres` system user. */
function postgresUser(): { uid: number; gid: number } | null {
  let passwd = '';
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
  } catch {
    return null;
  }
  for (const line of passwd.split('\n')) {
    const [name, , uid, gid] = line.split(':');
    if (name === 'postgres' && uid && gid) return { uid: Number(uid), gid: Number(gid) };
  }
  return null;
}

/** Whether a missing PostgreSQL fails the run (CI=true) instead of skipping its tests. */
export function pgRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true';
}

/**
 * Whether the PostgreSQL tests can run with this environment. When they cannot: under CI=true this throws, saying how
 * to install PostgreSQL; elsewhere it returns the reason, for the one line that says they were skipped.
 */
export function checkPostgres(env: NodeJS.ProcessEnv = process.env): { available: true } | { available: false; reason: string } {
  if (env.NEWSGRAPH_TEST_PG) return { available: true };
  let reason = env.NEWSGRAPH_TEST_PG_SKIPPED;
  if (!reason) {
    const found = locatePostgres(env);
    if (!found.bin) reason = `PostgreSQL not found (looked in ${found.looked})`;
    else if (isRoot() && !postgresUser()) reason = 'running as root, which PostgreSQL refuses, and there is no "postgres" user to run it as';
    else return { available: true };
  }
  if (pgRequired(env))
    throw new UnavailableError(
      `postgres.checkPostgres: ${reason}, and CI=true makes the PostgreSQL tests required. To fix it, ${INSTALL_HINT}; .ci/run installs it.`,
    );
  return { available: false, reason };
}

/** The one loud line saying the PostgreSQL tests were skipped and how to run them. */
export function announcePgSkipped(reason: string): void {
  process.stderr.write(`\n*** PostgreSQL tests SKIPPED: ${reason}. To run them, ${INSTALL_HINT}. CI=true makes them required. ***\n\n`);
}

let availability: boolean | undefined;

/**
 * For `describe.skipIf(!pgAvailable())`: true when the run has a cluster (NEWSGRAPH_TEST_PG), throws under CI=true when
 * it cannot have one, and otherwise returns false after one loud line on stderr (unless the globalSetup already said it).
 */
export function pgAvailable(): boolean {
  if (availability !== undefined) return availability;
  const check = checkPostgres();
  if (!check.available && !process.env.NEWSGRAPH_TEST_PG_SKIPPED) announcePgSkipped(check.reason);
  availability = check.available;
  return availability;
}

interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

function tail(text: string, lines = 12): string {
  const kept = text.trimEnd().split('\n').slice(-lines).join('\n');
  return kept.length > 2000 ? `…${kept.slice(-2000)}` : kept || '(no output)';
}

function commandLine(program: string, args: readonly string[]): string {
  return [program, ...args].map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replaceAll("'", `'\\''`)}'`)).join(' ');
}

function commandFailed(program: string, args: readonly string[], result: CommandResult, fix: string): UnavailableError {
  const how = result.code !== null ? `exited with code ${result.code}` : `was killed by ${result.signal ?? 'a signal'}`;
  return new UnavailableError(`postgres.startCluster: \`${commandLine(program, args)}\` ${how}; its output ends:\n${tail(result.output)}\n${fix}`);
}

function spawnOptions(user: { uid: number; gid: number } | null, cwd: string) {
  // English messages for the error tails; uid/gid drop root (libuv also drops root's supplementary groups).
  return { cwd, env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, ...(user ?? {}) };
}

/** Records the program startCluster runs now, with the signal that ends it if the test process exits first. */
type TrackChild = (child: ChildProcess, signalOnExit: NodeJS.Signals) => void;

/** Runs a program to its end, collecting stdout and stderr together (initdb prints its errors on either). */
function runCommand(
  program: string,
  args: readonly string[],
  user: { uid: number; gid: number } | null,
  cwd: string,
  track: TrackChild,
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { ...spawnOptions(user, cwd), stdio: ['ignore', 'pipe', 'pipe'] });
    track(child, 'SIGKILL');
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('error', (error) => resolve({ code: null, signal: null, output: `${output}${error.message}` }));
    child.on('close', (code, signal) => resolve({ code, signal, output }));
  });
}

/** A port free on 127.0.0.1 right now (another process may take it before postgres binds; startCluster retries then). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function acceptsConnections(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface PgCluster {
  /** Admin URL: the superuser on the `postgres` database, over TCP on 127.0.0.1. */
  url: string;
  /** Folder of the Unix socket (`.s.PGSQL.<port>`); connect with host=<socketDir>. */
  socketDir: string;
  dataDir: string;
  port: number;
  /** The postmaster's process id. */
  pid: number;
  /** Fast shutdown, then both temp folders removed. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface StartClusterOptions {
  /** Server settings (`-c name=value`) over the test defaults (fsync, synchronous_commit, full_page_writes off; 200 connections). */
  settings?: Record<string, string>;
  /** Where the two temp folders go (default: the OS temp folder); the `postgres` user must be able to reach it. */
  parentDir?: string;
}

/**
 * initdb into a fresh temp folder and start `postgres` on 127.0.0.1 (a free port) and on a Unix socket in a second
 * temp folder; resolves once it accepts connections. Any failure names the command, its exit code and the end of its
 * output, and leaves no process or folder behind.
 */
export async function startCluster(options: StartClusterOptions = {}): Promise<PgCluster> {
  const located = locatePostgres(process.env);
  if (!located.bin) throw new UnavailableError(`postgres.startCluster: PostgreSQL not found (looked in ${located.looked}). To fix it, ${INSTALL_HINT}.`);
  const bin = located.bin;
  const user = isRoot() ? postgresUser() : null;
  if (isRoot() && !user)
    throw new UnavailableError(
      'postgres.startCluster: running as root, which PostgreSQL refuses, and there is no "postgres" user to run it as. Install Debian\'s postgresql (it creates the user) or run the tests as an ordinary user.',
    );
  const parent = options.parentDir ?? tmpdir();
  const settings = { ...TEST_SETTINGS, ...options.settings };
  await sweepOrphans(parent);
  // The folder names carry our pid, so a later run can tell they were orphaned if we die without cleaning up.
  const dataDir = mkdtempSync(join(parent, `newsgraph-pg-data-${process.pid}-`));
  let socketDir = '';
  const removeFolders = () => {
    for (const dir of [dataDir, socketDir]) if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  };
  // initdb, then the postmaster. Should the test process exit first (an uncaught error, Ctrl-C: vitest exits on
  // SIGINT), it is killed — initdb outright, the postmaster by immediate shutdown — and the folders removed. Only a
  // SIGKILL of the test process can leave a cluster behind.
  let running: { child: ChildProcess; signal: NodeJS.Signals } | undefined;
  const track: TrackChild = (child, signal) => {
    running = { child, signal };
  };
  const onExit = () => {
    if (running && !exited(running.child)) running.child.kill(running.signal);
    removeFolders();
  };
  process.on('exit', onExit);
  const release = () => process.off('exit', onExit);
  try {
    socketDir = mkdtempSync(join(parent, `newsgraph-pg-sock-${process.pid}-`));
    if (user) for (const dir of [dataDir, socketDir]) chownSync(dir, user.uid, user.gid);

    const initdb = join(bin, 'initdb');
    // --no-sync: nothing of this cluster needs to survive a power cut.
    const initArgs = ['-D', dataDir, '--auth=trust', '-U', PG_SUPERUSER, '--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions'];
    const init = await runCommand(initdb, initArgs, user, parent, track);
    if (init.code !== 0) {
      const fix = user ? `Check that the postgres user can reach and write to ${parent}` : `Check that ${parent} is writable`;
      throw commandFailed(initdb, initArgs, init, `${fix} (or set TMPDIR to another folder).`);
    }

    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const started = await launchServer(bin, dataDir, socketDir, port, settings, user, parent, track);
      if (started === 'port-taken' && attempt < PORT_ATTEMPTS) continue;
      if (started === 'port-taken')
        throw new UnavailableError(`postgres.startCluster: ${PORT_ATTEMPTS} free ports in a row were taken before postgres could bind them. Run again.`);
      return clusterHandle(started, port, dataDir, socketDir, removeFolders, release);
    }
  } catch (error) {
    release();
    removeFolders();
    throw error;
  }
}

/** Whether a process runs: exists and is not a zombie waiting for a parent to reap it (an orphan's parent may be slow). */
export function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // "1234 (postgres) Z …": the state follows the parenthesised name
    return !/\)\s+Z\s/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return !existsSync('/proc/self/stat'); // gone just now, or no /proc here (then kill(0) is all we have)
  }
}

/**
 * Removes the clusters of test processes that died without stopping them (SIGKILL, a fork vitest killed): their
 * folders name a pid that no longer runs. A postmaster still running in one is shut down first, once /proc confirms
 * the pid in its postmaster.pid really is that folder's server.
 */
async function sweepOrphans(parent: string): Promise<void> {
  let names: string[] = [];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const owner = /^newsgraph-pg-(?:data|sock)-(\d+)-/.exec(name)?.[1];
    if (!owner || processRunning(Number(owner))) continue;
    const dir = join(parent, name);
    try {
      const postmaster = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (postmaster > 0 && readFileSync(`/proc/${postmaster}/cmdline`, 'utf8').split('\0').includes(dir)) {
        process.kill(postmaster, 'SIGQUIT');
        for (let waited = 0; waited < 5_000 && processRunning(postmaster); waited += 50) await sleep(50);
      }
    } catch {
      // no server running there
    }
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    } catch {
      // another user's folder, or one going away as we look
    }
  }
}

/** Starts the postmaster and waits until it answers; 'port-taken' when another process bound the port first. */
async function launchServer(
  bin: string,
  dataDir: string,
  socketDir: string,
  port: number,
  settings: Record<string, string>,
  user: { uid: number; gid: number } | null,
  cwd: string,
  track: TrackChild,
): Promise<ChildProcess | 'port-taken'> {
  const program = join(bin, 'postgres');
  const args = ['-D', dataDir, '-c', 'listen_addresses=127.0.0.1', '-c', `port=${port}`, '-c', `unix_socket_directories=${socketDir}`];
  for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
  // The server log goes to a file, not a pipe: a pipe nobody drains would stall the server.
  const logPath = join(dataDir, 'server.log');
  const log = openSync(logPath, 'w');
  let child: ChildProcess;
  try {
    // detached: its own process group, so Ctrl-C reaches vitest (whose exit stops it) rather than postgres directly.
    child = spawn(program, args, { ...spawnOptions(user, cwd), stdio: ['ignore', log, log], detached: true });
  } finally {
    closeSync(log);
  }
  track(child, 'SIGQUIT');
  let spawnError = '';
  child.on('error', (error) => {
    spawnError = error.message;
  });
  const url = `postgres://${PG_SUPERUSER}@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exited(child) || spawnError) {
      const output = `${readFileSync(logPath, 'utf8')}${spawnError}`;
      if (/could not bind .*Address already in use/.test(output)) return 'port-taken';
      throw commandFailed(program, args, { code: child.exitCode, signal: child.signalCode, output }, 'Fix the setting or folder it names.');
    }
    if (await acceptsConnections(url)) return child;
    if (Date.now() > deadline) {
      child.kill('SIGQUIT');
      await waitForExit(child, 10_000);
      const output = readFileSync(logPath, 'utf8');
      throw new UnavailableError(
        `postgres.startCluster: \`${commandLine(program, args)}\` did not accept connections on ${url} within ${READY_TIMEOUT_MS / 1000} s; its log ends:\n${tail(output)}\nThe machine may be overloaded; run again.`,
      );
    }
    await sleep(50);
  }
}

function clusterHandle(
  child: ChildProcess,
  port: number,
  dataDir: string,
  socketDir: string,
  removeFolders: () => void,
  releaseExitHook: () => void,
): PgCluster {
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (!exited(child)) {
        child.kill('SIGINT'); // fast shutdown: roll back open transactions, disconnect clients, checkpoint
        if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
          child.kill('SIGQUIT'); // immediate shutdown
          if (!(await waitForExit(child, 5_000))) child.kill('SIGKILL');
          await waitForExit(child, 5_000);
        }
      }
      removeFolders();
      releaseExitHook();
    })();
    return stopping;
  };
  return { url: `postgres://${PG_SUPERUSER}@127.0.0.1:${port}/postgres`, socketDir, dataDir, port, pid: child.pid ?? 0, stop };
}

function adminUrl(method: string): string {
  const url = process.env.NEWSGRAPH_TEST_PG;
  if (!url)
    throw new ConfigError(
      `postgres.${method}: NEWSGRAPH_TEST_PG is not set. Run the tests with vitest (tests/support/pg-global-setup.ts starts a cluster and sets it), guard the suite with describe.skipIf(!pgAvailable()), or set it to the admin URL of a PostgreSQL server.`,
    );
  return url;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let created = 0;

/** Creates a new, empty, uniquely named database in the run's cluster (NEWSGRAPH_TEST_PG) and returns its URL. */
export async function freshDatabase(): Promise<string> {
  const admin = adminUrl('freshDatabase');
  created += 1;
  const name = `${TEST_DB_PREFIX}${process.pid}_${created}_${randomBytes(4).toString('hex')}`;
  // template0: pristine, whatever another test may have put in template1.
  await withAdmin(admin, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database freshDatabase() made, even with clients still connected (WITH (FORCE)); a missing one is fine. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const admin = adminUrl('dropDatabase');
  let target: URL;
  try {
    target = new URL(databaseUrl);
  } catch {
    throw new ConfigError(`postgres.dropDatabase: "${databaseUrl}" is not a URL. Pass the URL freshDatabase() returned.`);
  }
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name.startsWith(TEST_DB_PREFIX) || !/^[a-z0-9_]+$/.test(name))
    throw new ConfigError(
      `postgres.dropDatabase: refusing to drop "${name}": only databases made by freshDatabase() (named ${TEST_DB_PREFIX}…) are dropped. Pass the URL freshDatabase() returned.`,
    );
  const adminHost = new URL(admin).host;
  if (target.host !== adminHost)
    throw new ConfigError(
      `postgres.dropDatabase: "${databaseUrl}" is on ${target.host}, but the test cluster is on ${adminHost}. Pass the URL freshDatabase() returned.`,
    );
  await withAdmin(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

// vitest globalSetup: one throwaway PostgreSQL cluster for the whole run; its admin URL reaches every test file as NEWSGRAPH_TEST_PG.
import { announcePgSkipped, checkPostgres, startCluster } from './postgres.js';

/**
 * The test workers get the admin URL through process.env: vitest builds each fork's environment from the main
 * process's process.env when it schedules the files, after the global setups ran (pool env = { ...process.env, … }).
 * Unlike provide/inject, the variable also reaches the programs a test spawns (a CLI worker, a second server).
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  // A server the developer pointed us at: use it, start nothing.
  if (process.env.NEWSGRAPH_TEST_PG) return undefined;
  const check = checkPostgres(); // throws under CI=true when PostgreSQL is missing
  if (!check.available) {
    announcePgSkipped(check.reason);
    // The workers skip quietly: the line above was the run's one announcement.
    process.env.NEWSGRAPH_TEST_PG_SKIPPED = check.reason;
    return undefined;
  }
  // Started eagerly: 1.1–1.5 s, most of it initdb. Starting it only when a PostgreSQL test asks would need the workers
  // to coordinate a start among themselves and hand the stop back to this process; not worth it for that.
  const cluster = await startCluster();
  process.env.NEWSGRAPH_TEST_PG = cluster.url;
  return async () => {
    delete process.env.NEWSGRAPH_TEST_PG;
    await cluster.stop();
  };
}

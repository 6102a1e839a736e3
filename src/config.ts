// Configuration from environment variables, each overridden by the matching CLI flag; validated before any work.
import { ConfigError } from './errors.js';

export interface Config {
  db: string;
  host: string;
  port: number;
  token: string | null;
  corsOrigins: string[];
  production: boolean;
}

export interface ConfigFlags {
  db?: string | undefined;
  host?: string | undefined;
  port?: string | undefined;
}

export const DEFAULT_DB = './data/newsgraph.db';

export function loadConfig(env: NodeJS.ProcessEnv, flags: ConfigFlags = {}): Config {
  const db = flags.db ?? env.NEWSGRAPH_DB ?? DEFAULT_DB;
  if (db.trim() === '') throw new ConfigError('config: the database path is empty. Set NEWSGRAPH_DB or --db to a file path such as ./data/newsgraph.db.');
  const portText = flags.port ?? env.PORT ?? '4000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText.trim()) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(
      `config: ${flags.port !== undefined ? '--port' : 'PORT'} is "${portText}"; use a whole number from 0 to 65535 (0 picks a free port).`,
    );
  }
  const host = flags.host ?? env.HOST ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host))
    throw new ConfigError(
      `config: ${flags.host !== undefined ? '--host' : 'HOST'} is "${host}", which is not a host name or address. Use 127.0.0.1 (the default) or 0.0.0.0.`,
    );
  const token = env.NEWSGRAPH_TOKEN && env.NEWSGRAPH_TOKEN.length > 0 ? env.NEWSGRAPH_TOKEN : null;
  if (token !== null && token.length < 16)
    throw new ConfigError('config: NEWSGRAPH_TOKEN is shorter than 16 characters. Use a long random value (for example: openssl rand -hex 32).');
  const corsOrigins = (env.NEWSGRAPH_CORS_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin))
      throw new ConfigError(`config: NEWSGRAPH_CORS_ORIGINS has "${origin}"; each origin is scheme://host[:port] with no path, e.g. http://localhost:5173.`);
  }
  return { db, host, port, token, corsOrigins, production: env.NODE_ENV === 'production' };
}

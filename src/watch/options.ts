// The watcher's inputs, validated before any request: the feed list file and durations such as 30s, 15m, 1h.
import { readFileSync } from 'node:fs';
import { InvalidInputError, NotFoundError, UsageError } from '../errors.js';
import { decodeText } from '../ingest/decode.js';

/** "30s", "15m", "1h", "1h30m", "90s" → milliseconds; null when the text is not such a duration. */
export function parseDuration(text: string): number | null {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim());
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

/** Milliseconds as the shortest duration text: 900000 → "15m", 5400000 → "1h30m", 1500 → "1.5s". */
export function formatDuration(ms: number): string {
  if (ms < 1000 || ms % 1000 !== 0) return `${Number((ms / 1000).toFixed(1))}s`;
  const s = ms / 1000;
  const parts = [
    Math.floor(s / 3600) ? `${Math.floor(s / 3600)}h` : '',
    Math.floor((s % 3600) / 60) ? `${Math.floor((s % 3600) / 60)}m` : '',
    s % 60 ? `${s % 60}s` : '',
  ];
  return parts.join('') || '0s';
}

/** A duration flag within [min, max]; the error names the flag, the value and what would do. */
export function durationFlag(flag: string, value: string, minMs: number, maxMs: number): number {
  const ms = parseDuration(value);
  if (ms === null) throw new UsageError(`watch: ${flag} "${value}" is not a duration. Write a number with a unit: 30s, 15m, 1h (or combined, such as 1h30m).`);
  if (ms < minMs) throw new UsageError(`watch: ${flag} ${value} is under the minimum of ${formatDuration(minMs)}. Use ${formatDuration(minMs)} or more.`);
  if (ms > maxMs) throw new UsageError(`watch: ${flag} ${value} is over the maximum of ${formatDuration(maxMs)}. Use ${formatDuration(maxMs)} or less.`);
  return ms;
}

/**
 * The feed URLs listed in a file, one per line; blank lines and "#" comments (whole lines, or after a space) are skipped,
 * repeats are read once. A line that is not an http(s) URL refuses the whole list, naming the line.
 */
export function readFeedList(path: string): string[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NotFoundError(`watch.readFeedList: ${path} does not exist. Give --feeds a file with one feed URL per line.`);
    throw new InvalidInputError(`watch.readFeedList: cannot read ${path} (${code ?? (error as Error).message}). Give --feeds a readable file.`);
  }
  const urls: string[] = [];
  const lines = decodeText(bytes, path).split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    let url: URL;
    try {
      url = new URL(line);
    } catch {
      throw new InvalidInputError(
        `watch.readFeedList: ${path}:${i + 1} is not a URL (${JSON.stringify(line)}). Put one feed URL per line; # starts a comment.`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new InvalidInputError(
        `watch.readFeedList: ${path}:${i + 1} is a ${url.protocol} URL (${JSON.stringify(line)}). Feeds are fetched over http or https.`,
      );
    if (!urls.includes(url.href)) urls.push(url.href);
  });
  if (urls.length === 0) throw new InvalidInputError(`watch.readFeedList: ${path} lists no feed URLs. Put one feed URL per line; # starts a comment.`);
  return urls;
}

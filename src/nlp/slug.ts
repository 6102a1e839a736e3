// Ids: `${type}:${slug}` with the slug as lower-case ASCII words joined by "-".
import { createHash } from 'node:crypto';

export function slugify(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’'`]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length > 0) return ascii.slice(0, 80).replace(/-+$/, '');
  // Names with no Latin letters still need a stable id.
  return `u${createHash('sha256').update(name.normalize('NFC')).digest('hex').slice(0, 12)}`;
}

export function entityId(type: string, name: string): string {
  return `${type}:${slugify(name)}`;
}

/** Normalised comparison key: case, curly quotes, leading article, possessive and punctuation ignored. */
export function nameKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[’‘`]/g, "'")
    .toLowerCase()
    .replace(/^(the|a|an)\s+/, '')
    .replace(/'s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

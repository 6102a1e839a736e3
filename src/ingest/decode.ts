// Turns raw bytes into text, refusing binary and non-UTF-8 input with the reason and the fix.
import { InvalidInputError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is refused. */
export function decodeText(bytes: Uint8Array, origin: string): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  }
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul >= 0) {
    throw new InvalidInputError(`ingest.decodeText: expected UTF-8 text in ${origin}, got binary data (NUL at byte ${nul}). Convert the file to UTF-8 text.`);
  }
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new InvalidInputError(
      `ingest.decodeText: expected UTF-8 text in ${origin}, got invalid UTF-8 (${describeBadByte(body)}). Re-save the file as UTF-8 (for example: iconv -f latin1 -t utf-8).`,
    );
  }
  const controls = countControlChars(text);
  if (text.length > 0 && controls / text.length > 0.1) {
    throw new InvalidInputError(
      `ingest.decodeText: expected text in ${origin}, got mostly control characters (${controls} of ${text.length}). Is it a binary file?`,
    );
  }
  return text;
}

function describeBadByte(bytes: Uint8Array): string {
  const at = firstInvalidUtf8(bytes);
  return `byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at offset ${at}`;
}

/** Offset of the first byte that breaks UTF-8 (a truncated final sequence counts as broken). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}

function countControlChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0x7f) n++;
  }
  return n;
}

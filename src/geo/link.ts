// Place linking: gives every place and country of an extraction its gazetteer reading (GeoNames city or ISO
// country) when one resolves, decided by what the document says, and gives a place that is not the usual city of
// its name an id of its own.
import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import { lookupCountry } from '../nlp/lexicon/countries.js';
import { slugify } from '../nlp/slug.js';
import type { ExtractedEntity, ExtractedRelation, Extraction, GeoAttributes, GeoReading } from '../nlp/types.js';
import { type City, gazetteer, MIN_TOLERANT_LETTERS } from './gazetteer.js';
import { isRegionName, lookupPostalCode, lookupRegion, lookupRegionAfterCity, type Region } from './lexicon.js';

const countries = createRequire(import.meta.url)('world-countries') as Country[];
const countryReadings = new Map<string, GeoReading>(
  countries.map((c) => [
    c.cca2,
    { geonamesId: null, name: c.name.common, lat: c.latlng[0], lon: c.latlng[1], countryCode: c.cca2, admin1: null, population: null },
  ]),
);

/** The reading of a country by its ISO code (world-countries' coordinates; no GeoNames id, no population). */
export function countryReading(iso: string): GeoReading | undefined {
  return countryReadings.get(iso);
}

// How much each kind of evidence weighs. A reading's weight is its population times these factors; its confidence
// is its share of the weights of all readings of the name.
/** A city in the country a document names throughout (share 1) weighs 10^1.5 ≈ 32 times more; half the mentions, 10^0.75. */
const COUNTRY_SHARE_EXPONENT = 1.5;
/** A city in the country of the dateline ("LONDON 1996-08-30") weighs this much more. */
const DATELINE_FACTOR = 10;
/** A spelling that matches only tolerantly ("Derna" for "Darnah") weighs less than the name as written. */
const TOLERANT_FACTOR = { same: 0.3, vowels: 0.1 };
/** Below this many people, a city that nothing in the text points to is no reading: too many small towns share names. */
const MIN_UNSUPPORTED_POPULATION = 15_000;
/** A region's or continent's name ("Victoria", "Washington") reads as a city only when the city is this large. */
const MIN_CITY_OVER_REGION = 500_000;
/** An exact name of this many people settles a name: no tolerant spelling is looked for ("Berlin" is not "Barlin"). */
const MIN_SETTLED_POPULATION = 100_000;
/** A region's name read as a city ("Washington") is at most this sure. */
const REGION_NAME_CONFIDENCE = 0.6;
/** A reading decided without the text locating the place is never certain: the gazetteer has no villages or regions. */
const MAX_UNLOCATED_CONFIDENCE = 0.95;
/** The runner-up is reported when it holds at least this share. */
const MIN_RUNNER_UP_SHARE = 0.01;
/** Cities counted as having no population (GeoNames says 0) weigh as the smallest it lists. */
const FLOOR_POPULATION = 1000;
/** How much a dateline's country and a place's located country add to the document's countries, in mentions. */
const DATELINE_MENTIONS = 2;
const LOCATED_MENTIONS = 1;
/** A country named only by its demonym ("Brazilian officials") counts this many mentions. */
const DEMONYM_MENTIONS = 0.5;

/** Where the text locates a place: a country, or a region of one. */
interface Container {
  country: string;
  admin1?: string;
  /** As written ("Texas", "Libya"), for the reason. */
  text: string;
}

interface Scored {
  city: City;
  weight: number;
  tolerant: number | null;
}

/**
 * Gives each place and country its reading (`attributes.geo`) and renames a place whose reading is not the most
 * populous city of its name. Returns the extraction (changed in place and re-sorted).
 *
 * Ids: a place keeps `place:<slug>` when it reads as the most populous city of its name worldwide (the reading
 * every document without other evidence gives it), and otherwise gets the country appended
 * (`place:derna-ly`), for US cities the state too (`place:paris-us-tx`); when the country (or state) holds several
 * cities of that name, the GeoNames admin1 code follows (`place:<slug>-<cc>-<admin1>`), and the GeoNames id when
 * that admin1 holds several too (`place:<slug>-<cc>-<admin1>-<geonamesId>`). The id
 * depends only on the name and the reading, so the same city gets the same id in every document, and two cities of
 * one name stay two nodes.
 */
export function linkPlaces(x: Extraction, text: string): Extraction {
  const places = x.entities.filter((e) => e.type === 'place');
  for (const e of x.entities) {
    if (e.type !== 'country' || !e.attributes.iso) continue;
    const reading = countryReading(e.attributes.iso);
    if (reading) e.attributes.geo = { ...reading, confidence: 1, reason: 'country', runnerUp: null };
  }
  if (places.length === 0) return x;

  const byId = new Map(x.entities.map((e) => [e.id, e]));
  const containers = new Map<string, Container>();
  for (const e of places) {
    const c = containerOf(e, text, x.relations, byId);
    if (c) containers.set(e.id, c);
  }
  const dateline = datelinePlace(x, text);
  // The countries the document names, by mentions; the dateline's and the located places' countries add to them.
  const weights = new Map<string, number>();
  const addWeight = (iso: string, w: number): void => {
    weights.set(iso, (weights.get(iso) ?? 0) + w);
  };
  for (const e of x.entities)
    if (e.type === 'country' && e.attributes.iso) addWeight(e.attributes.iso, e.mentions.length > 0 ? e.mentions.length : DEMONYM_MENTIONS);
  for (const c of containers.values()) addWeight(c.country, LOCATED_MENTIONS);
  const named = new Set(weights.keys());
  const datelineContainer = dateline ? containers.get(dateline.id) : undefined;
  let datelineCountry: string | null = datelineContainer?.country ?? null;
  if (dateline && !datelineCountry) {
    // "PARIS (Reuters) -": a wire names a city alone in its dateline only when it is the well-known one.
    const best = gazetteer().candidates(dateline.name)[0];
    const needed = isRegionName(dateline.name) ? MIN_CITY_OVER_REGION : MIN_UNSUPPORTED_POPULATION;
    if (best && (best.population ?? 0) >= needed && lookupCountry(dateline.name) === undefined) datelineCountry = best.countryCode;
  }
  if (datelineCountry) addWeight(datelineCountry, DATELINE_MENTIONS);
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  const share = (iso: string): number => (total > 0 ? (weights.get(iso) ?? 0) / total : 0);

  const renames = new Map<string, string>();
  for (const e of places) {
    const geo = resolvePlace(e, containers.get(e.id), {
      share,
      named,
      countries: [...weights.keys()].sort(),
      datelineCountry,
      isDateline: e === dateline,
    });
    if (!geo) continue;
    e.attributes.geo = geo.attributes;
    const id = placeId(e, geo.attributes, geo.defaultReading);
    if (id !== e.id && !byId.has(id)) renames.set(e.id, id);
  }
  return renames.size > 0 ? renameEntities(x, renames) : x;
}

interface Context {
  share: (iso: string) => number;
  /** Countries the text names, or names as a place's container ("Paris, Texas" names the United States). */
  named: Set<string>;
  /** Countries the document names (or locates places in), where the tolerant comparison looks. */
  countries: string[];
  datelineCountry: string | null;
  isDateline: boolean;
}

function resolvePlace(e: ExtractedEntity, container: Container | undefined, ctx: Context): { attributes: GeoAttributes; defaultReading: boolean } | null {
  const g = gazetteer();
  // "The Hague" is a city's name; "the Gambia River" is not: the article goes when the name without it is a city.
  let name = e.name;
  let exact = g.candidates(name);
  if (exact.length === 0 && /^the\s/i.test(name)) {
    name = name.replace(/^the\s+/i, '');
    exact = g.candidates(name);
  }
  const scored: Scored[] = exact.map((city) => ({ city, weight: 0, tolerant: null }));
  const letters = name.replace(/[^\p{L}]/gu, '').length;
  // A country's name typed as a place ("ITALY" in a headline) is the country, never a town named after it.
  if (lookupCountry(name) !== undefined && !container) return null;
  const region = isRegionName(name);
  // Transliterations differ ("Derna" and GeoNames' "Darnah"): before giving up, a city spelled alike in the
  // countries the text names. Not when the name as written is a city there or a large city anywhere ("Berlin" in a
  // story naming France is not "Barlin"), nor for a region's name.
  const tolerantIn = container ? [container.country] : ctx.countries;
  const settled = exact.some(
    (c) => (c.population ?? 0) >= MIN_SETTLED_POPULATION || tolerantIn.includes(c.countryCode) || c.countryCode === ctx.datelineCountry,
  );
  if (letters >= MIN_TOLERANT_LETTERS && !region && !settled) {
    for (const country of tolerantIn) {
      for (const t of g.tolerant(name, country)) {
        if (!scored.some((s) => s.city.geonamesId === t.city.geonamesId)) scored.push({ city: t.city, weight: 0, tolerant: t.distance });
      }
    }
  }
  let pool = scored;
  let reason: string[];
  // "Florida, US": a region's name located in its own country is the region, no town of that name.
  if (container && !container.admin1 && lookupRegion(name)?.country === container.country) return null;
  if (container) {
    // "Paris, Texas", "Tripoli [Libya]": the text says where; no reading elsewhere counts.
    pool = scored.filter((s) => s.city.countryCode === container.country && (!container.admin1 || s.city.admin1 === container.admin1));
    reason = [`located: ${container.text}`];
  } else {
    pool = scored.filter((s) => {
      const pop = s.city.population ?? 0;
      if (region) return pop >= MIN_CITY_OVER_REGION;
      return ctx.share(s.city.countryCode) > 0 || s.city.countryCode === ctx.datelineCountry || pop >= MIN_UNSUPPORTED_POPULATION;
    });
    reason = [];
  }
  if (pool.length === 0) return null;
  for (const s of pool) {
    let w = Math.max(s.city.population ?? 0, FLOOR_POPULATION);
    if (!container) {
      w *= 10 ** (COUNTRY_SHARE_EXPONENT * ctx.share(s.city.countryCode));
      if (s.city.countryCode === ctx.datelineCountry && !ctx.isDateline) w *= DATELINE_FACTOR;
    }
    if (s.tolerant !== null) w *= s.tolerant === 0 ? TOLERANT_FACTOR.same : TOLERANT_FACTOR.vowels;
    s.weight = w;
  }
  pool.sort((a, b) => b.weight - a.weight || (b.city.population ?? 0) - (a.city.population ?? 0) || a.city.geonamesId - b.city.geonamesId);
  const sum = pool.reduce((a, s) => a + s.weight, 0);
  const best = pool[0] as Scored;
  const second = pool[1];
  let confidence = best.weight / sum;
  if (!container) {
    confidence = Math.min(confidence, MAX_UNLOCATED_CONFIDENCE);
    if (ctx.isDateline) reason.push('dateline');
    else if (best.city.countryCode === ctx.datelineCountry) reason.push(`dateline country: ${best.city.countryCode}`);
    if (ctx.named.has(best.city.countryCode)) reason.push(`country named: ${best.city.countryCode}`);
    if (region) {
      // "Washington": the city, most likely, but the state is a reading the gazetteer cannot offer.
      confidence = Math.min(confidence, REGION_NAME_CONFIDENCE);
      reason.push('also a region name');
    }
    reason.push(scored.length > 1 ? 'population' : 'only city of the name');
  }
  if (best.tolerant !== null) reason.push(`spelled ${best.city.name}`);
  const runnerUp = second && second.weight / sum >= MIN_RUNNER_UP_SHARE ? reading(second.city) : null;
  const top = exact[0];
  return {
    attributes: { ...reading(best.city), confidence: Math.round(confidence * 1000) / 1000, reason: reason.join('; '), runnerUp },
    defaultReading: best.tolerant === null && top !== undefined && top.geonamesId === best.city.geonamesId && name === e.name,
  };
}

const reading = (c: City): GeoReading => ({
  geonamesId: c.geonamesId,
  name: c.name,
  lat: c.lat,
  lon: c.lon,
  countryCode: c.countryCode,
  admin1: c.admin1,
  population: c.population,
});

/** The id rule of linkPlaces (see there). */
function placeId(e: ExtractedEntity, geo: GeoAttributes, defaultReading: boolean): string {
  if (defaultReading || geo.geonamesId === null) return e.id;
  const base = e.id.startsWith('place:') ? e.id : `place:${slugify(e.name)}`;
  const g = gazetteer();
  const sameName = g.candidates(e.name).filter((c) => c.geonamesId !== geo.geonamesId);
  const parts = [geo.countryCode.toLowerCase()];
  const inCountry = sameName.filter((c) => c.countryCode === geo.countryCode);
  if (geo.countryCode === 'US' || inCountry.length > 0) {
    if (geo.admin1) parts.push(slugify(geo.admin1));
    if (inCountry.some((c) => c.admin1 === geo.admin1)) parts.push(String(geo.geonamesId));
  }
  return `${base}-${parts.join('-')}`;
}

// ---- where the text locates a place ------------------------------------------------------------------------------

/** Up to four capitalised words after a comma ("Paris, Texas", "Perth, Western Australia"); "of" may join them. */
const AFTER_COMMA = /^,\s*((?:the\s+)?\p{Lu}[\p{L}.'’-]*(?:\s+(?:of\s+)?\p{Lu}[\p{L}.'’-]*){0,3})/u;
/** "Tripoli [Libya]", "Paris (Texas)". */
const IN_BRACKETS = /^\s*[([]\s*([\p{L}. '’-]{2,40}?)\s*[)\]]/u;
/** What follows a container that makes it one of a list ("Paris, Germany and Italy"), not the place's container. */
const LIST_GOES_ON = /^\s+(?:and|or)\b/;
/**
 * What may follow a container: punctuation, a capitalised word, a preposition or a time word ("Paris, Texas, on
 * Sunday", "Palm Beach, Florida, US January 7"); not a verb ("in Geneva, Iran will engage": a clause's subject).
 */
const CONTAINER_ENDS =
  /^(?:\s*$|\s*[^\s\p{L}]|\s+\p{Lu}|\s+(?:on|in|at|near|for|from|to|with|by|after|before|during|since|until|last|this|next|early|late|where|when)\b)/u;

function containerOf(e: ExtractedEntity, text: string, relations: ExtractedRelation[], byId: Map<string, ExtractedEntity>): Container | null {
  for (const m of e.mentions) {
    const after = text.slice(m.end, m.end + 80);
    const bracket = IN_BRACKETS.exec(after);
    if (bracket?.[1]) {
      const c = containerNamed(bracket[1].trim(), true);
      if (c) return c;
    }
    const comma = AFTER_COMMA.exec(after);
    if (comma?.[1]) {
      // Longest first: "New South Wales" before "New".
      const words = comma[1].split(/\s+/);
      for (let k = words.length; k >= 1; k--) {
        const phrase = words.slice(0, k).join(' ');
        // An abbreviation only as the whole run ("Paris, Tex."; not the "Del" of "Paris, Del Mar").
        const c = containerNamed(phrase, k === words.length);
        if (!c) continue;
        const rest = after.slice(after.indexOf(phrase) + phrase.length);
        if (!LIST_GOES_ON.test(rest) && CONTAINER_ENDS.test(rest)) return c;
      }
    }
  }
  // "Iran's Alto Verde", "Alto Verde, Iran": a located_in relation the extraction found to a country or region.
  for (const r of relations) {
    if (r.type !== 'located_in' || r.source !== e.id) continue;
    const target = byId.get(r.target);
    if (target?.type === 'country' && target.attributes.iso) return { country: target.attributes.iso, text: target.name };
    if (target?.type === 'place') {
      const region = lookupRegion(target.name);
      if (region) return { ...region, text: target.name };
    }
  }
  return null;
}

function containerNamed(phrase: string, abbreviated: boolean): Container | null {
  const cleaned = phrase.replace(/^the\s+/i, '');
  const region: Region | undefined = abbreviated
    ? (lookupRegionAfterCity(cleaned) ?? (/^[A-Z]{2}$/.test(cleaned) ? lookupPostalCode(cleaned) : undefined))
    : lookupRegion(cleaned);
  if (region) return { ...region, text: cleaned };
  // "U.S." and "US" are countries here; a two-letter postal code was tried first.
  const iso = lookupCountry(cleaned) ?? lookupCountry(phrase);
  return iso ? { country: iso, text: cleaned } : null;
}

/**
 * The place a dateline names: a place mention that opens one of the first lines, followed by at most a region or
 * country, brackets ("(Reuters)", "[Libya]") and a date, then a dash, a colon or an ISO date
 * ("LONDON 1996-08-30", "PARIS (Reuters) -", "KARACHI, (Reuters):", "Tripoli [Libya], September 15:").
 */
const DATELINE_TAIL =
  /^(?:,\s*(?:\p{Lu}[\p{L}.]*\s*){1,3})?(?:,?\s*[([][^)\]\n]{1,40}[)\]])*(?:,?\s*\p{L}{3,9}\.?\s+\d{1,2})?(?:\s+\d{4}-\d{2}-\d{2}|\s*[-—–:])/u;
const DATELINE_LINES = 4;

function datelinePlace(x: Extraction, text: string): ExtractedEntity | null {
  const lineStarts: number[] = [];
  for (let at = 0, k = 0; k < DATELINE_LINES && at <= text.length; k++) {
    const skip = /^\s*/.exec(text.slice(at))?.[0].length ?? 0;
    lineStarts.push(at + skip);
    const nl = text.indexOf('\n', at + skip);
    if (nl < 0) break;
    at = nl + 1;
  }
  let found: { e: ExtractedEntity; start: number } | null = null;
  for (const e of x.entities) {
    if (e.type !== 'place') continue;
    for (const m of e.mentions) {
      if (!lineStarts.includes(m.start) || !DATELINE_TAIL.test(text.slice(m.end, m.end + 80))) continue;
      if (!found || m.start < found.start) found = { e, start: m.start };
    }
  }
  return found?.e ?? null;
}

// ---- renaming ----------------------------------------------------------------------------------------------------

/** Renames entities everywhere in an extraction: relations (and their ids), co-occurrences, events, roles. */
function renameEntities(x: Extraction, renames: Map<string, string>): Extraction {
  const id = (v: string): string => renames.get(v) ?? v;
  for (const e of x.entities) {
    e.id = id(e.id);
    for (const r of e.attributes.roles ?? []) if (r.of) r.of = id(r.of);
  }
  const relink = (rs: ExtractedRelation[], symmetric: boolean): ExtractedRelation[] =>
    rs
      .map((r) => {
        let source = id(r.source);
        let target = id(r.target);
        // Co-occurrences are unordered: their pair stays sorted, as extract() writes it.
        if (symmetric && target < source) [source, target] = [target, source];
        return { ...r, id: `${source}|${r.type}|${target}`, source, target };
      })
      .sort(byIdOrder);
  for (const ev of x.events) {
    if (ev.location) ev.location = id(ev.location);
    for (const p of ev.participants) p.entity = id(p.entity);
  }
  return {
    ...x,
    entities: [...x.entities].sort(byIdOrder),
    relations: relink(x.relations, false),
    cooccurrences: relink(x.cooccurrences, true),
  };
}

const byIdOrder = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

// Country names, official names, short forms, demonyms and capitals, built once from world-countries data.
import { createRequire } from 'node:module';
import type { Country } from 'world-countries';

// world-countries is CommonJS and its typings declare an ES default export: load it through require, typed.
const countries = createRequire(import.meta.url)('world-countries') as Country[];

export interface CountryInfo {
  iso: string;
  name: string;
  official: string;
  capitals: string[];
}

/** Usual short forms that the dataset lacks (general usage, not facts about any article). */
const EXTRA_NAMES: Record<string, string> = {
  America: 'US',
  'U.S.': 'US',
  'U.S.A.': 'US',
  'United States of America': 'US',
  Britain: 'GB',
  'Great Britain': 'GB',
  'U.K.': 'GB',
  Turkey: 'TR',
  Holland: 'NL',
  Burma: 'MM',
  'Czech Republic': 'CZ',
  'East Timor': 'TL',
  'Ivory Coast': 'CI',
  'Congo-Kinshasa': 'CD',
};
/** Upper-case codes common enough in news to stand for a country; two-letter ISO codes are not ("IN", "IT" are words). */
const CODES: Record<string, string> = { US: 'US', USA: 'US', UK: 'GB', UAE: 'AE', DRC: 'CD', DPRK: 'KP', PRC: 'CN', ROK: 'KR' };
/** Plural demonyms that are not demonym + "s". */
const EXTRA_DEMONYMS: Record<string, string> = { British: 'GB', Brits: 'GB', Dutch: 'NL', Swiss: 'CH', Chinese: 'CN', Japanese: 'JP' };

export const normKey = (s: string): string =>
  s
    .normalize('NFKC')
    .replace(/[’‘`]/g, "'")
    .replace(/^the\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

const byIso = new Map<string, CountryInfo>();
const byName = new Map<string, string>();
const byDemonym = new Map<string, string>();
const byCapital = new Map<string, string>();

for (const c of countries) {
  const capitals = c.capital.map((cap) => cap.replace(/\s+D\.C\.$/, ''));
  byIso.set(c.cca2, { iso: c.cca2, name: c.name.common, official: c.name.official, capitals });
}
for (const c of countries) {
  // Only sovereign or UN-member states: territories keep their own names but do not shadow states.
  const names = [c.name.common, c.name.official, ...c.altSpellings.filter((s) => s.length > 3 && !/^[A-Z]+$/.test(s) && !s.includes(','))];
  for (const n of names) {
    const k = normKey(n);
    if (!byName.has(k) || c.independent) byName.set(k, c.cca2);
  }
  const dem = c.demonyms?.eng;
  if (dem && c.independent) {
    for (const d of new Set([dem.m, dem.f])) {
      if (!d) continue;
      const k = normKey(d);
      if (!byDemonym.has(k)) byDemonym.set(k, c.cca2);
      if (!d.endsWith('s') && !byDemonym.has(`${k}s`)) byDemonym.set(`${k}s`, c.cca2);
    }
  }
  if (c.independent) {
    for (const cap of c.capital) {
      const k = normKey(cap.replace(/\s+D\.C\.$/, ''));
      if (k && !byCapital.has(k)) byCapital.set(k, c.cca2);
    }
  }
}
// "Antigua", "Saint Kitts": a state named "X and Y" is often called by its first part alone.
for (const c of countries) {
  const pair = /^(.+?) and /.exec(c.name.common);
  if (c.independent && pair?.[1] && !byName.has(normKey(pair[1]))) byName.set(normKey(pair[1]), c.cca2);
}
for (const [n, iso] of Object.entries(EXTRA_NAMES)) byName.set(normKey(n), iso);
for (const [n, iso] of Object.entries(EXTRA_DEMONYMS)) byDemonym.set(normKey(n), iso);

/** Language names ("English", "Arabic", "Hindi"): a broadcast "in English" is no place. */
const languages = new Set<string>();
for (const c of countries) for (const name of Object.values(c.languages ?? {})) languages.add(normKey(name));

export function isLanguage(surface: string): boolean {
  return languages.has(normKey(surface));
}

export function countryByIso(iso: string): CountryInfo | undefined {
  return byIso.get(iso);
}

/** "Iran", "Islamic Republic of Iran", "the United States", "U.S.", "US" → ISO code. Codes match only in upper case. */
export function lookupCountry(surface: string): string | undefined {
  const code = CODES[surface.replace(/^the\s+/i, '')];
  if (code) return code;
  if (/^[A-Z.]{2,5}$/.test(surface) && !surface.includes('.')) return undefined;
  return byName.get(normKey(surface));
}

/** "Iranian", "Americans" → ISO code. */
export function lookupDemonym(surface: string): string | undefined {
  return byDemonym.get(normKey(surface));
}

/** "Lima", "Paris" → ISO code of the country whose capital it is. */
export function lookupCapital(surface: string): string | undefined {
  return byCapital.get(normKey(surface));
}

// General geographic word lists: first-level regions that locate a city ("Paris, Texas"), and English names of cities
// that GeoNames spells another way. General knowledge, never names taken from an article.

export interface Region {
  /** ISO 3166-1 alpha-2 of the country the region lies in. */
  country: string;
  /** GeoNames first-level division code of the region. */
  admin1: string;
}

/** [name, postal code, AP abbreviation] of each US state and the District of Columbia (GeoNames admin1 = postal code). */
const US_STATES: [string, string, string][] = [
  ['Alabama', 'AL', 'Ala.'],
  ['Alaska', 'AK', 'Alaska'],
  ['Arizona', 'AZ', 'Ariz.'],
  ['Arkansas', 'AR', 'Ark.'],
  ['California', 'CA', 'Calif.'],
  ['Colorado', 'CO', 'Colo.'],
  ['Connecticut', 'CT', 'Conn.'],
  ['Delaware', 'DE', 'Del.'],
  ['District of Columbia', 'DC', 'D.C.'],
  ['Florida', 'FL', 'Fla.'],
  ['Georgia', 'GA', 'Ga.'],
  ['Hawaii', 'HI', 'Hawaii'],
  ['Idaho', 'ID', 'Idaho'],
  ['Illinois', 'IL', 'Ill.'],
  ['Indiana', 'IN', 'Ind.'],
  ['Iowa', 'IA', 'Iowa'],
  ['Kansas', 'KS', 'Kan.'],
  ['Kentucky', 'KY', 'Ky.'],
  ['Louisiana', 'LA', 'La.'],
  ['Maine', 'ME', 'Maine'],
  ['Maryland', 'MD', 'Md.'],
  ['Massachusetts', 'MA', 'Mass.'],
  ['Michigan', 'MI', 'Mich.'],
  ['Minnesota', 'MN', 'Minn.'],
  ['Mississippi', 'MS', 'Miss.'],
  ['Missouri', 'MO', 'Mo.'],
  ['Montana', 'MT', 'Mont.'],
  ['Nebraska', 'NE', 'Neb.'],
  ['Nevada', 'NV', 'Nev.'],
  ['New Hampshire', 'NH', 'N.H.'],
  ['New Jersey', 'NJ', 'N.J.'],
  ['New Mexico', 'NM', 'N.M.'],
  ['New York', 'NY', 'N.Y.'],
  ['North Carolina', 'NC', 'N.C.'],
  ['North Dakota', 'ND', 'N.D.'],
  ['Ohio', 'OH', 'Ohio'],
  ['Oklahoma', 'OK', 'Okla.'],
  ['Oregon', 'OR', 'Ore.'],
  ['Pennsylvania', 'PA', 'Pa.'],
  ['Rhode Island', 'RI', 'R.I.'],
  ['South Carolina', 'SC', 'S.C.'],
  ['South Dakota', 'SD', 'S.D.'],
  ['Tennessee', 'TN', 'Tenn.'],
  ['Texas', 'TX', 'Texas'],
  ['Utah', 'UT', 'Utah'],
  ['Vermont', 'VT', 'Vt.'],
  ['Virginia', 'VA', 'Va.'],
  ['Washington', 'WA', 'Wash.'],
  ['West Virginia', 'WV', 'W.Va.'],
  ['Wisconsin', 'WI', 'Wis.'],
  ['Wyoming', 'WY', 'Wyo.'],
];

/** Canadian provinces and territories, Australian states and territories, the nations of the United Kingdom. */
const OTHER_REGIONS: [string[], string, string][] = [
  [['Alberta', 'Alta.'], 'CA', '01'],
  [['British Columbia', 'B.C.'], 'CA', '02'],
  [['Manitoba', 'Man.'], 'CA', '03'],
  [['New Brunswick', 'N.B.'], 'CA', '04'],
  [['Newfoundland and Labrador', 'Nfld.'], 'CA', '05'],
  [['Newfoundland'], 'CA', '05'],
  [['Nova Scotia', 'N.S.'], 'CA', '07'],
  [['Ontario', 'Ont.'], 'CA', '08'],
  [['Prince Edward Island', 'P.E.I.'], 'CA', '09'],
  [['Quebec', 'Que.'], 'CA', '10'],
  [['Québec'], 'CA', '10'],
  [['Saskatchewan', 'Sask.'], 'CA', '11'],
  [['Yukon'], 'CA', '12'],
  [['Northwest Territories'], 'CA', '13'],
  [['Nunavut'], 'CA', '14'],
  [['Australian Capital Territory', 'ACT'], 'AU', '01'],
  [['New South Wales', 'NSW'], 'AU', '02'],
  [['Northern Territory'], 'AU', '03'],
  [['Queensland', 'Qld'], 'AU', '04'],
  [['South Australia'], 'AU', '05'],
  [['Tasmania'], 'AU', '06'],
  [['Victoria'], 'AU', '07'],
  [['Western Australia'], 'AU', '08'],
  [['England'], 'GB', 'ENG'],
  [['Scotland'], 'GB', 'SCT'],
  [['Wales'], 'GB', 'WLS'],
  [['Northern Ireland'], 'GB', 'NIR'],
];

/** Continents, oceans and world regions: names of no city, though a town may carry one ("Asia", Philippines). */
const WORLD_REGIONS = (
  'Africa|Antarctica|Asia|Europe|America|Americas|North America|South America|Latin America|Central America|Oceania|' +
  'Australasia|Middle East|Near East|Far East|Caribbean|Balkans|Baltics|Caucasus|Scandinavia|Maghreb|Sahel|Levant|' +
  'Horn of Africa|Gulf|Persian Gulf|Arctic|Siberia|Central Asia|South Asia|Southeast Asia|East Asia|West Africa|' +
  'East Africa|North Africa|Southern Africa|Sub-Saharan Africa|Western Europe|Eastern Europe|Central Europe|' +
  'Mediterranean|Pacific|Atlantic|Indian Ocean'
).split('|');

const regionKey = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
const WORLD = new Set(WORLD_REGIONS.map(regionKey));

/** Older abbreviations still written after a city ("Paris, Tex."). */
const OLDER_ABBREVIATIONS: [string, string][] = [
  ['Tex.', 'TX'],
  ['Penn.', 'PA'],
  ['Cal.', 'CA'],
  ['Wisc.', 'WI'],
  ['Minn.', 'MN'],
];

const REGIONS = new Map<string, Region>();
/** Abbreviations, keyed without their final period ("Fla" and "Fla." alike): regions only right after "City, ". */
const ABBREVIATIONS = new Map<string, Region>();
/** Two-letter postal codes ("TX"): regions only in upper case, right after "City, ". */
const POSTAL = new Map<string, Region>();
const abbreviationKey = (s: string): string => regionKey(s).replace(/\.$/, '');
for (const [name, code, ap] of US_STATES) {
  const r = { country: 'US', admin1: code };
  REGIONS.set(regionKey(name), r);
  if (ap !== name) ABBREVIATIONS.set(abbreviationKey(ap), r);
  POSTAL.set(code, r);
}
for (const [ap, code] of OLDER_ABBREVIATIONS) ABBREVIATIONS.set(abbreviationKey(ap), { country: 'US', admin1: code });
for (const [names, country, admin1] of OTHER_REGIONS) {
  REGIONS.set(regionKey(names[0] as string), { country, admin1 });
  for (const n of names.slice(1)) ABBREVIATIONS.set(abbreviationKey(n), { country, admin1 });
}

/** A first-level region by name: "Texas" → US/TX, "Scotland" → GB/SCT. */
export function lookupRegion(name: string): Region | undefined {
  return REGIONS.get(regionKey(name));
}

/** A region written after a city and a comma, by name or abbreviation: "Tex." or "Tex" → US/TX, "Ont." → CA/08. */
export function lookupRegionAfterCity(name: string): Region | undefined {
  return REGIONS.get(regionKey(name)) ?? ABBREVIATIONS.get(abbreviationKey(name));
}

/** "TX" → US/TX: a postal code, which is a region only written in capitals after a city and a comma. */
export function lookupPostalCode(code: string): Region | undefined {
  return POSTAL.get(code);
}

/**
 * Is this the name of a region ("Washington", "Victoria", "Ontario") or of a continent or world region ("Europe")? A region is no city: a bare region name links
 * to a city only when a city of that name is far larger than a town ("Washington, D.C.", "New York City").
 */
export function isRegionName(name: string): boolean {
  const key = regionKey(name.replace(/^the\s+/i, ''));
  return REGIONS.has(key) || WORLD.has(key);
}

/**
 * English names of cities that GeoNames spells otherwise (its local or current name), which neither folding nor the
 * tolerant comparison connects: English name → GeoNames id. Old names still common in English ("Bombay") are here;
 * names whose English form differs only by accents or a transliteration ("Kraków", "Basrah") are left to folding
 * and to the tolerant comparison, except for large cities often named without their country.
 */
export const EXONYMS: Record<string, number> = {
  Antwerp: 2803138,
  Astana: 1526273,
  Bangalore: 1277333,
  Basra: 99532,
  Bombay: 1275339,
  Bruges: 2800931,
  Calcutta: 1275004,
  Cologne: 2886242,
  Cracow: 3094802,
  Fallujah: 99454,
  Fez: 2548885,
  Frankfurt: 2925533,
  Geneva: 2660646,
  Ghent: 2797656,
  Gothenburg: 2711537,
  Hama: 170017,
  Hanover: 2910831,
  Hodeidah: 79415,
  Kharkov: 706483,
  'Khan Younis': 281124,
  Kiev: 703448,
  Louvain: 2792482,
  Lucerne: 2659811,
  Lvov: 702550,
  Madras: 1264527,
  Makkah: 104515,
  Mantua: 3174051,
  Marrakech: 2542997,
  'Mazar-i-Sharif': 1133616,
  Misrata: 2214846,
  Mykolaiv: 700569,
  'New York': 5128581,
  Newcastle: 2641673,
  'Nizhny Novgorod': 520555,
  Nuremberg: 2861650,
  Odesa: 698740,
  Padua: 3171728,
  Peking: 1816670,
  Raqqa: 172955,
  Rangoon: 1298824,
  'Rostov-on-Don': 501175,
  Saigon: 1566083,
  Saragossa: 3104324,
  Seville: 2510911,
  Sulaymaniyah: 98463,
  Taiz: 70225,
  Tangiers: 2530335,
  Xian: 1790630,
};

// Closed-class and frequent words that are capitalised only because they start a sentence, and verb lists.

/** Capitalised at the start of a sentence, never a name by themselves. */
export const FUNCTION_WORDS = new Set(
  (
    'a an the this that these those there here it its he she they we you i his her their our your my me him them us ' +
    'if when while since after before during amid among although though however but and or nor so yet also then now ' +
    'in on at by for from with without within about above below under over into onto upon of to as per via than ' +
    'all any both each every few many most much neither either none some such no not only just even still already ' +
    'what which who whom whose why how where whether once until unless because despite instead meanwhile moreover ' +
    'furthermore nevertheless nonetheless similarly additionally finally first second third last next today yesterday ' +
    'tomorrow tonight earlier later recently currently previously quite very rather perhaps maybe indeed overall ' +
    "according regarding beyond inside outside ahead let lets let's thus hence therefore otherwise besides sources " +
    'asked asked: yes ok okay mr mrs ms dr one two three four five six seven eight nine ten'
  ).split(/\s+/),
);

export const WEEKDAYS_MONTHS = new Set(
  (
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august ' +
    'september october november december jan feb mar apr jun jul aug sep sept oct nov dec'
  ).split(' '),
);

/** Verbs of speech and report: their subject is a speaker (a person when the name is unknown otherwise). */
export const SPEECH_VERBS = new Set(
  (
    'said says say told tells added adds stated states explained explains noted notes wrote writes argued argues warned ' +
    'warns insisted insists claimed claims announced announces declared declares urged urges signaled signalled ' +
    'emphasized emphasised stressed stresses described describes charged denied denies replied responded acknowledged ' +
    'confirmed confirms pledged vowed promised threatened suggested suggests asserted maintained recalled tweeted posted ' +
    'remarked commented admitted conceded countered observed predicted spoke speaks'
  ).split(' '),
);

/** Prepositions after which an unknown single name is a location: "in Alto Verde", "at Headingley". */
export const LOCATIVE_PREPOSITIONS = new Set(['in', 'at', 'near', 'outside', 'inside', 'across', 'around', 'from', 'to', 'into', 'toward', 'towards', 'via']);

/** Name particles allowed inside a person's name: "Omar al-Sayed", "Ursula von der Leyen". */
export const NAME_PARTICLES = new Set([
  'al',
  'el',
  'bin',
  'ibn',
  'bint',
  'van',
  'von',
  'der',
  'den',
  'de',
  'da',
  'del',
  'della',
  'di',
  'du',
  'la',
  'le',
  'dos',
  'das',
  'abu',
  'ul',
  'ud',
]);

/**
 * Capitalised common nouns and units that look like names: degrees, media, measures, time zones ("a PhD",
 * "TV news", "10 a.m. GMT"). Money amounts, times and time zones are never entities.
 */
export const COMMON_CAPS = new Set(
  (
    'tv phd mba ceo cfo coo cto gdp ai dna rna hiv aids sms suv atm vip ufo gps ipo hq pc cd dvd lng lpg ev evs mp mep pm am ' +
    'gmt utc est edt pst pdt cst cdt mst mdt bst cet cest eet eest ist jst aest aedt et pt'
  ).split(' '),
);

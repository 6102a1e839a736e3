// The gazetteer as typing evidence (issue 16, item 3): a capitalised name that is a known city of 10,000+ people is
// a place unless the sentence or the story says otherwise. Sentences that must give a place, and ones that must not.
import { describe, expect, it } from 'vitest';
import { type EntityType, extract } from '../../src/nlp/index.js';

const typeOf = (text: string, name: string): EntityType | undefined =>
  extract({ id: 't', title: null, publishedAt: null, text }).entities.find((e) => e.name === name)?.type;

describe('a known city is a place', () => {
  it.each([
    // No rule explains the word; the gazetteer does (Recife, Brazil: 1.5 million people).
    ['Recife was flooded on Monday, and the mayor asked for help.', 'Recife'],
    ['Troops entered Kandahar on Tuesday.', 'Kandahar'],
    // Two words the name rules would have read as a person's.
    ['Flights to Port Harcourt resumed on Monday.', 'Port Harcourt'],
    ['Police in New Haven arrested two men.', 'New Haven'],
    // Spelled like GeoNames' "Darnah" and "Groznyy" in the country the story names.
    ['Derna was hit by a second storm on Monday. Officials in Libya asked for help.', 'Derna'],
    ['Grozny was shelled again on Tuesday, Russian officials said.', 'Grozny'],
    // A surname too, but after "in" it is the city.
    ['Police in Hamilton said two men were held on Tuesday.', 'Hamilton'],
  ])('%s → %s is a place', (text, name) => {
    expect(typeOf(text, name)).toBe('place');
  });
});

describe('unless the sentence or the story says otherwise', () => {
  it.each([
    // A speaker is a person, whatever town shares the name.
    ['Jackson said on Monday that the talks had failed.', 'Jackson', 'person'],
    // A side named after its town, in a sports story.
    ['Leeds beat Chelsea 2-1 on Saturday. The coach said the goal was lucky and the season was long.', 'Leeds', 'organization'],
  ])('%s → %s is a %s', (text, name, type) => {
    expect(typeOf(text, name)).toBe(type);
  });

  it.each([
    // Ordinary words that are also towns: "Nice", "Mobile" open a sentence or modify a noun.
    ['Nice work, said the coach.', 'Nice'],
    ['Mobile phones were banned in schools.', 'Mobile'],
    // A name the gazetteer does not know stays unknown to it (no town called Quellmoor).
    ['Quellmoor said on Monday that the plan had failed.', 'Quellmoor'],
  ])('%s → %s is no place', (text, name) => {
    expect(typeOf(text, name)).not.toBe('place');
  });

  it('a word that is part of a longer name in the story is the short form of that name ("Dole" of "Bob Dole")', () => {
    const x = extract({ id: 't', title: null, publishedAt: null, text: 'Bob Dole spoke on Monday. In the evening Dole met donors.' });
    expect(x.entities.find((e) => e.type === 'place')).toBeUndefined();
    expect(x.entities.find((e) => e.name === 'Bob Dole')?.mentions.map((m) => m.text)).toEqual(['Bob Dole', 'Dole']);
  });

  it('the same story without the country gives Derna no city to be spelled like', () => {
    expect(typeOf('Derna was hit by a second storm on Monday.', 'Derna')).not.toBe('place');
  });
});

// Table-driven tests for name finding and typing: for each rule, sentences where it must give a name its type and
// sentences where it must not.
import { describe, expect, it } from 'vitest';
import { extract, type Extraction } from '../../src/nlp/index.js';

type Typed = 'person' | 'country' | 'organization' | 'place' | 'program' | 'event';

interface NameRule {
  /** [sentence, a mention's exact text, the type of its entity]. */
  finds: [string, string, Typed][];
  /** [sentence, text that no mention may have with that type ("any": no mention at all)]. */
  never: [string, string, Typed | 'any'][];
}

const run = (text: string): Extraction => extract({ id: 'test', title: null, publishedAt: null, text });
const typesOf = (x: Extraction, mention: string): string[] => x.entities.filter((e) => e.mentions.some((m) => m.text === mention)).map((e) => e.type);
const listing = (x: Extraction): string => x.entities.map((e) => `${e.type}:${e.mentions.map((m) => m.text).join('|')}`).join(', ');

const RULES: Record<string, NameRule> = {
  'competitions and awards are events': {
    finds: [
      ['The Nobel Prize in chemistry was awarded on Wednesday.', 'Nobel Prize', 'event'],
      ['Verdona, Harbour Cup winners in 1961, rode their luck.', 'Harbour Cup', 'event'],
      ['She reached the final of the Australian Open last year.', 'Australian Open', 'event'],
      ['The coach said his striker would miss the Premier League final next season.', 'Premier League', 'event'],
    ],
    never: [
      // Outside a sports story a league is a body.
      ['Delegates of the Merchants League met in Cairo on Sunday.', 'Merchants League', 'event'],
      ['The Nobel Committee said the work had transformed the field.', 'Nobel Committee', 'event'],
    ],
  },
  'laws, amendments and partnerships are programs': {
    finds: [
      ['The ban runs afoul of the First Amendment, the creators argued.', 'First Amendment', 'program'],
      ['Donors sealed deals under so-called Just Energy Transition Partnerships in 2022.', 'Just Energy Transition Partnerships', 'program'],
      ['Lawmakers passed the Clean Air Act in 1970.', 'Clean Air Act', 'program'],
    ],
    never: [['The Energy Transition Council met in Berlin.', 'Energy Transition Council', 'program']],
  },
  'a name heading its phrase after "the" is no person': {
    finds: [
      ['Roe was found guilty of using funds for her party, the Lok Dhara (LD), in France.', 'Lok Dhara', 'organization'],
      ['Their allies in the state, the Jana Sena and BJP, won 21 seats.', 'Jana Sena', 'organization'],
      ['The Red Kites lost again on Sunday.', 'Red Kites', 'organization'],
      ['The Clarion described the plan as reckless.', 'Clarion', 'organization'],
    ],
    never: [
      // A plural after "the" is a group of people; one word after "the" may be a place.
      ['The march was organised by the Loyalists.', 'Loyalists', 'organization'],
      ['Ships were already in the Gulf on Monday.', 'Gulf', 'organization'],
      // A person's name used as a modifier, and a person named without an article.
      ['Officials discussed the John Kerry plan on Monday.', 'John Kerry', 'organization'],
      ['Vice Minister Zhao Minghua arrived on Monday.', 'Zhao Minghua', 'organization'],
    ],
  },
  'a dateline names a place, and its bracketed agency is an organization of its own': {
    finds: [
      ['Lisbon (UPN) — A court has convicted the former minister.', 'Lisbon', 'place'],
      ['Lisbon (UPN) — A court has convicted the former minister.', 'UPN', 'organization'],
      ['Lima [Peru], September 15: The death toll rose again.', 'Lima', 'place'],
      ['DALEPORT, (Reuters): The bank appointed a new governor on Saturday.', 'DALEPORT', 'place'],
      ['Springfield (AP) — Officials closed the bridge on Monday.', 'AP', 'organization'],
    ],
    never: [
      ['Springfield (AP) — Officials closed the bridge on Monday.', 'AP', 'place'],
      ['Analysis: Tehran weighs its options after the vote.', 'Analysis', 'any'],
      ['TENNIS - RESULTS FROM THE U.S. OPEN', 'TENNIS', 'any'],
      ['Northfield (N) - Eastwick (to be played on Sunday)', 'Northfield', 'place'],
      // A capital used for its government in mid-line stays the country.
      ['Officials said Paris (the government) would respond — eventually.', 'Paris', 'place'],
    ],
  },
  'a head word in front types the name': {
    finds: [
      ['Militants arrived outside Hotel Sahafi in two vehicles.', 'Hotel Sahafi', 'place'],
      ['Over 50,000 fans packed the Stadio Verde on Wednesday.', 'Stadio Verde', 'place'],
      ['The minister told state-run Radio Mogadishu that forces had taken the hotel.', 'Radio Mogadishu', 'organization'],
      ['Radio Azul quoted local police in the town.', 'Radio Azul', 'organization'],
    ],
    never: [
      ['Radio reports said two people died.', 'Radio', 'any'],
      ['Hotel guests fled on Sunday.', 'Hotel', 'any'],
    ],
  },
  'a body noun after a name makes it an organization': {
    finds: [
      ['The mayor told the Al Arabiya channel late on Wednesday.', 'Al Arabiya', 'organization'],
      ['But Le Courrier newspaper, quoting witnesses, said more.', 'Le Courrier', 'organization'],
      ['The Tanjug news agency said on Friday that 20 people died.', 'Tanjug', 'organization'],
    ],
    never: [
      ['Opposition group says the army advanced on Monday.', 'Opposition', 'any'],
      ['Chartered bank assets rose in July.', 'Chartered', 'any'],
      ['Senator Joan Ferris said the party would vote.', 'Joan Ferris', 'organization'],
      ['French company executives met on Monday.', 'French', 'organization'],
    ],
  },
  'a capital named as the city is a place': {
    finds: [
      ['Suicide attackers struck a hotel in the Somali capital Mogadishu early Sunday.', 'Mogadishu', 'place'],
      ['Islamists attack popular Mogadishu hotel, 15 killed', 'Mogadishu', 'place'],
      ["Supporters were allowed into Lima's National Stadium.", 'Lima', 'place'],
      ["Tanks rolled through Kyiv's streets on Monday.", 'Kyiv', 'place'],
    ],
    never: [
      ["Tehran's nuclear program worries its neighbours.", 'Tehran', 'place'],
      ['Moscow said on Monday that the talks had failed.', 'Moscow', 'place'],
      ['Washington imposed new sanctions on Friday.', 'Washington', 'place'],
    ],
  },
  'a middle initial stays inside the name, and a capital after an ellipsis opens a clause': {
    finds: [
      ['The prize went to biochemist Maria A. Lindqvist on Wednesday.', 'Maria A. Lindqvist', 'person'],
      ['The director, Petra F. Holm, arrived on Monday.', 'Petra F. Holm', 'person'],
    ],
    never: [
      ['The prize went to biochemist Maria A. Lindqvist on Wednesday.', 'Maria', 'any'],
      ['“The scissors were found eight years ago. … Perhaps the dream will come true,” she said.', 'Perhaps', 'any'],
      ['“It worked... Perhaps we will try again,” she said.', 'Perhaps', 'any'],
    ],
  },
  'a body noun before a name says what body it is': {
    finds: [
      ['The members of the Islamist group al-Shabaab arrived outside the hotel.', 'al-Shabaab', 'organization'],
      ['Swedish telecoms group Westel Nord AB said on Friday it won an order.', 'Westel Nord AB', 'organization'],
      ['He was quoted by the daily Morgen Kurier on Saturday.', 'Morgen Kurier', 'organization'],
      ['The league fined Belgian club Racing Verde on Friday.', 'Racing Verde', 'organization'],
    ],
    never: [
      ['The members of the Islamist group al-Shabaab arrived outside the hotel.', 'Islamist', 'any'],
      ['The group leader Abdi Hassan said more.', 'Abdi Hassan', 'organization'],
      ["The party's Joan Ferris said the vote would pass.", 'Joan Ferris', 'organization'],
    ],
  },
  'a single word and the same word with a company suffix are one body': {
    finds: [
      ['Shares in printing company Korvex S.A. plunged. Korvex said its results were weak.', 'Korvex', 'organization'],
      ['Acme Group said profits rose. Acme reported earnings on Monday.', 'Acme', 'organization'],
    ],
    never: [['Gerald Ford spoke on Monday. Ford said the plan would work.', 'Ford', 'organization']],
  },
  'a name holding an acronym is no person': {
    finds: [
      ['Doudna is currently a professor at UC Berkeley.', 'UC Berkeley', 'organization'],
      ['Roe said he regarded Brightvale GDRs as cheap.', 'Brightvale GDRs', 'organization'],
    ],
    never: [
      ['JD Marlow spoke to reporters on Monday.', 'JD Marlow', 'organization'],
      // A lone letter after a name is a class of shares, not part of a name.
      ['Shell will provide 0.4454 Shell B shares for each BG share.', 'Shell B', 'any'],
    ],
  },
  'a portfolio after a title belongs to the title': {
    finds: [
      ['They met officials, including Minister of Health Marcelo Castro, on Monday.', 'Marcelo Castro', 'person'],
      ['UNHA Executive Director for Outbreaks and Health Emergencies Bruce Hallam will join them.', 'Bruce Hallam', 'person'],
      ['WHO Executive Director for Outbreaks and Health Emergencies Bruce Hallam will join them.', 'WHO', 'organization'],
      ['The Minister for Trade Ana Lopes said tariffs would fall.', 'Ana Lopes', 'person'],
      // A body after the title stays a body.
      ['She was named director of the World Health Organization in 2006.', 'World Health Organization', 'organization'],
      ['Lindqvist is UNHA’s advisor on Rural Development.', 'UNHA', 'organization'],
      // A name the story never writes in lower case, with no person after it, is the body the title is held in.
      ['The board will meet until a new general manager of Brightvale is appointed.', 'Brightvale', 'organization'],
    ],
    never: [
      ['“This is the first mission,” said Petra Holm, an advisor on Rural Development of Coastal Regions.', 'Rural Development', 'any'],
      ['“This is the first mission,” said Petra Holm, an advisor on Rural Development of Coastal Regions.', 'Coastal Regions', 'any'],
      ['They met officials, including Minister of Health Marcelo Castro, on Monday.', 'Health Marcelo Castro', 'any'],
      ['Only the President of Peru, Dina Boluarte, is missing.', 'Peru', 'person'],
    ],
  },
  'a state named "X and Y" answers to its first part': {
    finds: [
      ['The minister has recently visited Trinidad, Chile and Ghana.', 'Trinidad', 'country'],
      ['Peacekeepers left Bosnia in 2004.', 'Bosnia', 'country'],
      ['Cruise ships stopped in Antigua on Monday.', 'Antigua', 'country'],
    ],
    never: [['Fans travelled from Tobago Street to the ground.', 'Tobago', 'country']],
  },
  'an institution word alone refers back to the body named in full, or to none': {
    finds: [
      ['Peru is in talks with the Northern Monetary Fund. Officials said the Fund wanted reforms.', 'Fund', 'organization'],
      ['The NDP won 35 seats in the Westland Assembly. The LDP won 8 Assembly seats.', 'Assembly', 'organization'],
    ],
    never: [
      ['The Government hopes a bailout will help stabilise the budget.', 'Government', 'any'],
      ['“The government asks this Court to bless the restriction,” the company wrote.', 'Court', 'any'],
    ],
  },
  'a body named with "of", "for" and "on" runs on; a city after "in" is where it is': {
    finds: [
      ['Hallam heads the UN Office for the Coordination of Relief Affairs.', 'UN Office for the Coordination of Relief Affairs', 'organization'],
      ['The polls are watched by the Commission on Fair Elections, a non-profit.', 'Commission on Fair Elections', 'organization'],
      ['Holm is a director at the Westbrook Institute for Marine Biology in Oslo.', 'Westbrook Institute for Marine Biology', 'organization'],
      ['Holm is a director at the Westbrook Institute for Marine Biology in Oslo.', 'Oslo', 'place'],
      ['Ministers met at the Organization for Security and Cooperation in Europe.', 'Organization for Security and Cooperation in Europe', 'organization'],
    ],
    never: [
      ['The Commission met on Monday to discuss the budget.', 'Commission on Monday', 'any'],
      ['Kia Motor Corp of South Korea said sales rose.', 'Kia Motor Corp of South Korea', 'any'],
    ],
  },
  'degrees, media words, time zones, plural acronyms and languages are no names': {
    finds: [['The IMF economist holds a PhD from Harvard University.', 'Harvard University', 'organization']],
    never: [
      ['He later obtained a PhD in economics.', 'PhD', 'any'],
      ['According to TV news reports, Roe will be sworn in on June 8.', 'TV', 'any'],
      ['She was found guilty alongside eight MEPs from her party.', 'MEPs', 'any'],
      ['The market closed early at 1400 EDT on Friday.', 'EDT', 'any'],
      ['The channel broadcasts news in English and Arabic.', 'English', 'any'],
      ['The channel broadcasts news in English and Arabic.', 'Arabic', 'any'],
    ],
  },
  'a word that is no part of a place name, before a city or a country, names a body after it': {
    finds: [
      ['Fans hurled bottles at Dynamo Lima players during the game.', 'Dynamo Lima', 'organization'],
      ['He was deported on a scheduled Air Peru flight to Quito.', 'Air Peru', 'organization'],
      ['Mourinho led Inter Milan to the title 12 years ago.', 'Inter Milan', 'organization'],
      ['Statistics Norway on Friday reported a rise in prices.', 'Statistics Norway', 'organization'],
    ],
    never: [
      ['Officials met in New Westbrook on Monday.', 'New Westbrook', 'organization'],
      ['Trade between N. Korea and S. Korea stalled in May.', 'S. Korea', 'organization'],
      ['Storms hit Southern California and Greater London.', 'Greater London', 'organization'],
      ['The striker Tom Jordan scored twice.', 'Tom Jordan', 'organization'],
    ],
  },
  'a title-case headline names only what is no ordinary word': {
    finds: [
      ['Trump Drops Three Agreements to Get Countries Off Coal\nPresident Donald Trump has abandoned the plan.', 'Trump', 'person'],
      ['Acme Holdings Wins Contract to Build Bridge\nAcme Holdings said on Monday it won the contract.', 'Acme Holdings', 'organization'],
    ],
    never: [
      ['Trump Drops Three Agreements to Get Countries Off Coal\nThe Trump administration has abandoned the plan.', 'Get Countries Off Coal', 'any'],
      ['Trump Drops Three Agreements to Get Countries Off Coal\nThe Trump administration has abandoned the plan.', 'Trump Drops Three Agreements', 'any'],
      // A results row is no headline: "Northfield United" stays whole.
      ['Brighton 1 Eastwick 1\nNorthfield United 0 Westbrook 2', 'Northfield', 'any'],
    ],
  },
  'a role noun opening a sentence is not part of the name after it': {
    finds: [['Witness Abdullahi Ali said he saw militants chasing guests.', 'Abdullahi Ali', 'person']],
    never: [
      ['Witness Abdullahi Ali said he saw militants chasing guests.', 'Witness Abdullahi Ali', 'any'],
      ['Queens Park Rangers beat Eastwick on Sunday.', 'Park Rangers', 'any'],
    ],
  },
  'compounds and addressees': {
    finds: [
      ['Lima-born and Westbrook-educated Holm is a professor.', 'Lima', 'place'],
      ['Lima-born and Westbrook-educated Holm is a professor.', 'Westbrook', 'organization'],
      ['"I am really happy," Marlow said to Skyline after the game.', 'Skyline', 'organization'],
    ],
    never: [
      ['The Iran-backed group fired rockets.', 'Iran', 'place'],
      ['A well-known singer performed.', 'well', 'any'],
      ['She moved to Lisbon after the war.', 'Lisbon', 'organization'],
    ],
  },
  'diseases and compass-point demonyms are no names': {
    finds: [['Experts met in Recife to assess the Zika virus response.', 'Recife', 'place']],
    never: [
      ['Experts met in Recife to assess the Zika virus response.', 'Zika', 'any'],
      ['Peru, the South American nation, seeks a bailout.', 'South American', 'any'],
      ['East European leaders met on Monday.', 'East European', 'any'],
    ],
  },
  "a leader's government is a body; a capital's or a demonym's is the country's": {
    finds: [
      ['He dismissed the accusations against the Maduro government as a narrative.', 'Maduro government', 'organization'],
      ['The protest was made to the Lima government on Monday.', 'Lima', 'country'],
    ],
    never: [
      ['The protest was made to the Lima government on Monday.', 'Lima government', 'any'],
      ['Delegates from the Philippine government met the rebels.', 'Philippine government', 'any'],
    ],
  },
};

describe.each(Object.entries(RULES))('%s', (_rule, { finds, never }) => {
  it.each(finds)('finds in "%s": %s as %s', (text, mention, type) => {
    const x = run(text);
    expect(typesOf(x, mention), listing(x)).toEqual([type]);
  });
  it.each(never)('in "%s" does not find %s as %s', (text, mention, type) => {
    const x = run(text);
    const types = typesOf(x, mention);
    if (type === 'any') expect(types, listing(x)).toEqual([]);
    else expect(types, listing(x)).not.toContain(type);
  });
});

describe('a country named only by its demonym', () => {
  const countries = (text: string): string[] =>
    run(text)
      .entities.filter((e) => e.type === 'country')
      .map((e) => e.name)
      .sort();
  it.each([
    ['The merger between Acme and British rival Westel Group was cleared.', ['United Kingdom']],
    ['They held firm in the face of Dutch dominance.', ['Netherlands']],
    ['The French-born Holm is a director in Oslo.', ['France']],
  ])('is in the story: %s', (text, expected) => {
    expect(countries(text)).toEqual(expected);
  });
  it.each([
    // A demonym inside a name ("Royal Swedish Academy") names no country; "European" names none at all.
    'The prizes were announced by the Royal Swedish Academy of Sciences.',
    'European officials met in the morning.',
  ])('is not invented: %s', (text) => {
    expect(countries(text)).toEqual([]);
  });
});

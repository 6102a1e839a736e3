// Example sentences for every extraction rule, by the rule's reason: where it must fire (with what it must find)
// and where it must not. Kept with the tests so that src/ holds no names from any article.

export interface RuleExamples {
  /** [sentence, "source|relation|target" by entity name, or "event:<eventType>"]. */
  fires: [string, string][];
  mustNotFire: string[];
  /** Plain sentences that should fire and do not yet, with what they should find: reported to the rule's owner. */
  todo?: [string, string][];
  /** Sentences where the rule fires and should not yet does: reported to the rule's owner. */
  todoMustNotFire?: string[];
}

export const RULE_EXAMPLES: Record<string, RuleExamples> = {
  'title-apposition': {
    fires: [
      ["Iran's foreign minister Abbas Araghchi spoke on Monday.", 'Abbas Araghchi|foreign_minister_of|Iran'],
      ['Iranian President Masoud Pezeshkian told reporters on Wednesday.', 'Masoud Pezeshkian|president_of|Iran'],
      ['US President-elect Donald Trump makes remarks.', 'Donald Trump|president_elect_of|United States'],
      ['Hawkish Israeli Prime Minister Benjamin Netanyahu has said little.', 'Benjamin Netanyahu|prime_minister_of|Israel'],
      ['French Foreign Minister Jean-Noel Barrot met his counterpart.', 'Jean-Noel Barrot|foreign_minister_of|France'],
    ],
    mustNotFire: [
      'President Joe Biden said the talks went well.',
      'The president of the club, John Smith, resigned.',
      'Iran, President Joe Biden said, is weaker.',
      'The General Assembly voted on Tuesday.',
    ],
  },
  'place-comma-container': {
    fires: [
      ['Trump spoke at his club in Palm Beach, Florida, on Tuesday.', 'Palm Beach|located_in|Florida'],
      ['Workers inspect a building in the city of Kamianske, Dnipropetrovsk region, Ukraine.', 'Dnipropetrovsk region|located_in|Ukraine'],
    ],
    mustNotFire: [
      'Ministers from France, Britain, and Germany met in Geneva.',
      'Iran, Russia, China, North Korea are aligning more closely.',
      'Araghchi said that in Geneva, Iran will engage with the EU.',
    ],
  },
  'title-apposition-comma': {
    fires: [
      ['The plan drew criticism from Hamid Abutalebi, a political advisor to former President Hassan Rouhani.', 'Hamid Abutalebi|advisor_to|Hassan Rouhani'],
      [
        "Donald Trump won. Trump's newly appointed senior adviser on the Middle East, Massad Boulos, said the plan would go ahead.",
        'Massad Boulos|advisor_to|Donald Trump',
      ],
    ],
    mustNotFire: ['Hamid Abutalebi, a farmer, spoke to Hassan Rouhani.', 'The adviser left, and Massad Boulos stayed.'],
  },
  'nominal-title': {
    fires: [
      [
        "Vice president Mohammad Javad Zarif spoke on Monday. Later, Iran's vice president for strategic affairs said more.",
        'Mohammad Javad Zarif|vice_president_of|Iran',
      ],
    ],
    mustNotFire: ["President Joe Biden spoke. Iranian President Masoud Pezeshkian replied. Iran's president said more."],
  },
  'possessive-organization': {
    fires: [["In response, Iran's Islamic Revolutionary Guard Corps suspended devices.", 'Islamic Revolutionary Guard Corps|part_of|Iran']],
    mustNotFire: ["Iran's ally Hezbollah was weakened.", 'Iran and the Red Cross met.'],
  },
  'demonym-organization': {
    fires: [['The Iranian Civil Aviation Organization banned pagers.', 'Iranian Civil Aviation Organization|part_of|Iran']],
    mustNotFire: ['The Atomic Energy Organization said nothing.'],
  },
  'possessive-place': {
    fires: [["A power failure hit Iran's Natanz uranium enrichment site in April.", 'Natanz|located_in|Iran']],
    mustNotFire: ["Iran's economy is weak."],
  },
  'name-in-place': {
    fires: [['Trump makes remarks at Mar-a-Lago in Palm Beach on Tuesday.', 'Mar-a-Lago|located_in|Palm Beach']],
    mustNotFire: ['Iran held talks in Geneva.', 'Joe Biden in Washington said little.'],
  },
  'group-members': {
    fires: [['Negotiators from Iran and the European E3 countries—France, Britain, and Germany—met.', 'Germany|member_of|E3']],
    mustNotFire: ['The E3 met France, Britain and Germany.'],
  },
  'possessive-ally-apposition': {
    fires: [["Israel struck Iran's largest military ally, Hezbollah in Lebanon.", 'Hezbollah|ally_of|Iran']],
    mustNotFire: ["Iran's ally was silent, and Hezbollah said nothing.", "Iran's economy, Hezbollah said, is weak."],
  },
  'backed-compound': {
    fires: [['The attack by Iran-backed Hamas shocked Israel.', 'Iran|supports|Hamas']],
    mustNotFire: ['The Iran-based company Hamas Trading shut.'],
  },
  'same-sentence': {
    fires: [['Iran and Russia held talks in Geneva.', 'Iran|co_occurs_with|Russia']],
    mustNotFire: ['Iran held talks on Monday.'],
  },
  // Predicate rules (rules/predicates.ts): the trigger layer now makes relations from nominal triggers only ("talks
  // with", "the attack by X on Y") and events from nominal triggers; a verb's event comes from the clause layer
  // (rule clause-<eventType>), which the event examples accept. Verb relations are the verb-* rules' examples.
  'attack-trigger': {
    fires: [
      ['Russia launched a missile strike on Ukraine overnight.', 'event:attack'],
      ['The attack by Hamas against Israel shocked the region.', 'Hamas|attacked|Israel'],
      ['The airstrikes on Lebanon killed dozens.', 'event:attack'],
      ['Israel pounded military targets in Iran in October.', 'event:attack'],
    ],
    mustNotFire: ['The striker scored twice for Arsenal on Saturday.', 'Officials met to discuss trade.', 'Analysts warned of a possible attack on Iran.'],
  },
  'invasion-trigger': {
    fires: [["The talks stalled after Russia's invasion of Ukraine.", 'event:invasion']],
    mustNotFire: ['An invasion of privacy, critics said.'],
  },
  'explosion-trigger': {
    fires: [
      ['A series of explosions in Beirut killed dozens in September 2024.', 'event:explosion'],
      ['A blast in Kabul killed dozens on Monday.', 'event:explosion'],
    ],
    mustNotFire: ['The population explosion worried planners.', 'Sales grew at an explosive pace.'],
  },
  'killing-trigger': {
    fires: [
      ["The Taliban's assassination of Ahmed Shah Massoud shocked Afghanistan.", 'Taliban|killed|Ahmed Shah Massoud'],
      ['The 2020 killing of Qassem Soleimani shocked Iran.', 'event:killing'],
      ['The Taliban killed Ahmed Shah Massoud in 2001.', 'event:killing'],
    ],
    mustNotFire: ['Officials denied any plan to assassinate the minister.', 'Lena Okafor denied that Iran had any plans to assassinate President Ivan Petrov.'],
  },
  'negotiation-trigger': {
    fires: [['Iran held talks with the European Union in Geneva.', 'event:negotiation']],
    mustNotFire: ['Talks resumed on Monday after a pause.'],
    // Ready for talks is not in talks: ready_to_negotiate_with says it.
    todoMustNotFire: ['Iran is ready for talks with the United States and the European Union.'],
  },
  'ready-to-negotiate': {
    fires: [
      ['Iran is ready for talks with the United States and the European Union.', 'Iran|ready_to_negotiate_with|European Union'],
      ['Iran expressed willingness to negotiate with the United States.', 'Iran|ready_to_negotiate_with|United States'],
    ],
    mustNotFire: ['The team was ready for the match.'],
  },
  'consultation-trigger': {
    fires: [['Iran will continue consultations with China and Russia.', 'Iran|consults_with|Russia']],
    mustNotFire: ['Consultations were brief.'],
  },
  'meeting-trigger': {
    fires: [
      ['A meeting between Emmanuel Macron and Olaf Scholz took place in Berlin.', 'event:meeting'],
      ['Emmanuel Macron met Olaf Scholz in Berlin.', 'event:meeting'],
    ],
    mustNotFire: ['Macron will meet Scholz next week.', 'The meeting is planned for June.'],
  },
  'withdrawal-trigger': {
    fires: [
      ['The US withdrawal from the JCPOA in 2018 angered Iran.', 'event:withdrawal'],
      ['The Trump administration withdrew from the JCPOA in 2018.', 'event:withdrawal'],
    ],
    mustNotFire: ['He withdrew cash from the bank.', 'Iran may withdraw from the NPT.'],
  },
  'supply-trigger': {
    fires: [
      ["Iran's shipments of missiles to Russia continued.", 'Iran|supplied_weapons_to|Russia'],
      ['Iran has supplied Russia with short-range ballistic missiles.', 'event:supply'],
    ],
    mustNotFire: ['Russia wants Iran to supply more drones.'],
  },
  'sanction-trigger': {
    fires: [
      ["Kenya's ban on Acme Corp was lifted.", 'Kenya|sanctions|Acme Corp'],
      ['The United States sanctioned Iran again in 2018.', 'event:sanction'],
    ],
    mustNotFire: ['The United States may sanction Iran again.'],
    todo: [['The United States imposed sanctions on Russia in 2018.', 'event:sanction']],
  },
  'release-trigger': {
    fires: [
      ['In 2023, Iran released five prisoners held in Tehran.', 'event:release'],
      ['The release of five prisoners held in Tehran came in 2023.', 'event:release'],
    ],
    mustNotFire: ['The company will release its results next week.', 'In a short clip Vox News released on Tuesday, Ivan Petrov spoke of Iran.'],
  },
  'agreement-trigger': {
    fires: [
      ['The signing of the accord in Vienna in 2015 ended the talks.', 'event:agreement'],
      ['Iran and the E3 signed the JCPOA in Vienna in 2015.', 'event:agreement'],
    ],
    mustNotFire: ['Diplomats hope the deal will be signed soon.'],
    todo: [['The JCPOA, signed in 2015, limited enrichment.', 'event:agreement']],
  },
  'inauguration-trigger': {
    fires: [['Joe Biden took office on January 20, 2021.', 'event:inauguration']],
    mustNotFire: ['Trump is set to assume office next week.'],
  },
  'election-trigger': {
    fires: [
      ['Masoud Pezeshkian was elected in July 2024.', 'event:election'],
      ["Iran's presidential election in July 2024 drew a low turnout.", 'event:election'],
    ],
    mustNotFire: ['Iran will hold an election next year.'],
  },
  'unfreeze-trigger': {
    fires: [['The unfreezing of funds for Iran angered critics.', 'event:other']],
    mustNotFire: ['The talks remained frozen.'],
    todo: [['The Petrov government unfroze $2 billion in funds for Iran last year.', 'event:other']],
  },
  'export-trigger': {
    fires: [
      ["Iran's oil exports to China rose last year.", 'Iran|exports_to|China'],
      ['Iran exported two million barrels of oil to China last year.', 'event:other'],
    ],
    mustNotFire: ['Oil exports fell.'],
  },
  'interview-trigger': {
    fires: [
      ['Abbas Araghchi spoke in an interview with NBC News on Sunday.', 'event:interview'],
      ['Abbas Araghchi gave an interview to NBC News on Sunday.', 'NBC News|interviewed|Abbas Araghchi'],
    ],
    mustNotFire: ['NBC will air an interview next week.'],
  },
  'speech-trigger': {
    fires: [
      ['Joe Biden said in a speech at the White House on Monday that Iran was weaker.', 'event:speech'],
      ['Joe Biden gave a speech in Philadelphia on Monday.', 'event:speech'],
    ],
    mustNotFire: ['Free speech matters.'],
  },
  'statement-trigger': {
    fires: [
      ['The Acme Party issued a statement on Iran on Monday.', 'Acme Party|said_about|Iran'],
      ['The Economist described Iran as vulnerable.', 'event:statement'],
    ],
    mustNotFire: ['The post office was closed.'],
  },
  'criticism-trigger': {
    fires: [["Joe Biden's remarks drew criticism from Donald Trump.", 'Donald Trump|criticized|Joe Biden']],
    mustNotFire: ['Criticism is healthy.'],
  },
  'support-trigger': {
    fires: [['Iran is a major source of support for Hamas.', 'Iran|supports|Hamas']],
    mustNotFire: ['Support for the plan was thin.'],
  },
  'pressure-trigger': {
    fires: [
      ['Donald Trump increased pressure on China.', 'Donald Trump|pressures|China'],
      ["Donald Trump's pressure on China grew.", 'Donald Trump|pressures|China'],
    ],
    mustNotFire: ['Blood pressure rose.'],
  },
};

// Example sentences for every rule of the clause layer (rules/clauses.ts), by the rule's reason: where it must fire
// (with the relation it must find) and where it must not (the near misses). Names are invented or generic.
import type { RuleExamples } from './rule-examples.js';

export const CLAUSE_EXAMPLES: Record<string, RuleExamples> = {
  // Verbs (VERB_RULES).
  'verb-visit': {
    fires: [
      ['Prime Minister Anna Lindqvist visited Kenya on Tuesday.', 'Anna Lindqvist|visited|Kenya'],
      ['Maria Lopez and David Chen visited Nairobi in May.', 'David Chen|visited|Nairobi'],
      ['Maria Lopez, who met David Chen on Monday, visited Kenya.', 'Maria Lopez|visited|Kenya'],
    ],
    mustNotFire: [
      'Anna Lindqvist did not visit Kenya.',
      'Anna Lindqvist could visit Kenya next year.',
      'If Anna Lindqvist visits Kenya, trade will grow.',
      "Anna Lindqvist's visit to Kenya ended on Monday.",
      // The visitor is the minister, not Chen; a comma ends the clause before Kenya.
      'David Chen met the minister, who had visited Kenya.',
      'Maria Lopez visited the museum, and Kenya praised her.',
    ],
  },
  'verb-travel': {
    fires: [
      ['Maria Lopez traveled to Brazil last week.', 'Maria Lopez|traveled_to|Brazil'],
      ['David Chen flew to Nairobi on Monday.', 'David Chen|traveled_to|Nairobi'],
    ],
    mustNotFire: ['Maria Lopez has never traveled to Brazil.', 'Maria Lopez might travel to Brazil.', 'Maria Lopez traveled from Brazil on Monday.'],
  },
  'verb-arrive': {
    fires: [
      ['David Chen arrived in Nairobi on Monday.', 'David Chen|arrived_in|Nairobi'],
      ['Maria Lopez reached Nairobi on Friday.', 'Maria Lopez|arrived_in|Nairobi'],
    ],
    mustNotFire: ['David Chen has not arrived in Nairobi yet.', 'David Chen arrived from Nairobi on Monday.'],
  },
  'verb-meet': {
    fires: [
      ['Maria Lopez met David Chen in Geneva on Monday.', 'Maria Lopez|met_with|David Chen'],
      ['Maria Lopez met with David Chen on Monday.', 'Maria Lopez|met_with|David Chen'],
      ['Emmanuel Macron met Olaf Scholz in Berlin.', 'Emmanuel Macron|met_with|Olaf Scholz'],
    ],
    mustNotFire: [
      'Maria Lopez did not meet David Chen.',
      'Maria Lopez might meet David Chen in June.',
      'If Maria Lopez meets David Chen, the talks will resume.',
      'A meeting between Maria Lopez and David Chen lasted an hour.',
      'Maria Lopez met reporters in Geneva on Monday.',
      'The minister who visited Kenya met David Chen.',
    ],
  },
  'verb-talks': {
    fires: [
      ['Kenya negotiated with Tanzania over the border.', 'Kenya|negotiates_with|Tanzania'],
      ['Maria Lopez talked with David Chen by phone.', 'Maria Lopez|negotiates_with|David Chen'],
      ['Kenya held talks with Uganda on Monday.', 'Kenya|negotiates_with|Uganda'],
      ['Iran held talks with the European Union in Geneva.', 'Iran|negotiates_with|European Union'],
    ],
    mustNotFire: [
      'Kenya refused to negotiate with Tanzania.',
      'Kenya would negotiate with Tanzania only after a ceasefire.',
      'Iran is not negotiating with the United States.',
      'Iran has ruled out talks with the United States.',
    ],
  },
  'verb-consult': {
    fires: [
      ['France consulted with Germany before the vote.', 'France|consults_with|Germany'],
      ['Maria Lopez consulted David Chen before the vote.', 'Maria Lopez|consults_with|David Chen'],
    ],
    mustNotFire: ['France did not consult Germany before the vote.', 'France should consult Germany before the vote.'],
  },
  'verb-cooperate': {
    fires: [
      ['Kenya has cooperated with Uganda on border security.', 'Kenya|cooperates_with|Uganda'],
      ['Iran has collaborated with Russia to build a factory.', 'Iran|cooperates_with|Russia'],
    ],
    mustNotFire: ['Kenya declined to cooperate with Uganda.', 'Kenya could cooperate with Uganda.', "Kenya's cooperation with Uganda grew."],
  },
  'verb-partner': {
    fires: [['Acme Corp partnered with Northwind Bank to build a payment app.', 'Acme Corp|partnered_with|Northwind Bank']],
    mustNotFire: ['Acme Corp may partner with Northwind Bank.', 'Northwind Bank, a partner of Acme Corp, said it would expand.'],
  },
  'verb-criticize': {
    fires: [
      ['Senator Maria Lopez criticized Acme Corp on Friday.', 'Maria Lopez|criticized|Acme Corp'],
      ['Joe Biden has been repeatedly criticized by Donald Trump.', 'Donald Trump|criticized|Joe Biden'],
      ['Hamid Abutalebi criticized the Pezeshkian administration.', 'Hamid Abutalebi|criticized|Pezeshkian administration'],
    ],
    mustNotFire: [
      'Maria Lopez declined to criticize Acme Corp.',
      'Maria Lopez would never criticize Acme Corp.',
      "Maria Lopez's criticism of Acme Corp angered investors.",
    ],
  },
  'verb-accuse': {
    fires: [
      ['Kenya accused Uganda of violating the ceasefire.', 'Kenya|accused|Uganda'],
      ['Masoud Pezeshkian accused Israel of provoking a war.', 'Masoud Pezeshkian|accused|Israel'],
    ],
    mustNotFire: ['Kenya has not accused Uganda of anything.', 'Kenya might accuse Uganda of stalling.'],
  },
  'verb-praise': {
    fires: [['Anna Lindqvist praised Kenya for its reforms.', 'Anna Lindqvist|praised|Kenya']],
    mustNotFire: ['Anna Lindqvist did not praise Kenya.', 'Anna Lindqvist would praise Kenya if the reforms pass.'],
  },
  'verb-support': {
    fires: [
      ['Germany backed France in the dispute.', 'Germany|supports|France'],
      ['Moscow has backed Iran for years.', 'Russia|supports|Iran'],
    ],
    mustNotFire: ['Germany does not support France.', 'Germany would support France in a vote.'],
  },
  'verb-oppose': {
    fires: [['Poland opposed Germany on the pipeline.', 'Poland|opposes|Germany']],
    mustNotFire: ['Poland did not oppose Germany on the pipeline.', 'Poland might oppose Germany.'],
  },
  'verb-attack': {
    fires: [
      ['Russia attacked Ukraine on Sunday.', 'Russia|attacked|Ukraine'],
      ['Israel struck Hezbollah targets in Lebanon.', 'Israel|attacked|Hezbollah'],
      ['Russia attacked Ukraine overnight.', 'Russia|attacked|Ukraine'],
      ['Kenya, which Uganda attacked in 2019, rebuilt its army.', 'Uganda|attacked|Kenya'],
    ],
    mustNotFire: ['Russia did not attack Ukraine.', 'Russia could attack Ukraine again.', 'If Russia attacks Ukraine, sanctions will follow.'],
    todo: [['Israel pounded military targets in Iran in October.', 'Israel|attacked|Iran']],
  },
  'verb-kill': {
    fires: [
      ['The Taliban killed Ahmed Shah Massoud in 2001.', 'Taliban|killed|Ahmed Shah Massoud'],
      ['The Harbor Front killed Anna Lindqvist, and the army killed John Smith.', 'Harbor Front|killed|Anna Lindqvist'],
    ],
    mustNotFire: ['The Harbor Front did not kill Anna Lindqvist.', 'Officials denied any plan to assassinate the minister.'],
  },
  'verb-injure': {
    fires: [['The Harbor Front wounded Anna Lindqvist in an ambush.', 'Harbor Front|injured|Anna Lindqvist']],
    mustNotFire: ['The Harbor Front did not injure Anna Lindqvist.'],
  },
  'verb-hit': {
    fires: [['Hurricane Ian battered Florida on Wednesday.', 'Hurricane Ian|hit|Florida']],
    mustNotFire: ['Hurricane Ian could hit Florida on Friday.', 'Hurricane Ian did not hit Florida.'],
  },
  'verb-sanction': {
    fires: [
      ['The United States sanctioned Acme Corp in May.', 'United States|sanctions|Acme Corp'],
      ['The United States sanctioned Iran again in 2018.', 'United States|sanctions|Iran'],
    ],
    mustNotFire: ['The United States may sanction Acme Corp.', 'The United States has not sanctioned Acme Corp.'],
  },
  'verb-pressure': {
    fires: [['Germany pressed Poland to accept the deal.', 'Germany|pressures|Poland']],
    mustNotFire: ['Germany did not press Poland.', 'Germany should press Poland harder.'],
  },
  'verb-withdraw': {
    fires: [
      ['Acme Corp withdrew from the Harbor Alliance.', 'Acme Corp|withdrew_from|Harbor Alliance'],
      ['Britain left the European Union in 2020.', 'United Kingdom|withdrew_from|European Union'],
      ['The Trump administration withdrew from the JCPOA in 2018.', 'Trump administration|withdrew_from|JCPOA'],
      ['Britain pulled out of the European Union in 2020.', 'United Kingdom|withdrew_from|European Union'],
    ],
    mustNotFire: [
      'Acme Corp did not withdraw from the Harbor Alliance.',
      'Iran may withdraw from the NPT.',
      'Acme Corp dropped Maria Lopez from its board.',
      'Maria Lopez left Lyon for Paris.',
    ],
    todoMustNotFire: ['Maria Lopez withdrew cash from Northwind Bank.'],
  },
  'verb-pledge-support': {
    fires: [
      ['France pledged its support to Ukraine.', 'France|supports|Ukraine'],
      ['Iran voiced support on Monday for Hamas.', 'Iran|supports|Hamas'],
    ],
    mustNotFire: ['France did not pledge support to Ukraine.', 'France pledged money to Ukraine.'],
  },
  'verb-supply-weapons': {
    fires: [
      ['Iran supplied drones to Russia.', 'Iran|supplied_weapons_to|Russia'],
      ['Iran sold weapons to Russia.', 'Iran|supplied_weapons_to|Russia'],
    ],
    mustNotFire: ['Iran denied that it would supply drones to Russia.', 'Norway supplies gas to Germany.'],
  },
  'verb-aid': {
    fires: [['Japan sent aid to Turkey after the earthquake.', 'Japan|aid_to|Turkey']],
    mustNotFire: ['Japan may send aid to Turkey.', 'Japan sent troops to Turkey.'],
  },
  'verb-supply': {
    fires: [
      ['Norway supplies gas to Germany.', 'Norway|supplied|Germany'],
      ['Iran has supplied Russia with short-range ballistic missiles.', 'Iran|supplied|Russia'],
    ],
    mustNotFire: ['Norway could supply gas to Germany.', 'Russia wants Iran to supply more drones.'],
  },
  'verb-export': {
    fires: [
      ['Brazil exports coffee to China.', 'Brazil|exports_to|China'],
      ['Iran exported two million barrels of oil to China last year.', 'Iran|exports_to|China'],
    ],
    mustNotFire: ['Brazil does not export coffee to China.', "Iran's oil exports to China rose last year."],
  },
  'verb-unfreeze': {
    fires: [['South Korea unfroze $6 billion in Iranian funds for Iran.', 'South Korea|unfroze_funds_for|Iran']],
    mustNotFire: ['The talks remained frozen.', 'South Korea refused to unfreeze funds for Iran.'],
  },
  'verb-interview': {
    fires: [['The BBC interviewed Maria Lopez on Sunday.', 'BBC|interviewed|Maria Lopez']],
    mustNotFire: ['The BBC has not interviewed Maria Lopez.', 'Maria Lopez spoke in an interview with the BBC on Sunday.'],
  },
  'verb-advise': {
    fires: [
      ['Maria Lopez advised David Chen on the merger.', 'Maria Lopez|advised|David Chen'],
      ['President Ivan Petrov counseled Prime Minister Lena Okafor not to retaliate.', 'Ivan Petrov|advised|Lena Okafor'],
    ],
    mustNotFire: ['Maria Lopez did not advise David Chen.', 'Travellers were advised to avoid Nairobi.'],
  },
  'verb-sign': {
    fires: [
      ['Kenya signed the Paris Agreement in 2016.', 'Kenya|signatory_of|Paris Agreement'],
      ['Iran and the E3 signed the JCPOA in Vienna in 2015.', 'E3|signatory_of|JCPOA'],
    ],
    mustNotFire: ['Kenya refused to sign the Paris Agreement.', 'Kenya has not signed the Paris Agreement.', 'Mario Rossi joined Juventus in 2019.'],
  },
  'verb-acquire': {
    fires: [
      ['Acme Corp acquired Northwind Bank for $2 billion.', 'Acme Corp|acquired|Northwind Bank'],
      ['Acme Corp bought Northwind Bank in May.', 'Acme Corp|acquired|Northwind Bank'],
      ['Acme Corp took over Northwind Bank in May.', 'Acme Corp|acquired|Northwind Bank'],
    ],
    mustNotFire: ['Acme Corp may acquire Northwind Bank.', "Acme Corp's plan to buy Northwind Bank collapsed."],
  },
  'verb-merge': {
    fires: [['Acme Corp merged with Northwind Bank in 2019.', 'Acme Corp|merged_with|Northwind Bank']],
    mustNotFire: ['Acme Corp called off plans to merge with Northwind Bank.', 'Acme Corp did not merge with Northwind Bank.'],
  },
  'verb-own': {
    fires: [['Acme Corp owns Northwind Bank.', 'Acme Corp|owns|Northwind Bank']],
    mustNotFire: ['Acme Corp does not own Northwind Bank.', 'Acme Corp could own Northwind Bank by May.', 'Acme Corp no longer owns Northwind Bank.'],
  },
  'verb-invest': {
    fires: [['Acme Corp invested in Northwind Bank last year.', 'Acme Corp|invested_in|Northwind Bank']],
    mustNotFire: ['Acme Corp might invest in Northwind Bank.', 'Acme Corp has never invested in Northwind Bank.'],
  },
  'verb-lend': {
    fires: [['The IMF lent $3 billion to Egypt.', 'IMF|lent_to|Egypt']],
    mustNotFire: ['The IMF refused to lend money to Egypt.', 'The IMF could lend money to Egypt.'],
  },
  'verb-pay': {
    fires: [
      ['Acme Corp paid $5 million to Maria Lopez.', 'Acme Corp|paid|Maria Lopez'],
      ['Acme Corp paid Maria Lopez $5 million.', 'Acme Corp|paid|Maria Lopez'],
    ],
    mustNotFire: ['Acme Corp refused to pay Maria Lopez.', 'Acme Corp did not pay Maria Lopez.'],
  },
  'verb-sue': {
    fires: [['Maria Lopez sued Acme Corp in federal court.', 'Maria Lopez|sued|Acme Corp']],
    mustNotFire: [
      'Maria Lopez could sue Acme Corp.',
      'Maria Lopez did not sue Acme Corp.',
      'Maria Lopez filed a lawsuit against Acme Corp on Monday.',
      'Maria Lopez sued, and Acme Corp settled.',
    ],
  },
  'verb-charge': {
    fires: [['The Justice Department charged David Chen with fraud.', 'Justice Department|charged|David Chen']],
    mustNotFire: ['The Justice Department has not charged David Chen.', 'The Justice Department may charge David Chen.'],
    todoMustNotFire: ['Acme Corp charged Northwind Bank a fee.'],
  },
  'verb-convict': {
    fires: [['The High Court of Kenya convicted David Chen of fraud.', 'High Court of Kenya|convicted|David Chen']],
    mustNotFire: ['The High Court of Kenya did not convict David Chen.'],
  },
  'verb-sentence': {
    fires: [['The High Court of Kenya sentenced David Chen to ten years in prison.', 'High Court of Kenya|sentenced|David Chen']],
    mustNotFire: ['The High Court of Kenya may sentence David Chen on Friday.'],
  },
  'verb-fine': {
    fires: [
      ['The European Commission fined Acme Corp on Tuesday.', 'European Commission|fined|Acme Corp'],
      ['Acme Corp was fined by the European Commission.', 'European Commission|fined|Acme Corp'],
      ['The European Commission fined Acme Corp $2 billion.', 'European Commission|fined|Acme Corp'],
    ],
    mustNotFire: ['The European Commission could fine Acme Corp.', 'The European Commission imposed a fine on Acme Corp on Monday.'],
  },
  'verb-investigate': {
    fires: [['The Federal Trade Commission is investigating Acme Corp over its prices.', 'Federal Trade Commission|investigated|Acme Corp']],
    mustNotFire: ['The Federal Trade Commission declined to investigate Acme Corp.', 'The Federal Trade Commission opened an investigation into Acme Corp.'],
  },
  'verb-regulate': {
    fires: [['The Federal Reserve regulates Northwind Bank.', 'Federal Reserve|regulates|Northwind Bank']],
    mustNotFire: ['The Federal Reserve does not regulate Northwind Bank.'],
  },
  'verb-ban': {
    fires: [['Kenya banned Acme Corp from public tenders.', 'Kenya|banned|Acme Corp']],
    mustNotFire: ['Kenya could ban Acme Corp.', "Kenya's ban on Acme Corp was lifted."],
  },
  'verb-approve': {
    fires: [['The Senate approved the Clean Air Act.', 'Senate|approved|Clean Air Act']],
    mustNotFire: ['The Senate did not approve the Clean Air Act.', 'The Senate may approve the Clean Air Act.'],
  },
  'verb-appeal': {
    fires: [
      ['Acme Corp appealed against the European Commission.', 'Acme Corp|appealed|European Commission'],
      ['Acme Corp appealed to the Supreme Court.', 'Acme Corp|appealed|Supreme Court'],
    ],
    mustNotFire: ['Acme Corp did not appeal against the European Commission.'],
  },
  'verb-rule-against': {
    fires: [['The Supreme Court ruled against Acme Corp on Tuesday.', 'Supreme Court|ruled_against|Acme Corp']],
    mustNotFire: ['The Supreme Court ruled in favour of Acme Corp.', 'The Supreme Court could rule against Acme Corp.'],
  },
  'verb-defeat': {
    fires: [
      ['Spain defeated Italy in the final.', 'Spain|defeated|Italy'],
      ['Maria Lopez defeated David Chen in the primary.', 'Maria Lopez|defeated|David Chen'],
      ['Spain beat Italy in the final.', 'Spain|defeated|Italy'],
    ],
    mustNotFire: ['Spain did not defeat Italy.', 'Spain could defeat Italy in the final.'],
  },
  'verb-lose-to': {
    fires: [['Italy lost to Spain in the final.', 'Italy|lost_to|Spain']],
    mustNotFire: ['Italy did not lose to Spain.', "Italy's defeat to Spain stunned fans."],
  },
  'verb-score': {
    fires: [['Mario Rossi scored for Juventus on Sunday.', 'Mario Rossi|scored_for|Juventus']],
    mustNotFire: ['Mario Rossi has not scored for Juventus since May.', 'Mario Rossi scored against Juventus on Sunday.'],
  },
  'verb-score-against': {
    fires: [['Mario Rossi scored against Juventus on Sunday.', 'Mario Rossi|scored_against|Juventus']],
    mustNotFire: ['Mario Rossi scored for Juventus on Sunday.', 'Mario Rossi failed to score against Juventus.'],
  },
  'verb-win': {
    fires: [
      ['Spain won the World Cup in 2010.', 'Spain|won|World Cup'],
      ['Maria Lopez won the Nobel Prize in 2015.', 'Maria Lopez|won|Nobel Prize'],
    ],
    mustNotFire: ['Spain did not win the World Cup.', 'Spain could win the World Cup.', '“Kenya will win,” Maria Lopez said.'],
    // The speaker after a closing quote is no object of the quoted verb.
  },
  'verb-play-for': {
    fires: [['Mario Rossi plays for Juventus.', 'Mario Rossi|plays_for|Juventus']],
    mustNotFire: ['Mario Rossi played against Juventus on Sunday.', 'Mario Rossi never played for Juventus.'],
    todo: [['Mario Rossi joined Juventus in 2019.', 'Mario Rossi|plays_for|Juventus']],
  },
  'verb-elect': {
    fires: [['The Harbor Party won seats in the National Assembly.', 'Harbor Party|elected_to|National Assembly']],
    mustNotFire: ['Maria Lopez was not elected to the Senate.'],
    todo: [['Ohio voters elected Maria Lopez to the Senate.', 'Maria Lopez|elected_to|Senate']],
  },
  'verb-lead': {
    fires: [
      ['Maria Lopez leads the Harbor Party.', 'Maria Lopez|leader_of|Harbor Party'],
      ['David Chen ran Acme Corp for a decade.', 'David Chen|leader_of|Acme Corp'],
      ['The Harbor Party, which Anna Lindqvist leads, won the vote.', 'Anna Lindqvist|leader_of|Harbor Party'],
    ],
    mustNotFire: [
      'Maria Lopez did not lead the Harbor Party.',
      'Maria Lopez could lead the Harbor Party.',
      'David Chen ran the Boston Marathon in April.',
      'Maria Lopez no longer leads the Harbor Party.',
    ],
  },
  'verb-found': {
    fires: [
      ['David Chen founded Acme Corp in 1998.', 'David Chen|founder_of|Acme Corp'],
      ['Acme Corp, which Maria Lopez founded in 1998, cut prices.', 'Maria Lopez|founder_of|Acme Corp'],
    ],
    mustNotFire: ['David Chen did not found Acme Corp.'],
  },
  'verb-coach': {
    fires: [['Mario Rossi coaches Juventus.', 'Mario Rossi|coach_of|Juventus']],
    mustNotFire: ['Mario Rossi will not coach Juventus.'],
  },
  'verb-work-for': {
    fires: [['Maria Lopez works for Acme Corp in Lyon.', 'Maria Lopez|works_for|Acme Corp']],
    mustNotFire: ['Maria Lopez never worked for Acme Corp in Lyon.'],
  },
  'verb-hire': {
    fires: [['Acme Corp hired Maria Lopez in 2020.', 'Acme Corp|hired|Maria Lopez']],
    mustNotFire: ['Acme Corp did not hire Maria Lopez.', 'Acme Corp hired a new lawyer, Maria Lopez said.'],
  },
  'verb-appoint': {
    fires: [
      ['President Anna Lindqvist appointed Maria Lopez to the Supreme Court.', 'Anna Lindqvist|appointed|Maria Lopez'],
      ['Acme Corp named Maria Lopez chief executive in May.', 'Acme Corp|appointed|Maria Lopez'],
    ],
    mustNotFire: ['Anna Lindqvist refused to appoint Maria Lopez.'],
  },
  'verb-replace': {
    fires: [['Maria Lopez replaced David Chen as chief executive.', 'Maria Lopez|replaced|David Chen']],
    mustNotFire: ['Maria Lopez could replace David Chen.'],
  },
  'verb-remove': {
    fires: [['Acme Corp fired David Chen on Monday.', 'Acme Corp|removed|David Chen']],
    mustNotFire: ['Acme Corp did not fire David Chen.', 'The Harbor Front fired rockets at Kenya.'],
  },
  'verb-educated': {
    fires: [['Maria Lopez graduated from Harvard University in 1995.', 'Maria Lopez|educated_at|Harvard University']],
    mustNotFire: ['Maria Lopez did not graduate from Harvard University.'],
  },
  'verb-born': {
    fires: [['Maria Lopez was born in Lyon in 1970.', 'Maria Lopez|born_in|Lyon']],
    mustNotFire: ['Maria Lopez was not born in Lyon.'],
    todo: [['Maria Lopez, born in Lyon, moved to Paris in 1990.', 'Maria Lopez|born_in|Lyon']],
  },
  'verb-live': {
    fires: [['Maria Lopez lives in Lyon.', 'Maria Lopez|lives_in|Lyon']],
    mustNotFire: ['Maria Lopez has never lived in Lyon.', 'Maria Lopez lives near Lyon.'],
  },
  'verb-based': {
    fires: [
      ['Acme Corp is based in Lyon.', 'Acme Corp|located_in|Lyon'],
      ['Acme Corp is headquartered in Lyon.', 'Acme Corp|located_in|Lyon'],
    ],
    mustNotFire: ['Acme Corp is not based in Lyon.', 'Acme Corp based its forecast on data from Northwind Bank.'],
  },
  'verb-educated-passive': {
    fires: [['Maria Lopez was educated at Oxford University.', 'Maria Lopez|educated_at|Oxford University']],
    mustNotFire: ['Maria Lopez was not educated at Oxford University.'],
  },
  'verb-elected-passive': {
    fires: [['Maria Lopez was elected to the Senate in 2018.', 'Maria Lopez|elected_to|Senate']],
    mustNotFire: ['Maria Lopez was not elected to the Senate.', 'Maria Lopez could be elected to the Senate.'],
  },
  'verb-deploy': {
    fires: [['France deployed troops to Mali.', 'France|deployed_to|Mali']],
    mustNotFire: ['France may deploy troops to Mali.', 'France withdrew troops from Mali.'],
  },
  'verb-evacuate': {
    fires: [['Maria Lopez fled Kenya in 2010.', 'Maria Lopez|evacuated_from|Kenya']],
    mustNotFire: ['Maria Lopez refused to flee Kenya.'],
  },
  'verb-represent': {
    fires: [['Maria Lopez represents Acme Corp in the talks.', 'Maria Lopez|represented|Acme Corp']],
    mustNotFire: ['Maria Lopez does not represent Acme Corp.'],
  },
  'verb-target-program': {
    fires: [["The United States aimed its sanctions at Iran's nuclear program.", "United States|targets|Iran's nuclear program"]],
    mustNotFire: ["The United States did not aim its sanctions at Iran's nuclear program."],
  },
  'verb-withdraw-support': {
    fires: [
      ['Maria Lopez broke with the Harbor Party in 2020.', 'Maria Lopez|opposes|Harbor Party'],
      ['Acme Corp cut ties with Northwind Bank on Monday.', 'Acme Corp|opposes|Northwind Bank'],
    ],
    mustNotFire: ['Maria Lopez has never broken with the Harbor Party.'],
  },

  // Relational nouns (NOUN_RULES).
  'noun-member': {
    fires: [
      ['Maria Lopez, a member of the Harbor Party, spoke on Monday.', 'Maria Lopez|member_of|Harbor Party'],
      ['Maria Lopez is a member of the Harbor Party.', 'Maria Lopez|member_of|Harbor Party'],
    ],
    mustNotFire: [
      'Maria Lopez met a member of the Harbor Party.',
      'Maria Lopez is no longer a member of the Harbor Party.',
      'Maria Lopez is not a member of the Harbor Party.',
    ],
  },
  'noun-predecessor': {
    fires: [
      ["Maria Lopez's predecessor, David Chen, spoke on Monday.", 'David Chen|predecessor_of|Maria Lopez'],
      ['David Chen, the predecessor of Maria Lopez, spoke on Monday.', 'David Chen|predecessor_of|Maria Lopez'],
    ],
    mustNotFire: ['David Chen met the predecessor of Maria Lopez.'],
  },
  'noun-successor': {
    fires: [["Maria Lopez's successor, David Chen, spoke on Monday.", 'David Chen|successor_of|Maria Lopez']],
    mustNotFire: ['David Chen met the successor of Maria Lopez.'],
  },
  'noun-mentor': {
    fires: [['David Chen, a mentor of Maria Lopez, spoke on Monday.', 'David Chen|mentor_of|Maria Lopez']],
    mustNotFire: ['David Chen thanked a mentor of Maria Lopez.'],
  },
  'noun-ally': {
    fires: [
      ['Uganda, a close ally of Kenya, sent troops.', 'Uganda|ally_of|Kenya'],
      ["Kenya's ally Uganda sent troops.", 'Uganda|ally_of|Kenya'],
    ],
    mustNotFire: ['Uganda criticized an ally of Kenya.'],
  },
  'noun-partner': {
    fires: [['Northwind Bank, a partner of Acme Corp, said it would expand.', 'Northwind Bank|partnered_with|Acme Corp']],
    mustNotFire: ['Northwind Bank hired a partner of Acme Corp.'],
  },
  'noun-rival': {
    fires: [
      ['Northwind Bank, a rival of Acme Corp, cut prices.', 'Northwind Bank|competitor_of|Acme Corp'],
      ["Acme Corp's rival Northwind Bank reported a loss on Monday.", 'Northwind Bank|competitor_of|Acme Corp'],
      ["Acme Corp's rival, Northwind Bank, reported a loss on Monday.", 'Northwind Bank|competitor_of|Acme Corp'],
    ],
    mustNotFire: ['Northwind Bank bought a rival of Acme Corp.'],
  },
  'noun-proxy': {
    fires: [['The Harbor Front, a proxy of Iran, fired rockets.', 'Harbor Front|proxy_of|Iran']],
    mustNotFire: ['The Harbor Front attacked a proxy of Iran.'],
  },
  'noun-parent': {
    fires: [['Acme Holdings, the parent of Northwind Bank, reported a profit.', 'Acme Holdings|owns|Northwind Bank']],
    mustNotFire: ['Acme Holdings sued the parent of Northwind Bank.'],
    todo: [["Northwind Bank's parent company Acme Holdings reported a profit.", 'Acme Holdings|owns|Northwind Bank']],
  },
  'noun-subsidiary': {
    fires: [['Northwind Bank, a subsidiary of Acme Holdings, reported a profit.', 'Northwind Bank|part_of|Acme Holdings']],
    mustNotFire: ['Northwind Bank sold a subsidiary of Acme Holdings.'],
  },
  'noun-capital': {
    fires: [
      ['Sacramento is the capital of California.', 'Sacramento|capital_of|California'],
      ["California's capital Sacramento was calm.", 'Sacramento|capital_of|California'],
      ['Sacramento, the capital of California, was calm.', 'Sacramento|capital_of|California'],
    ],
    mustNotFire: ['Maria Lopez visited the capital of California.', 'Sacramento is not the capital of California.'],
  },
  'noun-city': {
    fires: [
      ["Kenya's port city Mombasa was calm.", 'Mombasa|located_in|Kenya'],
      ['Mombasa is a port city of Kenya.', 'Mombasa|located_in|Kenya'],
    ],
    mustNotFire: ['Maria Lopez left the port city of Mombasa.'],
    todo: [['Mombasa, a port city in Kenya, was calm.', 'Mombasa|located_in|Kenya']],
  },
  'noun-winner': {
    fires: [['Maria Lopez, winner of the Nobel Prize, spoke on Monday.', 'Maria Lopez|won|Nobel Prize']],
    mustNotFire: ['Maria Lopez congratulated the winner of the Nobel Prize.'],
  },
  'noun-founder': {
    fires: [
      ['David Chen, a co-founder of Acme Corp, spoke on Monday.', 'David Chen|founder_of|Acme Corp'],
      ['Acme Corp co-founder David Chen spoke on Monday.', 'David Chen|founder_of|Acme Corp'],
      ['David Chen, the founder of Acme Corp, spoke on Monday.', 'David Chen|founder_of|Acme Corp'],
    ],
    mustNotFire: ['David Chen met the co-founder of Acme Corp.'],
  },
  'noun-captain': {
    fires: [
      ['Mario Rossi, the Juventus skipper, scored twice.', 'Mario Rossi|captain_of|Juventus'],
      ['On Sunday, Juventus skipper Mario Rossi scored twice.', 'Mario Rossi|captain_of|Juventus'],
      ['Mario Rossi, the captain of Juventus, scored twice.', 'Mario Rossi|captain_of|Juventus'],
    ],
    mustNotFire: ['Mario Rossi tackled the Juventus skipper.'],
  },
  'noun-coach': {
    fires: [['Mario Rossi, the Juventus boss, praised the fans.', 'Mario Rossi|coach_of|Juventus']],
    mustNotFire: ['Mario Rossi criticized the Juventus boss.'],
  },
  'noun-player': {
    fires: [
      ['Mario Rossi, a winger for Juventus, scored twice.', 'Mario Rossi|plays_for|Juventus'],
      ['Mario Rossi, a Juventus player, scored twice.', 'Mario Rossi|plays_for|Juventus'],
    ],
    mustNotFire: ['Mario Rossi fouled a Juventus player.'],
  },
  'noun-student': {
    fires: [['Maria Lopez, a graduate of Oxford University, spoke on Monday.', 'Maria Lopez|educated_at|Oxford University']],
    mustNotFire: ['Maria Lopez hired a graduate of Oxford University.'],
  },
  'noun-employee': {
    fires: [
      ['Maria Lopez, an economist at Northwind Bank, said rates would rise.', 'Maria Lopez|employee_of|Northwind Bank'],
      ['Northwind Bank economist Maria Lopez said rates would rise.', 'Maria Lopez|employee_of|Northwind Bank'],
    ],
    mustNotFire: [
      'Maria Lopez hired an economist at Northwind Bank.',
      'Maria Lopez, an economist, left Northwind Bank.',
      'French scientist Marie Dubois won the prize.',
    ],
    // A country in a nationality or a compound is no employer.
    todoMustNotFire: ['Maria Lopez, a France-educated engineer, won the prize.'],
  },
  'noun-resident': {
    fires: [['Maria Lopez, a resident of Lyon, won the lottery.', 'Maria Lopez|lives_in|Lyon']],
    mustNotFire: ['Maria Lopez helped a resident of Lyon.'],
  },
  'noun-citizen': {
    fires: [['Maria Lopez, a citizen of France, was arrested.', 'Maria Lopez|citizen_of|France']],
    mustNotFire: ['Maria Lopez married a citizen of France.'],
  },
  'noun-headquarters': {
    fires: [
      ['Lyon is the headquarters of Northwind Bank.', 'Northwind Bank|based_in|Lyon'],
      ['Lyon, home of Acme Corp, is growing.', 'Acme Corp|based_in|Lyon'],
    ],
    mustNotFire: ['Maria Lopez visited the headquarters of Acme Corp.'],
  },

  // Action nouns (NOMINAL_RULES).
  'nominal-visit': {
    fires: [["Maria Lopez's visit to Kenya ended on Monday.", 'Maria Lopez|visited|Kenya']],
    mustNotFire: ['A visit to Kenya is planned for May.', 'Maria Lopez did not visit Kenya.'],
  },
  'nominal-talks': {
    fires: [['Talks between Kenya and Uganda resumed on Monday.', 'Kenya|negotiates_with|Uganda']],
    mustNotFire: [
      'Kenya did not hold talks with Uganda.',
      'Talks resumed on Monday after a pause.',
      'Iran rejected talks with the United States.',
      'Iran refused talks with the United States.',
    ],
  },
  'nominal-meeting': {
    fires: [
      ['A meeting between Maria Lopez and David Chen lasted an hour.', 'Maria Lopez|met_with|David Chen'],
      ['Maria Lopez held a meeting with David Chen on Monday.', 'Maria Lopez|met_with|David Chen'],
      ["Maria Lopez's meeting with David Chen lasted an hour.", 'Maria Lopez|met_with|David Chen'],
    ],
    mustNotFire: ['Maria Lopez met David Chen on Monday.', 'The meeting is planned for June.'],
  },
  'nominal-attack': {
    fires: [
      ['Russia launched a missile strike on Ukraine overnight.', 'Russia|attacked|Ukraine'],
      ["Russia's attack on Ukraine killed dozens.", 'Russia|attacked|Ukraine'],
      ['The Hamas attack on Israel shocked the region.', 'Hamas|attacked|Israel'],
    ],
    mustNotFire: ['Russia attacked Ukraine on Sunday.', 'An attack on Ukraine was feared.'],
    todo: [['Israel carried out airstrikes on Iran in October.', 'Israel|attacked|Iran']],
  },
  'nominal-invasion': {
    fires: [
      ["Russia's invasion of Ukraine began in 2022.", 'Russia|attacked|Ukraine'],
      ["The talks stalled after Russia's invasion of Ukraine.", 'Russia|attacked|Ukraine'],
    ],
    mustNotFire: ['An invasion of privacy, critics said.', 'An invasion of Ukraine was feared.', 'Russia feared an invasion of Ukraine.'],
  },
  'nominal-acquisition': {
    fires: [["Acme Corp's acquisition of Northwind Bank closed in May.", 'Acme Corp|acquired|Northwind Bank']],
    mustNotFire: ['The acquisition of Northwind Bank closed in May.'],
  },
  'nominal-merger': {
    fires: [["Acme Corp's merger with Northwind Bank closed in May.", 'Acme Corp|merged_with|Northwind Bank']],
    mustNotFire: ['A merger with Northwind Bank was ruled out.'],
  },
  'nominal-deal': {
    fires: [
      ['Kenya signed a trade deal with Uganda.', 'Kenya|partnered_with|Uganda'],
      ['Acme Corp sealed a contract with Northwind Bank.', 'Acme Corp|partnered_with|Northwind Bank'],
    ],
    mustNotFire: ['A trade deal with Uganda remains distant.'],
  },
  'nominal-ties': {
    fires: [
      ['Iran has pursued closer cooperation on drones with Russia.', 'Iran|cooperates_with|Russia'],
      ["Kenya's ties with Uganda improved.", 'Kenya|cooperates_with|Uganda'],
      ['Cooperation between Iran and Russia grew.', 'Iran|cooperates_with|Russia'],
    ],
    mustNotFire: ['Ties with Uganda improved.', 'Acme Corp cut ties with Northwind Bank on Monday.'],
  },
  'nominal-rivalry': {
    fires: [["Acme Corp's dispute with Northwind Bank dragged on.", 'Acme Corp|opposes|Northwind Bank']],
    mustNotFire: ['The dispute with Northwind Bank dragged on.'],
  },
  'nominal-war': {
    fires: [["Russia's war against Ukraine dragged on.", 'Russia|attacked|Ukraine']],
    mustNotFire: ['The war in Ukraine dragged on.'],
  },
  'nominal-sanctions': {
    fires: [["The European Union's sanctions on Russia took effect.", 'European Union|sanctions|Russia']],
    mustNotFire: ['Sanctions on Russia took effect.'],
    todo: [['The United States imposed sanctions on Russia on Friday.', 'United States|sanctions|Russia']],
  },
  'nominal-ban': {
    fires: [["Kenya's ban on Acme Corp was lifted.", 'Kenya|banned|Acme Corp']],
    mustNotFire: ['A ban on Acme Corp was lifted.'],
  },
  'nominal-support': {
    fires: [
      ["Germany's support for Ukraine grew.", 'Germany|supports|Ukraine'],
      ['Iran has increased its military support to Russia.', 'Iran|supports|Russia'],
    ],
    mustNotFire: ['Support for Ukraine grew.', 'Support for the plan was thin.'],
  },
  'nominal-aid': {
    fires: [["Japan's aid to Turkey arrived on Monday.", 'Japan|aid_to|Turkey']],
    mustNotFire: ['Aid to Turkey arrived on Monday.'],
  },
  'nominal-criticism': {
    fires: [
      ["Maria Lopez's criticism of Acme Corp angered investors.", 'Maria Lopez|criticized|Acme Corp'],
      ["Hamid Abutalebi's criticism of the Pezeshkian administration grew louder.", 'Hamid Abutalebi|criticized|Pezeshkian administration'],
    ],
    mustNotFire: ['Criticism of Acme Corp grew.'],
  },
  'nominal-withdrawal': {
    fires: [
      ["Britain's withdrawal from the European Union took years.", 'United Kingdom|withdrew_from|European Union'],
      ['The US withdrawal from the JCPOA in 2018 angered Iran.', 'United States|withdrew_from|JCPOA'],
    ],
    mustNotFire: ['A withdrawal from the European Union took years.'],
  },
  'nominal-victory': {
    fires: [["Spain's victory over Italy stunned fans.", 'Spain|defeated|Italy']],
    mustNotFire: ['The victory over Italy stunned fans.'],
  },
  'nominal-defeat': {
    fires: [["Italy's defeat to Spain stunned fans.", 'Italy|lost_to|Spain']],
    mustNotFire: ['The defeat to Spain stunned fans.'],
  },
  'nominal-investment': {
    fires: [["Acme Corp's investment in Northwind Bank paid off.", 'Acme Corp|invested_in|Northwind Bank']],
    mustNotFire: ['The investment in Northwind Bank paid off.'],
  },
  'nominal-lawsuit': {
    fires: [['Maria Lopez filed a lawsuit against Acme Corp on Monday.', 'Maria Lopez|sued|Acme Corp']],
    mustNotFire: ['A lawsuit against Acme Corp was dismissed.'],
  },
  'nominal-investigation': {
    fires: [['The European Commission opened an investigation into Acme Corp on Monday.', 'European Commission|investigated|Acme Corp']],
    mustNotFire: ['An investigation into Acme Corp began.'],
  },
  'nominal-fine': {
    fires: [['The European Commission imposed a fine on Acme Corp on Monday.', 'European Commission|fined|Acme Corp']],
    mustNotFire: ['A fine on Acme Corp was overturned.'],
  },
  'nominal-interview': {
    fires: [
      ['Maria Lopez spoke in an interview with the BBC on Sunday.', 'BBC|interviewed|Maria Lopez'],
      ['Abbas Araghchi spoke in an interview with NBC News on Sunday.', 'NBC News|interviewed|Abbas Araghchi'],
      ['In an interview with the BBC on Sunday, Maria Lopez said prices would fall.', 'BBC|interviewed|Maria Lopez'],
    ],
    mustNotFire: ['The BBC will air an interview next week.'],
    todo: [['Maria Lopez gave an interview to the BBC on Sunday.', 'BBC|interviewed|Maria Lopez']],
  },

  // Hyphen compounds (COMPOUND_RULES).
  'compound-based': {
    fires: [
      ['Shares of China-based Acme Corp fell on Monday.', 'Acme Corp|located_in|China'],
      ['Investors sold China-based Acme Corp on Monday.', 'Acme Corp|located_in|China'],
      ['The China-based firm Acme Corp reported a loss on Monday.', 'Acme Corp|located_in|China'],
      ['China-based Acme Corp cut prices on Monday.', 'Acme Corp|located_in|China'],
    ],
    mustNotFire: ['Acme Corp is a China-based rival of Northwind Bank.'],
    todo: [
      // "cut" after a name is not read as a verb: the subject phrase runs on to "prices".

      // Only a country is found inside a compound.
      ['Shares of Lyon-based Acme Corp fell on Monday.', 'Acme Corp|located_in|Lyon'],
    ],
  },
  'compound-headquartered': {
    fires: [['Shares of China-headquartered Acme Corp fell on Monday.', 'Acme Corp|located_in|China']],
    mustNotFire: ['Shares of China-based Acme Corp fell on Monday.'],
  },
  'compound-born': {
    fires: [
      ['Kenya-born Maria Lopez won the race.', 'Maria Lopez|born_in|Kenya'],
      ['The Kenya-born runner Maria Lopez won the race.', 'Maria Lopez|born_in|Kenya'],
    ],
    mustNotFire: ['Maria Lopez was born in Kenya.'],
  },
  'compound-educated': {
    fires: [['The France-educated engineer Maria Lopez won the prize.', 'Maria Lopez|educated_at|France']],
    mustNotFire: ['Maria Lopez was educated in France.'],
  },
  'compound-trained': {
    fires: [['The Britain-trained surgeon Maria Lopez won the prize.', 'Maria Lopez|educated_at|Britain']],
    mustNotFire: ['The Britain-educated surgeon Maria Lopez won the prize.'],
  },
  'compound-led': {
    fires: [
      ['The Kenya-led Multinational Security Support Mission arrived in Haiti.', 'Kenya|leader_of|Multinational Security Support Mission'],
      [
        'Troops from the Saudi-led Islamic Military Counter Terrorism Coalition arrived.',
        'Saudi Arabia|leader_of|Islamic Military Counter Terrorism Coalition',
      ],
    ],
    mustNotFire: ['The Saudi-led coalition struck Yemen.'],
  },
  'compound-owned': {
    fires: [
      ['The Qatar-owned Paris Saint-Germain won again.', 'Qatar|owns|Paris Saint-Germain'],
      ['The China-owned Acme Corp reported a loss on Monday.', 'China|owns|Acme Corp'],
    ],
    mustNotFire: ['The state-owned airline cut prices.'],
  },
  'compound-run': {
    fires: [
      ['Shares of the Qatar-run Acme Fund fell on Monday.', 'Qatar|owns|Acme Fund'],
      ['Staff at the China-run Northwind Institute went on strike.', 'China|owns|Northwind Institute'],
    ],
    mustNotFire: ['The state-run Xinhua News Agency said on Monday that talks would resume.'],
    todo: [['Officials in the Hamas-run Gaza Strip said 20 people died.', 'Hamas|owns|Gaza Strip']],
  },
  'compound-controlled': {
    fires: [['The Russia-controlled Zaporizhzhia Nuclear Power Plant lost power.', 'Russia|owns|Zaporizhzhia Nuclear Power Plant']],
    mustNotFire: ['The Russia-backed rebels lost power.'],
  },

  // Constructions (CLAUSE_RULES).
  'clause-predicate': {
    fires: [['Maria Lopez thanked David Chen on Monday.', 'Maria Lopez|thanked|David Chen']],
    mustNotFire: [
      'Maria Lopez did not thank David Chen.',
      'Maria Lopez might thank David Chen.',
      'If Maria Lopez thanks David Chen, the feud will end.',
      'Britain pulled out of the European Union in 2020.',
      'Acme Corp took over Northwind Bank in May.',
      'Maria Lopez threatened to sue Acme Corp on Monday.',
      'Donald Trump will pressure China to stop buying oil.',
      'The JCPOA was signed in Vienna in 2015.',
      'The Harbor Party won seats in the National Assembly.',
    ],
    // Open predicates made of a particle, a preposition or an auxiliary alone: the verb they belong to has a rule.
  },
  'reported-speech': {
    fires: [
      ['Maria Lopez said that Kenya would win the vote.', 'Maria Lopez|said_about|Kenya'],
      ['According to Maria Lopez, Kenya will win the vote.', 'Maria Lopez|said_about|Kenya'],
      ['Joe Biden said in a speech at the White House on Monday that Iran was weaker.', 'Joe Biden|said_about|Iran'],
      ['The Economist described Iran as vulnerable.', 'Economist|said_about|Iran'],
    ],
    mustNotFire: [
      '“We will win,” said Jane Roe, an adviser to the Acme Party.',
      'Maria Lopez told David Chen that the deal was off.',
      'Maria Lopez did not say whether Kenya would win.',
    ],
  },
  'told-outlet': {
    fires: [
      ['Maria Lopez told Reuters that Kenya would win.', 'Reuters|interviewed|Maria Lopez'],
      ['"We want calm," Foreign Minister Lena Okafor told Reuters on Friday.', 'Reuters|interviewed|Lena Okafor'],
    ],
    mustNotFire: ['Maria Lopez told David Chen that the deal was off.', 'Lena Okafor told reporters little.'],
  },
  'apposition-title': {
    fires: [
      ['Maria Lopez is the governor of Ohio.', 'Maria Lopez|chief_of|Ohio'],
      ['Maria Lopez was the mayor of Lyon until 2020.', 'Maria Lopez|chief_of|Lyon'],
    ],
    mustNotFire: ['Maria Lopez met the governor of Ohio.', 'Maria Lopez is not the governor of Ohio.', 'Maria Lopez was never the governor of Ohio.'],
  },
  'apposition-noun': {
    fires: [
      ['David Chen, a donor to the Harbor Party, gave $1 million.', 'David Chen|donor_to|Harbor Party'],
      ['Maria Lopez, a sponsor of the Clean Air Act, spoke on Monday.', 'Maria Lopez|sponsor_of|Clean Air Act'],
    ],
    mustNotFire: ['David Chen thanked a donor to the Harbor Party.'],
  },
  'role-as': {
    fires: [
      ['Acme Corp appointed Maria Lopez as chief executive of Northwind Bank.', 'Maria Lopez|chief_of|Northwind Bank'],
      ['Maria Lopez was re-elected leader of the Harbor Party.', 'Maria Lopez|leader_of|Harbor Party'],
      ['Maria Lopez was appointed as the governor of Ohio.', 'Maria Lopez|chief_of|Ohio'],
    ],
    mustNotFire: ['Acme Corp did not appoint Maria Lopez as chief executive of Northwind Bank.'],
  },
  'copula-location': {
    fires: [['Maria Lopez was in Nairobi on Monday.', 'Maria Lopez|was_in|Nairobi']],
    mustNotFire: ['Maria Lopez was not in Nairobi on Monday.', 'The Harbor Party was in Nairobi on Monday.'],
  },
  'possessive-person-organization': {
    fires: [["Maria Lopez's Harbor Party won the vote.", 'Maria Lopez|leader_of|Harbor Party']],
    mustNotFire: ['Maria Lopez and the Harbor Party won the vote.'],
  },
  'possessive-program': {
    fires: [
      ["Acme Corp's Clean Energy Program expanded.", 'Clean Energy Program|program_of|Acme Corp'],
      ["The United States aimed its sanctions at Iran's nuclear program.", "Iran's nuclear program|program_of|Iran"],
    ],
    mustNotFire: ['Acme Corp left the Clean Energy Program.'],
  },
  'possessive-body': {
    fires: [["The UN's International Organization for Migration sent aid.", 'International Organization for Migration|part_of|UN']],
    mustNotFire: [
      'The UN and the International Organization for Migration sent aid.',
      "Northwind Bank's parent company Acme Holdings reported a profit.",
      "Acme Corp's rival Northwind Bank reported a loss on Monday.",
    ],
  },
  'possessive-locality': {
    fires: [["Lyon's Saint-Exupery Airport was closed.", 'Saint-Exupery Airport|located_in|Lyon']],
    mustNotFire: ['Flights from Lyon to Saint-Exupery Airport were cancelled.'],
  },
  'nationality-modifier': {
    fires: [
      ['French novelist Marie Dubois won the prize.', 'Marie Dubois|citizen_of|France'],
      ['French scientist Marie Dubois won the prize.', 'Marie Dubois|citizen_of|France'],
      ['French citizen Maria Lopez was arrested.', 'Maria Lopez|citizen_of|France'],
    ],
    mustNotFire: ['Marie Dubois, a novelist, visited France.', 'French bank Northwind Bank cut prices.'],
  },
  'country-modifier': {
    fires: [
      ['Shares of British carmaker Acme Motors fell on Monday.', 'Acme Motors|located_in|United Kingdom'],
      ['Investors sold shares of the German lender Northwind Bank on Monday.', 'Northwind Bank|located_in|Germany'],
      ['British carmaker Acme Motors cut prices on Monday.', 'Acme Motors|located_in|United Kingdom'],
    ],
    mustNotFire: ['Acme Motors opened a plant in Kenya.', 'British investors bought shares of Acme Motors on Monday.'],
  },
  'organization-modifier': {
    fires: [['Northwind Bank trader David Chen was arrested.', 'David Chen|employee_of|Northwind Bank']],
    mustNotFire: ['David Chen, a trader, left Northwind Bank.'],
  },
  'person-of-place': {
    fires: [['Jane Doe of Ohio won the lottery.', 'Jane Doe|lives_in|Ohio']],
    mustNotFire: ['Jane Doe spoke of Ohio with affection.', 'Jane Doe of Acme Corp spoke on Monday.'],
    todo: [['John Smith, 50, of Springfield was arrested.', 'John Smith|lives_in|Springfield']],
  },
  'person-of-organization': {
    fires: [['Jane Doe of Acme Corp spoke on Monday.', 'Jane Doe|affiliated_with|Acme Corp']],
    mustNotFire: ['Jane Doe spoke of Acme Corp with affection.', 'Jane Doe of Ohio won the lottery.'],
  },
  // Rules added with the second round of the clause layer.
  'verb-attack-targets-in': {
    fires: [['Israel pounded military targets in Iran in October.', 'Israel|attacked|Iran']],
    mustNotFire: ['Israel may strike targets in Iran.', 'Israel pounded the drums in Iran.'],
  },
  'verb-refuse-talks': {
    fires: [
      ['Iran refused talks with the United States.', 'Iran|refuses_talks_with|United States'],
      ['Iran has ruled out talks with the United States.', 'Iran|refuses_talks_with|United States'],
    ],
    mustNotFire: ['Iran held talks with the United States.', 'Iran refused a loan from the United States.'],
  },
  'verb-join-treaty': {
    fires: [['Kenya joined the Paris Agreement in 2016.', 'Kenya|signatory_of|Paris Agreement']],
    mustNotFire: ['Kenya may join the Paris Agreement.', 'Mario Rossi joined Juventus in 2019.'],
  },
  'verb-join': {
    fires: [
      ['Finland joined NATO in 2023.', 'Finland|member_of|NATO'],
      ['Mario Rossi joined Juventus in 2019.', 'Mario Rossi|member_of|Juventus'],
    ],
    mustNotFire: ['Finland may join NATO.', 'Kenya joined the Paris Agreement in 2016.'],
  },
  'verb-awarded-passive': {
    fires: [['The Nobel Prize was awarded to Maria Lopez on Monday.', 'Maria Lopez|won|Nobel Prize']],
    mustNotFire: ['The Nobel Prize was not awarded to Maria Lopez.', 'Maria Lopez awarded a contract to Acme Corp.'],
  },
  'noun-party': {
    fires: [['Maria Lopez praised her party, the Harbor Party, on Monday.', 'Maria Lopez|member_of|Harbor Party']],
    mustNotFire: ['Maria Lopez attended a party at the Harbor Hotel.'],
  },
  'noun-employer': {
    fires: [['David Chen praised his employer, Acme Corp, on Monday.', 'David Chen|employee_of|Acme Corp']],
    mustNotFire: ['David Chen met an employer from Acme Corp.'],
  },
  'noun-club': {
    fires: [['Mario Rossi thanked his club, Juventus, after the match.', 'Mario Rossi|plays_for|Juventus']],
    mustNotFire: ['Mario Rossi visited a club in Turin.'],
  },
  'noun-homeland': {
    fires: [['Maria Lopez returned to her homeland, Chile, in May.', 'Maria Lopez|born_in|Chile']],
    mustNotFire: ['Maria Lopez wrote about the homeland of her parents.'],
  },
  'noun-alma-mater': {
    fires: [['David Chen visited his alma mater, Harvard University, on Monday.', 'David Chen|educated_at|Harvard University']],
    mustNotFire: ['David Chen visited Harvard University on Monday.'],
  },
  'nominal-consultations': {
    fires: [['Iran held consultations with China and Russia on Monday.', 'Iran|consults_with|China']],
    mustNotFire: ['Consultations were brief.', 'Iran called for consultations with China.'],
  },
  'named-after-place': {
    fires: [
      ['Pakistan appointed a new governor of the State Bank of Pakistan.', 'State Bank of Pakistan|part_of|Pakistan'],
      ['Maria Lopez moved to Lyon, and the Lyon Court of Appeal heard her case.', 'Lyon Court of Appeal|located_in|Lyon'],
    ],
    mustNotFire: ['Maria Lopez of Lyon joined Acme Corp.', 'Lyon welcomed the Harbor Party.'],
  },
  'place-in-place': {
    fires: [['Maria Lopez lives in Rome. Fans packed the Stadio Olimpico in the Italian capital on Sunday.', 'Stadio Olimpico|located_in|Rome']],
    mustNotFire: ['Maria Lopez in Marseille praised the Stade Velodrome.'],
  },
};

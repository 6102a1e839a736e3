// Tiny gold/prediction pairs built by hand for the scorer tests: one relation between two entities, typed at will.
import type { GoldFile, Prediction } from '../../src/eval/index.js';

const EVIDENCE = 'Acme fined Ana Ruiz on Monday.';

/** Gold says Acme Corp -goldType-> Ana Ruiz; the prediction finds both entities and links them with predType. */
export function relationPair(goldType: string, predType: string): { gold: GoldFile; pred: Prediction } {
  return {
    gold: {
      document: 'hand-made.txt',
      entities: [
        { name: 'Acme Corp', type: 'organization', aliases: ['Acme'] },
        { name: 'Ana Ruiz', type: 'person', aliases: ['Ruiz'] },
      ],
      events: [],
      relations: [{ source: 'Acme Corp', target: 'Ana Ruiz', type: goldType, evidence: EVIDENCE }],
    },
    pred: {
      entities: [
        { id: 'organization:acme', type: 'organization', name: 'Acme', aliases: [], mentions: [{ text: 'Acme' }] },
        { id: 'person:ana-ruiz', type: 'person', name: 'Ana Ruiz', aliases: [], mentions: [{ text: 'Ana Ruiz' }] },
      ],
      events: [],
      relations: [{ type: predType, source: 'organization:acme', target: 'person:ana-ruiz', evidence: [{ text: EVIDENCE }] }],
    },
  };
}

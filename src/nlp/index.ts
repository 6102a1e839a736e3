// The nlp layer's surface: extract() and the contract types.
export { EXTRACTOR_VERSION, extract, type ExtractInput } from './extract.js';
export {
  CLAUSE_RULES,
  type ClauseRule,
  COMPOUND_RULES,
  NOMINAL_RULES,
  type NominalRule,
  NOUN_RULES,
  type NounRule,
  VERB_RULES,
  type VerbRule,
} from './rules/clauses.js';
export { PREDICATE_RULES, type PredicateRule } from './rules/predicates.js';
export { RELATION_RULES, type RelationRule } from './rules/relations.js';
export { entityId, nameKey, slugify } from './slug.js';
export * from './types.js';

// The eval layer's surface: scorers for gold files and CoNLL JSONL, matching the shared scripts.
export { type ConllGold, type ConllPred, type ConllScores, formatConll, scoreConll } from './conll.js';
export { formatGold, type GoldFile, type GoldScores, scoreGold } from './gold.js';

// The eval layer's surface: scorers for gold files, gold folders and CoNLL JSONL, matching the shared scripts.
export { type ConllGold, type ConllPred, type ConllScores, formatConll, scoreConll } from './conll.js';
export { readGoldFile, readPrediction } from './files.js';
export { explainGold, formatGold, type GoldFile, type GoldScores, type Prediction, type Prf, scoreGold } from './gold.js';
export { type ArticleScores, formatSet, type GoldArticle, readGoldSet, type SetScores, scoreSet } from './set.js';

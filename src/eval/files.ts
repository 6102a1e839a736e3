// Reads the scorers' inputs: gold files in the ../shared/eval format and prediction files (extract output).
import { existsSync, readFileSync } from 'node:fs';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { GoldFile, Prediction } from './gold.js';

function readJsonFile(method: string, path: string, what: string): unknown {
  if (!existsSync(path)) throw new NotFoundError(`${method}: ${what} ${path} does not exist.`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidInputError(`${method}: cannot read ${what} ${path} (${(error as Error).message}).`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`${method}: ${what} ${path} is not valid JSON (${(error as Error).message}). Fix or regenerate the file.`, { cause: error });
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isListOfObjects = (v: unknown): boolean => Array.isArray(v) && v.every(isObject);

/** A gold file in the ../shared/eval format: an object with "entities" and "relations" lists (and maybe "events"). */
export function readGoldFile(path: string): GoldFile {
  const gold = readJsonFile('eval.readGoldFile', path, 'gold file');
  if (!isObject(gold) || !isListOfObjects(gold.entities) || !isListOfObjects(gold.relations) || (gold.events !== undefined && !isListOfObjects(gold.events)))
    throw new InvalidInputError(`eval.readGoldFile: ${path} is not a gold file (it needs "entities" and "relations" lists of objects, and "events" if any).`);
  return gold as unknown as GoldFile;
}

/** A prediction file: `newsgraph extract` output, or any object whose "entities", "events", "relations" are lists. */
export function readPrediction(path: string): Prediction {
  const pred = readJsonFile('eval.readPrediction', path, 'prediction');
  const bad = isObject(pred) ? ['entities', 'events', 'relations'].find((k) => pred[k] !== undefined && !isListOfObjects(pred[k])) : 'the file';
  if (bad)
    throw new InvalidInputError(
      `eval.readPrediction: prediction ${path} is not an extraction (${bad === 'the file' ? 'it is not a JSON object' : `"${bad}" is not a list of objects`}). Make it with newsgraph extract.`,
    );
  return pred as Prediction;
}

// How entities look in exports and the explorer: one colour per type, size by degree.
import type { EntityType } from '../nlp/types.js';

export const TYPE_COLORS: Record<EntityType, string> = {
  person: '#e4572e',
  country: '#2e86ab',
  organization: '#76b041',
  place: '#a06cd5',
  program: '#f3a712',
  event: '#8d99ae',
};

export const nodeSize = (degree: number): number => Math.round((3 + 2 * Math.sqrt(degree)) * 100) / 100;

export function hexToRgb(hex: string): { r: number; g: number; b: number } {
  const n = Number.parseInt(hex.slice(1), 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

// Event queries: who took part in an event, an entity's timeline, and the filter behind the paged event listing.
import { InvalidInputError } from '../errors.js';
import type { EntityNode } from './model.js';
import { compareKeys, type SortKey } from './paging.js';
import type { Walkable } from './traverse.js';

export interface EventFilter {
  type?: string | null;
  participant?: string | null;
  location?: string | null;
  from?: string | null;
  to?: string | null;
}

/** Dated events first, in date order, then undated ones; ties by id. */
export const eventKey = (n: EntityNode): SortKey => {
  const value = n.date?.value ?? '';
  return [value ? 0 : 1, value, n.id];
};

/** Who took part in an event, and how (agents, targets, …; the place as "location"). */
export function participants(g: Walkable, eventId: string): { entity: EntityNode; role: string }[] {
  const out: { entity: EntityNode; role: string }[] = [];
  for (const e of g.relationsOf(eventId, 'both')) {
    if (e.target === eventId && e.type.endsWith('_of')) out.push({ entity: g.node(e.source), role: e.type.slice(0, -3) });
    else if (e.source === eventId && e.type === 'located_in') out.push({ entity: g.node(e.target), role: 'location' });
  }
  return out.sort((a, b) => (a.role + a.entity.id < b.role + b.entity.id ? -1 : 1));
}

/** Events an entity takes part in (or that happened there), in date order. */
export function eventsOf(g: Walkable, id: string): EntityNode[] {
  const out = new Map<string, EntityNode>();
  for (const e of g.relationsOf(id, 'both')) {
    const other = e.source === id ? e.target : e.source;
    const n = g.node(other);
    if (n.type === 'event') out.set(other, n);
  }
  return [...out.values()].sort((a, b) => compareKeys(eventKey(a), eventKey(b)));
}

/**
 * The test an event listing applies. Participant and location are already resolved to ids; dates are checked
 * here (YYYY, YYYY-MM or YYYY-MM-DD, compared on the precision given).
 */
export function eventMatcher(g: Walkable, filter: EventFilter, participant: string | null, location: string | null): (n: EntityNode) => boolean {
  const checkDate = (d: string | null | undefined, name: string): string | null => {
    if (!d) return null;
    if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(d)) throw new InvalidInputError(`events.filter.${name}: "${d}" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD.`);
    return d;
  };
  const from = checkDate(filter.from, 'from');
  const to = checkDate(filter.to, 'to');
  const involved = participant ? new Set(eventsOf(g, participant).map((n) => n.id)) : null;
  return (n) => {
    if (n.type !== 'event') return false;
    if (filter.type && n.eventType !== filter.type) return false;
    if (involved && !involved.has(n.id)) return false;
    if (location && n.location !== location) return false;
    const v = n.date?.value ?? null;
    if ((from || to) && !v) return false;
    if (from && v && v.slice(0, from.length) < from) return false;
    if (to && v && v.slice(0, to.length) > to) return false;
    return true;
  };
}

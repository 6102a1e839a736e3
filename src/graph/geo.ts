// The geo index: entities with coordinates (places and countries that resolve, events at their location's) for great-circle `near` and by-country `within`, kept up to date in place.
import { around, distance } from 'geokdbush';
import KDBush from 'kdbush';
import { InvalidInputError } from '../errors.js';
import { countryByIso, lookupCountry } from '../nlp/lexicon/countries.js';
import type { EntityNode, KnowledgeGraph } from './model.js';

/** The sphere geokdbush measures on (mean Earth radius, km); distances here are haversine distances on it. */
export const EARTH_RADIUS_KM = 6371;
/**
 * The largest radius `near` takes: half the equatorial circumference, rounded up. Every point on the sphere is within
 * π·6,371 ≈ 20,015 km of every other, so any radius from there on reaches the whole Earth.
 */
export const MAX_NEAR_KM = 20_038;
const HALF_CIRCUMFERENCE_KM = Math.PI * EARTH_RADIUS_KM;

/** The added or moved points kept outside the k-d tree (searched one by one) are folded into a rebuild past this share of it. */
const TAIL_SHARE = 1 / 4;
const TAIL_MIN = 256;

/** Where an entity is on the map: its own gazetteer reading, or for an event its location's. */
export interface GeoPoint {
  lat: number;
  lon: number;
  countryCode: string;
}

/** An entity found by `near`, with its great-circle distance from the point asked about. */
export interface NearHit {
  entity: EntityNode;
  distanceKm: number;
}

/** An entity's point: its own reading when it resolved, or for an event the reading of the place it happened at (not copied). */
export function pointOf(graph: KnowledgeGraph, n: EntityNode): GeoPoint | null {
  if (n.type === 'event') return n.location && graph.hasNode(n.location) ? graph.getNodeAttributes(n.location).geo : null;
  return n.geo;
}

/** Checks `near`'s arguments; the errors name the argument and the range it takes. */
export function checkNear(lat: number, lon: number, km: number): void {
  if (!Number.isFinite(lat) || lat < -90 || lat > 90)
    throw new InvalidInputError(`near.lat: ${lat} is not a latitude. Give degrees from -90 (south pole) to 90 (north pole).`);
  if (!Number.isFinite(lon) || lon < -180 || lon > 180)
    throw new InvalidInputError(`near.lon: ${lon} is not a longitude. Give degrees from -180 (west) to 180 (east).`);
  if (!Number.isFinite(km) || km <= 0 || km > MAX_NEAR_KM)
    throw new InvalidInputError(
      `near.km: ${km} is not a search radius. Give kilometres greater than 0 and at most ${MAX_NEAR_KM.toLocaleString('en')} (half the Earth's circumference, which already reaches every point).`,
    );
}

/**
 * A country given by ISO 3166-1 alpha-2 code in any case ("LY", "ly") or by name ("Libya", "the United States") →
 * its code; null when it is neither.
 */
export function countryCodeOf(text: string): string | null {
  const t = text.trim();
  if (/^[A-Za-z]{2}$/.test(t) && countryByIso(t.toUpperCase())) return t.toUpperCase();
  return lookupCountry(t) ?? null;
}

/**
 * A k-d tree of points (kdbush) and the entity at each slot. A slot is live while its entity is located and not in the
 * tail: every point that moved since the tree was built is in the tail (one that moved away and back too).
 */
interface Tree {
  kd: KDBush;
  ids: string[];
}

function buildTree(points: ReadonlyMap<string, GeoPoint>): Tree {
  const kd = new KDBush(points.size);
  const ids: string[] = new Array(points.size);
  for (const [id, p] of points) ids[kd.add(p.lon, p.lat)] = id;
  kd.finish();
  return { kd, ids };
}

const byDistanceThenId = (a: { d: number; id: string }, b: { d: number; id: string }): number => a.d - b.d || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Every located entity of a graph: a k-d tree of their points (great-circle nearest-neighbour search with
 * geokdbush), plus the points added or moved since it was built, searched one by one until there are enough of them
 * to build it again; and, from the first `within`, the located entities of each country. Built once per graph
 * (GraphIndex builds it on first use), brought up to date by apply() when a document is added in place.
 */
export class GeoIndex {
  private readonly graph: KnowledgeGraph;
  /** Each located entity's point as the graph now has it (the reading itself, not a copy). */
  private readonly points = new Map<string, GeoPoint>();
  private tree: Tree;
  /** Located entities whose current point is not in the tree (added or moved since it was built). */
  private readonly tail = new Set<string>();
  /** Place id → the events located there, so that a place that gains or changes its reading moves them too. */
  private readonly eventsAt = new Map<string, string[]>();
  /** ISO code → the located entities in that country: made on the first `within`, then kept up to date. */
  private byCountry: Map<string, Set<string>> | null = null;
  /** ISO code → its entities by mentions (most first), then id: sorted when first asked for, dropped when one changes. */
  private readonly listings = new Map<string, EntityNode[]>();

  constructor(graph: KnowledgeGraph) {
    this.graph = graph;
    graph.forEachNode((id, n) => {
      if (n.type === 'event' && n.location) this.locate(id, n.location);
      const p = pointOf(graph, n);
      if (p) this.points.set(id, p);
    });
    this.tree = buildTree(this.points);
  }

  /** How many entities have a point. */
  get size(): number {
    return this.points.size;
  }

  private locate(eventId: string, placeId: string): void {
    const events = this.eventsAt.get(placeId);
    if (!events) this.eventsAt.set(placeId, [eventId]);
    else if (!events.includes(eventId)) events.push(eventId);
  }

  private countries(): Map<string, Set<string>> {
    if (!this.byCountry) {
      this.byCountry = new Map();
      for (const [id, p] of this.points) this.file(id, p.countryCode);
    }
    return this.byCountry;
  }

  private file(id: string, countryCode: string): void {
    const byCountry = this.byCountry as Map<string, Set<string>>;
    const members = byCountry.get(countryCode);
    if (members) members.add(id);
    else byCountry.set(countryCode, new Set([id]));
  }

  /** Re-reads one entity's point: a new point (or one that moved) goes to the tail; the tree's copy is then dead. */
  private refresh(id: string): void {
    const now = this.graph.hasNode(id) ? pointOf(this.graph, this.graph.getNodeAttributes(id)) : null;
    const before = this.points.get(id);
    // Mentions may have changed, and with them the entity's place in its country's listing.
    if (before) this.listings.delete(before.countryCode);
    if (now) this.listings.delete(now.countryCode);
    if (before === now) return;
    if (before && this.byCountry && before.countryCode !== now?.countryCode) this.byCountry.get(before.countryCode)?.delete(id);
    if (now && this.byCountry && before?.countryCode !== now.countryCode) this.file(id, now.countryCode);
    if (!now) {
      this.points.delete(id);
      this.tail.delete(id);
      return;
    }
    this.points.set(id, now);
    if (!before || before.lat !== now.lat || before.lon !== now.lon) this.tail.add(id);
  }

  /** Whether the tree's point at `slot` is still where its entity is. */
  private live(slot: number): boolean {
    const id = this.tree.ids[slot] as string;
    return this.points.has(id) && !this.tail.has(id);
  }

  /** After a document was added in place: `changed` are the nodes it touched (build.ts GraphChange.nodes). */
  apply(changed: Iterable<string>): void {
    const ids = [...changed];
    for (const id of ids) {
      const n = this.graph.hasNode(id) ? this.graph.getNodeAttributes(id) : null;
      if (n?.type === 'event' && n.location) this.locate(id, n.location);
    }
    for (const id of ids) {
      this.refresh(id);
      // A place whose reading changed moves the events that happened there.
      for (const ev of this.eventsAt.get(id) ?? []) this.refresh(ev);
    }
    if (this.tail.size > Math.max(TAIL_MIN, this.tree.ids.length * TAIL_SHARE)) {
      this.tree = buildTree(this.points);
      this.tail.clear();
    }
  }

  /**
   * The located entities within `km` of (lat, lon) that `matches` keeps, nearest first, ties by id; at most `first`.
   * `check` is called as candidates are looked at (a deadline).
   */
  near(lat: number, lon: number, km: number, first: number, matches: (n: EntityNode) => boolean, check: () => void = () => {}): NearHit[] {
    checkNear(lat, lon, km);
    if (first <= 0) return [];
    const node = (id: string): EntityNode => this.graph.getNodeAttributes(id);
    const dist = (p: GeoPoint): number => distance(lon, lat, p.lon, p.lat);
    // The tree is asked a little beyond km and every answer is cut here on the distance reported, so that what is
    // within km is one definition, whichever way a point was found. Past half the circumference: everything.
    const reach = km >= HALF_CIRCUMFERENCE_KM ? Number.POSITIVE_INFINITY : km * (1 + 1e-9) + 1e-9;
    const { kd, ids } = this.tree;
    const keep = (slot: number): boolean => {
      check();
      return this.live(slot) && matches(node(ids[slot] as string));
    };
    const found: { d: number; id: string }[] = [];
    // The tree gives points nearest first but in no order among equal distances (events at one place share its
    // point): ask for more until the point after the first-th is strictly farther, so that every tie is in.
    let want = first + 1;
    for (;;) {
      const slots = around(kd, lon, lat, want, reach, keep);
      const hits = slots.map((s) => ({ d: dist(this.points.get(ids[s] as string) as GeoPoint), id: ids[s] as string }));
      const complete = slots.length < want || (hits[want - 1] as { d: number }).d > (hits[first - 1] as { d: number }).d;
      if (complete) {
        for (const h of hits) if (h.d <= km) found.push(h);
        break;
      }
      want *= 2;
    }
    for (const id of this.tail) {
      check();
      const d = dist(this.points.get(id) as GeoPoint);
      if (d <= km && matches(node(id))) found.push({ d, id });
    }
    return found
      .sort(byDistanceThenId)
      .slice(0, first)
      .map((h) => ({ entity: node(h.id), distanceKm: h.d }));
  }

  /** The located entities in a country (by ISO code), most mentioned first, then by id; the caller must not change the list. */
  inCountry(countryCode: string): readonly EntityNode[] {
    let list = this.listings.get(countryCode);
    if (!list) {
      list = [...(this.countries().get(countryCode) ?? [])]
        .map((id) => this.graph.getNodeAttributes(id))
        .sort((a, b) => b.mentionCount - a.mentionCount || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      this.listings.set(countryCode, list);
    }
    return list;
  }
}

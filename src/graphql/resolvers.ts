// Resolvers, typed from schema/*.graphql by graphql-codegen; GraphQL types map onto the graph's own model types.
import type { EntityNode } from '../graph/index.js';
import type { Direction as GraphDirection } from '../graph/query.js';
import { ENTITY_TYPES, type EntityType as ModelEntityType } from '../nlp/types.js';
import type { EntityType, Resolvers } from './generated/types.js';
import { checkRange, LIMITS } from './limits.js';

const toGraphqlType = (t: ModelEntityType): EntityType => t.toUpperCase() as EntityType;
const toModelType = (t: EntityType): ModelEntityType => {
  const lower = t.toLowerCase() as ModelEntityType;
  return (ENTITY_TYPES as readonly string[]).includes(lower) ? lower : 'event';
};

export const resolvers: Resolvers = {
  Query: {
    entity: (_root, args, { index }) => index.findEntity({ id: args.id ?? null, name: args.name ?? null }),
    entities: (_root, args, { index }) => {
      const first = checkRange('first', args.first ?? 20, 0, LIMITS.first);
      return index.listEntities(
        { type: args.filter?.type ? toModelType(args.filter.type) : null, nameContains: args.filter?.nameContains ?? null },
        first,
        args.after ?? null,
      );
    },
    search: (_root, args, { index }) => index.search(args.text, checkRange('first', args.first ?? 10, 1, LIMITS.first)),
    neighborhood: (_root, args, { index }) => {
      const hops = checkRange('hops', args.hops ?? 1, 1, LIMITS.hops);
      const limit = checkRange('limit', args.limit ?? 50, 1, LIMITS.neighborhoodLimit);
      const center = index.resolve(args.id, 'neighborhood.id');
      return index.neighborhood(center.id, hops, limit, { includeCooccurrence: args.includeCooccurrence ?? false, relationTypes: args.relationTypes ?? null });
    },
    shortestPath: (_root, args, { index }) => {
      const maxHops = checkRange('maxHops', args.maxHops ?? 6, 1, LIMITS.maxHops);
      const from = index.resolve(args.from, 'shortestPath.from');
      const to = index.resolve(args.to, 'shortestPath.to');
      const path = index.shortestPath(from.id, to.id, maxHops);
      if (!path) return null;
      return { length: path.edges.length, nodes: path.nodes, edges: path.edges, usesCooccurrence: path.edges.some((e) => e.cooccurrence) };
    },
    relations: (_root, args, { index }) => {
      const first = checkRange('first', args.first ?? 50, 1, LIMITS.first);
      const f = args.filter ?? {};
      const out = [];
      const ids = f.source
        ? index.graph.outEdges(index.resolve(f.source, 'relations.filter.source').id)
        : f.target
          ? index.graph.inEdges(index.resolve(f.target, 'relations.filter.target').id)
          : index.graph.edges();
      for (const key of ids) {
        const e = index.edge(key);
        if (e.cooccurrence && !f.includeCooccurrence) continue;
        if (f.type && e.type !== f.type) continue;
        if (f.target && e.target !== f.target && index.resolve(f.target, 'relations.filter.target').id !== e.target) continue;
        if (f.minConfidence !== undefined && f.minConfidence !== null && e.confidence < f.minConfidence) continue;
        out.push(e);
      }
      out.sort((a, b) => b.confidence * b.weight - a.confidence * a.weight || (a.id < b.id ? -1 : 1));
      return out.slice(0, first);
    },
    documents: (_root, _args, { index }) => index.documents,
    document: (_root, args, { index }) => index.documents.find((d) => d.id === args.id) ?? null,
    stats: (_root, _args, { index }) => {
      const s = index.stats();
      return { ...s, byType: s.byType.map((b) => ({ type: toGraphqlType(b.type), count: b.count })) };
    },
  },
  Entity: {
    type: (n) => toGraphqlType(n.type),
    roles: (n, _args, { index }) => n.roles.map((r) => ({ title: r.title, of: r.of && index.hasNode(r.of) ? index.node(r.of) : null })),
    degree: (n, _args, { index }) => index.degree(n.id),
    location: (n, _args, { index }) => (n.location && index.hasNode(n.location) ? index.node(n.location) : null),
    documents: (n, _args, { index }) => index.documents.filter((d) => n.documents.includes(d.id)),
    relations: (n, args, { index }) => {
      const first = checkRange('first', args.first ?? 50, 1, LIMITS.first);
      const direction = (args.direction ?? 'BOTH').toLowerCase() as GraphDirection;
      return index.relationsOf(n.id, direction, { includeCooccurrence: args.includeCooccurrence ?? false, relationTypes: args.types ?? null }).slice(0, first);
    },
  },
  Role: {
    of: (r) => r.of ?? null,
  },
  Relation: {
    source: (e, _args, { index }) => index.node(e.source),
    target: (e, _args, { index }) => index.node(e.target),
  },
  Evidence: {
    document: (ev, _args, { index }) => {
      const d = index.documents.find((x) => x.id === ev.documentId);
      if (!d) throw new Error(`graphql.Evidence.document: evidence cites document ${ev.documentId}, which the graph does not hold`);
      return d;
    },
  },
  EntityConnection: {
    edges: (page) => page.items,
    pageInfo: (page) => ({
      hasNextPage: page.hasNextPage,
      hasPreviousPage: false,
      startCursor: page.items[0]?.cursor ?? null,
      endCursor: page.items.at(-1)?.cursor ?? null,
    }),
    totalCount: (page) => page.totalCount(),
  },
};

export type { EntityNode };

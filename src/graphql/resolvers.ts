// Resolvers, typed from schema/*.graphql by graphql-codegen; GraphQL types map onto the graph's own model types.
import { InvalidInputError, NotFoundError, UnauthenticatedError } from '../errors.js';
import type { DocumentInfo, EntityNode, EntityOrderField, EvidenceRef, GraphIndex, Page, Path, RelationEdge, SentenceInfo } from '../graph/index.js';
import type { Bucket, DocumentPage, DocumentOrder as GraphDocumentOrder, Direction as GraphDirection, Period } from '../graph/query.js';
import { parsePeriod, type PeriodInput } from '../graph/time.js';
import { ENTITY_TYPES, type EntityType as ModelEntityType } from '../nlp/types.js';
import { changeResolvers } from './changes.js';
import type { GraphContext, WriteApi } from './context.js';
import type { DocumentOrder, EntityType, Resolvers } from './generated/types.js';
import { checkRange, LIMITS } from './limits.js';

const toGraphqlType = (t: ModelEntityType): EntityType => t.toUpperCase() as EntityType;
const toModelType = (t: EntityType): ModelEntityType => {
  const lower = t.toLowerCase() as ModelEntityType;
  return (ENTITY_TYPES as readonly string[]).includes(lower) ? lower : 'event';
};
const toModelTypes = (ts: readonly EntityType[] | null | undefined): ModelEntityType[] | null => (ts ? ts.map(toModelType) : null);

/** Relay connection fields over a keyset page (totalCount is computed only when asked for). */
function connectionResolvers<T>() {
  return {
    edges: (page: Page<T>) => page.items,
    pageInfo: (page: Page<T>) => ({
      hasNextPage: page.hasNextPage,
      hasPreviousPage: false,
      startCursor: page.items[0]?.cursor ?? null,
      endCursor: page.items.at(-1)?.cursor ?? null,
    }),
    totalCount: (page: Page<T>) => page.totalCount(),
  };
}

const period = (input: PeriodInput | null | undefined, argument: string): Period | null => parsePeriod(input, argument);
const documentOrder = (order: DocumentOrder | null | undefined): GraphDocumentOrder =>
  order === 'PUBLISHED' ? 'published' : order === 'ID' ? 'id' : 'published-desc';
const firstOf = (first: number | null | undefined, fallback: number): number => checkRange('first', first ?? fallback, 0, LIMITS.first);

const pathResult = (path: Path) => ({
  length: path.edges.length,
  nodes: path.nodes,
  edges: path.edges,
  usesCooccurrence: path.edges.some((e) => e.cooccurrence),
});

/** Writes need the bearer token; the error says how to give it. */
function writer(ctx: GraphContext): WriteApi {
  if (!ctx.writes) throw new UnauthenticatedError('writes are not available here. Use the HTTP API of `newsgraph serve`.');
  if (!ctx.writer)
    throw new UnauthenticatedError(
      'writes need "Authorization: Bearer <token>" with the NEWSGRAPH_TOKEN the server was started with (no token set: writes are refused).',
    );
  return ctx.writes;
}

type NodeLike = (EntityNode | RelationEdge | DocumentInfo) & { __typename: 'Entity' | 'Relation' | 'Document' };

function lookupNode(index: GraphIndex, id: string): NodeLike | null {
  if (index.hasNode(id)) return { ...index.node(id), __typename: 'Entity' };
  if (index.hasEdge(id)) return { ...index.edge(id), __typename: 'Relation' };
  const d = index.document(id);
  return d ? { ...d, __typename: 'Document' } : null;
}

export const resolvers: Resolvers = {
  Node: {
    __resolveType: (obj) =>
      (obj as unknown as NodeLike).__typename ??
      ('type' in obj && 'aliases' in obj ? 'Entity' : 'source' in obj && 'evidence' in obj ? 'Relation' : 'Document'),
  },
  Query: {
    changes: changeResolvers.Query.changes,
    node: (_root, args, { index }) => lookupNode(index, args.id),
    entity: (_root, args, { index }) => index.findEntity({ id: args.id ?? null, name: args.name ?? null }),
    entities: (_root, args, { index }) => {
      const first = checkRange('first', args.first ?? 20, 0, LIMITS.first);
      const f = args.filter ?? {};
      const field = (args.orderBy?.field ?? 'ID').toLowerCase() as EntityOrderField;
      return index.listEntities(
        {
          type: f.type ? toModelType(f.type) : null,
          nameContains: f.nameContains ?? null,
          document: f.document ?? null,
          minDegree: f.minDegree ?? null,
          minMentions: f.minMentions ?? null,
        },
        { field, descending: args.orderBy?.direction === 'DESC' },
        first,
        args.after ?? null,
      );
    },
    search: (_root, args, { index }) => index.search(args.text, toModelTypes(args.types), checkRange('first', args.first ?? 10, 1, LIMITS.first)),
    neighborhood: (_root, args, { index, deadline }) => {
      const within = period(args.period, 'neighborhood.period');
      const hops = checkRange('hops', args.hops ?? 1, 1, LIMITS.hops);
      const limit = checkRange('limit', args.limit ?? 50, 1, LIMITS.neighborhoodLimit);
      const center = index.resolve(args.id, 'neighborhood.id');
      return index.neighborhood(center.id, hops, limit, {
        includeCooccurrence: args.includeCooccurrence ?? false,
        relationTypes: args.relationTypes ?? null,
        entityTypes: toModelTypes(args.entityTypes),
        deadline,
        period: within,
      });
    },
    shortestPath: (_root, args, { index, deadline }) => {
      const maxHops = checkRange('maxHops', args.maxHops ?? 6, 1, LIMITS.maxHops);
      const from = index.resolve(args.from, 'shortestPath.from');
      const to = index.resolve(args.to, 'shortestPath.to');
      const path = index.shortestPath(from.id, to.id, maxHops, {
        relationTypes: args.relationTypes ?? null,
        directed: args.directed ?? false,
        deadline,
        period: period(args.period, 'shortestPath.period'),
      });
      return path ? pathResult(path) : null;
    },
    paths: (_root, args, { index, deadline }) => {
      const maxHops = checkRange('maxHops', args.maxHops ?? 3, 1, LIMITS.pathsMaxHops);
      const first = checkRange('first', args.first ?? 10, 1, LIMITS.paths);
      const from = index.resolve(args.from, 'paths.from');
      const to = index.resolve(args.to, 'paths.to');
      const within = period(args.period, 'paths.period');
      return index.paths(from.id, to.id, maxHops, first, { relationTypes: args.relationTypes ?? null, deadline, period: within }).map(pathResult);
    },
    relations: (_root, args, { index, deadline }) => {
      const first = firstOf(args.first, 20);
      const f = args.filter ?? {};
      const source = f.source ? index.resolve(f.source, 'relations.filter.source').id : null;
      const target = f.target ? index.resolve(f.target, 'relations.filter.target').id : null;
      return index.relations(
        { type: f.type ?? null, source, target, minConfidence: f.minConfidence ?? null, includeCooccurrence: f.includeCooccurrence ?? false },
        period(args.period, 'relations.period'),
        first,
        args.after ?? null,
        () => deadline.check(),
      );
    },
    events: (_root, args, { index }) => {
      const first = firstOf(args.first, 20);
      return index.events(args.filter ?? {}, args.orderBy === 'ID' ? 'id' : 'date', first, args.after ?? null, period(args.period, 'events.period'));
    },
    timeline: (_root, args, { index }) =>
      index.timeline(index.resolve(args.entity, 'timeline.entity').id, period(args.period, 'timeline.period'), firstOf(args.first, 20), args.after ?? null),
    documents: (_root, args, ctx) => {
      const f = args.filter ?? {};
      let ids: ReadonlySet<string> | null = null;
      if (f.textContains) {
        if (!ctx.documentsContaining)
          throw new InvalidInputError('documents.filter.textContains needs the stored texts: use the HTTP API of `newsgraph serve`.');
        ids = ctx.documentsContaining(f.textContains);
      }
      return ctx.index.documentsPage(
        {
          source: f.source ?? null,
          titleContains: f.titleContains ?? null,
          entity: f.entity ? ctx.index.resolve(f.entity, 'documents.filter.entity').id : null,
          ids,
          period: period(args.period, 'documents.period'),
        },
        documentOrder(args.orderBy),
        firstOf(args.first, 20),
        args.after ?? null,
      );
    },
    document: (_root, args, { index }) => index.document(args.id),
    stats: (_root, _args, { index }) => {
      const s = index.stats();
      const range = index.publishedRange();
      return {
        ...s,
        byType: s.byType.map((b) => ({ type: toGraphqlType(b.type), count: b.count })),
        undatedDocuments: index.undatedDocuments,
        firstPublished: range?.first ?? null,
        lastPublished: range?.last ?? null,
      };
    },
    centrality: (_root, args, { index }) =>
      index.centrality(
        args.metric.toLowerCase() as 'degree' | 'pagerank' | 'betweenness',
        args.type ? toModelType(args.type) : null,
        checkRange('first', args.first ?? 10, 1, LIMITS.first),
        period(args.period, 'centrality.period'),
      ),
    trending: (_root, args, { index, deadline }) =>
      index.trending(
        period(args.period, 'trending.period'),
        period(args.compareTo, 'trending.compareTo'),
        args.type ? toModelType(args.type) : null,
        checkRange('first', args.first ?? 10, 1, LIMITS.first),
        () => deadline.check(),
      ),
    communities: (_root, args, { index }) => index.communities(checkRange('first', args.first ?? 10, 1, LIMITS.first)),
    near: (_root, args, { index, deadline }) =>
      index.near(
        args.lat,
        args.lon,
        args.km,
        toModelTypes(args.types),
        period(args.period, 'near.period'),
        checkRange('first', args.first ?? 20, 1, LIMITS.first),
        () => deadline.check(),
      ),
    within: (_root, args, { index }) =>
      index.within(args.country, toModelTypes(args.types), period(args.period, 'within.period'), firstOf(args.first, 20), args.after ?? null),
  },
  Subscription: changeResolvers.Subscription,
  Change: changeResolvers.Change,
  Mutation: {
    ingestDocument: (_root, args, ctx) => writer(ctx).ingest(args.input),
    removeDocument: (_root, args, ctx) => ({ id: args.id, removed: writer(ctx).remove(args.id) }),
    mergeEntities: (_root, args, ctx) => {
      if (args.ids.length === 0) throw new InvalidInputError('mergeEntities: give at least one id in "ids" to merge into "into".');
      return writer(ctx).merge([...args.ids], args.into);
    },
    renameEntity: (_root, args, ctx) => writer(ctx).rename(args.id, args.name),
    addAlias: (_root, args, ctx) => writer(ctx).addAlias(args.id, args.alias),
  },
  Entity: {
    type: (n) => toGraphqlType(n.type),
    aliases: (n, args) => n.aliases.slice(0, firstOf(args.first, 50)),
    roles: (n, args, { index }) =>
      n.roles.slice(0, firstOf(args.first, 20)).map((r) => ({ title: r.title, of: r.of && index.hasNode(r.of) ? index.node(r.of) : null })),
    degree: (n, _args, { index }) => index.degree(n.id),
    documents: (n, args, { index }) =>
      index.documentsPage(
        { entity: n.id, period: period(args.period, 'documents.period') },
        documentOrder(args.orderBy),
        firstOf(args.first, 20),
        args.after ?? null,
      ),
    relations: (n, args, { index }) => {
      const first = firstOf(args.first, 20);
      const direction = (args.direction ?? 'BOTH').toLowerCase() as GraphDirection;
      return index.relationsPage(
        n.id,
        direction,
        { includeCooccurrence: args.includeCooccurrence ?? false, relationTypes: args.types ?? null, period: period(args.period, 'relations.period') },
        first,
        args.after ?? null,
      );
    },
    activity: (n, args, { index }) => index.activity(n.id, period(args.period, 'activity.period'), (args.bucket ?? 'MONTH').toLowerCase() as Bucket),
    neighbors: (n, args, { index }) => index.neighbors(n.id, checkRange('first', args.first ?? 20, 1, LIMITS.first), toModelTypes(args.types)),
    events: (n, args, { index }) => index.eventsOf(n.id).slice(0, checkRange('first', args.first ?? 20, 1, LIMITS.first)),
    location: (n, _args, { index }) => (n.location && index.hasNode(n.location) ? index.node(n.location) : null),
    participants: (n, args, { index }) => {
      const first = firstOf(args.first, 20);
      return n.type === 'event' ? index.participants(n.id).slice(0, first) : [];
    },
  },
  Role: {
    of: (r) => r.of ?? null,
  },
  Relation: {
    source: (e, _args, { index }) => index.node(e.source),
    target: (e, _args, { index }) => index.node(e.target),
    predicates: (e, args) => e.predicates.slice(0, firstOf(args.first, 20)),
    evidence: (e, args, { index }) => index.evidencePage(e, firstOf(args.first, 20), args.after ?? null),
  },
  Evidence: {
    document: (ev, _args, { index }) => {
      const d = index.document(ev.documentId);
      if (!d) throw new NotFoundError(`evidence cites document ${ev.documentId}, which is no longer in the graph`);
      return d;
    },
  },
  Document: {
    sentences: (d, args, { index }) => index.sentencesPage(d.id, firstOf(args.first, 20), args.after ?? null),
    entities: (d, args, { index }) => index.documentEntities(d.id, false, toModelTypes(args.types), firstOf(args.first, 20), args.after ?? null),
    events: (d, args, { index }) => index.documentEntities(d.id, true, null, firstOf(args.first, 20), args.after ?? null),
    relations: (d, args, { index }) => index.documentRelations(d.id, args.includeCooccurrence ?? false, firstOf(args.first, 20), args.after ?? null),
    sources: (d, args) => d.sources.slice(0, firstOf(args.first, 20)),
    sourceCount: (d) => d.sources.length,
  },
  Activity: {
    bucket: (a) => a.bucket.toUpperCase() as 'DAY' | 'WEEK' | 'MONTH',
  },
  Sentence: {
    text: (s, _args, { documentText }) => documentText(s.documentId)?.slice(s.start, s.end) ?? '',
    entities: (s, _args, { index }) => s.entities.map((id) => index.node(id)),
  },
  Community: {
    size: (c) => c.members.length,
    members: (c, args, { index }) => c.members.slice(0, checkRange('first', args.first ?? 20, 1, LIMITS.first)).map((id) => index.node(id)),
  },
  EntityConnection: connectionResolvers<EntityNode>(),
  RelationConnection: connectionResolvers<RelationEdge>(),
  SentenceConnection: connectionResolvers<SentenceInfo>(),
  EvidenceConnection: connectionResolvers<EvidenceRef>(),
  DocumentConnection: { ...connectionResolvers<DocumentInfo>(), undated: (page: DocumentPage) => page.undated() },
};

// No field of the schema returns a list that can grow with the corpus without a bound the caller sets (and the
// server caps): every list takes `first`, or is a connection's page, or is bounded by the shape of the data.
import { getNamedType, getNullableType, graphql, isListType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { analyticsInput, computeAnalytics, Deadline } from '../../src/graph/index.js';
import { executableSchema } from '../../src/graphql/schema.js';
import { makeDocument } from '../../src/ingest/document.js';
import { buildIndex, extractDocument } from '../../src/pipeline.js';
import { SEED_TEXT } from '../helpers.js';

/** Lists bounded by something other than `first`, and what bounds them. */
const BOUNDED: Record<string, string> = {
  'Neighborhood.nodes': 'the walk stops at `limit` (at most 500) nodes',
  'Neighborhood.edges': 'relations among at most 500 nodes, walked within the time budget',
  'Path.nodes': 'maxHops + 1 (at most 7)',
  'Path.edges': 'maxHops (at most 6)',
  'Stats.byType': 'one per entity type',
  'Relation.rules': "the extractor's fixed set of rules",
  'Sentence.entities': 'the entities named in one sentence',
  'Activity.buckets': 'at most 1,000 buckets (checked: a longer series is refused)',
  'Trending.entities': 'trending takes `first`, at most 100',
};

describe('schema bounds', () => {
  it('gives every list field a `first` argument, a connection page, or a stated bound', () => {
    const schema = executableSchema();
    const unbounded: string[] = [];
    let lists = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (!isListType(getNullableType(field.type))) continue;
        lists++;
        const name = `${type.name}.${field.name}`;
        const paged = field.args.some((a) => a.name === 'first' || a.name === 'limit');
        const connectionPage = field.name === 'edges' && type.name.endsWith('Connection') && type.getFields().pageInfo !== undefined;
        if (!paged && !connectionPage && !BOUNDED[name]) unbounded.push(`${name}: [${getNamedType(field.type).name}]`);
      }
    }
    expect(lists).toBeGreaterThan(20);
    expect(unbounded).toEqual([]);
  });

  it('makes every connection take `first` and `after` and give a cursor and a total', () => {
    const schema = executableSchema();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const target = getNamedType(field.type);
        if (!target.name.endsWith('Connection') || !isObjectType(target)) continue;
        const name = `${type.name}.${field.name}`;
        expect(
          field.args.map((a) => a.name),
          name,
        ).toEqual(expect.arrayContaining(['first', 'after']));
        expect(Object.keys(target.getFields()), name).toEqual(expect.arrayContaining(['edges', 'pageInfo', 'totalCount']));
        const edge = getNamedType(target.getFields().edges?.type as never);
        expect(isObjectType(edge) && Object.keys(edge.getFields()), name).toEqual(expect.arrayContaining(['cursor', 'node']));
      }
    }
  });

  it('refuses `first` over its cap (100; 20 for paths) on every field that takes it', async () => {
    // One query per field with `first`; the walk below checks that none is missing from this table.
    const queries: Record<string, string> = {
      'Query.entities': '{ entities(first: 101) { totalCount } }',
      'Query.search': '{ search(text: "Iran", first: 101) { id } }',
      'Query.relations': '{ relations(first: 101) { totalCount } }',
      'Query.paths': '{ paths(from: "Iran", to: "Israel", first: 101) { length } }',
      'Query.events': '{ events(first: 101) { totalCount } }',
      'Query.timeline': '{ timeline(entity: "Iran", first: 101) { totalCount } }',
      'Query.documents': '{ documents(first: 101) { totalCount } }',
      'Query.centrality': '{ centrality(metric: DEGREE, first: 101) { score } }',
      'Query.communities': '{ communities(first: 101) { id } }',
      'Query.trending': '{ trending(first: 101) { documents } }',
      'Query.changes': '{ changes(first: 101) { totalCount } }',
      'Query.near': '{ near(lat: 0, lon: 0, km: 10, first: 101) { distanceKm } }',
      'Query.within': '{ within(country: "LY", first: 101) { totalCount } }',
      'Entity.aliases': '{ entity(name: "Iran") { aliases(first: 101) } }',
      'Entity.roles': '{ entity(name: "Iran") { roles(first: 101) { title } } }',
      'Entity.documents': '{ entity(name: "Iran") { documents(first: 101) { totalCount } } }',
      'Entity.relations': '{ entity(name: "Iran") { relations(first: 101) { totalCount } } }',
      'Entity.neighbors': '{ entity(name: "Iran") { neighbors(first: 101) { id } } }',
      'Entity.events': '{ entity(name: "Iran") { events(first: 101) { id } } }',
      'Entity.participants': '{ entity(name: "Iran") { participants(first: 101) { role } } }',
      'Relation.predicates': '{ relations(first: 1) { edges { node { predicates(first: 101) } } } }',
      'Relation.evidence': '{ relations(first: 1) { edges { node { evidence(first: 101) { totalCount } } } } }',
      'Document.sentences': '{ documents(first: 1) { edges { node { sentences(first: 101) { totalCount } } } } }',
      'Document.entities': '{ documents(first: 1) { edges { node { entities(first: 101) { totalCount } } } } }',
      'Document.relations': '{ documents(first: 1) { edges { node { relations(first: 101) { totalCount } } } } }',
      'Document.events': '{ documents(first: 1) { edges { node { events(first: 101) { totalCount } } } } }',
      'Document.sources': '{ documents(first: 1) { edges { node { sources(first: 101) { id } } } } }',
      'Community.members': '{ communities(first: 1) { members(first: 101) { id } } }',
    };
    const schema = executableSchema();
    const taking: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type.name === 'Subscription') continue;
      for (const field of Object.values(type.getFields())) if (field.args.some((a) => a.name === 'first')) taking.push(`${type.name}.${field.name}`);
    }
    expect(taking.sort()).toEqual(Object.keys(queries).sort());
    const index = buildIndex([extractDocument(makeDocument({ text: SEED_TEXT, source: 'seed' }))]);
    index.analytics = computeAnalytics(analyticsInput(index.graph));
    const feed = { after: () => [], countAfter: () => 0, last: () => 0, listen: () => () => {} };
    for (const [name, query] of Object.entries(queries)) {
      const contextValue = { index, deadline: new Deadline(2000), writer: false, writes: null, documentText: () => null, changes: feed };
      const result = await graphql({ schema, source: query, contextValue });
      expect(result.errors?.[0]?.message ?? `no error: ${JSON.stringify(result.data)}`, name).toMatch(
        /"first" must be an integer from \d+ to (100|20); got 101/,
      );
    }
  });
});

// The runner answers plain read queries without Apollo's pipeline: over a real server on 127.0.0.1, every query here
// gets byte-for-byte the answer Apollo gives it (forced by an `extensions` key, which the runner leaves to Apollo),
// and the runner itself takes what it should and leaves the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deadline } from '../../src/graph/index.js';
import { plainRequest, QueryRunner } from '../../src/graphql/runner.js';
import { executableSchema, formatError, queryCost, VALIDATION_RULES } from '../../src/graphql/schema.js';
import { LIMITS } from '../../src/graphql/limits.js';
import { startSeedServer } from '../helpers.js';

let seed: Awaited<ReturnType<typeof startSeedServer>>;
beforeAll(async () => {
  seed = await startSeedServer({ responseCache: false, corsOrigins: ['http://allowed.example'] });
});
afterAll(async () => {
  await seed?.close();
});

async function post(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; text: string; cors: string | null }> {
  const res = await fetch(`${seed.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text(), cors: res.headers.get('access-control-allow-origin') };
}

const CASES: [string, { query: string; variables?: Record<string, unknown>; operationName?: string }][] = [
  [
    'literals',
    { query: '{ entity(name: "Iran") { id name type degree relations(first: 3) { totalCount edges { node { type source { id } target { id } } } } } }' },
  ],
  [
    'the same shape, other literals',
    {
      query:
        '{ entity(name: "Abbas Araghchi") { id name type degree relations(first: 7) { totalCount edges { node { type source { id } target { id } } } } } }',
    },
  ],
  [
    'variables',
    {
      query: 'query($id: ID!, $n: Int) { neighborhood(id: $id, hops: 2, limit: $n) { truncated nodes { id } edges { type } } }',
      variables: { id: 'country:iran', n: 12 },
    },
  ],
  [
    'fragments, aliases, directives',
    {
      query:
        'query Q($on: Boolean!) { a: search(text: "iran", first: 3) { ...F } b: search(text: "araghchi") @include(if: $on) { ...F } } fragment F on Entity { id name aliases @skip(if: false) }',
      variables: { on: true },
    },
  ],
  ['two operations, one named', { query: 'query A { stats { entities } } query B { stats { documents } }', operationName: 'B' }],
  ['enums and lists', { query: '{ entities(first: 4, filter: { type: COUNTRY }, orderBy: { field: MENTIONS, direction: DESC }) { edges { node { id } } } }' }],
  [
    'interfaces and fragments on them',
    {
      query:
        'query($d: ID!) { e: node(id: "country:iran") { __typename id ... on Entity { name aliases roles { title of { id } } } } r: node(id: "person:abbas-araghchi|foreign_minister_of|country:iran") { __typename ... on Relation { type confidence weight rules predicates modality evidence(first: 5) { totalCount edges { cursor node { sentence start end text document { id title } } } } } } d: node(id: $d) { __typename id } x: node(id: "nope") { id } }',
      variables: { d: 'seed' },
    },
  ],
  [
    'traversals',
    {
      query:
        '{ n: neighborhood(id: "country:iran", hops: 1, limit: 100, entityTypes: [PERSON]) { nodes { type } } sp: shortestPath(from: "Abbas Araghchi", to: "Iran", relationTypes: ["foreign_minister_of"], directed: true) { length edges { type } } none: shortestPath(from: "Iran", to: "Abbas Araghchi", relationTypes: ["foreign_minister_of"], directed: true, maxHops: 2) { length } ps: paths(from: "Abbas Araghchi", to: "Hezbollah", maxHops: 4, first: 5) { length usesCooccurrence nodes { id } } }',
    },
  ],
  [
    'events, timeline, relations with a Float filter',
    {
      query:
        '{ attacks: events(filter: { type: "attack", participant: "Israel" }, first: 20) { edges { node { eventType participants { role entity { id } } } } } timeline(entity: "Iran") { edges { node { date { value } } } } relations(filter: { type: "located_in", minConfidence: 0.7 }, first: 100) { totalCount edges { node { type source { id } confidence } } } }',
    },
  ],
  [
    'views and documents',
    {
      query:
        '{ stats { documents entities byType { type count } } pr: centrality(metric: PAGERANK, first: 3) { entity { id } score } communities(first: 3) { size members(first: 3) { id } } documents(period: { from: "2020" }) { totalCount undated edges { node { id title sentences(first: 50) { edges { node { index text entities { id } } } } } } } }',
    },
  ],
  [
    'pages',
    {
      query:
        '{ entity(name: "Iran") { relations(first: 5) { totalCount pageInfo { endCursor hasNextPage hasPreviousPage startCursor } edges { cursor node { id } } } } }',
    },
  ],
  ['a bad cursor', { query: '{ entities(after: "Zm9v") { totalCount } }' }],
  // An error names where in the text it happened: the second text shares the first's shape with a longer literal
  // before the failing field, so its locations differ.
  ['an error after a literal', { query: '{ entity(name: "Iran") { relations(first: 5, after: "Zm9v") { totalCount } } }' }],
  ['the same shape, a longer literal before the error', { query: '{ entity(name: "Israel") { relations(first: 5, after: "Zm9v") { totalCount } } }' }],
  ['a string with an escape', { query: '{ entity(name: "Ir\\u0061n") { id name } }' }],
  ['a trailing comment', { query: '{ search(text: "ira", first: 3) { id } } # request 7' }],
  ['a resolver error (unknown id)', { query: '{ neighborhood(id: "person:nobody-at-all", hops: 1) { nodes { id } } }' }],
  ['a range error', { query: '{ search(text: "iran", first: 1000) { id } }' }],
  ['a null for a nullable argument', { query: '{ entity(id: null, name: "Iran") { id } }' }],
  [
    'a literal of the wrong type',
    { query: '{ entity(name: "Iran") { id name type degree relations(first: "seven") { totalCount edges { node { type source { id } target { id } } } } } }' },
  ],
  ['an unknown field', { query: '{ entity(name: "Iran") { id nickname } }' }],
  ['a syntax error', { query: '{ entity(name: "Iran") { id ' }],
  ['a missing variable', { query: 'query($id: ID!) { neighborhood(id: $id) { nodes { id } } }' }],
  ['a variable of the wrong type', { query: 'query($n: Int) { search(text: "iran", first: $n) { id } }', variables: { n: 'many' } }],
  ['over the cost limit', { query: '{ entities(first: 100) { edges { node { neighbors(first: 100) { neighbors(first: 100) { id } } } } } }' }],
  ['an unknown operation name', { query: 'query A { stats { entities } }', operationName: 'Z' }],
  ['a mutation', { query: 'mutation { addAlias(id: "country:iran", alias: "X") { id } }' }],
  ['introspection', { query: '{ __type(name: "Entity") { name } }' }],
  ['__typename', { query: '{ stats { __typename entities } }' }],
];

describe('the runner behind POST /graphql', () => {
  it.each(CASES)('answers as Apollo does: %s', async (_name, request) => {
    const fast = await post(request);
    const apollo = await post({ ...request, extensions: {} });
    expect(fast.status).toBe(apollo.status);
    expect(fast.type).toBe(apollo.type);
    expect(fast.text).toBe(apollo.text);
  });

  it('sets the CORS headers of an allowed origin, and none for another', async () => {
    const q = { query: '{ stats { entities } }' };
    expect((await post(q, { origin: 'http://allowed.example' })).cors).toBe('http://allowed.example');
    expect((await post(q, { origin: 'http://evil.example' })).cors).toBeNull();
  });

  it('leaves other Accept headers to Apollo’s negotiation', async () => {
    const res = await post({ query: '{ stats { entities } }' }, { accept: 'application/graphql-response+json' });
    expect(res.type).toMatch(/^application\/graphql-response\+json/);
  });
});

describe('QueryRunner', () => {
  const schema = executableSchema();
  const runner = new QueryRunner({
    schema,
    rules: VALIDATION_RULES,
    maxTokens: LIMITS.tokens,
    cost: (d, v, o) => queryCost(schema, d, v, o),
    costLimit: LIMITS.cost,
    formatError: formatError(() => {}),
  });
  const context = () => ({
    index: seed.service.index,
    deadline: new Deadline(LIMITS.budgetMs),
    writer: false,
    writes: null,
    documentText: () => null,
  });
  const run = (body: unknown) => {
    const request = plainRequest(body);
    return request ? runner.run(request, context()) : Promise.resolve(null);
  };

  it('validates a shape once: documents that differ only in literals share it', async () => {
    const before = runner.size;
    const a = await run({ query: '{ entity(name: "Iran") { name relations(first: 2) { totalCount } } }' });
    const b = await run({ query: '{ entity(name: "Israel") { name relations(first: 9) { totalCount } } }' });
    expect(JSON.parse(a?.body ?? '{}').data.entity.name).toBe('Iran');
    expect(JSON.parse(b?.body ?? '{}').data.entity.name).toBe('Israel');
    expect(runner.size).toBe(before + 1);
    await run({ query: '{ entity(name: "Iran") { id name relations(first: 2) { totalCount } } }' });
    expect(runner.size).toBe(before + 2);
  });

  it('compiles a single-operation shape with graphql-jit, and leaves one with several operations to graphql-js', async () => {
    const before = runner.compiled;
    const one = await run({ query: '{ entity(name: "Iran") { name aliases } }' });
    expect(runner.compiled).toBe(before + 1);
    expect(JSON.parse(one?.body ?? '{}').data.entity.name).toBe('Iran');
    const two = await run({ query: 'query A { entity(name: "Iran") { name } } query B { stats { entities } }', operationName: 'A' });
    expect(runner.compiled).toBe(before + 1);
    expect(JSON.parse(two?.body ?? '{}').data.entity.name).toBe('Iran');
  });

  it('leaves to Apollo what it must word: a literal that does not fit a learned shape, mutations, introspection, bad variables', async () => {
    await run({ query: '{ search(text: "iran", first: 2) { id } }' });
    expect(await run({ query: '{ search(text: "iran", first: "two") { id } }' })).toBeNull();
    expect(await run({ query: '{ search(text: 7, first: 2) { id } }' })).toBeNull();
    expect(await run({ query: 'mutation { addAlias(id: "country:iran", alias: "X") { id } }' })).toBeNull();
    expect(await run({ query: '{ __schema { queryType { name } } }' })).toBeNull();
    expect(await run({ query: 'query($n: Int!) { search(text: "iran", first: $n) { id } }' })).toBeNull();
    expect(await run({ query: 'query($n: Int!) { search(text: "iran", first: $n) { id } }', variables: { n: 2 } })).not.toBeNull();
  });

  it('keeps cost estimates per shape and limits: a larger limit on a known shape is still refused', async () => {
    const q = (n: number) => `{ entities(first: 100) { edges { node { neighbors(first: ${n}) { neighbors(first: ${n}) { id } } } } } }`;
    expect(await run({ query: q(2) })).not.toBeNull();
    expect(await run({ query: q(100) })).toBeNull();
    expect(await run({ query: q(2) })).not.toBeNull();
    const v = 'query($n: Int) { entities(first: 100) { edges { node { neighbors(first: $n) { neighbors(first: $n) { id } } } } } }';
    expect(await run({ query: v, variables: { n: 2 } })).not.toBeNull();
    expect(await run({ query: v, variables: { n: 100 } })).toBeNull();
  });

  it('answers a text whose key it has seen without parsing it again, and checks its literals', async () => {
    const q = (name: string, n: string) => `{ entity(name: ${name}) { name relations(first: ${n}) { totalCount } } } # ${name}`;
    await run({ query: q('"Iran"', '2') });
    const prepared = runner.prepared;
    const israel = await run({ query: q('"Israel"', '3') });
    expect(JSON.parse(israel?.body ?? '{}').data.entity.name).toBe('Israel');
    expect(runner.prepared).toBe(prepared);
    // A Float where an Int goes, and a number where a String goes: refused, as a parsed document would be.
    expect(await run({ query: q('"Iran"', '2.5') })).toBeNull();
    expect(await run({ query: q('7', '2') })).toBeNull();
    // An enum value stays in the key: another one is another key (of the same shape).
    const shapes = runner.size;
    await run({ query: '{ entities(first: 2, filter: { type: COUNTRY }) { totalCount } }' });
    await run({ query: '{ entities(first: 3, filter: { type: PERSON }) { totalCount } }' });
    expect(runner.size).toBe(shapes + 1);
    expect(runner.prepared).toBe(prepared + 2);
  });

  it('marks only error-free answers cacheable', async () => {
    expect((await run({ query: '{ stats { entities } }' }))?.cacheable).toBe(true);
    const bad = await run({ query: '{ search(text: "iran", first: 1000) { id } }' });
    expect(bad?.cacheable).toBe(false);
    expect(JSON.parse(bad?.body ?? '{}').errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('takes only {query, variables?, operationName?} bodies', () => {
    expect(plainRequest({ query: '{ stats { entities } }' })).not.toBeNull();
    expect(plainRequest({ query: '{ stats { entities } }', extensions: {} })).toBeNull();
    expect(plainRequest({ query: '' })).toBeNull();
    expect(plainRequest({ query: '{ a }', variables: [] })).toBeNull();
    expect(plainRequest([{ query: '{ a }' }])).toBeNull();
  });
});

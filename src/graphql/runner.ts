// Plain read queries without Apollo's per-request pipeline. A document is parsed, then matched by its shape (the text
// with every literal value masked) to a shape validated once; what is left per request is checking that each literal
// fits the type at its place, the cost estimate, execution and JSON. Validation was three quarters of an uncached
// request's GraphQL time, and Apollo's own cache is keyed by the exact text, which a different id or limit misses.
// Anything else — mutations, introspection, documents that do not parse or validate, bad variables, costs over the
// limit — gets null and goes through Apollo, so every refusal keeps one wording and one code path.
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import {
  type ASTNode,
  type DocumentNode,
  type DefinitionNode,
  type DirectiveNode,
  execute,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLInputType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  parseType,
  type SelectionSetNode,
  specifiedRules,
  TypeInfo,
  type TypeNode,
  type ValidationRule,
  type ValueNode,
  type VariableDefinitionNode,
  type VariableNode,
  validate,
  valueFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { type TextKey, textKey } from './textkey.js';

/** What a JSON POST body holds when the runner can take it. */
export interface PlainRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName: string | null;
}

/** A finished answer: HTTP status and the JSON text Apollo would have sent. */
export interface Answer {
  status: number;
  body: string;
  /** No errors: the answer may be kept until the graph changes. */
  cacheable: boolean;
}

export interface RunnerOptions {
  schema: GraphQLSchema;
  /** Validation rules besides graphql's specifiedRules (the same ones Apollo is given). */
  rules: readonly ValidationRule[];
  maxTokens: number;
  /** Estimated cost of a document, and the most a document may cost. */
  cost: (document: DocumentNode, variables: Record<string, unknown>, operationName: string | null) => number;
  costLimit: number;
  /** Apollo's formatError, applied the way Apollo applies it. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** How many validated shapes to keep (oldest dropped first). */
  maxShapes?: number;
}

/** A validated shape: the input type at each masked literal (in the order outlineOf finds them) and its compiled form. */
interface Shape {
  types: readonly GraphQLInputType[];
  /** The shape with its literals as variables (LITERAL_PREFIX + position), compiled by graphql-jit; null: graphql-js runs it. */
  compiled: CompiledQuery | null;
}

/** A text key's way into a compiled shape: for each of the shape's literals, the scanned literal it is, or -1 and a fixed value. */
interface Prepared {
  shape: Shape;
  from: number[];
  fixed: unknown[];
}

/** Variables standing for a shape's literals; a document whose own variables start so is not compiled. */
const LITERAL_PREFIX = '__literal';

interface Outline {
  key: string;
  literals: ValueNode[];
  /** The literals that are not strings (limits, flags, enum values): with the shape, all a cost estimate reads. */
  settings: string[];
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The request inside a parsed JSON body, or null when the body is anything but {query, variables?, operationName?}. */
export function plainRequest(body: unknown): PlainRequest | null {
  if (!isRecord(body)) return null;
  for (const key in body) if (key !== 'query' && key !== 'variables' && key !== 'operationName') return null;
  const { query, variables, operationName } = body;
  if (typeof query !== 'string' || query === '') return null;
  if (variables !== undefined && variables !== null && !isRecord(variables)) return null;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
  return { query, variables: variables ?? {}, operationName: operationName ?? null };
}

export class QueryRunner {
  private readonly shapes = new Map<string, Shape>();
  private readonly costs = new Map<string, number>();
  /** Text keys (see textkey.ts) of compiled shapes: what a text with that key needs to run without being parsed. */
  private readonly texts = new Map<string, Prepared>();
  private readonly rules: readonly ValidationRule[];

  constructor(private readonly options: RunnerOptions) {
    this.rules = [...specifiedRules, ...options.rules];
  }

  /** Shapes validated so far (for tests and benchmarks). */
  get size(): number {
    return this.shapes.size;
  }

  /** Text keys that run without parsing (see textkey.ts). */
  get prepared(): number {
    return this.texts.size;
  }

  /** Of those, the ones graphql-jit compiled. */
  get compiled(): number {
    let n = 0;
    for (const shape of this.shapes.values()) if (shape.compiled) n++;
    return n;
  }

  /** The answer to a read query, or null: let Apollo answer it. */
  async run(request: PlainRequest, contextValue: unknown): Promise<Answer | null> {
    const scanned = textKey(request.query);
    const key = scanned && scanned.tokens <= this.options.maxTokens ? `${request.operationName ?? ''}\u0000${scanned.key}` : null;
    if (scanned && key !== null) {
      const prepared = this.texts.get(key);
      if (prepared) {
        const answer = await this.runPrepared(prepared, scanned, key, request, contextValue);
        if (answer !== undefined) return answer;
      }
    }
    let document: DocumentNode;
    try {
      document = parse(request.query, { maxTokens: this.options.maxTokens });
    } catch {
      return null;
    }
    const outline = outlineOf(document, request.operationName);
    if (!outline) return null;
    const shape = this.shapes.get(outline.key) ?? this.learn(document, outline);
    if (!shape) return null;
    for (let i = 0; i < outline.literals.length; i++) {
      // What ValuesOfCorrectType checks: the literal parses as the type at its place.
      if (valueFromAST(outline.literals[i], shape.types[i] as GraphQLInputType) === undefined) return null;
    }
    const cost = this.cost(document, outline, request);
    if (cost === null || cost > this.options.costLimit) return null;
    if (scanned && key !== null && shape.compiled) {
      this.prepare(key, scanned, outline, shape);
      this.costs.set(this.textCostKey(key, scanned, request), cost);
    }
    let result: ExecutionResult;
    if (shape.compiled) {
      const variables: Record<string, unknown> = { ...request.variables };
      outline.literals.forEach((literal, i) => {
        variables[LITERAL_PREFIX + i] = externalValue(literal);
      });
      result = await shape.compiled.query(undefined, contextValue, variables);
      // An error names the places in the document it came from: the compiled shape knows those of its first document.
      if (result.errors) result = await this.executeJs(document, request, contextValue);
    } else {
      result = await this.executeJs(document, request, contextValue);
    }
    return this.answer(result);
  }

  /**
   * A text whose key was seen: its literals checked against the types at their places and given to the compiled
   * shape as variables, without a syntax tree. Undefined — the caller takes the long way — when a literal does not fit
   * or the cost of these limits is not known yet; an answer with errors is run again on the parsed document.
   */
  private async runPrepared(
    prepared: Prepared,
    scanned: TextKey,
    key: string,
    request: PlainRequest,
    contextValue: unknown,
  ): Promise<Answer | null | undefined> {
    const variables: Record<string, unknown> = { ...request.variables };
    const { from, fixed, shape } = prepared;
    for (let i = 0; i < from.length; i++) {
      const at = from[i] as number;
      if (at < 0) {
        variables[LITERAL_PREFIX + i] = fixed[i];
        continue;
      }
      const literal = { kind: scanned.kinds[at], value: scanned.values[at] } as ValueNode;
      if (valueFromAST(literal, shape.types[i] as GraphQLInputType) === undefined) return undefined;
      variables[LITERAL_PREFIX + i] = externalValue(literal);
    }
    const cost = this.costs.get(this.textCostKey(key, scanned, request));
    if (cost === undefined) return undefined;
    if (cost > this.options.costLimit) return null;
    let result = await (shape.compiled as CompiledQuery).query(undefined, contextValue, variables);
    if (result.errors) {
      let document: DocumentNode;
      try {
        document = parse(request.query, { maxTokens: this.options.maxTokens });
      } catch {
        return null;
      }
      result = await this.executeJs(document, request, contextValue);
    }
    return this.answer(result);
  }

  private executeJs(document: DocumentNode, request: PlainRequest, contextValue: unknown): Promise<ExecutionResult> | ExecutionResult {
    const { schema } = this.options;
    return execute({ schema, document, contextValue, variableValues: request.variables, operationName: request.operationName });
  }

  private answer(result: ExecutionResult): Answer | null {
    // No data at all: the variables were refused before any field ran; Apollo words that (and answers 400).
    if (!('data' in result) || result.data === undefined) return null;
    let status = 200;
    let errors: GraphQLFormattedError[] | undefined;
    if (result.errors) {
      errors = result.errors.map((error) => {
        const formatted = this.format(error);
        status = formatted.status ?? status;
        return formatted.error;
      });
    }
    return { status, body: `${JSON.stringify({ errors, data: result.data, extensions: result.extensions })}\n`, cacheable: !errors };
  }

  /** The cost key of a scanned text: its key, its number literals and its non-string variables. */
  private textCostKey(key: string, scanned: TextKey, request: PlainRequest): string {
    let costKey = `${key}\u0000`;
    for (let j = 0; j < scanned.kinds.length; j++) if (scanned.kinds[j] !== Kind.STRING) costKey += `${scanned.values[j]},`;
    return costKey + settingVariables(request);
  }

  /**
   * Remembers a text key for a compiled shape, when its scanned literals are exactly the shape's string and number
   * literals in order (enum and boolean values stay in the text key, so they are fixed for it).
   */
  private prepare(key: string, scanned: TextKey, outline: Outline, shape: Shape): void {
    if (this.texts.has(key)) return;
    const from: number[] = [];
    const fixed: unknown[] = [];
    let j = 0;
    for (const literal of outline.literals) {
      if (literal.kind === Kind.STRING || literal.kind === Kind.INT || literal.kind === Kind.FLOAT) {
        if (scanned.kinds[j] !== literal.kind || scanned.values[j] !== literal.value) return;
        from.push(j++);
        fixed.push(undefined);
      } else {
        from.push(-1);
        fixed.push(externalValue(literal));
      }
    }
    if (j !== scanned.kinds.length) return;
    if (this.texts.size >= (this.options.maxShapes ?? 1_000) * 4) {
      const oldest = this.texts.keys().next().value;
      if (oldest !== undefined) this.texts.delete(oldest);
    }
    this.texts.set(key, { shape, from, fixed });
  }

  /**
   * The cost estimate, kept per shape and non-string values: the estimators read list sizes and, through @include and
   * @skip, flags; never an id or a name. Null when the estimate fails (Apollo then says why).
   */
  private cost(document: DocumentNode, outline: Outline, request: PlainRequest): number | null {
    const key = `${outline.key}\u0000${outline.settings.join('\u0001')}${settingVariables(request)}`;
    const known = this.costs.get(key);
    if (known !== undefined) return known;
    let cost: number;
    try {
      cost = this.options.cost(document, request.variables, request.operationName);
    } catch {
      return null;
    }
    if (this.costs.size >= (this.options.maxShapes ?? 2_000) * 4) this.costs.clear();
    this.costs.set(key, cost);
    return cost;
  }

  /** Validates the first document of a shape and keeps the types its literals must fit; null when it is invalid. */
  private learn(document: DocumentNode, outline: Outline): Shape | null {
    const { schema } = this.options;
    if (validate(schema, document, this.rules).length > 0) return null;
    const at = new Map<ValueNode, GraphQLInputType>();
    const typeInfo = new TypeInfo(schema);
    const masked = new Set<ValueNode>(outline.literals);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        enter(node) {
          if (masked.has(node as ValueNode)) {
            const type = typeInfo.getInputType();
            if (type) at.set(node as ValueNode, type);
          }
        },
      }),
    );
    const types: GraphQLInputType[] = [];
    for (const literal of outline.literals) {
      const type = at.get(literal);
      if (!type) return null;
      types.push(type);
    }
    const shape: Shape = { types, compiled: this.compile(document, outline, types) };
    if (this.shapes.size >= (this.options.maxShapes ?? 1_000)) {
      const oldest = this.shapes.keys().next().value;
      if (oldest !== undefined) this.shapes.delete(oldest);
    }
    this.shapes.set(outline.key, shape);
    return shape;
  }

  /**
   * The shape compiled by graphql-jit, its literals turned into variables of the types at their places (so one
   * compiled function serves every document of the shape). Null — graphql-js executes — when the document has more
   * than one operation (a fragment's literal could not be a variable of each), or graphql-jit declines it.
   */
  private compile(document: DocumentNode, outline: Outline, types: readonly GraphQLInputType[]): CompiledQuery | null {
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operations[0];
    if (operations.length !== 1 || !operation) return null;
    if (operation.variableDefinitions?.some((v) => v.variable.name.value.startsWith(LITERAL_PREFIX))) return null;
    const names = new Map<ASTNode, string>(outline.literals.map((literal, i) => [literal, LITERAL_PREFIX + i]));
    const variable = (name: string): VariableNode => ({ kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } });
    const withVariables = visit(document, {
      enter(node) {
        const name = names.get(node);
        return name === undefined ? undefined : variable(name);
      },
      OperationDefinition: {
        leave(op) {
          const added: VariableDefinitionNode[] = types.map((type, i) => ({
            kind: Kind.VARIABLE_DEFINITION,
            variable: variable(LITERAL_PREFIX + i),
            type: parseType(String(type)),
          }));
          return { ...op, variableDefinitions: [...(op.variableDefinitions ?? []), ...added] };
        },
      },
    });
    try {
      const compiled = compileQuery(this.options.schema, withVariables, operation.name?.value, { disablingCapturingStackErrors: true });
      return isCompiledQuery(compiled) ? compiled : null;
    } catch {
      return null;
    }
  }

  /** What Apollo's normalizeAndFormatErrors does with one error (no stack traces; an `http` extension sets the status). */
  private format(error: GraphQLError): { error: GraphQLFormattedError; status?: number } {
    // graphql-jit's errors leave extensions undefined when the thrown error had none.
    const own = error.extensions as Record<string, unknown> | undefined;
    const extensions: Record<string, unknown> = { ...own, code: own?.code ?? 'INTERNAL_SERVER_ERROR' };
    let status: number | undefined;
    const http = extensions.http as { status?: unknown } | undefined;
    if (isRecord(http) && (!('status' in http) || typeof http.status === 'number')) {
      status = http.status as number | undefined;
      delete extensions.http;
    }
    try {
      return { error: this.options.formatError({ ...error.toJSON(), extensions }, error), status };
    } catch {
      return { error: { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, status };
    }
  }
}

/** The variables a cost estimate can read (all but strings), as part of a cost key. */
function settingVariables(request: PlainRequest): string {
  let part = '';
  for (const name in request.variables) {
    const v = request.variables[name];
    if (typeof v !== 'string') part += `\u0000${name}=${JSON.stringify(v)}`;
  }
  return part;
}

/** A literal as a variable would carry it (the external value, which coercion turns into what the literal gives). */
function externalValue(literal: ValueNode): unknown {
  switch (literal.kind) {
    case Kind.INT:
      return Number.parseInt(literal.value, 10);
    case Kind.FLOAT:
      return Number.parseFloat(literal.value);
    case Kind.STRING:
    case Kind.BOOLEAN:
    case Kind.ENUM:
      return literal.value;
    default:
      return null;
  }
}

/**
 * A document's shape key and its literals: every Int, Float, String, Boolean and enum literal becomes one mark, so
 * documents that differ only in ids, names and limits share a key. Null for what the runner leaves to Apollo: no
 * single query operation to run, introspection, or definitions that are not executable.
 */
function outlineOf(document: DocumentNode, operationName: string | null): Outline | null {
  const parts: string[] = [operationName ?? ''];
  const literals: ValueNode[] = [];
  const settings: string[] = [];
  let operation: OperationDefinitionNode | null = null;
  let operations = 0;
  let ok = true;

  const value = (v: ValueNode): void => {
    switch (v.kind) {
      case Kind.STRING:
        literals.push(v);
        parts.push('§');
        return;
      case Kind.INT:
      case Kind.FLOAT:
      case Kind.ENUM:
        settings.push(`${literals.length}=${v.value}`);
        literals.push(v);
        parts.push('§');
        return;
      case Kind.BOOLEAN:
        settings.push(`${literals.length}=${v.value}`);
        literals.push(v);
        parts.push('§');
        return;
      case Kind.NULL:
        parts.push('null');
        return;
      case Kind.VARIABLE:
        parts.push(`$${v.name.value}`);
        return;
      case Kind.LIST:
        parts.push('[');
        for (const x of v.values) value(x);
        parts.push(']');
        return;
      case Kind.OBJECT:
        parts.push('{');
        for (const f of v.fields) {
          parts.push(f.name.value, ':');
          value(f.value);
        }
        parts.push('}');
        return;
    }
  };
  const type = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : t.kind === Kind.LIST_TYPE ? `[${type(t.type)}]` : `${type(t.type)}!`);
  const directives = (ds: readonly DirectiveNode[] | undefined): void => {
    for (const d of ds ?? []) {
      parts.push(`@${d.name.value}`, '(');
      for (const a of d.arguments ?? []) {
        parts.push(a.name.value, ':');
        value(a.value);
      }
      parts.push(')');
    }
  };
  const selections = (set: SelectionSetNode | undefined): void => {
    if (!set) return;
    parts.push('{');
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        const name = s.name.value;
        if (name === '__schema' || name === '__type') ok = false;
        parts.push(s.alias ? `${s.alias.value}:${name}` : name, '(');
        for (const a of s.arguments ?? []) {
          parts.push(a.name.value, ':');
          value(a.value);
        }
        parts.push(')');
        directives(s.directives);
        selections(s.selectionSet);
      } else if (s.kind === Kind.FRAGMENT_SPREAD) {
        parts.push(`...${s.name.value}`);
        directives(s.directives);
      } else {
        parts.push('...', s.typeCondition ? `on ${s.typeCondition.name.value}` : '');
        directives(s.directives);
        selections(s.selectionSet);
      }
    }
    parts.push('}');
  };
  const definition = (d: DefinitionNode): void => {
    if (d.kind === Kind.OPERATION_DEFINITION) {
      operations++;
      if (operationName === null ? true : d.name?.value === operationName) operation = d;
      parts.push(d.operation, d.name?.value ?? '', '(');
      for (const v of d.variableDefinitions ?? []) {
        parts.push(`$${v.variable.name.value}`, ':', type(v.type));
        if (v.defaultValue) {
          parts.push('=');
          value(v.defaultValue);
        }
        directives(v.directives);
      }
      parts.push(')');
      directives(d.directives);
      selections(d.selectionSet);
    } else if (d.kind === Kind.FRAGMENT_DEFINITION) {
      parts.push('fragment', d.name.value, 'on', d.typeCondition.name.value);
      directives(d.directives);
      selections(d.selectionSet);
    } else ok = false;
  };

  for (const d of document.definitions) definition(d);
  const chosen = operation as OperationDefinitionNode | null;
  if (!ok || !chosen || chosen.operation !== 'query' || (operationName === null && operations !== 1)) return null;
  return { key: parts.join(' '), literals, settings };
}

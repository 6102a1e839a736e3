// The PostgreSQL store's schema, as numbered migrations: a database records the ones applied in
// newsgraph_migrations, and opening it applies the rest in order, under an advisory lock so that processes starting
// together migrate once. Append new versions; never edit one that has shipped.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, extractions, curation, change log, stories',
    // Ids compare byte-wise (COLLATE "C"), as SQLite's do, so that listings and rebuilds come in the same order.
    sql: `
CREATE TABLE documents (
  id TEXT COLLATE "C" PRIMARY KEY,
  content_hash TEXT NOT NULL UNIQUE,
  title TEXT,
  published_at TEXT,
  url TEXT,
  source TEXT NOT NULL,
  text TEXT NOT NULL,
  chars INTEGER NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE TABLE extractions (
  document_id TEXT COLLATE "C" PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  extractor_version TEXT NOT NULL,
  json TEXT NOT NULL
);
CREATE TABLE curation (
  seq BIGSERIAL PRIMARY KEY,
  op TEXT NOT NULL,
  args TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE changes (
  seq BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('document_added', 'document_removed', 'curation')),
  document_id TEXT COLLATE "C",
  op TEXT,
  args TEXT,
  at TEXT NOT NULL
);
CREATE TABLE stories (
  document_id TEXT COLLATE "C" PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  seq BIGINT NOT NULL UNIQUE,
  story_id TEXT COLLATE "C" NOT NULL,
  similarity DOUBLE PRECISION NOT NULL,
  signature BYTEA
);
CREATE INDEX stories_by_story ON stories (story_id, seq);
CREATE TABLE story_bands (
  key BIGINT NOT NULL,
  document_id TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (key, document_id)
);
`,
  },
  {
    version: 2,
    name: 'job queue for distributed extraction',
    sql: `
CREATE TABLE jobs (
  id BIGSERIAL PRIMARY KEY,
  source TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  document TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  worker TEXT,
  worker_pid INTEGER,
  worker_started TIMESTAMPTZ,
  result TEXT,
  document_id TEXT,
  error TEXT,
  enqueued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  started_at TIMESTAMPTZ,
  finished_at TIMESTAMPTZ
);
CREATE INDEX jobs_open ON jobs (id) WHERE state IN ('queued', 'running');
CREATE UNIQUE INDEX jobs_open_content ON jobs (content_hash) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;
`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

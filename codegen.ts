// graphql-codegen config: resolver types generated from schema/*.graphql (SDL is the source of truth).
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  generates: {
    'src/graphql/generated/types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        namingConvention: { enumValues: 'keep' },
        useTypeImports: true,
        contextType: '../context.js#GraphContext',
        mappers: {
          Entity: '../../graph/model.js#EntityNode',
          Relation: '../../graph/model.js#RelationEdge',
          Document: '../../graph/model.js#DocumentInfo',
          DocumentSource: '../../graph/model.js#StorySource',
          Evidence: '../../graph/model.js#EvidenceRef',
          EntityConnection: '../../graph/query.js#EntityPage',
          RelationConnection: '../../graph/query.js#RelationPage',
          Path: '../../graph/query.js#PathResult',
          Community: '../../graph/analytics.js#CommunityInfo',
          Sentence: '../../graph/query.js#SentenceInfo',
          SentenceConnection: '../../graph/query.js#SentencePage',
          DocumentConnection: '../../graph/query.js#DocumentPage',
          EvidenceConnection: '../../graph/query.js#EvidencePage',
          Activity: '../../graph/query.js#ActivityResult',
          Trending: '../../graph/query.js#TrendingResult',
          Trend: '../../graph/query.js#TrendResult',
          Change: '../../store/index.js#StoredChange',
          ChangeConnection: '../changes.js#ChangePage',
        },
        enumsAsTypes: true,
        scalars: { ID: 'string' },
        avoidOptionals: false,
      },
    },
  },
};
export default config;

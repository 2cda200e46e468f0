// GraphQL Code Generator for the ServiceGrade API: typed operations for a TypeScript frontend.
//
//   npm install                                      # the versions pinned in package.json / package-lock.json
//   SERVICEGRADE_GRAPHQL_URL=https://servicegrade.example.com/graphql npm run codegen
//
// The schema is read from the running server by the standard introspection query (no key needed), or from the
// checked-in schema.graphql with SERVICEGRADE_GRAPHQL_URL=schema.graphql. Copy this file and point `documents` at
// your own operations; the scalar map is what to keep.
import type { CodegenConfig } from '@graphql-codegen/cli';

const schema = process.env.SERVICEGRADE_GRAPHQL_URL ?? 'http://localhost:8080/graphql';
const out = process.env.CODEGEN_OUT ?? './generated/';

const config: CodegenConfig = {
  schema,
  documents: ['operations/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    [out]: {
      preset: 'client',
      config: {
        // The server's custom scalars as they travel in JSON. Decimals (scores, points) are JSON numbers with at most
        // a few decimals; they are sent as numbers and accepted as numbers or strings ("87.35").
        scalars: {
          BigDecimal: { input: 'number | string', output: 'number' },
          BigInteger: { input: 'number | string', output: 'number' },
          Date: { input: 'string', output: 'string' }, // ISO-8601 date: 2025-03-31
          DateTime: { input: 'string', output: 'string' }, // ISO-8601 date-time with its offset
        },
        strictScalars: true,
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;

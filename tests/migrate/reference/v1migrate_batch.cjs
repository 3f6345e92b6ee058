#!/usr/bin/env node
// v1migrate.cjs (../../../../shared/oracle) for many schemas in one process, for differential runs.
// usage: node v1migrate_batch.cjs ORACLE_DIR < jobs.jsonl > results.jsonl
// Each input line: {"id": ..., "text": SDL, "authMode": MODE}; each output line: {"id": ..., "sdl": TEXT}
// or {"id": ..., "refused": "[migrate] message"}, computed exactly as v1migrate.cjs computes it.
const path = require('path');
const readline = require('readline');
const { createRequire } = require('module');

const oracleRequire = createRequire(path.join(path.resolve(process.argv[2]), 'package.json'));
const { parse } = oracleRequire('graphql');
const m = oracleRequire('@aws-amplify/graphql-transformer-migrator/lib/schema-migrator');
const inspector = oracleRequire('@aws-amplify/graphql-transformer-migrator/lib/schema-inspector');
const { validateModelSchema, SchemaValidationError } = oracleRequire('@aws-amplify/graphql-transformer-core');
const { GRAPHQL_DIRECTIVES_SCHEMA } = oracleRequire('@aws-amplify/graphql-transformer-migrator/lib/constants/graphql-directives');

function migrate(text, authMode) {
  const errors = validateModelSchema(parse(text + GRAPHQL_DIRECTIVES_SCHEMA));
  if (errors && errors.length) throw new SchemaValidationError(errors);
  if (inspector.detectDeprecatedConnectionUsage(text))
    throw new Error('You are using the deprecated parameterization of @connection which cannot be automatically migrated.');
  if (inspector.authRuleUsesQueriesOrMutations(text))
    throw new Error('You are using queries or mutations in at least one @auth rule. These cannot be automatically migrated.');
  return m.migrateGraphQLSchema(text, authMode, parse(text)) + '\n';
}

const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  if (!line.trim()) return;
  const job = JSON.parse(line);
  let result;
  try {
    result = { id: job.id, sdl: migrate(job.text, job.authMode) };
  } catch (e) {
    result = { id: job.id, refused: `[migrate] ${String(e && e.message ? e.message : e).split('\n').join(' ')}` };
  }
  process.stdout.write(JSON.stringify(result) + '\n');
});

#!/usr/bin/env node
// Reference for a whole API resource folder: what `amplify migrate api` does to its schema files.
// usage: node migrate_api.cjs ORACLE_DIR API_DIR [--auth-mode apiKey|userPools|iam|oidc|lambda]
// ORACLE_DIR is the installed reference oracle (/tmp/amplify-oracle, see ../../../../shared/oracle).
// The files are read as the migrator's getSchemaDocs reads them (schema.graphql, else every
// schema/**/*.graphql), refused where attemptV2TransformerMigration refuses (deprecated @connection
// parameterization, queries/mutations in @auth rules, both on the joined schema), then migrated by
// the migrator's own runMigration (v1 validation of the joined schema, then migrateGraphQLSchema
// per file against the whole schema) on a scratch copy. Prints {"files": {relative path: text}}
// on stdout, exit 0; or "[migrate] message" on stderr, exit 1.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createRequire } = require('module');

const args = process.argv.slice(2);
const [oracleDir, apiDir] = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--auth-mode');
const i = args.indexOf('--auth-mode');
const authMode = i >= 0 ? args[i + 1] : 'apiKey';
const oracleRequire = createRequire(path.join(path.resolve(oracleDir), 'package.json'));
const migrator = oracleRequire('@aws-amplify/graphql-transformer-migrator/lib/schema-migrator');
const inspector = oracleRequire('@aws-amplify/graphql-transformer-migrator/lib/schema-inspector');
const glob = oracleRequire('glob');

function schemaFiles(dir) {
  if (fs.existsSync(path.join(dir, 'schema.graphql'))) return ['schema.graphql'];
  const folder = path.join(dir, 'schema');
  return glob.sync('**/*.graphql', { cwd: folder }).map((name) => path.join('schema', name));
}

(async () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-api-'));
  try {
    const names = schemaFiles(apiDir);
    const docs = names.map((name) => {
      const target = path.join(scratch, name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(apiDir, name), target);
      return { schema: fs.readFileSync(target, 'utf8'), filePath: target };
    });
    const fullSchema = docs.map((doc) => doc.schema).join('\n');
    if (inspector.detectDeprecatedConnectionUsage(fullSchema))
      throw new Error('You are using the deprecated parameterization of @connection which cannot be automatically migrated.');
    if (inspector.authRuleUsesQueriesOrMutations(fullSchema))
      throw new Error('You are using queries or mutations in at least one @auth rule. These cannot be automatically migrated.');
    await migrator.runMigration(docs, authMode);
    const files = {};
    for (const name of names) files[name.split(path.sep).join('/')] = fs.readFileSync(path.join(scratch, name), 'utf8');
    process.stdout.write(JSON.stringify({ files }) + '\n');
  } catch (e) {
    process.stderr.write(`[migrate] ${String(e && e.message ? e.message : e).split('\n').join(' ')}\n`);
    process.exitCode = 1;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
})();

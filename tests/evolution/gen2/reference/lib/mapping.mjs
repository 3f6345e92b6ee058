// What `migratedAmplifyGen1DynamoDbTableMappings` does for one side and one deployment, read off Amplify's own
// results: the entry backend-data's DataGenerator.generateContainerEntry (lib/factory.js) picks (branch key
// 'sandbox' in a sandbox, else the CDK context amplify-backend-name = the branch given to `ampx pipeline-deploy`),
// which models came out of the synthesis as Custom::ImportedAmplifyDynamoDBTable (adopting a Gen 1 table) and
// which as Custom::AmplifyDynamoDBTable (a new, empty table), and the errors generateContainerEntry /
// convert_schema.js extractImportedModels throw. The schema kinds use backend-data's own predicates
// (convert_schema.js isCombinedSchema, isDataSchema): splitSchemasByTableMap splits string (SDL) schemas only.
import path from 'path';
import { createRequire } from 'module';
import { pathToFileURL } from 'url';

let convertSchema;

export async function initMapping(oracleDir) {
  if (convertSchema) return;
  const oracleRequire = createRequire(path.join(oracleDir, 'package.json'));
  const dir = path.dirname(oracleRequire.resolve('@aws-amplify/backend-data'));
  convertSchema = await import(pathToFileURL(path.join(dir, 'convert_schema.js')).href);
}

const sortedObject = (entries) => Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const modelOf = (logicalId) => logicalId.replace(/Table$/, ''); // ModelResourceIDs.ModelTableResourceID = `${model}Table`

function schemaKinds(schema) {
  const schemas = convertSchema.isCombinedSchema(schema) ? schema.schemas : [schema];
  return schemas.map((s) => (convertSchema.isDataSchema(s) ? 'data-schema' : typeof s === 'string' ? 'sdl' : 'other'));
}

/**
 * props: the defineData props of the side (null if the file did not load); side: { tables, error } of its synthesis;
 * branchKey: the mapping key the factory looks up for this deployment.
 */
export function mappingReport(props, side, branchKey) {
  if (!props) return null;
  const mappings = Array.isArray(props.migratedAmplifyGen1DynamoDbTableMappings) ? props.migratedAmplifyGen1DynamoDbTableMappings : null;
  const entry = mappings ? mappings.find((m) => m && m.branchName === branchKey) : undefined;
  const mapped = entry && entry.modelNameToTableNameMapping ? entry.modelNameToTableNameMapping : {};
  const report = {
    declared: Boolean(mappings),
    branches: mappings ? mappings.map((m) => (m ? m.branchName : null)) : [],
    branch_key: branchKey,
    selected: Boolean(entry),
    mapped_models: sortedObject(Object.entries(mapped)),
    schemas: schemaKinds(props.schema),
    imported: null,
    new_tables: null,
    findings: [],
  };
  const error = side.error;
  if (error) {
    const text = `${error.message} ${error.cause || ''}`;
    const missing = text.match(/Imported model not found in schema: (\S+)/);
    if (missing) report.findings.push({ kind: 'mapped_model_missing', models: [missing[1]], error: error.message });
    else if (/Branch names must be unique/.test(text)) report.findings.push({ kind: 'duplicate_branch_names', error: error.message });
    else if (/No table found for imported model/.test(text)) report.findings.push({ kind: 'mapped_table_name_missing', error: error.message });
    return report;
  }
  const imported = [];
  const fresh = [];
  for (const t of Object.values(side.tables)) {
    if (t.type === 'Custom::ImportedAmplifyDynamoDBTable') imported.push([t.model, t.properties.tableName]);
    else fresh.push(t.model);
  }
  report.imported = sortedObject(imported);
  report.new_tables = fresh.sort();
  if (!report.declared) return report;
  if (!report.selected) {
    report.findings.push({ kind: 'branch_not_mapped', models: report.new_tables });
    return report;
  }
  const notImported = Object.keys(mapped).filter((m) => !Object.hasOwn(report.imported, m)).sort();
  if (notImported.length) {
    report.findings.push({
      kind: 'mapped_model_not_imported',
      models: notImported,
      reason: report.schemas.includes('data-schema') ? 'splitSchemasByTableMap leaves data-schema (a.schema) schemas whole; only string schemas are split' : null,
    });
  }
  const unmapped = report.new_tables.filter((m) => !Object.hasOwn(mapped, m));
  if (unmapped.length) report.findings.push({ kind: 'model_not_mapped', models: unmapped });
  return report;
}

export { modelOf };

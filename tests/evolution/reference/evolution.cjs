#!/usr/bin/env node
'use strict';
/*
 * Schema evolution reference: can schema NEW be pushed over a deployed schema OLD?
 * (Amplify Gen 1, GraphQL transformer v2, `amplify push` of an existing API.)
 *
 * Everything Amplify decides is decided by Amplify's own published code, loaded from an installed
 * copy of the reference oracle (shared/oracle, see its README):
 *
 *   - each schema is compiled by the oracle's transformer wiring (lib/oracle.cjs `compile`, which calls
 *     @aws-amplify/graphql-transformer `executeTransform` with category-api's TransformManager and then
 *     `TransformManager.generateDeploymentResources()`); the deployment resources are captured there;
 *   - they are written to disk with category-api's own `mergeUserConfigWithTransformOutput` and
 *     `writeDeploymentToDisk`, OLD as `amplify/#current-cloud-backend/api/<api>/build`, NEW as
 *     `amplify/backend/api/<api>/build`, which is where `amplify push` keeps them;
 *   - the verdict is graphql-transformer-core (v1) `getSanityCheckRules(isNewAppSyncAPI=false, ff,
 *     allowDestructiveUpdates)` + `sanityCheckProject(currentCloudBuild, build, 'cloudformation-template.json',
 *     diffRules, projectRules)`, called as category-api's `buildAPIProject` calls them.
 *
 * What is computed here and not by Amplify: the table summaries (read from the written build), the
 * rule names attached to errors (each rule's own function name), the `violations` list (every rule run
 * without stopping at the first error) and the `dynamodb` list (what CloudFormation/DynamoDB would still
 * refuse in a non-iterative update, derived from the two builds). The places where CLI plumbing is stood
 * in for are marked SHIM and listed in README.md.
 *
 * Usage: see USAGE below and README.md.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createRequire } = require('module');
const { fork } = require('child_process');

const SELF = __filename;
const ROOT_STACK_FILE = 'cloudformation-template.json'; // rootStackFileName of generateTransformerOptions
const DDB_MULTI_GSI_MESSAGE = 'Cannot perform more than one GSI creation or deletion in a single update';
const DDB_GSI_UPDATE_MESSAGE =
  'CloudFormation cannot update the KeySchema or Projection of an existing global secondary index ("Update requires: Updates are not supported")';
const DERIVED = 'derived from the two builds, not from an Amplify function';

const USAGE = `usage:
  node evolution.cjs [options] OLD.graphql NEW.graphql      verdict JSON on stdout (exit 0 accepted, 1 refused)
  node evolution.cjs [options] --tables SCHEMA.graphql      tables of one schema (exit 0, or 1 if the transformer rejects it)
  node evolution.cjs [options] --batch-tables INDIR OUTDIR  --tables for every *.graphql in INDIR (OUTDIR/<name>.json or .error.txt)
options:
  --oracle DIR                    installed oracle copy (default: $AMPLIFY_ORACLE)
  --iterative-gsi true|false      graphqltransformer.enableiterativegsiupdates (default true, as amplify init writes)
  --allow-destructive             amplify push --allow-destructive-graphql-schema-updates
  --legacy                        project without the CPK / timestamp flags (respectprimarykeyattributesonconnectionfield=false,
                                  addtimestampfields=false)
  --secondary-key-as-gsi true|false  graphqltransformer.secondarykeyasgsi (default true; false lets @index make LSIs)
  --no-datastore                  no conflict detection in transform.conf.json (no DataStore delta-sync table)
  --keep-build DIR                copy the temporary Amplify project (both builds) to DIR
  --verbose                       Amplify / transformer messages on stderr
batch only:
  --jobs N (default 2)  --recycle N (default 25)  --timeout S (default 300)`;

// ------------------------------------------------------------------------------------------------
// arguments and feature flags
// ------------------------------------------------------------------------------------------------

function parseBool(name, v) {
  const s = String(v).toLowerCase();
  if (s === 'true') return true;
  if (s === 'false') return false;
  throw new Error(`${name} needs true or false, got ${v}`);
}

function parseArgs(argv) {
  const o = {
    oracle: process.env.AMPLIFY_ORACLE || undefined,
    iterativeGsi: true,
    allowDestructive: false,
    legacy: false,
    secondaryKeyAsGSI: true,
    datastore: true,
    keepBuild: undefined,
    verbose: false,
    tables: undefined,
    batch: false,
    worker: false,
    jobs: 2,
    recycle: 25,
    timeout: 300,
    positional: [],
  };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let inline;
    if (a.startsWith('--') && a.includes('=')) {
      inline = a.slice(a.indexOf('=') + 1);
      a = a.slice(0, a.indexOf('='));
    }
    const next = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    const int = (v) => {
      const n = Number.parseInt(v, 10);
      if (!(n > 0)) throw new Error(`${a} needs a positive integer`);
      return n;
    };
    if (a === '--oracle') o.oracle = next();
    else if (a === '--iterative-gsi') o.iterativeGsi = parseBool(a, next());
    else if (a === '--allow-destructive' || a === '--allow-destructive-graphql-schema-updates') o.allowDestructive = true;
    else if (a === '--legacy') o.legacy = true;
    else if (a === '--secondary-key-as-gsi') o.secondaryKeyAsGSI = parseBool(a, next());
    else if (a === '--no-datastore') o.datastore = false;
    else if (a === '--keep-build') o.keepBuild = next();
    else if (a === '--tables') o.tables = next();
    else if (a === '--batch-tables') o.batch = true;
    else if (a === '--worker') o.worker = true;
    else if (a === '--jobs') o.jobs = int(next());
    else if (a === '--recycle') o.recycle = int(next());
    else if (a === '--timeout') o.timeout = int(next());
    else if (a === '--verbose' || a === '-v') o.verbose = true;
    else if (a === '--help' || a === '-h') o.help = true;
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else o.positional.push(a);
  }
  return o;
}

/**
 * The feature flags are read by @aws-amplify/amplify-cli-core FeatureFlags, which the oracle initialises
 * with the new-project defaults; AMPLIFYCLI_<SECTION>__<FLAG> variables override them, as in the CLI.
 * They must be in the environment before FeatureFlags.initialize runs (oracle `init`).
 */
function flagEnvironment(o) {
  const env = {
    AMPLIFYCLI_GRAPHQLTRANSFORMER__ENABLEITERATIVEGSIUPDATES: String(o.iterativeGsi),
    AMPLIFYCLI_GRAPHQLTRANSFORMER__SECONDARYKEYASGSI: String(o.secondaryKeyAsGSI),
  };
  if (o.legacy) {
    env.AMPLIFYCLI_GRAPHQLTRANSFORMER__RESPECTPRIMARYKEYATTRIBUTESONCONNECTIONFIELD = 'false';
    env.AMPLIFYCLI_CODEGEN__ADDTIMESTAMPFIELDS = 'false';
  }
  return env;
}

// ------------------------------------------------------------------------------------------------
// Amplify modules, resolved from the oracle install
// ------------------------------------------------------------------------------------------------

const state = { mods: null, tmpRoot: null };

function loadAmplify(oracleDir) {
  if (state.mods) return state.mods;
  if (!oracleDir) throw new UsageError('no oracle: pass --oracle DIR or set AMPLIFY_ORACLE (an installed copy of shared/oracle)');
  const dir = path.resolve(oracleDir);
  if (!fs.existsSync(path.join(dir, 'lib', 'oracle.cjs')) || !fs.existsSync(path.join(dir, 'node_modules'))) {
    throw new UsageError(`${dir} is not an installed oracle copy (lib/oracle.cjs and node_modules expected)`);
  }
  const req = createRequire(path.join(dir, 'package.json'));
  const gt = '@aws-amplify/amplify-category-api/lib/graphql-transformer';
  // graphql-transformer-core (v1) exactly as category-api resolves it
  const categoryReq = createRequire(req.resolve('@aws-amplify/amplify-category-api/package.json'));
  state.mods = {
    oracleDir: dir,
    oracle: req('./lib/oracle.cjs'),
    TransformManager: req(`${gt}/cdk-compat/transform-manager.js`).TransformManager,
    apiUtils: req(`${gt}/utils.js`), // mergeUserConfigWithTransformOutput, writeDeploymentToDisk
    AmplifyCLIFeatureFlagAdapter: req(`${gt}/amplify-cli-feature-flag-adapter.js`).AmplifyCLIFeatureFlagAdapter,
    apiConstants: req(`${gt}/constants.js`), // DESTRUCTIVE_UPDATES_FLAG
    transformerCoreV1: categoryReq('graphql-transformer-core'),
    FeatureFlags: req('@aws-amplify/amplify-cli-core').FeatureFlags,
    versions: {
      '@aws-amplify/amplify-category-api': req('@aws-amplify/amplify-category-api/package.json').version,
      '@aws-amplify/graphql-transformer': req('@aws-amplify/graphql-transformer/package.json').version,
      'graphql-transformer-core': categoryReq('graphql-transformer-core/package.json').version,
    },
  };
  return state.mods;
}

class UsageError extends Error {}

/** Marker thrown from the wrapped generateDeploymentResources once the deployment has been captured. */
class DeploymentCaptured extends Error {
  constructor() {
    super('deployment resources captured');
    this.name = 'DeploymentCaptured';
  }
}

function tmpRoot() {
  if (!state.tmpRoot) {
    state.tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'amplify-evolution-'));
    process.on('exit', () => {
      try {
        fs.rmSync(state.tmpRoot, { recursive: true, force: true });
      } catch (_) {
        /* ignore */
      }
    });
  }
  return state.tmpRoot;
}

/**
 * SHIM: the slice of the CLI context that writeDeploymentToDisk touches. It calls
 * CloudformationProviderFacade.prePushCfnTemplateModifier(context, stack), which loads the
 * awscloudformation provider plugin (not installed) and lets it modify each stack before it is
 * written. The provider's modifier only changes AWS::S3::Bucket (SSE) and AWS::IAM::Role (permissions
 * boundary) resources, none of which the sanity check reads; here it leaves the stack unchanged.
 */
function cliContext() {
  const shimPath = path.join(tmpRoot(), 'provider-shim.cjs');
  if (!fs.existsSync(shimPath)) {
    fs.writeFileSync(shimPath, "'use strict';\nmodule.exports = { prePushCfnTemplateModifier: async () => {} };\n");
  }
  return {
    amplify: { getProviderPlugins: () => ({ awscloudformation: shimPath }) },
    input: { options: {} },
    parameters: { options: {} },
  };
}

/**
 * Compile one schema with the oracle's transformer wiring and capture what
 * TransformManager.generateDeploymentResources() returns. Throws CompileError if Amplify rejects it.
 */
class CompileError extends Error {}

async function compileDeployment(schemaFile, o, messages) {
  const m = state.mods;
  const proto = m.TransformManager.prototype;
  const original = proto.generateDeploymentResources;
  let captured;
  proto.generateDeploymentResources = function generateDeploymentResources(...args) {
    captured = original.apply(this, args);
    throw new DeploymentCaptured(); // stop the oracle before its modelgen / codegen-ui steps, which push does not need
  };
  try {
    await m.oracle.compile(schemaFile, { datastore: o.datastore, verbose: o.verbose });
  } catch (e) {
    const cause = e && e.cause;
    if (!(cause instanceof DeploymentCaptured)) {
      if (e && e.stage === 'transform') {
        const err = new CompileError(e.message); // the transformer's own message; printed as "[transform] ..." by --tables
        err.className = (cause && cause.name) || 'Error';
        throw err;
      }
      throw e;
    }
  } finally {
    proto.generateDeploymentResources = original;
  }
  if (!captured) throw new Error('internal: the transformer finished without producing deployment resources');
  return captured;
}

/**
 * buildAPIProject after executeTransform: transformOutput -> mergeUserConfigWithTransformOutput ->
 * writeDeploymentToDisk(context, builtProject, <apiDir>/build, 'cloudformation-template.json', buildParameters).
 */
async function writeBuild(schemaFile, deployment, apiDir) {
  const m = state.mods;
  fs.mkdirSync(apiDir, { recursive: true });
  fs.copyFileSync(schemaFile, path.join(apiDir, 'schema.graphql'));
  const projectConfig = await m.transformerCoreV1.loadProject(apiDir);
  const transformOutput = { ...deployment, userOverriddenSlots: [] };
  const builtProject = m.apiUtils.mergeUserConfigWithTransformOutput(projectConfig, transformOutput, {});
  // SHIM: buildParameters = parameters.json of the API + the deployment bucket/key, which only go into
  // build/parameters.json (not read by the sanity check). Values as for `amplify add api` + --dry-run.
  const buildParameters = {
    AppSyncApiName: m.oracle.API_NAME,
    DynamoDBBillingMode: 'PAY_PER_REQUEST',
    DynamoDBEnableServerSideEncryption: false,
    S3DeploymentBucket: 'fake-bucket',
    S3DeploymentRootKey: 'amplify-appsync-files/evolution',
  };
  const buildDir = path.join(apiDir, 'build');
  await m.apiUtils.writeDeploymentToDisk(cliContext(), builtProject, buildDir, ROOT_STACK_FILE, buildParameters);
  return buildDir;
}

// ------------------------------------------------------------------------------------------------
// table summaries, read back from a written build directory
// ------------------------------------------------------------------------------------------------

function keySchema(ks) {
  return (ks || []).map((k) => ({ AttributeName: k.AttributeName, KeyType: k.KeyType }));
}

function projection(p) {
  if (!p || typeof p !== 'object') return p === undefined ? null : p;
  const out = { ProjectionType: p.ProjectionType };
  if (p.NonKeyAttributes !== undefined) out.NonKeyAttributes = p.NonKeyAttributes;
  return out;
}

function indexes(list) {
  if (list === undefined) return null;
  if (!Array.isArray(list)) return list; // an intrinsic function; never emitted for DynamoDB-default models
  return list.map((ix) => ({ IndexName: ix.IndexName, KeySchema: keySchema(ix.KeySchema), Projection: projection(ix.Projection) }));
}

/** `Model-<apiId>-<env>` as Fn::Join ["", ["Model-", {Ref}, "-", {Ref}]] -> "Model". */
function tableNamePrefix(tableName) {
  const join = tableName && tableName['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1]) && typeof join[1][0] === 'string') return join[1][0].replace(/-$/, '');
  if (typeof tableName === 'string') return tableName;
  return null;
}

function readTemplate(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Every AWS::DynamoDB::Table (and any custom table resource) of a build: the model stacks under
 * build/stacks/ and the API root stack (where the DataStore delta-sync table lives).
 * Keyed by table logical id, sorted by it.
 */
function extractTables(buildDir) {
  const found = [];
  const visit = (stackName, template) => {
    for (const [logicalId, res] of Object.entries(template.Resources || {})) {
      const type = res && res.Type;
      const isTable = type === 'AWS::DynamoDB::Table' || type === 'Custom::AmplifyDynamoDBTable' || type === 'AWS::CloudFormation::CustomResource';
      if (!isTable) continue;
      if (type !== 'AWS::DynamoDB::Table' && !/Table$/.test(logicalId)) continue;
      const p = res.Properties || {};
      const prefix = tableNamePrefix(p.TableName);
      found.push({
        logicalId,
        value: {
          model: stackName === 'root' ? null : prefix,
          stack: stackName,
          type,
          KeySchema: keySchema(p.KeySchema),
          AttributeDefinitions: (p.AttributeDefinitions || []).map((d) => ({ AttributeName: d.AttributeName, AttributeType: d.AttributeType })),
          GlobalSecondaryIndexes: indexes(p.GlobalSecondaryIndexes),
          LocalSecondaryIndexes: indexes(p.LocalSecondaryIndexes),
        },
      });
    }
  };
  const stacksDir = path.join(buildDir, 'stacks');
  const stackFiles = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).filter((f) => f.endsWith('.json')) : [];
  for (const f of stackFiles.sort()) visit(path.basename(f, '.json'), readTemplate(path.join(stacksDir, f)));
  const root = path.join(buildDir, ROOT_STACK_FILE);
  if (fs.existsSync(root)) visit('root', readTemplate(root));
  found.sort((a, b) => (a.logicalId < b.logicalId ? -1 : a.logicalId > b.logicalId ? 1 : 0));
  const out = {};
  for (const t of found) {
    if (Object.prototype.hasOwnProperty.call(out, t.logicalId)) throw new Error(`internal: table logical id ${t.logicalId} appears in two stacks`);
    out[t.logicalId] = t.value;
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// the verdict: graphql-transformer-core's push-time sanity check
// ------------------------------------------------------------------------------------------------

function errorRecord(rule, e) {
  return {
    rule,
    class: (e && e.name) || 'Error',
    message: e && e.message !== undefined ? e.message : String(e),
    cause: e && e.causedBy !== undefined ? e.causedBy : null,
    fix: e && e.fix !== undefined ? e.fix : null,
    removed_tables: e && Array.isArray(e.removedModels) ? e.removedModels : null,
    replaced_tables: e && Array.isArray(e.replacedModels) ? e.replacedModels : null,
  };
}

const RULE_TAG = Symbol('evolution.rule');

function ruleName(rule) {
  return rule.name || 'anonymous';
}

/** The rule, unchanged, except that an error it throws is tagged with the rule's function name. */
function tagging(rule) {
  const name = ruleName(rule);
  return function taggedRule(...args) {
    try {
      return rule(...args);
    } catch (e) {
      if (e && typeof e === 'object' && !e[RULE_TAG]) e[RULE_TAG] = name;
      throw e;
    }
  };
}

/** The rule, recording instead of throwing, so that every rule sees every diff. */
function recording(rule, sink) {
  const name = ruleName(rule);
  return function recordingRule(...args) {
    try {
      return rule(...args);
    } catch (e) {
      sink.push(errorRecord(name, e));
      return undefined;
    }
  };
}

/**
 * generateTransformerOptions (category-api transformer-options-v2.js) for an API that already exists:
 *   isNewAppSyncAPI = resourcesToBeCreated.some(r => r.service === 'AppSync')  -> false
 *   allowDestructiveUpdates = context.input.options['allow-destructive-graphql-schema-updates'] || context.input.options.force
 *   sanityCheckRules = getSanityCheckRules(isNewAppSyncAPI, new AmplifyCLIFeatureFlagAdapter(), allowDestructiveUpdates)
 * buildAPIProject then runs sanityCheckProject(<#current-cloud-backend api dir>/build, <api dir>/build,
 *   'cloudformation-template.json', sanityCheckRules.diffRules, sanityCheckRules.projectRules).
 */
async function sanityCheck(oldBuild, newBuild, o) {
  const m = state.mods;
  const inputOptions = o.allowDestructive ? { [m.apiConstants.DESTRUCTIVE_UPDATES_FLAG]: true } : {};
  const isNewAppSyncAPI = false;
  const allowDestructiveUpdates = inputOptions[m.apiConstants.DESTRUCTIVE_UPDATES_FLAG] || inputOptions.force;
  const ff = new m.AmplifyCLIFeatureFlagAdapter();
  const rules = m.transformerCoreV1.getSanityCheckRules(isNewAppSyncAPI, ff, allowDestructiveUpdates);
  const errors = [];
  try {
    await m.transformerCoreV1.sanityCheckProject(oldBuild, newBuild, ROOT_STACK_FILE, rules.diffRules.map(tagging), rules.projectRules.map(tagging));
  } catch (e) {
    if (!(e && e[RULE_TAG])) throw e; // not a rule's refusal: an internal failure
    errors.push(errorRecord(e[RULE_TAG], e));
  }
  const sink = [];
  await m.transformerCoreV1.sanityCheckProject(
    oldBuild,
    newBuild,
    ROOT_STACK_FILE,
    rules.diffRules.map((r) => recording(r, sink)),
    rules.projectRules.map((r) => recording(r, sink)),
  );
  const seen = new Set();
  const violations = [];
  for (const v of sink) {
    const k = JSON.stringify(v);
    if (!seen.has(k)) {
      seen.add(k);
      violations.push(v);
    }
  }
  return {
    ok: errors.length === 0,
    errors,
    violations,
    rules: { diff: rules.diffRules.map(ruleName), project: rules.projectRules.map(ruleName) },
    call: {
      isNewAppSyncAPI,
      enableIterativeGSIUpdates: ff.getBoolean('enableIterativeGSIUpdates'),
      allowDestructiveUpdates: Boolean(allowDestructiveUpdates),
    },
  };
}

// ------------------------------------------------------------------------------------------------
// what DynamoDB / CloudFormation would still refuse in a non-iterative update (derived, not Amplify)
// ------------------------------------------------------------------------------------------------

function sameJson(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function dynamodbRefusals(oldTables, newTables, iterative) {
  if (iterative) return []; // the awscloudformation provider deploys GSI changes one per step (see README)
  const out = [];
  for (const [logicalId, nt] of Object.entries(newTables)) {
    const ot = oldTables[logicalId];
    if (!ot || ot.stack !== nt.stack) continue; // a new table: created with all its GSIs at once
    const oldG = Array.isArray(ot.GlobalSecondaryIndexes) ? ot.GlobalSecondaryIndexes : [];
    const newG = Array.isArray(nt.GlobalSecondaryIndexes) ? nt.GlobalSecondaryIndexes : [];
    const oldBy = new Map(oldG.map((g) => [g.IndexName, g]));
    const newBy = new Map(newG.map((g) => [g.IndexName, g]));
    const created = newG.filter((g) => !oldBy.has(g.IndexName)).map((g) => g.IndexName);
    const deleted = oldG.filter((g) => !newBy.has(g.IndexName)).map((g) => g.IndexName);
    const updated = newG
      .filter((g) => oldBy.has(g.IndexName))
      .filter((g) => !sameJson(g.KeySchema, oldBy.get(g.IndexName).KeySchema) || !sameJson(g.Projection, oldBy.get(g.IndexName).Projection))
      .map((g) => g.IndexName);
    const base = { table: logicalId, model: nt.model, stack: nt.stack, created, deleted, updated, source: DERIVED };
    if (created.length + deleted.length > 1) out.push({ ...base, kind: 'multiple_gsi_create_delete', message: DDB_MULTI_GSI_MESSAGE });
    if (updated.length > 0) out.push({ ...base, kind: 'gsi_updated_in_place', message: DDB_GSI_UPDATE_MESSAGE });
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// modes
// ------------------------------------------------------------------------------------------------

function effectiveFlags(o) {
  const { FeatureFlags } = state.mods;
  return {
    iterative_gsi: FeatureFlags.getBoolean('graphQLTransformer.enableIterativeGSIUpdates'),
    allow_destructive: o.allowDestructive,
    respect_primary_key_attributes_on_connection_field: FeatureFlags.getBoolean('graphQLTransformer.respectPrimaryKeyAttributesOnConnectionField'),
    add_timestamp_fields: FeatureFlags.getBoolean('codegen.addTimestampFields'),
    secondary_key_as_gsi: FeatureFlags.getBoolean('graphQLTransformer.secondaryKeyAsGSI'),
    datastore: o.datastore,
  };
}

async function init(o) {
  Object.assign(process.env, flagEnvironment(o));
  const m = loadAmplify(o.oracle);
  await m.oracle.init();
}

/** A fresh temporary Amplify project dir with amplify/backend and amplify/#current-cloud-backend. */
function newProject() {
  const proj = fs.mkdtempSync(path.join(tmpRoot(), 'project-'));
  const apiName = state.mods.oracle.API_NAME;
  return {
    root: proj,
    cloudApiDir: path.join(proj, 'amplify', '#current-cloud-backend', 'api', apiName),
    apiDir: path.join(proj, 'amplify', 'backend', 'api', apiName),
  };
}

async function buildTables(schemaFile, apiDir, o, messages) {
  const deployment = await compileDeployment(schemaFile, o, messages);
  const buildDir = await writeBuild(schemaFile, deployment, apiDir);
  return { buildDir, tables: extractTables(buildDir) };
}

function keep(project, o) {
  if (!o.keepBuild) return;
  fs.rmSync(o.keepBuild, { recursive: true, force: true });
  fs.cpSync(project.root, o.keepBuild, { recursive: true });
}

async function runDiff(o, write) {
  const [oldFile, newFile] = o.positional;
  const project = newProject();
  const side = async (file, dir) => {
    try {
      return await buildTables(file, dir, o);
    } catch (e) {
      if (e instanceof CompileError) return { error: { class: e.className, message: e.message } };
      throw e;
    }
  };
  const oldSide = await side(oldFile, project.cloudApiDir);
  const newSide = await side(newFile, project.apiDir);
  const doc = { flags: effectiveFlags(o), old: null, new: null, verdict: null, dynamodb: [] };
  doc.old = oldSide.error ? { error: oldSide.error } : oldSide.tables;
  doc.new = newSide.error ? { error: newSide.error } : newSide.tables;
  if (oldSide.error || newSide.error) {
    // OLD must have been deployable; NEW rejected by the transformer means `amplify push` stops before the check
    const errs = [];
    if (oldSide.error) errs.push({ rule: 'transform:old', class: oldSide.error.class, message: oldSide.error.message, cause: null, fix: null, removed_tables: null, replaced_tables: null });
    if (newSide.error) errs.push({ rule: 'transform:new', class: newSide.error.class, message: newSide.error.message, cause: null, fix: null, removed_tables: null, replaced_tables: null });
    doc.verdict = { ok: false, errors: errs, violations: errs, rules: null, call: null };
  } else {
    doc.verdict = await sanityCheck(oldSide.buildDir, newSide.buildDir, o);
    doc.dynamodb = dynamodbRefusals(oldSide.tables, newSide.tables, doc.flags.iterative_gsi);
  }
  keep(project, o);
  write(JSON.stringify(doc, null, 2) + '\n');
  return doc.verdict.ok ? 0 : 1;
}

async function runTables(o, write) {
  const project = newProject();
  try {
    const { tables } = await buildTables(o.tables, project.apiDir, o);
    keep(project, o);
    write(JSON.stringify(tables, null, 2) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof CompileError) {
      process.stderr.write(`[transform] ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    fs.rmSync(project.root, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------------------------
// --batch-tables: a pool of forked workers, each replaced after --recycle schemas (aws-cdk-lib's
// global token map grows with every transformer compile, as in the oracle's generic.mjs --batch)
// ------------------------------------------------------------------------------------------------

function listSchemas(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => path.join(dir, f));
}

function writeResult(outDir, name, result) {
  const json = path.join(outDir, `${name}.json`);
  const err = path.join(outDir, `${name}.error.txt`);
  if (result.ok) {
    fs.writeFileSync(json, result.text);
    fs.rmSync(err, { force: true });
  } else {
    fs.writeFileSync(err, result.error + '\n');
    fs.rmSync(json, { force: true });
  }
}

async function runBatch(o) {
  if (o.positional.length !== 2) throw new UsageError('--batch-tables needs INDIR OUTDIR');
  if (!o.oracle) throw new UsageError('no oracle: pass --oracle DIR or set AMPLIFY_ORACLE (an installed copy of shared/oracle)');
  const [inDir, outDir] = o.positional;
  fs.mkdirSync(outDir, { recursive: true });
  const items = listSchemas(inDir);
  const queue = items.slice();
  const started = Date.now();
  let failures = 0;
  let done = 0;
  const workerArgs = ['--worker', '--oracle', o.oracle, '--iterative-gsi', String(o.iterativeGsi), '--secondary-key-as-gsi', String(o.secondaryKeyAsGSI)];
  if (o.legacy) workerArgs.push('--legacy');
  if (!o.datastore) workerArgs.push('--no-datastore');
  const report = (file, result) => {
    done += 1;
    const name = path.basename(file, '.graphql');
    writeResult(outDir, name, result);
    if (!result.ok && result.error.startsWith('[internal]')) failures += 1;
    process.stderr.write(`[${done}/${items.length}] ${name}: ${result.ok ? 'ok' : result.error.split('\n')[0].slice(0, 160)}\n`);
  };
  const runWorker = () =>
    new Promise((resolve) => {
      if (!queue.length) return resolve();
      const child = fork(SELF, workerArgs, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      let handled = 0;
      let current = null;
      let timer = null;
      const sendNext = () => {
        if (!queue.length || handled >= o.recycle) {
          current = null;
          child.send({ type: 'exit' });
          return;
        }
        current = queue.shift();
        timer = setTimeout(() => child.kill('SIGKILL'), o.timeout * 1000);
        child.send({ type: 'job', file: current });
      };
      child.on('message', (msg) => {
        if (msg.type === 'ready') return sendNext();
        if (msg.type === 'result') {
          clearTimeout(timer);
          handled += 1;
          report(current, msg.result);
          current = null;
          sendNext();
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (current) report(current, { ok: false, error: `[internal] worker process died (${signal || `exit ${code}`})` });
        resolve(runWorker());
      });
    });
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.jobs, items.length)) }, runWorker));
  const secs = (Date.now() - started) / 1000;
  process.stderr.write(`${items.length} schemas in ${secs.toFixed(1)} s\n`);
  return failures ? 3 : 0;
}

async function runWorkerProcess(o) {
  await init(o);
  process.on('message', async (msg) => {
    if (msg.type === 'exit') {
      process.exit(0);
    }
    if (msg.type !== 'job') return;
    const project = newProject();
    let result;
    try {
      const { tables } = await buildTables(msg.file, project.apiDir, o);
      result = { ok: true, text: JSON.stringify(tables, null, 2) + '\n' };
    } catch (e) {
      result = e instanceof CompileError ? { ok: false, error: `[transform] ${e.message}` } : { ok: false, error: `[internal] ${(e && e.stack) || e}` };
    } finally {
      fs.rmSync(project.root, { recursive: true, force: true });
    }
    process.send({ type: 'result', result });
  });
  process.send({ type: 'ready' });
}

// ------------------------------------------------------------------------------------------------

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e.message}\n${USAGE}\n`);
    return 2;
  }
  if (o.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (o.batch) return runBatch(o);
  if (o.worker) {
    await runWorkerProcess(o);
    return undefined; // keep running until the parent says exit
  }
  if (o.tables === undefined && o.positional.length !== 2) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  await init(o);
  // Amplify prints through console.log / amplify-prompts; keep stdout for the JSON document
  const realStdoutWrite = state.mods.oracle.redirectConsoleToStderr();
  if (!o.verbose) {
    const quiet = () => {};
    console.log = quiet;
    console.info = quiet;
    console.debug = quiet;
    console.warn = quiet;
    process.stdout.write = () => true;
  }
  const write = (s) => realStdoutWrite(s);
  if (o.tables !== undefined) return runTables(o, write);
  return runDiff(o, write);
}

main().then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (e) => {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`[internal] ${(e && e.stack) || e}\n`);
      process.exitCode = 2;
    }
  },
);

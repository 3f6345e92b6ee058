// Synthesize the data backend of one `amplify/data/resource.ts` the way `ampx sandbox` / `ampx pipeline-deploy`
// does, with Amplify's own code from the installed Gen 2 oracle:
//   1. the oracle's loader (lib/load.mjs loadResource: esbuild + the @aws-amplify/backend shim whose `defineData`
//      returns its props) evaluates the file with the real @aws-amplify/data-schema;
//   2. the props go to the REAL `defineData` of @aws-amplify/backend-data (lib/factory.js DataFactory), whose
//      DataGenerator.generateContainerEntry reads the deployment type and branch from the CDK context, picks the
//      migratedAmplifyGen1DynamoDbTableMappings entry, splits the schema (convert_schema.js splitSchemasByTableMap),
//      builds the AmplifyData construct with allowDestructiveGraphqlSchemaUpdates: true and, in a sandbox, adds the
//      ReplaceTableUponGsiUpdateOverrideAspect;
//   3. the App is synthesized (app.synth()) into a cloud assembly.
// What stands in for @aws-amplify/backend (not installed; the oracle shims it): the CDK App with the context keys
// the backend deployer passes (amplify-backend-type / -name / -namespace), a root Stack with the `data` NestedStack
// (engine/nested_stack_resolver.ts NestedStackResolver.getStackFor), a construct container that runs the generator in
// that scope, auth resources as CDK imports (as if defineAuth existed), and no-op output / SSM entry stand-ins.
// backend.ts overrides of the tables (deletion protection, removal policy) are applied through the construct's
// documented escape hatch resources.cfnResources.amplifyDynamoDbTables[<Model>] (AmplifyDynamoDbTableWrapper).
import fs from 'fs';
import path from 'path';
import { createRequire } from 'module';
import { pathToFileURL } from 'url';

const mods = {};

/** The version of the package a resolved file belongs to (nearest package.json with a name). */
function packageVersion(file) {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pj = path.join(dir, 'package.json');
    if (!fs.existsSync(pj)) continue;
    const json = JSON.parse(fs.readFileSync(pj, 'utf8'));
    if (json.name && json.version) return json.version;
  }
  return null;
}

/** Load the oracle's loader and backend-data's factory from the oracle install (once). */
export async function initSynth(oracleDir) {
  if (mods.ready) return;
  mods.load = await import(pathToFileURL(path.join(oracleDir, 'lib', 'load.mjs')).href);
  const oracleRequire = createRequire(path.join(oracleDir, 'package.json'));
  const backendDataIndex = oracleRequire.resolve('@aws-amplify/backend-data');
  // factory.js is imported by file URL: the same module instance index.js re-exports, with DataFactory reachable
  mods.factory = await import(pathToFileURL(path.join(path.dirname(backendDataIndex), 'factory.js')).href);
  const bdRequire = createRequire(backendDataIndex);
  mods.cdk = bdRequire('aws-cdk-lib');
  mods.cognito = bdRequire('aws-cdk-lib/aws-cognito');
  mods.iam = bdRequire('aws-cdk-lib/aws-iam');
  const dataConstructIndex = bdRequire.resolve('@aws-amplify/data-construct');
  const apiConstructIndex = createRequire(dataConstructIndex).resolve('@aws-amplify/graphql-api-construct');
  // the construct's own transformer bundle: graphql-api-construct -> graphql-transformer -> graphql-model-transformer
  const transformerIndex = createRequire(apiConstructIndex).resolve('@aws-amplify/graphql-transformer');
  const modelTransformerIndex = createRequire(transformerIndex).resolve('@aws-amplify/graphql-model-transformer');
  mods.versions = {
    '@aws-amplify/backend-data': packageVersion(backendDataIndex),
    '@aws-amplify/data-schema': packageVersion(oracleRequire.resolve('@aws-amplify/data-schema')),
    '@aws-amplify/data-construct': packageVersion(dataConstructIndex),
    '@aws-amplify/graphql-api-construct': packageVersion(apiConstructIndex),
    '@aws-amplify/graphql-model-transformer': packageVersion(modelTransformerIndex),
    'aws-cdk-lib': packageVersion(bdRequire.resolve('aws-cdk-lib')),
  };
  mods.ready = true;
}

export const packageVersions = () => ({ ...mods.versions });

/** Evaluate resource.ts (oracle loader). Returns the defineData props. Throws { stage: 'load' }. */
export async function loadProps(resourcePath) {
  const { props } = await mods.load.loadResource(resourcePath);
  return props;
}

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';

/** What defineAuth's construct provides to defineData (buildConstructFactoryProvidedAuthConfig's input). */
function authResources(scope) {
  return {
    resources: {
      userPool: mods.cognito.UserPool.fromUserPoolId(scope, 'Gen2EvoUserPool', `${REGION}_gen2evo`),
      identityPoolId: `${REGION}:00000000-0000-0000-0000-000000000000`,
      authenticatedUserIamRole: mods.iam.Role.fromRoleArn(scope, 'Gen2EvoAuthRole', `arn:aws:iam::${ACCOUNT}:role/gen2evo-auth`),
      unauthenticatedUserIamRole: mods.iam.Role.fromRoleArn(scope, 'Gen2EvoUnauthRole', `arn:aws:iam::${ACCOUNT}:role/gen2evo-unauth`),
    },
  };
}

function describeError(e) {
  const flat = (text) => text.replace(/\s*\n\s*/g, ' ').trim();
  const message = flat((e && e.message) || String(e));
  // AmplifyUserError wraps the error that caused it; keep that one's text when it says more
  const inner = e && e.cause instanceof Error ? e.cause : null;
  const cause = inner && flat(inner.message) !== message ? flat(`${inner.name}: ${inner.message}`) : null;
  return { class: (e && e.name) || 'Error', message, cause };
}

/**
 * Synthesize props for one deployment. options: { deployment: 'sandbox'|'pipeline', branch, sandboxName, auth,
 * deletionProtection: [Model], retain: [Model], outdir }.
 * Returns { ok: true, rootTemplate, context, overrides } or { ok: false, stage: 'synth', error }.
 */
export function synthesize(props, options) {
  const { App, Stack, NestedStack, RemovalPolicy } = mods.cdk;
  const type = options.deployment === 'sandbox' ? 'sandbox' : 'branch';
  const name = type === 'sandbox' ? options.sandboxName : options.branch;
  const context = {
    'amplify-backend-namespace': 'gen2evo',
    'amplify-backend-name': name,
    'amplify-backend-type': type,
  };
  const app = new App({
    outdir: options.outdir,
    context: {
      ...context,
      'aws:cdk:bundling-stacks': [], // no asset bundling (Docker / esbuild); nothing here is bundled anyway
      'aws:cdk:disable-asset-staging': true, // assets point at their sources instead of being copied
      'aws:cdk:enable-asset-metadata': true, // what the CDK CLI sets: nested-stack and Lambda asset paths in Metadata
    },
  });
  const root = new Stack(app, `amplify-gen2evo-${name}-${type}-0000000000`);
  const dataScope = new NestedStack(root, 'data');
  const authScope = new NestedStack(root, 'auth');
  const overrides = [];
  try {
    mods.factory.DataFactory.factoryCount = 0; // one defineData per backend; each synth is a new backend
    const factory = mods.factory.defineData(props);
    const auth = options.auth === 'none' ? undefined : authResources(authScope);
    const constructContainer = {
      getConstructFactory: (token) => (token === 'AuthResources' && auth ? { getInstance: () => auth } : undefined),
      getOrCompute: (generator) => generator.generateContainerEntry({
        scope: dataScope,
        ssmEnvironmentEntriesGenerator: { generateSsmEnvironmentEntries: () => ({}) },
        backendSecretResolver: {
          resolveSecret: () => {
            throw new Error('gen2_evolution: secrets cannot be resolved (no AWS backend)');
          },
          resolvePath: (secret) => ({ branchSecretPath: `/gen2evo/${name}/${secret.name}`, sharedSecretPath: `/gen2evo/shared/${secret.name}` }),
        },
        stableBackendIdentifiers: { getStableBackendHash: () => 'gen2evohash' },
      }),
    };
    const outputStorageStrategy = { addBackendOutputEntry: () => {}, appendToBackendOutputList: () => {} };
    const api = factory.getInstance({ constructContainer, outputStorageStrategy });
    const wrappers = api.resources.cfnResources.amplifyDynamoDbTables;
    for (const model of options.deletionProtection || []) {
      if (wrappers[model]) {
        wrappers[model].deletionProtectionEnabled = true;
        overrides.push(`amplifyDynamoDbTables.${model}.deletionProtectionEnabled = true`);
      }
    }
    for (const model of options.retain || []) {
      if (wrappers[model]) {
        wrappers[model].applyRemovalPolicy(RemovalPolicy.RETAIN);
        overrides.push(`amplifyDynamoDbTables.${model}.applyRemovalPolicy(RemovalPolicy.RETAIN)`);
      }
    }
    const assembly = app.synth();
    const stack = assembly.getStackByName(root.stackName);
    return { ok: true, rootTemplate: path.join(assembly.directory, stack.templateFile), context, overrides };
  } catch (e) {
    return { ok: false, stage: 'synth', context, error: describeError(e) };
  }
}

/** A fresh output directory for one synth. */
export function newOutdir(workDir, label) {
  const dir = path.join(workDir, label);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

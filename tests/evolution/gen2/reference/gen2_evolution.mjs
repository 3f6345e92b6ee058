#!/usr/bin/env node
// Gen 2 schema evolution reference (issue 14): what deploying NEW `amplify/data/resource.ts` over a deployed OLD one
// does to the DynamoDB tables, decided by Amplify Gen 2's own code. See ../README.md.
//
//   node gen2_evolution.mjs [options] OLD.ts NEW.ts     one JSON document on stdout
//   node gen2_evolution.mjs [options] --tables FILE.ts  the synthesized table resources of one file
//
// Options:
//   --oracle DIR                  installed Gen 2 oracle (default $AMPLIFY_ORACLE_GEN2)
//   --deployment pipeline|sandbox|both   deployment types to simulate (default both)
//   --branch NAME                 branch of `ampx pipeline-deploy --branch` (default $AWS_BRANCH, else main)
//   --sandbox-name NAME           the sandbox's name (amplify-backend-name of a sandbox; default dev)
//   --auth project|none           project has defineAuth (default) or not
//   --deletion-protection M,...   backend.ts sets amplifyDynamoDbTables[M].deletionProtectionEnabled = true (each side
//                                 where model M exists)
//   --retain M,...                backend.ts calls amplifyDynamoDbTables[M].applyRemovalPolicy(RemovalPolicy.RETAIN)
//   --keep DIR                    keep the synthesized cloud assemblies under DIR
//   --verbose                     Amplify's and CDK's console output on stderr
// Exit: 0 no table loses data and every deployment succeeds; 1 otherwise; 2 usage or internal error.
import fs from 'fs';
import os from 'os';
import path from 'path';

const USAGE = 'usage: node gen2_evolution.mjs [--oracle DIR] [--deployment pipeline|sandbox|both] [--branch NAME] [--sandbox-name NAME]\n'
  + '         [--auth project|none] [--deletion-protection M,..] [--retain M,..] [--keep DIR] [--verbose] OLD.ts NEW.ts\n'
  + '       node gen2_evolution.mjs [same options] --tables FILE.ts';

function parseArgs(argv) {
  const o = {
    oracle: process.env.AMPLIFY_ORACLE_GEN2,
    deployments: ['pipeline', 'sandbox'],
    branch: process.env.AWS_BRANCH || 'main',
    sandboxName: 'dev',
    auth: 'project',
    deletionProtection: [],
    retain: [],
    keep: null,
    verbose: false,
    tables: false,
    positional: [],
  };
  const list = (v) => v.split(',').map((s) => s.trim()).filter(Boolean).sort();
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      i += 1;
      return argv[i];
    };
    if (a === '--oracle') o.oracle = next();
    else if (a === '--deployment') {
      const v = next();
      if (!['pipeline', 'sandbox', 'both'].includes(v)) throw new Error('--deployment must be pipeline, sandbox or both');
      o.deployments = v === 'both' ? ['pipeline', 'sandbox'] : [v];
    } else if (a === '--branch') o.branch = next();
    else if (a === '--sandbox-name') o.sandboxName = next();
    else if (a === '--auth') {
      o.auth = next();
      if (!['project', 'none'].includes(o.auth)) throw new Error('--auth must be project or none');
    } else if (a === '--deletion-protection') o.deletionProtection = list(next());
    else if (a === '--retain') o.retain = list(next());
    else if (a === '--keep') o.keep = path.resolve(next());
    else if (a === '--verbose') o.verbose = true;
    else if (a === '--tables') o.tables = true;
    else if (a === '--help' || a === '-h') o.help = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else o.positional.push(a);
  }
  if (!o.help) {
    if (!o.oracle) throw new Error('pass --oracle DIR or set AMPLIFY_ORACLE_GEN2');
    if (o.positional.length !== (o.tables ? 1 : 2)) throw new Error(o.tables ? '--tables needs one file' : 'need OLD.ts and NEW.ts');
  }
  return o;
}

/** Keep stdout for the result: Amplify and CDK print warnings on console and stdout. */
function quietConsole(verbose) {
  const write = process.stdout.write.bind(process.stdout);
  const sink = (...args) => {
    if (verbose) process.stderr.write(`${args.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' ')}\n`);
  };
  console.log = sink;
  console.info = sink;
  console.warn = sink;
  console.debug = sink;
  process.stdout.write = (chunk, ...rest) => (verbose ? process.stderr.write(chunk, ...rest) : true);
  return write;
}

/** JSON with object keys in code-point order at every level (arrays keep their order). */
function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(value[k])]));
  }
  return value;
}

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
  const oracle = path.resolve(o.oracle);
  // CDK writes temporary custom-resource folders under os.tmpdir(): give it one we remove afterwards.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gen2-evolution-'));
  process.env.TMPDIR = path.join(work, 'tmp');
  fs.mkdirSync(process.env.TMPDIR);
  // aws-cdk-lib's built-in template validator (core/lib/private/synthesis-validation.js) only reports, never changes a
  // template, and costs about 5 s per synth; CDK_VALIDATION=false is its documented switch.
  process.env.CDK_VALIDATION = 'false';
  if (!process.env.JSII_DEPRECATED) process.env.JSII_DEPRECATED = 'quiet';
  const write = quietConsole(o.verbose);
  try {
    const { run } = await import('./lib/run.mjs');
    const { document, exitCode } = await run(o, oracle, work);
    write(`${JSON.stringify(canonical(document), null, 2)}\n`);
    if (o.keep) fs.cpSync(path.join(work, 'synth'), o.keep, { recursive: true });
    return exitCode;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`[internal] ${(e && e.stack) || e}\n`);
    process.exitCode = 2;
  },
);

#!/usr/bin/env node
'use strict';
// Regenerate (or --check) tests/evolution/cases/*/expected.json with evolution.cjs.
//
//   node make_goldens.cjs [--oracle DIR] [--jobs N] [--check] [CASE_NAME...]
//
// Each case directory holds old.graphql, new.graphql and optionally flags.json:
//   {"iterative_gsi": bool, "allow_destructive": bool, "legacy": bool, "secondary_key_as_gsi": bool,
//    "datastore": bool, "notes": "..."}
// Missing flags take evolution.cjs's defaults (iterative true, allow-destructive false, legacy false,
// secondary-key-as-gsi true, datastore true). expected.json is evolution.cjs's stdout, byte for byte.
const fs = require('fs');
const path = require('path');
const { execFile } = require('child_process');

const HERE = __dirname;
const EVOLUTION = path.join(HERE, 'evolution.cjs');
const CASES = path.resolve(HERE, '..', 'cases');
const FLAG_KEYS = ['iterative_gsi', 'allow_destructive', 'legacy', 'secondary_key_as_gsi', 'datastore', 'notes'];

function parseArgs(argv) {
  const o = { oracle: process.env.AMPLIFY_ORACLE, jobs: 2, check: false, only: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--oracle') o.oracle = argv[++i];
    else if (a === '--jobs') o.jobs = Number.parseInt(argv[++i], 10);
    else if (a === '--check') o.check = true;
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else o.only.push(a);
  }
  if (!o.oracle) throw new Error('pass --oracle DIR or set AMPLIFY_ORACLE');
  if (!(o.jobs > 0)) throw new Error('--jobs needs a positive integer');
  return o;
}

function argsFor(caseDir, oracle) {
  const flagsFile = path.join(caseDir, 'flags.json');
  const flags = fs.existsSync(flagsFile) ? JSON.parse(fs.readFileSync(flagsFile, 'utf8')) : {};
  for (const k of Object.keys(flags)) {
    if (!FLAG_KEYS.includes(k)) throw new Error(`${flagsFile}: unknown key ${k}`);
  }
  const args = [EVOLUTION, '--oracle', oracle];
  if (flags.iterative_gsi !== undefined) args.push('--iterative-gsi', String(flags.iterative_gsi));
  if (flags.secondary_key_as_gsi !== undefined) args.push('--secondary-key-as-gsi', String(flags.secondary_key_as_gsi));
  if (flags.allow_destructive) args.push('--allow-destructive');
  if (flags.legacy) args.push('--legacy');
  if (flags.datastore === false) args.push('--no-datastore');
  args.push(path.join(caseDir, 'old.graphql'), path.join(caseDir, 'new.graphql'));
  return args;
}

function run(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  let names = fs
    .readdirSync(CASES)
    .filter((n) => fs.statSync(path.join(CASES, n)).isDirectory())
    .sort();
  if (o.only.length) names = names.filter((n) => o.only.includes(n));
  const queue = names.slice();
  let failed = 0;
  let stale = 0;
  const worker = async () => {
    while (queue.length) {
      const name = queue.shift();
      const dir = path.join(CASES, name);
      const { code, stdout, stderr } = await run(argsFor(dir, o.oracle));
      if (code !== 0 && code !== 1) {
        failed += 1;
        process.stderr.write(`${name}: FAILED (exit ${code})\n${stderr}\n`);
        continue;
      }
      const verdict = JSON.parse(stdout).verdict;
      const summary = verdict.ok ? 'accepted' : `refused: ${verdict.errors.map((e) => `${e.rule} ${e.class}`).join(', ')}`;
      const target = path.join(dir, 'expected.json');
      if (o.check) {
        const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
        if (current !== stdout) {
          stale += 1;
          process.stderr.write(`${name}: STALE (${summary})\n`);
        } else process.stderr.write(`${name}: ok (${summary})\n`);
      } else {
        fs.writeFileSync(target, stdout);
        process.stderr.write(`${name}: ${summary}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.jobs, names.length) }, worker));
  if (failed || stale) {
    process.stderr.write(`${failed} failed, ${stale} stale of ${names.length}\n`);
    process.exitCode = 1;
  } else process.stderr.write(`${names.length} cases ${o.check ? 'up to date' : 'written'}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 2;
});

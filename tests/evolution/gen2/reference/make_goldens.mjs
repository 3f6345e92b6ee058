#!/usr/bin/env node
// Regenerate (or --check) tests/evolution/gen2/cases/*/expected.json with gen2_evolution.mjs.
//
//   node make_goldens.mjs [--oracle DIR] [--jobs N] [--check] [CASE_NAME...]
//
// Each case directory holds old.ts, new.ts (an amplify/data/resource.ts each) and optionally flags.json:
//   {"deployment": "pipeline"|"sandbox"|"both", "branch": "...", "sandbox_name": "...", "auth": "project"|"none",
//    "deletion_protection": ["Model", ...], "retain": ["Model", ...], "notes": "..."}
// Missing keys take gen2_evolution.mjs's defaults (both deployments, branch main, sandbox dev, auth project).
// expected.json is gen2_evolution.mjs's stdout, byte for byte; --check regenerates in memory and lists stale files.
import fs from 'fs';
import path from 'path';
import { execFile } from 'child_process';
import { fileURLToPath } from 'url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCRIPT = path.join(HERE, 'gen2_evolution.mjs');
const CASES = path.resolve(HERE, '..', 'cases');
const FLAG_KEYS = ['deployment', 'branch', 'sandbox_name', 'auth', 'deletion_protection', 'retain', 'notes'];

function parseArgs(argv) {
  const o = { oracle: process.env.AMPLIFY_ORACLE_GEN2, jobs: 2, check: false, only: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--oracle') o.oracle = argv[(i += 1)];
    else if (a === '--jobs') o.jobs = Number.parseInt(argv[(i += 1)], 10);
    else if (a === '--check') o.check = true;
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else o.only.push(a);
  }
  if (!o.oracle) throw new Error('pass --oracle DIR or set AMPLIFY_ORACLE_GEN2');
  if (!(o.jobs > 0)) throw new Error('--jobs needs a positive integer');
  return o;
}

function argsFor(caseDir, oracle) {
  const flagsFile = path.join(caseDir, 'flags.json');
  const flags = fs.existsSync(flagsFile) ? JSON.parse(fs.readFileSync(flagsFile, 'utf8')) : {};
  for (const k of Object.keys(flags)) {
    if (!FLAG_KEYS.includes(k)) throw new Error(`${flagsFile}: unknown key ${k}`);
  }
  const args = [SCRIPT, '--oracle', oracle];
  if (flags.deployment !== undefined) args.push('--deployment', flags.deployment);
  // a golden never depends on the caller's AWS_BRANCH: the branch is always passed
  args.push('--branch', flags.branch !== undefined ? flags.branch : 'main');
  if (flags.sandbox_name !== undefined) args.push('--sandbox-name', flags.sandbox_name);
  if (flags.auth !== undefined) args.push('--auth', flags.auth);
  if (flags.deletion_protection) args.push('--deletion-protection', flags.deletion_protection.join(','));
  if (flags.retain) args.push('--retain', flags.retain.join(','));
  args.push(path.join(caseDir, 'old.ts'), path.join(caseDir, 'new.ts'));
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
  let names = fs.readdirSync(CASES).filter((n) => fs.statSync(path.join(CASES, n)).isDirectory()).sort();
  if (o.only.length) {
    const unknown = o.only.filter((n) => !names.includes(n));
    if (unknown.length) throw new Error(`unknown case(s): ${unknown.join(', ')}`);
    names = names.filter((n) => o.only.includes(n));
  }
  const queue = names.slice();
  let failed = 0;
  let stale = 0;
  const worker = async () => {
    while (queue.length) {
      const name = queue.shift();
      const dir = path.join(CASES, name);
      const { code, stdout, stderr } = await run(argsFor(dir, path.resolve(o.oracle)));
      // 0: no data lost and every deployment succeeded; 1: data lost or a deployment failed; both are results
      if (code !== 0 && code !== 1) {
        failed += 1;
        process.stderr.write(`${name}: FAILED (exit ${code})\n${stderr}\n`);
        continue;
      }
      const target = path.join(dir, 'expected.json');
      if (o.check) {
        const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
        if (current !== stdout) {
          stale += 1;
          process.stderr.write(`${name}: STALE\n`);
        } else process.stderr.write(`${name}: ok\n`);
      } else {
        const tmp = `${target}.tmp`;
        fs.writeFileSync(tmp, stdout);
        fs.renameSync(tmp, target);
        process.stderr.write(`${name}: written (exit ${code})\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.jobs, names.length || 1) }, worker));
  process.stderr.write(`${names.length} cases, ${failed} failed${o.check ? `, ${stale} stale` : ''}\n`);
  return failed || stale ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 2;
  },
);

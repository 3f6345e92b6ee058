#!/usr/bin/env node
'use strict';
/*
 * Reference output of deep-diff 1.0.2 (the version Amplify's sanity check uses) for the cases
 * translator/evolution/deepdiff.py must reproduce, order included.
 *
 *   AMPLIFY_ORACLE=/tmp/amplify-oracle node deepdiff_cases.cjs > ../deepdiff_cases.json
 */
const path = require('path');
const { createRequire } = require('module');

const oracle = process.env.AMPLIFY_ORACLE;
if (!oracle) throw new Error('set AMPLIFY_ORACLE to an installed oracle copy');
const req = createRequire(path.join(oracle, 'node_modules', 'graphql-transformer-core', 'package.json'));
const { diff } = req('deep-diff');
const version = req('deep-diff/package.json').version;

const gsi = (name, ...keys) => ({ IndexName: name, KeySchema: keys.map(([n, t]) => ({ AttributeName: n, KeyType: t })) });
const cases = [
  [{ a: 1, b: 2 }, { a: 1, b: 2 }],
  [{ a: 1, b: 2, c: 3 }, { c: 4, a: 1, d: 5 }],
  [{ a: [1, 2] }, { a: [1, 2, 3, 4] }],
  [{ a: [1, 2, 3, 4] }, { a: [9] }],
  [{ a: [1, 2, 3] }, { a: [3, 2, 1] }],
  [{ a: null }, { a: { b: 1 } }],
  [{ a: { b: 1 } }, { a: null }],
  [{ a: [] }, { a: [{ x: 1 }] }],
  [{ a: 'x' }, { a: ['x'] }],
  [{ a: true }, { a: 1 }],
  [{ k: [gsi('byA', ['a', 'HASH'])] }, { k: [gsi('byB', ['b', 'HASH']), gsi('byA', ['a', 'HASH'])] }],
  [{ k: [gsi('byA', ['a', 'HASH'])] }, { k: [gsi('byA', ['a', 'HASH'], ['s', 'RANGE'])] }],
  [{ k: [gsi('byA', ['a', 'HASH']), gsi('byB', ['b', 'HASH'])] }, { k: [gsi('byB', ['b', 'HASH']), gsi('byA', ['a', 'HASH'])] }],
  [{ t: { AttributeDefinitions: [1], KeySchema: [1] } }, { t: { KeySchema: [1, 2], GlobalSecondaryIndexes: [], AttributeDefinitions: [1, 2] } }],
  [{ s: { 'B.json': { r: 1 }, 'A.json': { r: 1 } } }, { s: { 'A.json': { r: 2 }, 'C.json': { r: 3 } } }],
];
const out = cases.map(([lhs, rhs]) => ({
  lhs,
  rhs,
  diffs: (diff(lhs, rhs) || []).map((d) => ({
    kind: d.kind,
    path: d.path,
    ...(d.kind === 'A' ? { index: d.index, item: d.item.kind } : {}),
  })),
}));
process.stdout.write(JSON.stringify({ package: `deep-diff@${version}`, cases: out }, null, 1) + '\n');

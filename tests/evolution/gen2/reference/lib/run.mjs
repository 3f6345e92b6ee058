// The steps of gen2_evolution.mjs: load both files, synthesize each for every requested deployment type, read the
// table resources, run the table manager on OLD -> NEW, and report the Gen 1 mapping checks.
import fs from 'fs';
import path from 'path';
import { readStacks, tableResources, tableManagerDeployment } from './cfn.mjs';
import { initMapping, mappingReport, modelOf } from './mapping.mjs';
import { simulateDeployment } from './simulate.mjs';
import { initSynth, loadProps, newOutdir, packageVersions, synthesize } from './synth.mjs';
import { GSI_QUOTA, loadTableManager } from './table_manager.mjs';

/** The loader's error, with the file's folder left out so that a golden does not depend on where it lives. */
function loadError(e, file) {
  const message = ((e && e.message) || String(e)).replace(/\s*\n\s*/g, ' ').trim();
  return {
    stage: (e && e.stage) || 'load',
    class: (e && e.name) || 'Error',
    message: message.split(path.dirname(file) + path.sep).join(''),
    cause: null,
  };
}

/** One synthesized side, as reported: the tables keyed by logical id, or the error. */
function sideReport(synth) {
  if (!synth.ok) return { context: synth.context || null, overrides: [], error: { stage: synth.stage, ...synth.error } };
  const stacks = readStacks(synth.rootTemplate);
  const resources = tableResources(stacks);
  const tables = {};
  for (const t of resources) {
    if (tables[t.logicalId]) throw new Error(`two table resources with logical id ${t.logicalId}`);
    tables[t.logicalId] = {
      model: modelOf(t.logicalId),
      type: t.type,
      deletion_policy: t.deletionPolicy,
      properties: t.properties,
    };
  }
  return { context: synth.context, overrides: synth.overrides, tables, _resources: resources, _stacks: stacks };
}

const publicSide = (side) => Object.fromEntries(Object.entries(side).filter(([k]) => !k.startsWith('_')));

export async function run(o, oracle, work) {
  await initSynth(oracle);
  await initMapping(oracle);
  const sideNames = o.tables ? ['file'] : ['old', 'new'];
  const props = {};
  const loadErrors = {};
  for (const [i, name] of sideNames.entries()) {
    try {
      props[name] = await loadProps(path.resolve(o.positional[i]));
    } catch (e) {
      props[name] = null;
      loadErrors[name] = loadError(e, path.resolve(o.positional[i]));
    }
  }
  const sides = {};
  for (const name of sideNames) sides[name] = {};
  for (const deployment of o.deployments) {
    for (const name of sideNames) {
      if (!props[name]) {
        sides[name][deployment] = { context: null, overrides: [], error: loadErrors[name] };
        continue;
      }
      const synth = synthesize(props[name], {
        deployment,
        branch: o.branch,
        sandboxName: o.sandboxName,
        auth: o.auth,
        deletionProtection: o.deletionProtection,
        retain: o.retain,
        outdir: newOutdir(path.join(work, 'synth'), `${deployment}-${name}`),
      });
      sides[name][deployment] = sideReport(synth);
      const imports = (sides[name][deployment]._resources || []).filter((t) => t.type === 'Custom::ImportedAmplifyDynamoDBTable');
      if (imports.length) {
        // the Gen 1 tables these adopt: the same file synthesized without the mapping (see simulate.mjs)
        const plain = synthesize({ ...props[name], migratedAmplifyGen1DynamoDbTableMappings: undefined }, {
          deployment,
          branch: o.branch,
          sandboxName: o.sandboxName,
          auth: o.auth,
          outdir: newOutdir(path.join(work, 'synth'), `${deployment}-${name}-without-mapping`),
        });
        if (!plain.ok) throw new Error(`${name}: the schema without its table mapping does not synthesize: ${plain.error.message}`);
        const shapes = new Map(tableResources(readStacks(plain.rootTemplate)).map((t) => [t.logicalId, t.properties]));
        sides[name][deployment]._gen1Shapes = new Map(imports.map((t) => [t.logicalId, shapes.get(t.logicalId)]));
      }
    }
  }
  const settings = {
    deployments: o.deployments,
    branch: o.branch,
    sandbox_name: o.sandboxName,
    auth: o.auth,
    deletion_protection: o.deletionProtection,
    retain: o.retain,
  };
  const amplify = packageVersions();
  const publicSides = (name) => Object.fromEntries(Object.entries(sides[name]).map(([d, s]) => [d, publicSide(s)]));
  if (o.tables) {
    const ok = Object.values(sides.file).every((s) => !s.error);
    return { document: { settings, amplify, tables: publicSides('file') }, exitCode: ok ? 0 : 1 };
  }

  // The table manager code and its waiter, read from a synthesized assembly (NEW's if it synthesized).
  let tm = null;
  let waiter = null;
  for (const name of ['new', 'old']) {
    for (const deployment of o.deployments) {
      const s = sides[name][deployment];
      if (tm || !s._stacks) continue;
      const found = tableManagerDeployment(s._stacks);
      if (found.handlerDir && found.waiter) {
        tm = loadTableManager(found.handlerDir);
        waiter = found.waiter;
      }
    }
  }

  const deployments = {};
  const mapping = {};
  let clean = true;
  for (const deployment of o.deployments) {
    const before = sides.old[deployment];
    const after = sides.new[deployment];
    const branchKey = deployment === 'sandbox' ? 'sandbox' : o.branch;
    mapping[deployment] = { old: mappingReport(props.old, before, branchKey), new: mappingReport(props.new, after, branchKey) };
    let result;
    if (before.error) {
      result = { ok: false, failed_stage: 'old-schema', error: before.error, old_failures: [], gen1_tables: {}, data_loss: [], tables: {} };
    } else if (after.error) {
      // `ampx` stops at synthesis: nothing is deployed, nothing changes.
      result = { ok: false, failed_stage: 'new-schema', error: after.error, old_failures: [], gen1_tables: {}, data_loss: [], tables: {} };
    } else {
      // a Gen 1 table is shaped by the first side that adopts it
      const gen1Shapes = new Map([...(after._gen1Shapes || []), ...(before._gen1Shapes || [])]);
      result = { ...(await simulateDeployment(tm, waiter, before._resources, after._resources, gen1Shapes)), error: null };
    }
    if (!result.ok || result.data_loss.length) clean = false;
    deployments[deployment] = result;
  }
  const document = {
    settings,
    amplify: {
      ...amplify,
      table_manager: tm ? path.relative(fs.realpathSync(oracle), tm.dir) : null,
      waiter: waiter ? { max_attempts: waiter.maxAttempts, interval_seconds: waiter.intervalSeconds } : null,
      dynamodb_gsi_quota: GSI_QUOTA,
    },
    old: publicSides('old'),
    new: publicSides('new'),
    deployments,
    mapping,
  };
  return { document, exitCode: clean ? 0 : 1 };
}

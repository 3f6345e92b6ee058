// Deploy OLD, then NEW, table by table, the way CloudFormation drives the table custom resources, with Amplify's
// table manager handler deciding what happens to each DynamoDB table (table_manager.mjs) in the simulated account
// (fake_aws.cjs). What is CloudFormation's part (simulated here, not Amplify code):
//   * a resource only in NEW gets a Create event, one only in OLD a Delete event in the cleanup phase after every
//     create/update succeeded (none if its DeletionPolicy is Retain), one in both an Update event with
//     OldResourceProperties only if its properties differ; properties arrive as strings;
//   * a resource whose Type changes under the same logical id is refused ("Update of resource type is not
//     permitted"), and a failed create/update stops the update before the cleanup phase (the rollback that follows
//     is not simulated: what the handler already did to a table stays done);
//   * a table an Imported resource adopts (Gen 1 migration) exists, with its Gen 1 items, before OLD is deployed. Its
//     keys, attribute definitions and GSIs are those the transformer gives the model as a table of its own (the same
//     file synthesized without the mapping: the shape `amplify push` gave the Gen 1 table); billing, stream, SSE and
//     deletion protection are what the imported resource expects. So the handler's import check compares the
//     imported resource with the table the schema really describes.
import { asCustomResourceProperties } from './cfn.mjs';
import { deliverEvent, world as accountWorld } from './table_manager.mjs';

const IMPORTED = 'Custom::ImportedAmplifyDynamoDBTable';

const tableKey = (t) => t.logicalId;

/** The properties as the handler sees them (its own extractOldTableInputFromEvent: strings back to booleans). */
function handlerInput(tm, properties) {
  return tm.handler.extractOldTableInputFromEvent({ OldResourceProperties: asCustomResourceProperties(properties) });
}

function baseEvent(requestType, table, requestId) {
  return {
    RequestType: requestType,
    ServiceToken: '{TableManagerCustomProvider.onEvent}',
    ResponseURL: 'https://cloudformation-custom-resource-response.invalid/response',
    StackId: `arn:aws:cloudformation:us-east-1:123456789012:stack/${table.stackPath.join('-') || 'root'}/gen2evo`,
    RequestId: requestId,
    LogicalResourceId: table.logicalId,
    ResourceType: table.type,
    ResourceProperties: { ServiceToken: '{TableManagerCustomProvider.onEvent}', ...asCustomResourceProperties(table.properties) },
  };
}

/** The calls the handler made on one table, with the GSI steps and the UpdateTable count. */
function summarizeCalls(calls) {
  const gsiSteps = calls.filter((c) => c.api === 'UpdateTable' && c.gsi).map((c) => ({ action: c.gsi.action, index: c.gsi.index }));
  return {
    calls: calls.map(({ table: _table, ...rest }) => rest),
    steps: calls.filter((c) => c.api === 'UpdateTable').length,
    gsi_steps: gsiSteps,
  };
}

async function runEvent(tm, waiter, event) {
  const world = accountWorld.current();
  const from = world.calls.length;
  const result = await deliverEvent(tm, event, waiter);
  return { result, calls: world.calls.slice(from) };
}

/**
 * Create every Gen 1 table that an Imported resource of either side will adopt, and give it items.
 * gen1Shapes: Map(logical id -> properties of the same model synthesized as a table of its own).
 */
async function seedGen1Tables(tm, tables, gen1Shapes) {
  const world = accountWorld.current();
  const fake = new (tm.fakeDynamoDB())();
  const seeded = {};
  for (const t of tables) {
    if (t.type !== IMPORTED) continue;
    const name = t.properties.tableName;
    if (world.tables.has(name)) continue;
    const shape = gen1Shapes.get(tableKey(t));
    if (!shape) throw new Error(`no Gen 1 shape for imported table ${tableKey(t)}`);
    const properties = { ...t.properties, keySchema: shape.keySchema, attributeDefinitions: shape.attributeDefinitions };
    if (shape.globalSecondaryIndexes) properties.globalSecondaryIndexes = shape.globalSecondaryIndexes;
    else delete properties.globalSecondaryIndexes;
    await fake.createTable(tm.handler.toCreateTableInput(handlerInput(tm, properties)));
    world.tables.get(name).items = `gen1:${name}`;
    seeded[name] = { keySchema: shape.keySchema, attributeDefinitions: shape.attributeDefinitions, globalSecondaryIndexes: shape.globalSecondaryIndexes || null };
  }
  world.calls.length = 0;
  return seeded;
}

function outcomeOf(event, result, calls, type) {
  if (!result) return 'unchanged';
  if (result.status !== 'SUCCESS') return 'failed';
  const deleted = calls.some((c) => c.api === 'DeleteTable');
  const created = calls.some((c) => c.api === 'CreateTable');
  if (event === 'Create') return type === IMPORTED && !created ? 'imported' : 'created';
  if (event === 'Delete') return deleted ? 'deleted' : 'retained';
  return deleted && created ? 'replaced' : 'updated';
}

function outcomeEntry(event, result, calls, type, extra = {}) {
  return {
    outcome: outcomeOf(event, result, calls, type),
    event,
    data_lost: false,
    ...summarizeCalls(calls),
    is_complete_calls: result ? result.isCompleteCalls : 0,
    error: result && result.status !== 'SUCCESS' ? result.reason : null,
    handler_log: result ? result.log : [],
    ...extra,
  };
}

/**
 * Simulate one deployment type. oldTables / newTables: tableResources() of the two syntheses; gen1Shapes: see
 * seedGen1Tables.
 * Returns { ok, failed_stage, old_failures, gen1_tables, data_loss: [ids], tables: { id: OUTCOME } }.
 */
export async function simulateDeployment(tm, waiter, oldTables, newTables, gen1Shapes) {
  accountWorld.reset();
  const world = accountWorld.current();
  const gen1Tables = await seedGen1Tables(tm, [...oldTables, ...newTables], gen1Shapes);
  let requestSerial = 0;
  const requestId = () => `request-${String(++requestSerial).padStart(4, '0')}`;

  // OLD: the deployed state. Every table is created (or adopted), then holds items.
  const physicalIds = new Map();
  const oldFailures = [];
  for (const t of [...oldTables].sort((a, b) => tableKey(a).localeCompare(tableKey(b)))) {
    const { result } = await runEvent(tm, waiter, baseEvent('Create', t, requestId()));
    if (result.status !== 'SUCCESS') {
      oldFailures.push({ table: tableKey(t), error: result.reason });
      continue;
    }
    physicalIds.set(tableKey(t), result.physicalResourceId);
    const stored = world.tables.get(result.physicalResourceId);
    if (stored && !stored.items) stored.items = `old:${result.physicalResourceId}`;
  }
  if (oldFailures.length) {
    return { ok: false, failed_stage: 'deploy-old', old_failures: oldFailures, gen1_tables: gen1Tables, data_loss: [], tables: {} };
  }
  const itemsBefore = new Map([...physicalIds].map(([id, name]) => [id, world.tables.get(name).items]));

  // NEW: creates and updates, then (only if all succeeded) the deletes of the cleanup phase.
  const oldById = new Map(oldTables.map((t) => [tableKey(t), t]));
  const newById = new Map(newTables.map((t) => [tableKey(t), t]));
  const ids = [...new Set([...oldById.keys(), ...newById.keys()])].sort();
  const tables = {};
  let failed = false;
  for (const id of ids) {
    const before = oldById.get(id);
    const after = newById.get(id);
    if (!after) continue;
    if (!before) {
      const { result, calls } = await runEvent(tm, waiter, baseEvent('Create', after, requestId()));
      tables[id] = outcomeEntry('Create', result, calls, after.type);
    } else if (before.type !== after.type) {
      tables[id] = {
        ...outcomeEntry(null, null, [], after.type),
        outcome: 'failed',
        error: `CloudFormation: Update of resource type is not permitted. The new template modifies resource type of the following resources: [${id}]`,
      };
    } else if (JSON.stringify(asCustomResourceProperties(before.properties)) === JSON.stringify(asCustomResourceProperties(after.properties))) {
      tables[id] = outcomeEntry(null, null, [], after.type);
    } else {
      const event = {
        ...baseEvent('Update', after, requestId()),
        PhysicalResourceId: physicalIds.get(id),
        OldResourceProperties: { ServiceToken: '{TableManagerCustomProvider.onEvent}', ...asCustomResourceProperties(before.properties) },
      };
      const { result, calls } = await runEvent(tm, waiter, event);
      tables[id] = outcomeEntry('Update', result, calls, after.type);
    }
    if (tables[id].outcome === 'failed') failed = true;
  }
  for (const id of ids) {
    const before = oldById.get(id);
    if (newById.has(id)) continue;
    if (failed) {
      tables[id] = { ...outcomeEntry(null, null, [], before.type), outcome: 'not_reached', error: 'the stack update failed before the cleanup phase' };
    } else if (before.deletionPolicy === 'Retain') {
      tables[id] = { ...outcomeEntry(null, null, [], before.type), outcome: 'retained', error: null };
    } else {
      const event = { ...baseEvent('Delete', before, requestId()), PhysicalResourceId: physicalIds.get(id) };
      const { result, calls } = await runEvent(tm, waiter, event);
      tables[id] = outcomeEntry('Delete', result, calls, before.type);
    }
  }

  // Data: an OLD table's items survive only if a table of that name still holds the very same items.
  const dataLoss = [];
  for (const [id, name] of physicalIds) {
    const stored = world.tables.get(name);
    const lost = !stored || stored.items !== itemsBefore.get(id);
    if (tables[id]) tables[id].data_lost = lost;
    if (lost) dataLoss.push(id);
  }
  return { ok: !failed, failed_stage: failed ? 'deploy-new' : null, old_failures: [], gen1_tables: gen1Tables, data_loss: dataLoss.sort(), tables };
}

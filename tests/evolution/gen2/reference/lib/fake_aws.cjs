'use strict';
// In-memory stand-ins for the three AWS SDK v3 clients that Amplify's table manager Lambda
// (graphql-model-transformer lib/resources/amplify-dynamodb-table/amplify-table-manager-lambda/) requires:
// @aws-sdk/client-dynamodb, @aws-sdk/client-lambda and @aws-sdk/client-sfn. They are handed to the handler module
// instead of the real clients (table_manager.mjs), so that the handler's own code runs unchanged against a
// simulated account. NOTHING HERE IS AMPLIFY'S: it is the simulated AWS side, and every rule it enforces is
// DynamoDB's documented behaviour, not a decision of the handler:
//   * one global secondary index Create or Delete per UpdateTable call;
//   * at most 20 global secondary indexes per table (DynamoDB's default quota);
//   * DeleteTable of a table with deletion protection is refused.
// Tables and indexes become ACTIVE at once (the real service goes through CREATING / backfilling; the handler's
// isComplete waits for that, so it changes the number of polls, not the steps).

const GSI_QUOTA = 20;

/** The simulated account: tables by name, and the log of every call that changed something. */
class World {
  constructor() {
    this.tables = new Map();
    this.calls = [];
    this.serial = 0;
  }

  /** A table as DescribeTable returns it (a deep copy). */
  describe(name) {
    const t = this.tables.get(name);
    if (!t) throw new ResourceNotFoundException(`Requested resource not found: Table: ${name} not found`);
    return JSON.parse(JSON.stringify(t.description));
  }

  record(api, name, detail) {
    this.calls.push({ api, table: name, ...detail });
  }
}

let world = new World();

/** Install a fresh world (one per simulated deployment sequence) and return it. */
function resetWorld() {
  world = new World();
  return world;
}

class ServiceException extends Error {
  constructor(message) {
    super(message);
    this.name = this.constructor.name;
  }
}
class ResourceNotFoundException extends ServiceException {}
class ResourceInUseException extends ServiceException {}
class LimitExceededException extends ServiceException {}
class ValidationException extends ServiceException {}
class ContinuousBackupsUnavailableException extends ServiceException {}

const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/** DescribeTable reports every index's throughput; an on-demand index reports zero read and write capacity. */
function gsiDescription(gsi) {
  return {
    IndexName: gsi.IndexName,
    KeySchema: clone(gsi.KeySchema),
    Projection: clone(gsi.Projection),
    IndexStatus: 'ACTIVE',
    ProvisionedThroughput: gsi.ProvisionedThroughput ? clone(gsi.ProvisionedThroughput) : { ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
  };
}

function mergeAttributeDefinitions(current, added) {
  const out = clone(current) || [];
  for (const def of added || []) {
    const existing = out.find((d) => d.AttributeName === def.AttributeName);
    if (existing) existing.AttributeType = def.AttributeType;
    else out.push(clone(def));
  }
  return out;
}

/** Drop attribute definitions no key of the table or of an index uses (DynamoDB keeps only key attributes). */
function pruneAttributeDefinitions(desc) {
  const used = new Set((desc.KeySchema || []).map((k) => k.AttributeName));
  for (const gsi of desc.GlobalSecondaryIndexes || []) for (const k of gsi.KeySchema || []) used.add(k.AttributeName);
  desc.AttributeDefinitions = (desc.AttributeDefinitions || []).filter((d) => used.has(d.AttributeName));
}

class DynamoDB {
  async describeTable({ TableName }) {
    return { Table: world.describe(TableName) };
  }

  async createTable(input) {
    const name = input.TableName;
    if (world.tables.has(name)) throw new ResourceInUseException(`Table already exists: ${name}`);
    const gsis = input.GlobalSecondaryIndexes || [];
    if (gsis.length > GSI_QUOTA) {
      throw new LimitExceededException(`simulated DynamoDB quota: ${gsis.length} global secondary indexes requested, at most ${GSI_QUOTA} per table`);
    }
    const keyed = new Set((input.KeySchema || []).map((k) => k.AttributeName));
    for (const g of gsis) for (const k of g.KeySchema || []) keyed.add(k.AttributeName);
    const defined = new Set((input.AttributeDefinitions || []).map((d) => d.AttributeName));
    if ([...defined].some((n) => !keyed.has(n)) || [...keyed].some((n) => !defined.has(n))) {
      throw new ValidationException('simulated DynamoDB rule: AttributeDefinitions must name exactly the key attributes of the table and its indexes');
    }
    world.serial += 1;
    const description = {
      TableName: name,
      TableArn: `arn:aws:dynamodb:us-east-1:123456789012:table/${name}`,
      TableStatus: 'ACTIVE',
      KeySchema: clone(input.KeySchema),
      AttributeDefinitions: clone(input.AttributeDefinitions),
      BillingModeSummary: { BillingMode: input.BillingMode || 'PROVISIONED' },
      ProvisionedThroughput: input.ProvisionedThroughput
        ? clone(input.ProvisionedThroughput)
        : { ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
      DeletionProtectionEnabled: input.DeletionProtectionEnabled === true,
    };
    if (gsis.length) description.GlobalSecondaryIndexes = gsis.map(gsiDescription);
    if (input.StreamSpecification && input.StreamSpecification.StreamEnabled) {
      description.StreamSpecification = clone(input.StreamSpecification);
      description.LatestStreamArn = `${description.TableArn}/stream/${world.serial}`;
    }
    if (input.SSESpecification && input.SSESpecification.Enabled) {
      description.SSEDescription = { Status: 'ENABLED', SSEType: input.SSESpecification.SSEType || 'KMS' };
    }
    world.tables.set(name, { description, items: null, serial: world.serial });
    world.record('CreateTable', name, { GlobalSecondaryIndexes: gsis.map((g) => g.IndexName) });
    return { TableDescription: clone(description) };
  }

  async deleteTable({ TableName }) {
    const t = world.tables.get(TableName);
    if (!t) throw new ResourceNotFoundException(`Requested resource not found: Table: ${TableName} not found`);
    if (t.description.DeletionProtectionEnabled) {
      throw new ValidationException(`Resource cannot be deleted as it is currently protected against deletion: ${TableName}`);
    }
    world.tables.delete(TableName);
    world.record('DeleteTable', TableName, {});
    return { TableDescription: clone(t.description) };
  }

  async updateTable(input) {
    const name = input.TableName;
    const t = world.tables.get(name);
    if (!t) throw new ResourceNotFoundException(`Requested resource not found: Table: ${name} not found`);
    const desc = t.description;
    const updates = input.GlobalSecondaryIndexUpdates || [];
    const createsOrDeletes = updates.filter((u) => u.Create || u.Delete);
    if (createsOrDeletes.length > 1) {
      throw new ValidationException('simulated DynamoDB rule: only one global secondary index can be created or deleted per UpdateTable call');
    }
    const detail = {};
    for (const u of updates) {
      if (u.Create) {
        const gsis = desc.GlobalSecondaryIndexes || [];
        if (gsis.some((g) => g.IndexName === u.Create.IndexName)) {
          throw new ValidationException(`simulated DynamoDB rule: index ${u.Create.IndexName} already exists`);
        }
        if (gsis.length + 1 > GSI_QUOTA) {
          throw new LimitExceededException(`simulated DynamoDB quota: a table can have at most ${GSI_QUOTA} global secondary indexes; ${u.Create.IndexName} would be number ${gsis.length + 1}`);
        }
        desc.AttributeDefinitions = mergeAttributeDefinitions(desc.AttributeDefinitions, input.AttributeDefinitions);
        desc.GlobalSecondaryIndexes = [...gsis, gsiDescription(u.Create)];
        detail.gsi = { action: 'Create', index: u.Create.IndexName };
      } else if (u.Delete) {
        const gsis = desc.GlobalSecondaryIndexes || [];
        if (!gsis.some((g) => g.IndexName === u.Delete.IndexName)) {
          throw new ResourceNotFoundException(`simulated DynamoDB rule: index ${u.Delete.IndexName} does not exist`);
        }
        desc.GlobalSecondaryIndexes = gsis.filter((g) => g.IndexName !== u.Delete.IndexName);
        if (!desc.GlobalSecondaryIndexes.length) delete desc.GlobalSecondaryIndexes;
        detail.gsi = { action: 'Delete', index: u.Delete.IndexName };
      } else if (u.Update) {
        const gsi = (desc.GlobalSecondaryIndexes || []).find((g) => g.IndexName === u.Update.IndexName);
        if (gsi) gsi.ProvisionedThroughput = clone(u.Update.ProvisionedThroughput);
        detail.gsi = { action: 'Update', index: u.Update.IndexName };
      }
    }
    if (input.BillingMode !== undefined) {
      desc.BillingModeSummary = { BillingMode: input.BillingMode };
      detail.BillingMode = input.BillingMode;
    }
    if (input.ProvisionedThroughput !== undefined) {
      desc.ProvisionedThroughput = clone(input.ProvisionedThroughput);
      detail.ProvisionedThroughput = clone(input.ProvisionedThroughput);
    }
    if (input.DeletionProtectionEnabled !== undefined) {
      desc.DeletionProtectionEnabled = input.DeletionProtectionEnabled;
      detail.DeletionProtectionEnabled = input.DeletionProtectionEnabled;
    }
    if (input.StreamSpecification !== undefined) {
      desc.StreamSpecification = clone(input.StreamSpecification);
      detail.StreamSpecification = clone(input.StreamSpecification);
    }
    if (input.SSESpecification !== undefined) {
      if (input.SSESpecification.Enabled) desc.SSEDescription = { Status: 'ENABLED', SSEType: input.SSESpecification.SSEType || 'KMS' };
      else delete desc.SSEDescription;
      detail.SSESpecification = clone(input.SSESpecification);
    }
    pruneAttributeDefinitions(desc);
    world.record('UpdateTable', name, detail);
    return { TableDescription: clone(desc) };
  }

  async describeContinuousBackups({ TableName }) {
    const t = world.tables.get(TableName);
    if (!t) throw new ResourceNotFoundException(`Table not found: ${TableName}`);
    return {
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: t.pitr ? 'ENABLED' : 'DISABLED' },
      },
    };
  }

  async updateContinuousBackups(input) {
    const t = world.tables.get(input.TableName);
    if (!t) throw new ResourceNotFoundException(`Table not found: ${input.TableName}`);
    t.pitr = Boolean(input.PointInTimeRecoverySpecification && input.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled);
    world.record('UpdateContinuousBackups', input.TableName, { PointInTimeRecoveryEnabled: t.pitr });
    return {};
  }

  async describeTimeToLive({ TableName }) {
    const t = world.tables.get(TableName);
    if (!t) throw new ResourceNotFoundException(`Table not found: ${TableName}`);
    return { TimeToLiveDescription: t.ttl ? clone(t.ttl) : { TimeToLiveStatus: 'DISABLED' } };
  }

  async updateTimeToLive(input) {
    const t = world.tables.get(input.TableName);
    if (!t) throw new ResourceNotFoundException(`Table not found: ${input.TableName}`);
    const spec = input.TimeToLiveSpecification;
    t.ttl = spec.Enabled ? { TimeToLiveStatus: 'ENABLED', AttributeName: spec.AttributeName } : { TimeToLiveStatus: 'DISABLED' };
    world.record('UpdateTimeToLive', input.TableName, { TimeToLiveSpecification: clone(spec) });
    return {};
  }

  async tagResource(input) {
    world.record('TagResource', input.ResourceArn.split('/').pop(), { Tags: clone(input.Tags) });
    return {};
  }

  async untagResource(input) {
    world.record('UntagResource', input.ResourceArn.split('/').pop(), { TagKeys: clone(input.TagKeys) });
    return {};
  }

  async send(command) {
    if (command instanceof ListTagsOfResourceCommand) return { Tags: [] };
    throw new Error(`fake DynamoDB client: unsupported command ${command && command.constructor && command.constructor.name}`);
  }
}

class ListTagsOfResourceCommand {
  constructor(input) {
    this.input = input;
  }
}

/** Lambda: the handler reads its own tags (ListTags) to copy them onto tables; the simulated function has none. */
class Lambda {
  async send(command) {
    if (command instanceof ListTagsCommand) return { Tags: {} };
    throw new Error('fake Lambda client: unsupported command');
  }
}
class ListTagsCommand {
  constructor(input) {
    this.input = input;
  }
}

/** Step Functions: never reached (table_manager.mjs replaces outbound.startExecution), present so outbound.js loads. */
class SFN {
  async startExecution() {
    throw new Error('fake SFN client: startExecution is intercepted by the simulation');
  }
}

module.exports = {
  GSI_QUOTA,
  World,
  resetWorld,
  currentWorld: () => world,
  modules: {
    '@aws-sdk/client-dynamodb': {
      DynamoDB,
      ListTagsOfResourceCommand,
      ResourceNotFoundException,
      ResourceInUseException,
      LimitExceededException,
      ValidationException,
      ContinuousBackupsUnavailableException,
    },
    '@aws-sdk/client-lambda': { Lambda, ListTagsCommand },
    '@aws-sdk/client-sfn': { SFN },
  },
};

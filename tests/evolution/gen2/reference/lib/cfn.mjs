// Reading a synthesized cloud assembly the way CloudFormation would: walk the root stack and its nested stacks
// (AWS::CloudFormation::Stack resources, template file from their `aws:asset:path` metadata), give every nested
// stack the parameter values its parent passes (or the parameter defaults), and resolve the intrinsic functions in
// the properties of the table custom resources: Ref, Fn::If with the stack's Conditions, Fn::Equals, Fn::Not,
// Fn::And, Fn::Or, Fn::Join and AWS::NoValue. Values only known after deployment (Fn::GetAtt, pseudo parameters,
// resource Refs) become placeholders `{...}`; the API id is `{apiId}`. This is the simulated CloudFormation
// side, not Amplify code.
import fs from 'fs';
import path from 'path';

export const NO_VALUE = Symbol('AWS::NoValue');
const TABLE_TYPES = new Set(['Custom::AmplifyDynamoDBTable', 'Custom::ImportedAmplifyDynamoDBTable']);

class Scope {
  constructor(template, params, stackPath) {
    this.template = template;
    this.params = params;
    this.stackPath = stackPath;
    this.conditionCache = new Map();
  }

  condition(name) {
    if (!this.conditionCache.has(name)) {
      const def = (this.template.Conditions || {})[name];
      if (def === undefined) throw new Error(`${this.stackPath.join('/')}: unknown condition ${name}`);
      this.conditionCache.set(name, Boolean(this.resolve(def)));
    }
    return this.conditionCache.get(name);
  }

  ref(name) {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (Object.hasOwn(this.params, name)) return this.params[name];
    if (name.startsWith('AWS::')) return `{${name}}`;
    return `{Ref:${name}}`;
  }

  resolve(value) {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v)).filter((v) => v !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::'))) {
      return this.intrinsic(keys[0], value[keys[0]]);
    }
    const out = {};
    for (const k of keys) {
      const v = this.resolve(value[k]);
      if (v !== NO_VALUE) out[k] = v;
    }
    return out;
  }

  intrinsic(fn, arg) {
    switch (fn) {
      case 'Ref':
        return this.ref(arg);
      case 'Condition':
        return this.condition(arg);
      case 'Fn::If':
        return this.resolve(this.condition(arg[0]) ? arg[1] : arg[2]);
      case 'Fn::Equals':
        return String(this.resolve(arg[0])) === String(this.resolve(arg[1]));
      case 'Fn::Not':
        return !this.resolve(arg[0]);
      case 'Fn::And':
        return arg.every((a) => this.resolve(a));
      case 'Fn::Or':
        return arg.some((a) => this.resolve(a));
      case 'Fn::Join':
        return this.resolve(arg[1]).map(String).join(arg[0]);
      case 'Fn::GetAtt': {
        const [logicalId, attr] = Array.isArray(arg) ? arg : String(arg).split('.');
        return attr === 'ApiId' ? '{apiId}' : `{${logicalId}.${attr}}`;
      }
      case 'Fn::Sub':
        return `{Fn::Sub:${typeof arg === 'string' ? arg : arg[0]}}`;
      default:
        throw new Error(`${this.stackPath.join('/')}: intrinsic ${fn} is not supported by the simulation`);
    }
  }
}

/** CloudFormation parameter values are strings; a parameter not passed takes its Default. */
function parameterValues(template, passed) {
  const params = {};
  for (const [name, def] of Object.entries(template.Parameters || {})) {
    if (Object.hasOwn(passed, name)) params[name] = passed[name];
    else if (def.Default !== undefined) params[name] = String(def.Default);
  }
  return params;
}

/**
 * Every stack of the assembly: [{ stackPath: [logical ids from the root], template, scope }], root first.
 * rootTemplateFile: absolute path of the root stack template; nested templates sit next to it.
 */
export function readStacks(rootTemplateFile) {
  const dir = path.dirname(rootTemplateFile);
  const out = [];
  const visit = (file, passed, stackPath) => {
    const template = JSON.parse(fs.readFileSync(file, 'utf8'));
    const scope = new Scope(template, parameterValues(template, passed), stackPath);
    out.push({ stackPath, template, scope });
    for (const [logicalId, res] of Object.entries(template.Resources || {})) {
      if (res.Type !== 'AWS::CloudFormation::Stack') continue;
      const asset = res.Metadata && res.Metadata['aws:asset:path'];
      if (!asset) throw new Error(`${logicalId}: nested stack without aws:asset:path metadata`);
      const childPassed = {};
      for (const [k, v] of Object.entries((res.Properties && res.Properties.Parameters) || {})) {
        const resolved = scope.resolve(v);
        if (resolved !== NO_VALUE) childPassed[k] = typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
      }
      visit(path.resolve(dir, asset), childPassed, [...stackPath, logicalId]);
    }
  };
  visit(rootTemplateFile, {}, []);
  return out;
}

/**
 * The table custom resources of a set of stacks:
 * [{ stackPath, logicalId, type, properties (resolved, ServiceToken removed), deletionPolicy, updateReplacePolicy }].
 */
export function tableResources(stacks) {
  const tables = [];
  for (const { stackPath, template, scope } of stacks) {
    for (const [logicalId, res] of Object.entries(template.Resources || {})) {
      if (!TABLE_TYPES.has(res.Type)) continue;
      const properties = scope.resolve(res.Properties || {});
      delete properties.ServiceToken;
      tables.push({
        stackPath,
        logicalId,
        type: res.Type,
        properties,
        deletionPolicy: res.DeletionPolicy || 'Delete',
        updateReplacePolicy: res.UpdateReplacePolicy || 'Delete',
      });
    }
  }
  return tables;
}

/**
 * The lambda asset directory and the waiter's retry policy of the table manager provider, read from the
 * AmplifyTableManager stack: the onEvent function's Handler `amplify-table-manager-handler.onEvent` and the
 * AWS::StepFunctions::StateMachine whose single task retries isComplete.
 */
export function tableManagerDeployment(stacks) {
  let handlerDir = null;
  let waiter = null;
  for (const { template, scope } of stacks) {
    for (const res of Object.values(template.Resources || {})) {
      if (res.Type === 'AWS::Lambda::Function' && res.Properties && res.Properties.Handler === 'amplify-table-manager-handler.onEvent') {
        handlerDir = res.Metadata && res.Metadata['aws:asset:path'];
      }
      if (res.Type === 'AWS::StepFunctions::StateMachine' && res.Properties && res.Properties.DefinitionString) {
        const definition = JSON.parse(scope.resolve(res.Properties.DefinitionString));
        const task = definition.States && definition.States['framework-isComplete-task'];
        if (task && task.Retry && task.Retry[0]) {
          waiter = { maxAttempts: task.Retry[0].MaxAttempts, intervalSeconds: task.Retry[0].IntervalSeconds, backoffRate: task.Retry[0].BackoffRate };
        }
      }
    }
  }
  return { handlerDir, waiter };
}

/** CloudFormation hands custom resources every scalar property as a string (booleans and numbers included). */
export function asCustomResourceProperties(value) {
  if (Array.isArray(value)) return value.map(asCustomResourceProperties);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asCustomResourceProperties(v)]));
  }
  return value === null || value === undefined ? value : String(value);
}

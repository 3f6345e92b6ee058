// Runs Amplify's own table manager Lambda (amplify-table-manager-handler.js, the code of the
// Custom::AmplifyDynamoDBTable provider) on CloudFormation custom-resource events, against the simulated account of
// fake_aws.cjs. The handler is loaded from the Lambda asset directory named in the synthesized template (the code
// `ampx` would upload), with nothing of it copied or changed. Only its outside world is replaced:
//   * `@aws-sdk/client-dynamodb`, `client-lambda`, `client-sfn`  -> fake_aws.cjs (required by the handler files only);
//   * `outbound.startExecution` (starts the waiter state machine)  -> recorded; the simulation then plays the state
//     machine: it calls the handler's `isComplete` with the execution input until it stops throwing `Retry`, at most
//     MaxAttempts times (the Retry policy of the synthesized AWS::StepFunctions::StateMachine);
//   * `outbound.httpRequest` (the response PUT to CloudFormation)    -> recorded as the event's result;
//   * timers run at once (the handler only sleeps in retry loops), and its console goes to the event's log.
import fs from 'fs';
import path from 'path';
import Module, { createRequire } from 'module';

const require = createRequire(import.meta.url);
const fakeAws = require('./fake_aws.cjs');

const HANDLER_FILE = 'amplify-table-manager-handler.js';
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:amplify-data-TableManager-onEvent';
const WAITER_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:AmplifyTableWaiterStateMachine';

let hooked = null;

/** Route the handler's AWS SDK imports to the fakes; every other require is untouched. */
function installRequireHook(handlerDir) {
  if (hooked === handlerDir) return;
  if (hooked) throw new Error(`table manager already loaded from ${hooked}; one handler per process`);
  const originalLoad = Module._load;
  const prefix = handlerDir + path.sep;
  Module._load = function load(request, parent, isMain) {
    if (parent && parent.filename && parent.filename.startsWith(prefix) && Object.hasOwn(fakeAws.modules, request)) {
      return fakeAws.modules[request];
    }
    return originalLoad.call(this, request, parent, isMain);
  };
  hooked = handlerDir;
}

/**
 * Load the handler module from the Lambda asset directory. Returns { dir, handler, outbound, cfnResponse, fakeDynamoDB }.
 */
export function loadTableManager(handlerDir) {
  const dir = fs.realpathSync(handlerDir);
  if (!fs.existsSync(path.join(dir, HANDLER_FILE))) throw new Error(`no ${HANDLER_FILE} in ${dir}`);
  installRequireHook(dir);
  process.env.WAITER_STATE_MACHINE_ARN = WAITER_ARN; // the onEvent function's environment (createCustomProviderResource)
  return {
    dir,
    handler: require(path.join(dir, HANDLER_FILE)),
    outbound: require(path.join(dir, 'outbound.js')),
    cfnResponse: require(path.join(dir, 'cfn-response.js')),
    fakeDynamoDB: () => fakeAws.modules['@aws-sdk/client-dynamodb'].DynamoDB,
  };
}

/** Run fn with the handler's console captured and timers immediate. */
async function sandboxed(log, fn) {
  const saved = { log: console.log, warn: console.warn, error: console.error, info: console.info, setTimeout: globalThis.setTimeout };
  const sink = (...args) => {
    // only the handler's plain messages; its object dumps (util.log, 'Current table state: ', ...) are noise here
    if (args.length === 1 && typeof args[0] === 'string') log.push(args[0]);
  };
  console.log = sink;
  console.warn = sink;
  console.error = sink;
  console.info = sink;
  globalThis.setTimeout = (cb, _ms, ...rest) => saved.setTimeout(cb, 0, ...rest);
  try {
    return await fn();
  } finally {
    console.log = saved.log;
    console.warn = saved.warn;
    console.error = saved.error;
    console.info = saved.info;
    globalThis.setTimeout = saved.setTimeout;
  }
}

/**
 * Deliver one custom-resource event the way CloudFormation and the provider framework would, and return
 * { status: 'SUCCESS'|'FAILED'|'TIMEOUT', reason, physicalResourceId, data, isCompleteCalls, log }.
 * waiter: { maxAttempts } from the synthesized state machine's Retry policy.
 */
export async function deliverEvent(tm, event, waiter) {
  const responses = [];
  let execution = null;
  tm.outbound.httpRequest = async (_options, body) => {
    responses.push(JSON.parse(body));
  };
  tm.outbound.startExecution = async (req) => {
    execution = req;
    return { executionArn: `${WAITER_ARN}:${req.name}` };
  };
  const context = { invokedFunctionArn: FUNCTION_ARN };
  const log = [];
  let isCompleteCalls = 0;
  const result = await sandboxed(log, async () => {
    await tm.handler.onEvent(JSON.parse(JSON.stringify(event)), context);
    if (responses.length) return responses[responses.length - 1];
    if (!execution) throw new Error('onEvent neither answered CloudFormation nor started the waiter');
    const input = JSON.parse(execution.input);
    // the state machine's only task is isComplete, retried on any error (States.ALL) up to MaxAttempts times
    for (let attempt = 0; attempt <= waiter.maxAttempts; attempt += 1) {
      isCompleteCalls += 1;
      try {
        await tm.handler.isComplete(JSON.parse(JSON.stringify(input)), context);
      } catch (e) {
        if (!(e instanceof tm.cfnResponse.Retry)) throw e;
        continue;
      }
      if (responses.length) return responses[responses.length - 1];
      throw new Error('isComplete returned without answering CloudFormation');
    }
    return null;
  });
  if (!result) {
    return { status: 'TIMEOUT', reason: `waiter state machine gave up after ${waiter.maxAttempts} retries`, physicalResourceId: event.PhysicalResourceId || null, data: null, isCompleteCalls, log };
  }
  return {
    status: result.Status,
    reason: result.Status === 'SUCCESS' ? null : result.Reason,
    physicalResourceId: result.PhysicalResourceId,
    data: result.Data || null,
    isCompleteCalls,
    log,
  };
}

export const world = {
  reset: () => fakeAws.resetWorld(),
  current: () => fakeAws.currentWorld(),
};
export const GSI_QUOTA = fakeAws.GSI_QUOTA;

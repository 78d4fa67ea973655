// Setup file of the `int` project, run in each test file before anything is imported: points this
// worker's process.env at its own copy of the stack, with the same variables the functions get
// (LIAISON_TABLE_NAME, LIAISON_EVENTS_TOPIC_ARN, ... AWS_ENDPOINT_URL_*, AWS_REGION, credentials),
// so that handler and store modules imported by int tests just work.
import { endpointsFromEnv } from '@liaison/local/emulators';
import { awsEnvironment } from '@liaison/local/local-env';
import { workerStack } from './int-stacks';

const stack = workerStack();
const endpoints = endpointsFromEnv();
if (!endpoints.dynamodb || !endpoints.aws) throw new Error('int-env: the emulator endpoints are not set; int-setup should have set them');

// Functions log JSON; tests only want to hear about problems unless asked.
const logLevel = process.env.LIAISON_LOG_LEVEL ?? 'warn';
// Nor about metric lines (EMF for CloudWatch), unless asked.
const metrics = process.env.LIAISON_METRICS ?? 'off';
Object.assign(process.env, stack ? stack.env : awsEnvironment({ dynamodb: endpoints.dynamodb, aws: endpoints.aws }), { LIAISON_LOG_LEVEL: logLevel, LIAISON_METRICS: metrics });

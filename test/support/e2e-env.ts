// Setup file of the `e2e` project: the runtime's URL must be there, and AWS clients a test makes
// (to look into the emulators directly) reach the same emulators as the runtime.
import { endpointsFromEnv } from '@liaison/local/emulators';
import { awsEnvironment } from '@liaison/local/local-env';

if (!process.env.LIAISON_E2E_URL) throw new Error('LIAISON_E2E_URL is not set: run e2e tests through jest\'s e2e project (its globalSetup starts the runtime)');
const endpoints = endpointsFromEnv();
if (endpoints.dynamodb && endpoints.aws) Object.assign(process.env, awsEnvironment({ dynamodb: endpoints.dynamodb, aws: endpoints.aws }));

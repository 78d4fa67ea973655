// The local runtime's API for tests and tools: emulators, provisioning a copy of the stack from its
// template, and the whole runtime in this process.
export { startEmulators, endpointsFromEnv, freePort, MissingToolError, ENDPOINT_ENV, type Emulators, type Endpoints, type StartEmulatorsOptions } from './emulators';
export {
  provision,
  provisionPlan,
  type ProvisionOptions,
  type ProvisionedStack,
  type ProvisionedQueue,
  type ProvisionedSubscription,
  type ProvisionedConsumer,
} from './provision';
export { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from './runtime';
export { planStack, REPO_ROOT, type StackPlan, type StackPlanOptions } from './stack';
export { loadTemplate, loadInfraApp, stackNameFor, DEFAULT_EVENT, TemplateUnavailableError } from './template-source';
export { awsEnvironment, localClients, LOCAL_REGION, LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS } from './aws';
export type { CfnTemplate, CfnResource } from './template';

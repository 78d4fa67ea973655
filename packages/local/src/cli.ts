// `pnpm dev`: the whole stack on localhost, from the same template that CDK deploys.
// PORT, LIAISON_EVENT, LIAISON_LOCAL_PREFIX, LIAISON_DYNAMODB_ENDPOINT, LIAISON_AWS_ENDPOINT and
// LIAISON_TEMPLATE (a template file instead of synthesizing) change what it does.
import { MissingToolError } from './emulators';
import { PortInUseError, startLocalRuntime, type LocalRuntime } from './runtime';
import { TemplateUnavailableError } from './template-source';

function stamp(line: string): void {
  const t = new Date();
  const hh = [t.getHours(), t.getMinutes(), t.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  process.stdout.write(`${hh} ${line}\n`);
}

/** DynamoDB Local's wrapper wants Node 22.22+, and loading handlers needs module.registerHooks (22.15+). */
function checkNode(): void {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 22)) {
    process.stderr.write(`The local runtime needs Node 22.22 or newer; this is ${process.version}. Run it with \`pnpm dev\`, which uses the workspace's Node 22.\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  checkNode();
  let runtime: LocalRuntime | null = null;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await runtime?.stop().catch((err: Error) => process.stderr.write(`while stopping: ${err.message}\n`));
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  try {
    runtime = await startLocalRuntime({ log: stamp });
  } catch (err) {
    const known = err instanceof MissingToolError || err instanceof TemplateUnavailableError || err instanceof PortInUseError;
    process.stderr.write(`\nLiaison local runtime could not start:\n${known ? (err as Error).message : ((err as Error).stack ?? String(err))}\n`);
    process.exit(1);
  }
  if (stopping) await runtime.stop();
}

void main();

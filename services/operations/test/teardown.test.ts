// pnpm teardown without AWS: the plan read from the synthesized template (what a prod stack keeps and
// how to delete it), and the steps in order: the export first, and no destroy when it fails.
import { describe, expect, it } from '@jest/globals';
import { synthesizeTemplate } from '../../../infra/src/app';
import { describePlan, planTeardown, runTeardown, type TeardownPlan, type TeardownSteps } from '../../../infra/bin/teardown';

const NOW = new Date('2027-03-10T12:00:00Z');

function fakeSteps(opts: { exportFails?: boolean } = {}) {
  const calls: string[] = [];
  const said: string[] = [];
  const steps: TeardownSteps = {
    exportEvent: async (dir) => {
      calls.push(`export ${dir}`);
      if (opts.exportFails) throw new Error('GET /export failed: HTTP 500');
      return { dir, pages: 2, records: 1234, byKind: { person: 1000, party: 234 } };
    },
    destroy: async (plan: TeardownPlan) => {
      calls.push(`destroy ${plan.stackName}`);
    },
    say: (line) => said.push(line),
  };
  return { steps, calls, said };
}

describe('pnpm teardown', () => {
  const prod = planTeardown({ event: 'jakarta-summit-2027', stage: 'prod', out: '/tmp/x' }, synthesizeTemplate({ event: 'jakarta-summit-2027', stage: 'prod' }) as never, { Table: 'Liaison-jakarta-Table-ABC' }, NOW);

  it('says that a prod stack keeps its table, with deletion protection, and how to delete it', () => {
    const table = prod.retained.find((r) => r.type === 'AWS::DynamoDB::Table');
    expect(table?.deleteWith).toEqual([
      `aws dynamodb update-table --table-name ${table?.physicalId ?? '<' + table?.logicalId + '>'} --no-deletion-protection-enabled`,
      `aws dynamodb delete-table --table-name ${table?.physicalId ?? '<' + table?.logicalId + '>'}`,
    ]);
    expect(describePlan(prod).join('\n')).toMatch(/what stays[\s\S]*AWS::DynamoDB::Table[\s\S]*delete-table/);
  });

  it('says that nothing stays of a dev stack', () => {
    const dev = planTeardown({ event: 'jakarta-summit-2027', stage: 'dev' }, synthesizeTemplate({ event: 'jakarta-summit-2027', stage: 'dev' }) as never, null, NOW);
    expect(dev.retained).toEqual([]);
    expect(dev.exportDir).toMatch(/exports\/Liaison-jakarta-summit-2027-dev-2027-03-10T12-00-00-000Z$/);
    expect(describePlan(dev)).toContain('  3. nothing stays: every resource of this stack is deleted with it');
  });

  it('exports before it destroys, then names what stays', async () => {
    const { steps, calls, said } = fakeSteps();
    await expect(runTeardown(prod, steps, false)).resolves.toBe('destroyed');
    expect(calls).toEqual(['export /tmp/x', `destroy ${prod.stackName}`]);
    expect(said.join('\n')).toMatch(/Exported 1234 records[\s\S]*is destroyed[\s\S]*These stay[\s\S]*AWS::DynamoDB::Table/);
  });

  it('leaves the stack as it is when the export fails', async () => {
    const { steps, calls } = fakeSteps({ exportFails: true });
    await expect(runTeardown(prod, steps, false)).rejects.toThrow('the export failed, so the stack was left as it is: GET /export failed: HTTP 500');
    expect(calls).toEqual(['export /tmp/x']);
  });

  it('runs nothing on a dry run', async () => {
    const { steps, calls, said } = fakeSteps();
    await expect(runTeardown(prod, steps, true)).resolves.toBe('dry-run');
    expect(calls).toEqual([]);
    expect(said.at(-1)).toBe('Dry run: nothing was exported or destroyed.');
  });
});

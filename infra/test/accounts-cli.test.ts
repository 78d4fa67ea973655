// `pnpm accounts sync`: where it finds the stack's table and user pool, and the event setting it reads.
import { describe, expect, it } from '@jest/globals';
import { deployedTarget } from '../bin/accounts';
import { EventSettingsSchema, loadEventSettings } from '../src/settings';

describe('pnpm accounts sync', () => {
  it('uses the table and user pool given by hand without asking CloudFormation', () => {
    expect(deployedTarget('jakarta-summit-2027', 'prod', { table: 'Liaison-t', userPool: 'ap-southeast-3_abc' })).toEqual({ tableName: 'Liaison-t', userPoolId: 'ap-southeast-3_abc', env: {} });
  });

  it('gives guests no accounts unless the event settings say guestAccounts', () => {
    expect(loadEventSettings('jakarta-summit-2027').guestAccounts).toBe(false);
    const base = { name: 'E', timeZone: 'UTC', languages: ['en'], smsSenderId: 'E', emailFrom: 'a@b.example', alarmEmail: 'a@b.example' };
    expect(EventSettingsSchema.parse({ ...base, guestAccounts: true }).guestAccounts).toBe(true);
    const bad = EventSettingsSchema.safeParse({ ...base, guestAccounts: 'yes' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['guestAccounts']);
  });
});

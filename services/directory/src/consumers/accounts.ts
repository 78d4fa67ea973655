// Consumer of the directory's own person events: no sign-in account outlives its person. A deleted
// person's account is signed out and disabled; a changed role moves it to the new group (and signs it
// out) or, for a role that may not sign in, disables it. No account: nothing to do.
import { loadConfig } from '@liaison/kit/config';
import { consumer } from '@liaison/kit/events/consumer';
import { log } from '@liaison/kit/log';
import { followRole, retireAccount } from '../accounts/accounts';
import { accountPool, guestAccounts } from '../accounts/deps';
import { ACCOUNT_CHANGES } from './specs';

// Its table is only for its dedupe claims (it reads no directory item: the events carry the person).
const { tableName } = loadConfig(['tableName']);

export const handler = consumer({
  service: 'directory',
  spec: ACCOUNT_CHANGES,
  tableName,
  handlers: {
    'person.updated': async (event) => {
      if (!event.data.changed.includes('role')) return;
      const { after } = event.data;
      const outcome = await followRole(accountPool, after, guestAccounts);
      if (outcome !== 'none') log.info('account follows role', { personId: after.id, role: after.role, outcome });
    },
    'person.deleted': async (event) => {
      const outcome = await retireAccount(accountPool, event.data.person.id);
      if (outcome !== 'none') log.info('account of deleted person', { personId: event.data.person.id, outcome });
    },
  },
});

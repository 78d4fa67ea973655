// Consumer of the directory's own person events: no sign-in account outlives its person or keeps an
// email its person no longer has. A deleted person's account is signed out and disabled; a changed role
// moves it to the new group (and signs it out) or, for a role that may not sign in, disables it; a changed
// email becomes the account's sign-in email (a removed one disables it: accounts/accounts.ts, followEmail).
// No account: nothing to do. Each event is handled once per event id (the kit's consumer claims it), and
// every step is also harmless when repeated, so a replay under a new id changes nothing either.
import { loadConfig } from '@liaison/kit/config';
import { DIRECTORY_EVENTS } from '@liaison/contracts/directory-events';
import { consumer } from '@liaison/kit/events/consumer';
import { log } from '@liaison/kit/log';
import { followEmail, followRole, retireAccount } from '../accounts/accounts';
import { accountPool, guestAccounts } from '../accounts/deps';
import { ACCOUNT_CHANGES } from './specs';

// Its table is only for its dedupe claims (it reads no directory item: the events carry the person,
// `after` and the `changed` field list).
const { tableName } = loadConfig(['tableName']);

export const handler = consumer({
  service: 'directory',
  spec: ACCOUNT_CHANGES,
  contracts: DIRECTORY_EVENTS,
  tableName,
  handlers: {
    'person.updated': async (event) => {
      const { after, changed } = event.data;
      if (changed.includes('role')) {
        const outcome = await followRole(accountPool, after, guestAccounts);
        if (outcome !== 'none') log.info('account follows role', { personId: after.id, role: after.role, outcome });
      }
      if (changed.includes('email')) {
        // Never the address itself in a log line: the person id and what happened.
        const outcome = await followEmail(accountPool, after);
        if (outcome === 'email_in_use') {
          // Retrying cannot help (the other account keeps the address): the event is done, the account
          // keeps its old email, and this line, the account route (409) and `pnpm accounts sync`
          // (skipped, email_in_use) say so until someone frees the address.
          log.error('account email not changed: another account signs in with the new email', { personId: after.id, eventId: event.id, reason: 'email_in_use' });
        } else if (outcome !== 'none') {
          log.info('account follows email', { personId: after.id, outcome });
        }
      }
    },
    'person.deleted': async (event) => {
      const outcome = await retireAccount(accountPool, event.data.person.id);
      if (outcome !== 'none') log.info('account of deleted person', { personId: event.data.person.id, outcome });
    },
  },
});

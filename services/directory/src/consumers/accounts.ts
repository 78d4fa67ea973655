// Consumer of the directory's own person events: no sign-in account outlives its person or keeps an
// email its person no longer has. A deleted person's account is signed out and disabled; a changed role
// moves it to the new group (and signs it out) or, for a role that may not sign in, disables it; a changed
// email becomes the account's sign-in email (a removed one disables it: accounts/accounts.ts, followEmail).
// No account: nothing to do. Each event is handled once per event id (the kit's consumer claims it), and
// every step is also harmless when repeated, so a replay under a new id changes nothing either.
//
// Events arrive out of order (a standard queue; a failed delivery is retried after later ones), so a
// person.updated acts on the person as the directory holds them now, read consistently, not on the
// event's `after`: a late role change cannot enable the account of a person deleted since, and a late
// email change cannot put back an address a newer change replaced.
import { DIRECTORY_EVENTS } from '@liaison/contracts/directory-events';
import { getPerson } from '@liaison/directory-read';
import { loadConfig } from '@liaison/kit/config';
import { consumer } from '@liaison/kit/events/consumer';
import { log } from '@liaison/kit/log';
import { followEmail, followRole, retireAccount } from '../accounts/accounts';
import { accountPool, guestAccounts } from '../accounts/deps';
import { ACCOUNT_CHANGES } from './specs';

// Its table: its dedupe claims, and a consistent read of the person an update event names.
const { tableName } = loadConfig(['tableName']);

export const handler = consumer({
  service: 'directory',
  spec: ACCOUNT_CHANGES,
  contracts: DIRECTORY_EVENTS,
  tableName,
  handlers: {
    'person.updated': async (event) => {
      const { changed } = event.data;
      if (!changed.includes('role') && !changed.includes('email')) return;
      const after = await getPerson(tableName, event.data.after.id, { consistent: true });
      if (!after) {
        // Deleted since: whatever this change was, the account goes (as person.deleted does, harmless twice).
        const outcome = await retireAccount(accountPool, event.data.after.id);
        if (outcome !== 'none') log.info('account of deleted person', { personId: event.data.after.id, outcome });
        return;
      }
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

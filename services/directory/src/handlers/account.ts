// POST /people/{personId}/account: the person's sign-in account, made or found (accounts/accounts.ts).
import { NotFoundError } from '@liaison/kit/errors';
import type { RouteHandler } from '@liaison/kit/http/service';
import { getPerson } from '@liaison/directory-read';
import { ensureAccount } from '../accounts/accounts';
import { accountPool, guestAccounts } from '../accounts/deps';
import type { DirectoryRoutes } from '../routes';
import { table } from './deps';

export const createAccountHandler: RouteHandler<DirectoryRoutes['createAccount']> = async (req) => {
  const { personId } = req.params;
  // Read through directory-read, not the store: this route writes no person, so it does not load the write path.
  const person = await getPerson(table, personId, { consistent: true });
  if (!person) throw new NotFoundError('person', personId);
  const { created, account } = await ensureAccount(accountPool, person, guestAccounts);
  return created ? { status: 201, body: account, location: `/people/${personId}/account` } : { status: 200, body: account };
};

// POST /people/{personId}/account: the person's sign-in account, made or found (accounts/accounts.ts).
import { NotFoundError } from '@liaison/kit/errors';
import type { RouteHandler } from '@liaison/kit/http/service';
import { ensureAccount } from '../accounts/accounts';
import { accountPool, guestAccounts } from '../accounts/deps';
import type { DirectoryRoutes } from '../routes';
import { findPerson } from '../store/people';
import { table } from './deps';

export const createAccountHandler: RouteHandler<DirectoryRoutes['createAccount']> = async (req) => {
  const { personId } = req.params;
  const person = await findPerson(table, personId, true);
  if (!person) throw new NotFoundError('person', personId);
  const { created, account } = await ensureAccount(accountPool, person, guestAccounts);
  return created ? { status: 201, body: account, location: `/people/${personId}/account` } : { status: 200, body: account };
};

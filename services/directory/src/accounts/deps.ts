// The account functions' settings, read once at cold start: the user pool and whether guests get accounts.
import { ENV, loadConfig } from '@liaison/kit/config';
import { AccountPool } from './pool';

const config = loadConfig(['userPoolId', 'guestAccounts']);

export const guestAccounts = config.guestAccounts === '1';

if (config.guestAccounts !== '1' && config.guestAccounts !== '0') throw new Error(`${ENV.guestAccounts} must be 1 or 0, not ${config.guestAccounts}`);

/** The stack's user pool, with the process's one Cognito client. */
export const accountPool = new AccountPool(config.userPoolId);

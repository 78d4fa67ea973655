// The queues the directory consumes (its own person events), declared once: the service definition deploys
// their filter policies and the consumer modules build their handlers from the same objects.
import { consumerSpec } from '@liaison/kit/service';

/** A deleted person's account is disabled and signed out; a changed role moves or disables it; a changed email becomes its sign-in email. */
export const ACCOUNT_CHANGES = consumerSpec({ name: 'accounts', eventTypes: ['person.updated', 'person.deleted'], batchSize: 10, timeoutSeconds: 60 });

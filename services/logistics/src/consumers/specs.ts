// The queues logistics consumes, declared once: the service definition deploys them (their filter
// policies) and the consumer modules build their handlers from the same objects.
import { consumerSpec } from '@liaison/kit/service';

/** Directory changes to people: arrivals and departures move soft clashes; a deleted person leaves every plan. */
export const PERSON_CHANGES = consumerSpec({ name: 'person-changes', eventTypes: ['person.created', 'person.updated', 'person.deleted'], batchSize: 10, timeoutSeconds: 60 });
